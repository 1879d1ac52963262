/// A set of strings matched against the normalized text by longest or all matches at a
/// position, each entry with a payload (its index in `entries`).
///
/// Entries are folded like the text (NFKC, Simplified), so a lexicon written in Simplified
/// matches Traditional input. Two bit maps over UTF-16 units (units that start an entry, units
/// that are an entry alone) and a filter of the entries' first two units answer most positions
/// before the (large, cache-missing) edge table, which holds the whole trie: the root is node 0.
public struct Lexicon: Sendable {
    public let name: String
    /// Entries as written in the rule file, folded for matching.
    public let entries: [String]
    private let starts: UnitSet               // first units of the entries
    private let singles: UnitSet              // one-unit entries
    private let pairs: PairFilter             // first two units of the entries
    /// The same pairs as `a << 16 | b`, to merge several lexicons' filters into one ``StartFilter``.
    private let firstPairs: [UInt32]
    private let edges: EdgeTable              // (node << 16 | unit) → node id and entry

    public init(name: String, entries: [String]) {
        var unused: [Int32]?
        self.init(name: name, entries: entries, firstEqual: &unused)
    }

    /// `firstEqual`, unless nil, gets for each entry the index of the first entry equal to it
    /// once folded (the one lookups return), found while building the trie.
    init(name: String, entries: [String], firstEqual: inout [Int32]?) {
        self.name = name
        var edges = EdgeTable(capacity: entries.reduce(0) { $0 + $1.utf8.count / 3 })  // ~ units (CJK)
        var pairs: [(UInt16, UInt16)] = []
        var firsts: [UInt16] = []
        var singles: [UInt16] = []
        var nodeCount: Int32 = 0
        var folded: [String] = []
        folded.reserveCapacity(entries.count)
        firsts.reserveCapacity(entries.count)
        pairs.reserveCapacity(entries.count)
        var units: [UInt16] = []
        for entry in entries {
            guard let string = Self.fold(entry, into: &units) else { continue }
            folded.append(string)
            let index = Int32(folded.count - 1)
            firsts.append(units[0])
            if units.count == 1 { singles.append(units[0]) } else { pairs.append((units[0], units[1])) }
            var node: Int32 = 0
            for k in units.indices {
                let key = EdgeTable.key(node, units[k])
                let isLast = k == units.count - 1
                if let next = edges[key] {
                    node = next.node
                    if isLast && next.entry < 0 { edges.setEntry(key, index) }
                    if isLast { firstEqual?.append(next.entry < 0 ? index : next.entry) }
                } else {
                    nodeCount += 1
                    node = nodeCount
                    edges.insert(key, node: node, entry: isLast ? index : -1)
                    if isLast { firstEqual?.append(index) }
                }
            }
        }
        starts = UnitSet(units: firsts)
        self.singles = UnitSet(units: singles)
        self.pairs = PairFilter(pairs)
        firstPairs = pairs.map { UInt32($0.0) << 16 | UInt32($0.1) }
        self.edges = edges
        self.entries = folded
    }

    /// An entry folded like the text (as `entries` keeps it) and its units, or nil when it folds to nothing.
    static func fold(_ entry: String) -> (string: String, units: [UInt16])? {
        var units: [UInt16] = []
        return fold(entry, into: &units).map { ($0, units) }
    }

    /// ``fold(_:)`` with the units written to `units` (cleared first: a buffer kept across entries).
    static func fold(_ entry: String, into units: inout [UInt16]) -> String? {
        units.removeAll(keepingCapacity: true)
        let unchanged = NormalizedText.fold(entry, into: &units)
        guard !units.isEmpty else { return nil }
        return unchanged ? entry : String(decoding: units, as: UTF16.self)
    }

    /// Parses a block of entries separated by spaces or line breaks (`#` starts a comment).
    public init(name: String, block: String) {
        self.init(name: name, entries: RuleFile.words(in: block))
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Whether an entry starts with this unit (a cheap pre-check).
    @inline(__always)
    public func canStart(_ unit: UInt16) -> Bool { starts.contains(unit) }

    /// The first position from `start` whose unit can start an entry (`units.count` if none):
    /// a tight loop for scans where such positions are rare.
    public func nextStart(in units: [UInt16], from start: Int, limit: Int? = nil) -> Int {
        starts.next(in: units, from: start, limit: limit ?? units.count)
    }

    /// Whether some entry occurs inside `range`.
    public func occurs(in units: [UInt16], _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while true {
            i = nextStart(in: units, from: i, limit: range.upperBound)
            guard i < range.upperBound else { return false }
            if var c = cursor(units, at: i, step: 1, bound: range.upperBound), advance(units, &c) != nil { return true }
            i += 1
        }
    }

    /// Whether an entry may match at `start`: false when no entry is its unit alone and the
    /// pair filter rejects it and the next. A pre-check for dense scans, cheaper than a call
    /// that finds nothing.
    @inline(__always)
    public func mayMatch(in units: [UInt16], at start: Int, limit: Int? = nil) -> Bool {
        singles.contains(units[start])
            || (start + 1 < (limit ?? units.count) && pairs.contains(units[start], units[start + 1]))
    }

    /// Where this lexicon may match (``mayMatch(in:at:limit:)``), for scans that skip to such
    /// positions: fewer stops than ``nextStart(in:from:limit:)`` when common characters start
    /// entries.
    public var startFilter: StartFilter { StartFilter(firsts: starts, singles: singles, pairs: pairs) }

    /// The units entries start with (to merge the pre-checks of several lexicons into one ``UnitSet``).
    public var startUnits: [UInt16] { starts.members }

    /// The units that are an entry alone, and the first two units of the longer entries (to
    /// merge the ``mayMatch(in:at:limit:)`` of several lexicons into one ``StartFilter``).
    var firstUnits: (singles: [UInt16], pairs: [(UInt16, UInt16)]) {
        (singles.members, firstPairs.map { (UInt16($0 >> 16), UInt16($0 & 0xFFFF)) })
    }

    /// A walk down the trie from `start` in the direction of `step` (+1 or -1) not past `bound`
    /// (exclusive forwards, inclusive backwards), or nil when the bit maps and the pair filter say
    /// no entry matches there (most positions end here, inlined; the steps in the edge table are
    /// not, and take no closure: a closure passed down has the callers' captures copied into
    /// specialized clones).
    @inline(__always)
    private func cursor(_ units: [UInt16], at start: Int, step: Int, bound: Int) -> Cursor? {
        let u0 = units[start]
        guard starts.contains(u0) else { return nil }
        let second = start + step
        let paired = (step > 0 ? second < bound : second >= bound) && pairs.contains(u0, units[second])
        guard paired || singles.contains(u0) else { return nil }
        // without the pair, only the entry that is the first unit alone can match
        return Cursor(position: start, step: step, bound: paired ? bound : (step > 0 ? second : start))
    }

    /// Where a walk is: the node reached (-1 at the end) and the position of the next unit to read.
    private struct Cursor {
        var node: Int32 = 0
        var position: Int
        let step: Int
        let bound: Int
        init(position: Int, step: Int, bound: Int) {
            self.position = position
            self.step = step
            self.bound = bound
        }
    }

    /// Steps down the trie to the next entry: the position after (before, backwards) it and its
    /// index, or nil at the end of the walk. Shortest first.
    @inline(never)
    private func advance(_ units: [UInt16], _ c: inout Cursor) -> (Int, Int)? { step(units, &c) }

    /// The last (longest) entry of the walk.
    @inline(never)
    private func last(_ units: [UInt16], _ cursor: Cursor) -> (Int, Int)? {
        var c = cursor
        var best: (Int, Int)?
        while let m = step(units, &c) { best = m }
        return best
    }

    @inline(__always)
    private func step(_ units: [UInt16], _ c: inout Cursor) -> (Int, Int)? {
        while c.node >= 0, c.step > 0 ? c.position < c.bound : c.position >= c.bound {
            guard let next = edges[EdgeTable.key(c.node, units[c.position])] else { break }
            c.position += c.step
            c.node = next.node
            if next.entry >= 0 { return (c.position, Int(next.entry)) }
        }
        c.node = -1
        return nil
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
        guard start < end, var c = cursor(units, at: start, step: 1, bound: end) else { return }
        while let (next, entry) = advance(units, &c) { body(next, entry) }
    }

    /// The longest entry matching at `start`: its end (exclusive) and entry index.
    @inline(__always)
    public func longestMatch(in units: [UInt16], at start: Int, limit: Int? = nil) -> (end: Int, entry: Int)? {
        let end = limit ?? units.count
        guard start < end, let c = cursor(units, at: start, step: 1, bound: end) else { return nil }
        return last(units, c)
    }

    /// For a lexicon built from reversed entries (`Lexicon(name:entries: words.map { String($0.reversed()) })`):
    /// the longest entry that ends at `end` (exclusive), read backwards, not going below
    /// `lowerBound`; returns where it starts in the text. No allocation.
    public func longestMatch(backwardFrom end: Int, in units: [UInt16], lowerBound: Int = 0) -> (start: Int, entry: Int)? {
        guard end - 1 >= lowerBound, end <= units.count,
              let c = cursor(units, at: end - 1, step: -1, bound: lowerBound), let m = last(units, c) else { return nil }
        return (m.0 + 1, m.1)
    }

    /// Whether the whole of `units[range]` is an entry.
    public func contains(_ units: [UInt16], _ range: Range<Int>) -> Bool { entry(units, range) != nil }

    /// The index of the entry that is the whole of `units[range]` (the first, when an entry is
    /// listed twice), or nil.
    public func entry(_ units: [UInt16], _ range: Range<Int>) -> Int? {
        // the walk stops at the range's end, so the longest match is the one if any
        guard !range.isEmpty, range.upperBound <= units.count,
              let c = cursor(units, at: range.lowerBound, step: 1, bound: range.upperBound),
              let m = last(units, c), m.0 == range.upperBound else { return nil }
        return m.1
    }

    public func contains(_ s: String) -> Bool {
        let u = NormalizedText(s).units
        return !u.isEmpty && contains(u, 0..<u.count)
    }
}

/// Where any of several lexicons may match (the union of their ``Lexicon/mayMatch(in:at:limit:)``)
/// or one of some other units stands: one test per position for a scan that tries several
/// lexicons at each position, where the first units alone say yes almost everywhere (the place
/// names start with most characters of the text).
public struct StartFilter: Sendable {
    /// First units of the entries, and the other units.
    private let firsts: UnitSet
    /// One-unit entries and the other units.
    private let singles: UnitSet
    private let pairs: PairFilter

    public init(_ lexicons: [Lexicon], units: [UInt16] = []) {
        var singles = units
        var pairs: [(UInt16, UInt16)] = []
        for lexicon in lexicons {
            let first = lexicon.firstUnits
            singles += first.singles
            pairs += first.pairs
        }
        firsts = UnitSet(units: units + lexicons.flatMap(\.startUnits))
        self.singles = UnitSet(units: singles)
        self.pairs = PairFilter(pairs)
    }

    /// One lexicon's filter (its own tables, nothing rebuilt).
    fileprivate init(firsts: UnitSet, singles: UnitSet, pairs: PairFilter) {
        self.firsts = firsts
        self.singles = singles
        self.pairs = pairs
    }

    /// The units of ``firsts``, to merge filters.
    fileprivate var firstUnits: [UInt16] { firsts.members }

    /// Whether one of the lexicons may match at `i`, or `text[i]` is one of the units.
    @inline(__always)
    public func contains(_ text: [UInt16], at i: Int) -> Bool {
        singles.contains(text[i]) || (i + 1 < text.count && pairs.contains(text[i], text[i + 1]))
    }

    /// The first position from `start` that the filter ``contains(_:at:)``, or `limit` (`text.count`)
    /// if none is before it.
    public func next(in text: [UInt16], from start: Int, limit: Int? = nil) -> Int {
        let end = min(limit ?? text.count, text.count)
        // over buffer pointers: this loop runs at every unit of the text
        return text.withUnsafeBufferPointer { t in
            withTables { tables in
                var i = max(start, 0)
                while i < end, !tables.holds(t, at: i) { i += 1 }
                return i
            }
        }
    }

    /// The filter's bit maps lent as buffers, for scan loops.
    struct Tables {
        let firsts: UnsafeBufferPointer<UInt64>
        let singles: UnsafeBufferPointer<UInt64>
        let pairs: UnsafeBufferPointer<UInt64>
        let shift: UInt32

        /// ``StartFilter/contains(_:at:)``, after a test of the first unit.
        @inline(__always)
        func holds(_ t: UnsafeBufferPointer<UInt16>, at i: Int) -> Bool {
            let a = t[i]
            let word = Int(a >> 6), bit: UInt64 = 1 << UInt64(a & 63)
            guard firsts[word] & bit != 0 else { return false }
            return singles[word] & bit != 0 || (i + 1 < t.count && PairFilter.contains(pairs, shift, a, t[i + 1]))
        }
    }

    @inline(__always)
    func withTables<R>(_ body: (Tables) -> R) -> R {
        firsts.bits.withUnsafeBufferPointer { f in
            singles.bits.withUnsafeBufferPointer { s in
                pairs.withBits { p, shift in body(Tables(firsts: f, singles: s, pairs: p, shift: shift)) }
            }
        }
    }
}

/// Two ``StartFilter``s scanned in one pass: per unit one bit test on the union of their first
/// units, their own tests only where it holds. A phase that scans the text for two groups of
/// lexicons reads it once and gets each group's positions.
public struct StartFilters: Sendable {
    private let first: StartFilter
    private let second: StartFilter
    private let union: UnitSet

    public init(_ first: StartFilter, _ second: StartFilter) {
        self.first = first
        self.second = second
        union = UnitSet(units: first.firstUnits + second.firstUnits)
    }

    /// The positions of `text` where each filter ``StartFilter/contains(_:at:)``.
    public func positions(in text: [UInt16]) -> (StartPositions, StartPositions) {
        let n = text.count
        var second: [Int32] = []
        // written through buffers of the text's length: no capacity check per position
        let first = [Int32](unsafeUninitializedCapacity: n) { firstOut, firstCount in
            second = [Int32](unsafeUninitializedCapacity: n) { secondOut, secondCount in
                text.withUnsafeBufferPointer { t in
                    union.bits.withUnsafeBufferPointer { u in
                        self.first.withTables { a in
                            self.second.withTables { b in
                                for i in 0..<n {
                                    let c = t[i]
                                    guard u[Int(c >> 6)] & (1 << UInt64(c & 63)) != 0 else { continue }
                                    if a.holds(t, at: i) {
                                        firstOut[firstCount] = Int32(i)
                                        firstCount += 1
                                    }
                                    if b.holds(t, at: i) {
                                        secondOut[secondCount] = Int32(i)
                                        secondCount += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (StartPositions(positions: first), StartPositions(positions: second))
    }
}

/// The positions where a ``StartFilter`` holds, read along a scan whose position only grows.
public struct StartPositions: Sendable {
    private let positions: [Int32]
    private var k = 0

    init(positions: [Int32]) { self.positions = positions }

    /// The first position at or after `i`, or `end` if there is none.
    public mutating func next(from i: Int, end: Int) -> Int {
        while k < positions.count, Int(positions[k]) < i { k += 1 }
        return k < positions.count ? Int(positions[k]) : end
    }
}

/// A bit map of the first two units of the entries (hashed, so it may say yes wrongly, never
/// no): most text positions whose first unit starts an entry go no further than this small
/// table, where the edge table would be a cache miss.
struct PairFilter: Sendable {
    private(set) var bits: [UInt64]
    let shift: UInt32

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

    /// ``contains(_:_:)`` over the bits lent by ``withBits(_:)``, for tight loops.
    @inline(__always)
    static func contains(_ bits: UnsafeBufferPointer<UInt64>, _ shift: UInt32, _ a: UInt16, _ b: UInt16) -> Bool {
        let h = hash(a, b, shift)
        return bits[h >> 6] & (1 << UInt64(h & 63)) != 0
    }

    @inline(__always)
    func withBits<R>(_ body: (UnsafeBufferPointer<UInt64>, UInt32) -> R) -> R {
        bits.withUnsafeBufferPointer { body($0, shift) }
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
