import ICUText
/// Several named lexicons of one dimension merged into one trie, each entry tagged with the
/// bit set of the lexicons it belongs to (a word may be both an organ and a post). Grammars
/// scan the text once with it instead of once per lexicon.
public struct TaggedLexicon: Sendable {
    public let lexicon: Lexicon
    /// Bits of each entry of `lexicon.entries`.
    public let tags: [UInt32]

    /// `names[i]` gets bit `1 << i`.
    public init(_ rules: RuleSet, dimension: String, names: [String]) {
        var words: [String] = []
        var wordBits: [UInt32] = []
        for (i, name) in names.enumerated() {
            let entries = rules.lexiconEntries(dimension, name)
            words += entries
            wordBits += repeatElement(1 << UInt32(i), count: entries.count)
        }
        // A word listed more than once gets all its bits at its first entry, the one lookups
        // return (merged as the trie is built: a dictionary of Strings cost more).
        var firstEqual: [Int32]? = []
        lexicon = Lexicon(name: "\(dimension).tagged", entries: words, firstEqual: &firstEqual)
        var tags = [UInt32](repeating: 0, count: words.count)
        for (k, first) in firstEqual!.enumerated() { tags[Int(first)] |= wordBits[k] }
        for (k, first) in firstEqual!.enumerated() { tags[k] = tags[Int(first)] }
        self.tags = tags
    }

    @inline(__always)
    public func canStart(_ unit: UInt16) -> Bool { lexicon.canStart(unit) }

    /// The first units of the entries with one of `mask`'s tags (a pre-check for ``longest(in:at:mask:limit:)``).
    public func startUnits(mask: UInt32) -> UnitSet {
        UnitSet(units: lexicon.entries.indices.compactMap { tags[$0] & mask != 0 ? lexicon.entries[$0].utf16.first : nil })
    }

    /// Whether an entry may match at `start` (``Lexicon/mayMatch(in:at:limit:)``).
    @inline(__always)
    public func mayMatch(in units: [UInt16], at start: Int, limit: Int? = nil) -> Bool {
        lexicon.mayMatch(in: units, at: start, limit: limit)
    }

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

/// A set of UTF-16 units (single characters of a lexicon); the bit map lives in ICUText, where
/// the regex pre-filter uses it too.
public typealias UnitSet = ICUText.UnitSet

extension UnitSet {
    /// The units of `words`, normalized as the text is.
    public init<S: Sequence>(_ words: S) where S.Element == String {
        self.init(units: words.flatMap { NormalizedText.units($0) })
    }

    /// The units in the set, in order.
    public var members: [UInt16] {
        var out: [UInt16] = []
        for (w, word) in bits.enumerated() where word != 0 {
            for b in 0..<64 where word & (1 << UInt64(b)) != 0 { out.append(UInt16(w * 64 + b)) }
        }
        return out
    }
}
