/// Several named lexicons of one dimension merged into one trie, each entry tagged with the
/// bit set of the lexicons it belongs to (a word may be both an organ and a post). Grammars
/// scan the text once with it instead of once per lexicon.
public struct TaggedLexicon: Sendable {
    public let lexicon: Lexicon
    /// Bits of each entry of `lexicon.entries`.
    public let tags: [UInt32]

    /// `names[i]` gets bit `1 << i`.
    public init(_ rules: RuleSet, dimension: String, names: [String]) {
        var order: [String] = []
        var bits: [String: UInt32] = [:]
        for (i, name) in names.enumerated() {
            for entry in rules.lexiconEntries(dimension, name) {
                if bits[entry] == nil { order.append(entry) }
                bits[entry, default: 0] |= 1 << UInt32(i)
            }
        }
        lexicon = Lexicon(name: "\(dimension).tagged", entries: order)
        tags = lexicon.entries.map { bits[$0] ?? 0 }
    }

    @inline(__always)
    public func canStart(_ unit: UInt16) -> Bool { lexicon.canStart(unit) }

    /// Calls `body` with the end and tags of every entry matching at `start`, shortest first.
    @inline(__always)
    public func forEachMatch(in units: [UInt16], at start: Int, limit: Int? = nil, _ body: (_ end: Int, _ tags: UInt32) -> Void) {
        lexicon.forEachMatch(in: units, at: start, limit: limit) { end, entry in body(end, tags[entry]) }
    }

    /// Every entry matching at `start` (shortest first) with its tags.
    @inline(__always)
    public func matches(in units: [UInt16], at start: Int, limit: Int? = nil) -> [(end: Int, tags: UInt32)] {
        lexicon.matches(in: units, at: start, limit: limit).map { ($0.end, tags[$0.entry]) }
    }

    /// The longest entry at `start` that has one of `mask`'s tags.
    @inline(__always)
    public func longest(in units: [UInt16], at start: Int, mask: UInt32, limit: Int? = nil) -> Int? {
        guard lexicon.canStart(units[start]) else { return nil }
        var best: Int?
        lexicon.forEachMatch(in: units, at: start, limit: limit) { end, entry in
            if tags[entry] & mask != 0 { best = end }
        }
        return best
    }
}

/// A set of UTF-16 units (single characters of a lexicon) as a 65,536-bit map (8 KB: cheap to
/// build per document, and a [Bool] table of 64 KB crowded the caches).
public struct UnitSet: Sendable {
    private(set) var bits = [UInt64](repeating: 0, count: 1024)

    public init<S: Sequence>(_ words: S) where S.Element == String {
        for w in words {
            for u in NormalizedText(w).units { insert(u) }
        }
    }

    /// A set of units as they are (already normalized).
    public init<S: Sequence>(units: S) where S.Element == UInt16 {
        for u in units { insert(u) }
    }

    private mutating func insert(_ u: UInt16) { bits[Int(u >> 6)] |= 1 << UInt64(u & 63) }

    @inline(__always)
    public func contains(_ u: UInt16) -> Bool { bits[Int(u >> 6)] & (1 << UInt64(u & 63)) != 0 }

    /// The first position from `start` whose unit is in the set (`limit` or `units.count` if
    /// none): a tight loop for scans where such positions are rare.
    public func next(in units: [UInt16], from start: Int, limit: Int? = nil) -> Int {
        bits.withUnsafeBufferPointer { b in
            units.withUnsafeBufferPointer { u in
                let end = min(limit ?? u.count, u.count)
                var i = max(start, 0)
                while i < end, b[Int(u[i] >> 6)] & (1 << UInt64(u[i] & 63)) == 0 { i += 1 }
                return i
            }
        }
    }
}
