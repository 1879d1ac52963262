/// A set of strings matched against the normalized text by longest or all matches at a
/// position, each entry with a payload (its index in `entries`).
///
/// Entries are folded like the text (NFKC, Simplified), so a lexicon written in Simplified
/// matches Traditional input. The root level is a bit map over UTF-16 units, so the common
/// case — no entry starts here — costs one read of a small table; a filter of the first two
/// units answers most of the rest without touching the (large, cache-missing) edge table.
public struct Lexicon: Sendable {
    public let name: String
    /// Entries as written in the rule file, folded for matching.
    public let entries: [String]
    private let root: RootTable               // unit → node id (0 = none) and entry
    private let pairs: PairFilter             // first two units of the entries
    private let edges: EdgeTable              // (node << 16 | unit) → node id and entry

    public init(name: String, entries: [String]) {
        self.name = name
        var rootNodes = [UInt16: (node: Int32, entry: Int32)]()
        rootNodes.reserveCapacity(entries.count)
        var edges = EdgeTable(capacity: entries.reduce(0) { $0 + $1.utf8.count / 3 })  // ~ units after the first (CJK)
        var pairs: [(UInt16, UInt16)] = []
        var nodeCount: Int32 = 0
        var folded: [String] = []
        folded.reserveCapacity(entries.count)
        for entry in entries {
            guard let (string, units) = Self.fold(entry) else { continue }
            folded.append(string)
            let index = Int32(folded.count - 1)
            var node: Int32
            if let first = rootNodes[units[0]] {
                node = first.node
            } else {
                nodeCount += 1
                node = nodeCount
                rootNodes[units[0]] = (node, -1)
            }
            if units.count == 1 {
                if rootNodes[units[0]]!.entry < 0 { rootNodes[units[0]]!.entry = index }
                continue
            }
            pairs.append((units[0], units[1]))
            for (k, u) in units.enumerated().dropFirst() {
                let key = EdgeTable.key(node, u)
                let isLast = k == units.count - 1
                if let next = edges[key] {
                    node = next.node
                    if isLast && next.entry < 0 { edges.setEntry(key, index) }
                } else {
                    nodeCount += 1
                    node = nodeCount
                    edges.insert(key, node: node, entry: isLast ? index : -1)
                }
            }
        }
        root = RootTable(rootNodes)
        self.pairs = PairFilter(pairs)
        self.edges = edges
        self.entries = folded
    }

    /// An entry folded like the text (as `entries` keeps it) and its units, or nil when it folds to nothing.
    static func fold(_ entry: String) -> (string: String, units: [UInt16])? {
        let (units, unchanged) = NormalizedText.foldedUnits(entry)
        guard !units.isEmpty else { return nil }
        return (unchanged ? entry : String(decoding: units, as: UTF16.self), units)
    }

    /// Parses a block of entries separated by spaces or line breaks (`#` starts a comment).
    public init(name: String, block: String) {
        self.init(name: name, entries: RuleFile.words(in: block))
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Whether an entry starts with this unit (a cheap pre-check).
    @inline(__always)
    public func canStart(_ unit: UInt16) -> Bool { root.contains(unit) }

    /// The first position from `start` whose unit can start an entry (`units.count` if none):
    /// a tight loop for scans where such positions are rare.
    public func nextStart(in units: [UInt16], from start: Int, limit: Int? = nil) -> Int {
        root.next(in: units, from: start, limit: limit ?? units.count)
    }

    /// Whether some entry occurs inside `range`.
    public func occurs(in units: [UInt16], _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while true {
            i = nextStart(in: units, from: i, limit: range.upperBound)
            guard i < range.upperBound else { return false }
            if longestMatch(in: units, at: i, limit: range.upperBound) != nil { return true }
            i += 1
        }
    }

    /// The units entries start with (to merge the pre-checks of several lexicons into one ``UnitSet``).
    public var startUnits: [UInt16] { root.units }

    /// Walks the trie from `start` in the direction of `step` (+1 or -1), calling `body` with the
    /// position after (before, backwards) each entry matched and its index, shortest first;
    /// stops when `body` returns false. `bound` is exclusive forwards, inclusive backwards.
    @inline(__always)
    private func walk(_ units: [UInt16], from start: Int, step: Int, bound: Int, _ body: (_ next: Int, _ entry: Int) -> Bool) {
        let first = root[units[start]]
        guard first.node != 0 else { return }
        if first.entry >= 0, !body(start + step, Int(first.entry)) { return }
        var i = start + step
        guard step > 0 ? i < bound : i >= bound, pairs.contains(units[start], units[i]) else { return }
        var node = first.node
        while true {
            guard let next = edges[EdgeTable.key(node, units[i])] else { return }
            i += step
            if next.entry >= 0, !body(i, Int(next.entry)) { return }
            guard step > 0 ? i < bound : i >= bound else { return }
            node = next.node
        }
    }

    /// Ends (exclusive) and entry indexes of every entry that matches at `start`, shortest first.
    public func matches(in units: [UInt16], at start: Int, limit: Int? = nil) -> [(end: Int, entry: Int)] {
        var out: [(end: Int, entry: Int)] = []
        forEachMatch(in: units, at: start, limit: limit) { out.append(($0, $1)) }
        return out
    }

    /// ``matches(in:at:limit:)`` into a buffer the caller keeps between calls: no allocation
    /// per position in a scan.
    public func matches(in units: [UInt16], at start: Int, limit: Int? = nil, into out: inout [(end: Int, entry: Int)]) {
        out.removeAll(keepingCapacity: true)
        forEachMatch(in: units, at: start, limit: limit) { out.append(($0, $1)) }
    }

    /// Calls `body` with the end and entry index of every entry matching at `start`, shortest
    /// first, without allocating (for scans that test many positions).
    @inline(__always)
    public func forEachMatch(in units: [UInt16], at start: Int, limit: Int? = nil, _ body: (_ end: Int, _ entry: Int) -> Void) {
        let end = limit ?? units.count
        guard start < end else { return }
        walk(units, from: start, step: 1, bound: end) { body($0, $1); return true }
    }

    /// The longest entry matching at `start`: its end (exclusive) and entry index.
    @inline(__always)
    public func longestMatch(in units: [UInt16], at start: Int, limit: Int? = nil) -> (end: Int, entry: Int)? {
        let end = limit ?? units.count
        guard start < end else { return nil }
        var best: (Int, Int)?
        walk(units, from: start, step: 1, bound: end) { best = ($0, $1); return true }
        return best
    }

    /// For a lexicon built from reversed entries (`Lexicon(name:entries: words.map { String($0.reversed()) })`):
    /// the longest entry that ends at `end` (exclusive), read backwards, not going below
    /// `lowerBound`; returns where it starts in the text. No allocation.
    public func longestMatch(backwardFrom end: Int, in units: [UInt16], lowerBound: Int = 0) -> (start: Int, entry: Int)? {
        guard end - 1 >= lowerBound, end <= units.count else { return nil }
        var best: (Int, Int)?
        walk(units, from: end - 1, step: -1, bound: lowerBound) { best = ($0 + 1, $1); return true }
        return best
    }

    /// Whether the whole of `units[range]` is an entry.
    public func contains(_ units: [UInt16], _ range: Range<Int>) -> Bool { entry(units, range) != nil }

    /// The index of the entry that is the whole of `units[range]` (the first, when an entry is
    /// listed twice), or nil.
    public func entry(_ units: [UInt16], _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.upperBound <= units.count else { return nil }
        var found: Int?
        walk(units, from: range.lowerBound, step: 1, bound: range.upperBound) { end, entry in
            if end == range.upperBound { found = entry }
            return found == nil
        }
        return found
    }

    public func contains(_ s: String) -> Bool {
        let u = NormalizedText(s).units
        return !u.isEmpty && contains(u, 0..<u.count)
    }
}

/// The trie's first level: which units start an entry (a 65,536-bit map, 8 KB) and their nodes,
/// found by counting the set bits before a unit. A direct 65,536-entry table per lexicon cost
/// 256 KB each: slow to build at start-up, and many of them crowd the caches while scanning.
struct RootTable: Sendable {
    /// The units that start an entry.
    let starts: UnitSet
    /// Set bits in the words before each word of `starts`.
    private var rank = [Int32](repeating: 0, count: 1024)
    /// Node ids and entries (of one-unit entries, else -1) in unit order, side by side: one cache line.
    private var nodes: [(node: Int32, entry: Int32)] = []

    init(_ map: [UInt16: (node: Int32, entry: Int32)]) {
        starts = UnitSet(units: map.keys)
        var count: Int32 = 0
        for w in 0..<1024 {
            rank[w] = count
            count += Int32(starts.bits[w].nonzeroBitCount)
        }
        // each node at its unit's rank (no sort)
        var nodes = [(node: Int32, entry: Int32)](repeating: (0, -1), count: Int(count))
        for (unit, value) in map { nodes[Self.index(unit, starts.bits, rank)] = value }
        self.nodes = nodes
    }

    /// Where `unit` (a member) sits in `nodes`: the set bits before it.
    @inline(__always)
    private static func index(_ unit: UInt16, _ bits: [UInt64], _ rank: [Int32]) -> Int {
        let bit: UInt64 = 1 << UInt64(unit & 63)
        return Int(rank[Int(unit >> 6)]) + (bits[Int(unit >> 6)] & (bit &- 1)).nonzeroBitCount
    }

    @inline(__always)
    func contains(_ unit: UInt16) -> Bool { starts.contains(unit) }

    func next(in units: [UInt16], from start: Int, limit: Int) -> Int { starts.next(in: units, from: start, limit: limit) }

    /// The units in the map.
    var units: [UInt16] {
        var out: [UInt16] = []
        for (w, word) in starts.bits.enumerated() where word != 0 {
            for b in 0..<64 where word & (1 << UInt64(b)) != 0 { out.append(UInt16(w * 64 + b)) }
        }
        return out
    }

    /// The node of `unit` (0 when no entry starts with it) and the entry that is `unit` alone (or -1).
    @inline(__always)
    subscript(unit: UInt16) -> (node: Int32, entry: Int32) {
        let word = starts.bits[Int(unit >> 6)]
        let bit: UInt64 = 1 << UInt64(unit & 63)
        guard word & bit != 0 else { return (0, -1) }
        return nodes[Int(rank[Int(unit >> 6)]) + (word & (bit &- 1)).nonzeroBitCount]
    }
}

/// A bit map of the first two units of the entries (hashed, so it may say yes wrongly, never
/// no): most text positions whose first unit starts an entry go no further than this small
/// table, where the edge table would be a cache miss.
struct PairFilter: Sendable {
    private var bits: [UInt64]
    private let shift: UInt32

    init(_ pairs: [(UInt16, UInt16)]) {
        // ~16 bits per pair: few false yeses; at most 2^17 bits (16 KB)
        var log2 = 6
        while log2 < 17 && (1 << log2) < pairs.count * 16 { log2 += 1 }
        bits = [UInt64](repeating: 0, count: (1 << log2) / 64)
        shift = UInt32(32 - log2)
        for (a, b) in pairs {
            let h = Self.hash(a, b, shift)
            bits[h >> 6] |= 1 << UInt64(h & 63)
        }
    }

    @inline(__always)
    private static func hash(_ a: UInt16, _ b: UInt16, _ shift: UInt32) -> Int {
        Int(((UInt32(a) << 16 | UInt32(b)) &* 0x9E37_79B1) >> shift)
    }

    @inline(__always)
    func contains(_ a: UInt16, _ b: UInt16) -> Bool {
        let h = Self.hash(a, b, shift)
        return bits[h >> 6] & (1 << UInt64(h & 63)) != 0
    }
}

/// The trie's edges: an open-addressing hash table from (node << 16 | unit) to the next node
/// and the entry ending there, in one 16-byte slot (one cache miss per step), with a
/// multiplicative hash (Swift's Dictionary hashes with SipHash, which dominated scans).
struct EdgeTable: Sendable {
    struct Slot {
        var key: UInt64
        var node: Int32
        var entry: Int32
    }

    private var slots: [Slot]
    private var count = 0
    private var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Slot](repeating: Slot(key: .max, node: 0, entry: -1), count: size)
        mask = size - 1
    }

    @inline(__always)
    static func key(_ node: Int32, _ unit: UInt16) -> UInt64 { UInt64(node) << 16 | UInt64(unit) }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    @inline(__always)
    subscript(key: UInt64) -> (node: Int32, entry: Int32)? {
        var i = Self.slot(key, mask)
        while true {
            let s = slots[i]
            if s.key == key { return (s.node, s.entry) }
            if s.key == .max { return nil }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ key: UInt64, node: Int32, entry: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        var i = Self.slot(key, mask)
        while slots[i].key != .max && slots[i].key != key { i = (i + 1) & mask }
        if slots[i].key == .max { count += 1 }
        slots[i] = Slot(key: key, node: node, entry: entry)
    }

    /// Sets the entry ending at the node `key` leads to (the key must be present).
    mutating func setEntry(_ key: UInt64, _ entry: Int32) {
        var i = Self.slot(key, mask)
        while slots[i].key != key { i = (i + 1) & mask }
        slots[i].entry = entry
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(key: .max, node: 0, entry: -1), count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for s in old where s.key != .max { insert(s.key, node: s.node, entry: s.entry) }
    }
}
