/// A set of strings matched against the normalized text by longest or all matches at a
/// position, each entry with a payload (its index in `entries`).
///
/// Entries are folded like the text (NFKC, Simplified), so a lexicon written in Simplified
/// matches Traditional input. The root level is a direct table over UTF-16 units, so the
/// common case — no entry starts here — costs one array read.
public struct Lexicon: Sendable {
    public let name: String
    /// Entries as written in the rule file, folded for matching.
    public let entries: [String]
    private let root: RootTable              // unit → node id (0 = none)
    private var edges = EdgeTable()           // (node << 16 | unit) → node id
    private var terminal: [Int32] = [-1]     // node id → entry index or -1 (node 0 unused)

    public init(name: String, entries: [String]) {
        self.name = name
        var root = [Int32: Int32]()
        var folded: [String] = []
        folded.reserveCapacity(entries.count)
        for entry in entries {
            let units = NormalizedText.units(entry)
            guard !units.isEmpty else { continue }
            folded.append(String(decoding: units, as: UTF16.self))
            var node: Int32
            if let first = root[Int32(units[0])] {
                node = first
            } else {
                terminal.append(-1)
                node = Int32(terminal.count - 1)
                root[Int32(units[0])] = node
            }
            for u in units.dropFirst() {
                let key = UInt64(node) << 16 | UInt64(u)
                if let next = edges[key] {
                    node = next
                } else {
                    terminal.append(-1)
                    let id = Int32(terminal.count - 1)
                    edges.insert(key, id)
                    node = id
                }
            }
            if terminal[Int(node)] < 0 { terminal[Int(node)] = Int32(folded.count - 1) }
        }
        self.root = RootTable(root)
        self.entries = folded
    }

    /// Parses a block of entries separated by spaces or line breaks (`#` starts a comment).
    public init(name: String, block: String) {
        var words: [String] = []
        for line in block.split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            words.append(contentsOf: content.split(whereSeparator: \.isWhitespace).map(String.init))
        }
        self.init(name: name, entries: words)
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Whether an entry starts with this unit (a cheap pre-check).
    @inline(__always)
    public func canStart(_ unit: UInt16) -> Bool { root.contains(unit) }

    /// Ends (exclusive) and entry indexes of every entry that matches at `start`, shortest first.
    public func matches(in units: [UInt16], at start: Int, limit: Int? = nil) -> [(end: Int, entry: Int)] {
        let end = limit ?? units.count
        guard start < end else { return [] }
        var node = root[units[start]]
        guard node != 0 else { return [] }
        var out: [(Int, Int)] = []
        var i = start
        while true {
            if terminal[Int(node)] >= 0 { out.append((i + 1, Int(terminal[Int(node)]))) }
            i += 1
            guard i < end, let next = edges[UInt64(node) << 16 | UInt64(units[i])] else { break }
            node = next
        }
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
        var node = root[units[start]]
        guard node != 0 else { return }
        var i = start
        while true {
            if terminal[Int(node)] >= 0 { body(i + 1, Int(terminal[Int(node)])) }
            i += 1
            guard i < end, let next = edges[UInt64(node) << 16 | UInt64(units[i])] else { break }
            node = next
        }
    }

    /// The longest entry matching at `start`: its end (exclusive) and entry index.
    @inline(__always)
    public func longestMatch(in units: [UInt16], at start: Int, limit: Int? = nil) -> (end: Int, entry: Int)? {
        let end = limit ?? units.count
        guard start < end else { return nil }
        var node = root[units[start]]
        guard node != 0 else { return nil }
        var best: (Int, Int)?
        var i = start
        while true {
            if terminal[Int(node)] >= 0 { best = (i + 1, Int(terminal[Int(node)])) }
            i += 1
            guard i < end, let next = edges[UInt64(node) << 16 | UInt64(units[i])] else { break }
            node = next
        }
        return best
    }

    /// For a lexicon built from reversed entries (`Lexicon(name:entries: words.map { String($0.reversed()) })`):
    /// the longest entry that ends at `end` (exclusive), read backwards, not going below
    /// `lowerBound`; returns where it starts in the text. No allocation.
    public func longestMatch(backwardFrom end: Int, in units: [UInt16], lowerBound: Int = 0) -> (start: Int, entry: Int)? {
        guard end - 1 >= lowerBound, end <= units.count else { return nil }
        var node = root[units[end - 1]]
        guard node != 0 else { return nil }
        var best: (Int, Int)?
        var i = end - 1
        while true {
            if terminal[Int(node)] >= 0 { best = (i, Int(terminal[Int(node)])) }
            i -= 1
            guard i >= lowerBound, let next = edges[UInt64(node) << 16 | UInt64(units[i])] else { break }
            node = next
        }
        return best
    }

    /// Whether the whole of `units[range]` is an entry.
    public func contains(_ units: [UInt16], _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.upperBound <= units.count else { return false }
        var node = root[units[range.lowerBound]]
        guard node != 0 else { return false }
        for i in (range.lowerBound + 1)..<range.upperBound {
            guard let next = edges[UInt64(node) << 16 | UInt64(units[i])] else { return false }
            node = next
        }
        return terminal[Int(node)] >= 0
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
    private var bits = [UInt64](repeating: 0, count: 1024)
    /// Set bits in the words before each word of `bits`.
    private var rank = [Int32](repeating: 0, count: 1024)
    /// Node ids in unit order.
    private var nodes: [Int32] = []

    init(_ map: [Int32: Int32]) {
        for unit in map.keys { bits[Int(unit >> 6)] |= 1 << UInt64(unit & 63) }
        var count: Int32 = 0
        for w in 0..<1024 {
            rank[w] = count
            count += Int32(bits[w].nonzeroBitCount)
        }
        nodes = map.sorted { $0.key < $1.key }.map(\.value)
    }

    @inline(__always)
    func contains(_ unit: UInt16) -> Bool { bits[Int(unit >> 6)] & (1 << UInt64(unit & 63)) != 0 }

    /// The node of `unit`, or 0 when no entry starts with it.
    @inline(__always)
    subscript(unit: UInt16) -> Int32 {
        let word = bits[Int(unit >> 6)]
        let bit: UInt64 = 1 << UInt64(unit & 63)
        guard word & bit != 0 else { return 0 }
        return nodes[Int(rank[Int(unit >> 6)]) + (word & (bit &- 1)).nonzeroBitCount]
    }
}

/// The trie's edges: an open-addressing hash table from (node << 16 | unit) to the next node,
/// with a multiplicative hash (Swift's Dictionary hashes with SipHash, which dominated scans).
struct EdgeTable: Sendable {
    private var keys: [UInt64] = [UInt64](repeating: .max, count: 16)
    private var values: [Int32] = [Int32](repeating: 0, count: 16)
    private var count = 0
    private var mask = 15

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    @inline(__always)
    subscript(key: UInt64) -> Int32? {
        var i = Self.slot(key, mask)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == .max { return nil }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        var i = Self.slot(key, mask)
        while keys[i] != .max && keys[i] != key { i = (i + 1) & mask }
        if keys[i] == .max { count += 1 }
        keys[i] = key
        values[i] = value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: .max, count: oldKeys.count * 2)
        values = [Int32](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where k != .max { insert(k, v) }
    }
}
