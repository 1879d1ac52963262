import ICUText

typealias ICURegexError = ICURegex.CompileError

/// A rule's compiled regular expression, run over the normalized text with a time limit, so a
/// runaway user pattern cannot hang a batch (it fails that article's phase with a warning).
public struct ICUPattern: Sendable {
    /// The pattern as written in the rule file.
    public let source: String
    let regex: ICURegex
    /// ICU match steps (~ milliseconds) allowed per call.
    public static let timeLimit: Int32 = 100

    /// `lazily`: compiled at its first match (see ``ICURegex/init(_:flags:lazily:)``).
    init(source: String, expanded: String, lazily: Bool = false) throws {
        self.source = source
        regex = try ICURegex(expanded, lazily: lazily)
    }

    private init(source: String, regex: ICURegex) {
        self.source = source
        self.regex = regex
    }

    /// This pattern tried only after a unit that a match of `context` may end with: for a rule
    /// that keeps a match only when `context` matches right before it (its `preceded_by`).
    func tried(after context: ICUPattern) -> ICUPattern {
        guard let units = context.regex.lastUnits else { return self }
        return ICUPattern(source: source, regex: regex.tried(after: units))
    }

    /// All matches in the normalized text (UTF-16 ranges, capture groups included).
    public func matches(in units: [UInt16]) throws -> [ICURegex.Match] {
        try units.withUnsafeBufferPointer { try regex.matches(in: $0, timeLimit: Self.timeLimit) }
    }

    /// Matches within a range of the text (offsets stay absolute). `index`: where the
    /// pattern may start in `units`, found once for the patterns of a phase.
    public func matches(in units: [UInt16], range: Range<Int>, index: CandidateIndex? = nil) throws -> [ICURegex.Match] {
        try units.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[range])
            return try regex.matches(in: slice, timeLimit: Self.timeLimit, index: index, offset: range.lowerBound).map {
                Self.shifted($0, by: range.lowerBound)
            }
        }
    }

    /// The match that starts at `range.lowerBound` within the range, if any: the first of
    /// ``matches(in:range:index:)`` when it starts there, found without scanning the rest.
    public func prefixMatch(in units: [UInt16], range: Range<Int>) throws -> ICURegex.Match? {
        try units.withUnsafeBufferPointer { buffer in
            try regex.prefixMatch(in: UnsafeBufferPointer(rebasing: buffer[range]), timeLimit: Self.timeLimit).map {
                Self.shifted($0, by: range.lowerBound)
            }
        }
    }

    /// A match in a slice as offsets into the whole text.
    private static func shifted(_ m: ICURegex.Match, by offset: Int) -> ICURegex.Match {
        ICURegex.Match(range: (m.range.lowerBound + offset)..<(m.range.upperBound + offset),
                       groups: m.groups.map { $0.map { ($0.lowerBound + offset)..<($0.upperBound + offset) } })
    }

    /// Escapes a literal for use in a pattern.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            if "\\^$.|?*+()[]{}/".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
