import ICUText

/// Character classes, clause bounds and rule access shared by the meeting phases. They all
/// work on the normalized units (NFKC: `，；：（）` are `,;:()`).
enum MeetingText {
    static let comma: UInt16 = 0x2C, semicolon: UInt16 = 0x3B, colon: UInt16 = 0x3A
    static let ideographicFullStop: UInt16 = 0x3002, enumerationComma: UInt16 = 0x3001

    /// 。!? and line breaks end a sentence.
    @inline(__always)
    static func endsSentence(_ u: UInt16) -> Bool {
        Chars.isSentenceEnd(u) || Chars.isLineBreak(u)
    }

    /// Sentence ends and `,;:` end a clause.
    @inline(__always)
    static func endsClause(_ u: UInt16) -> Bool {
        endsSentence(u) || u == comma || u == semicolon || u == colon
    }

    @inline(__always)
    static func isSpace(_ u: UInt16) -> Bool { SentencePhase.isSpace(u) }

    /// The sentence around `p`: from after the previous sentence end to before the next one.
    static func sentence(around p: Int, in units: [UInt16]) -> Range<Int> {
        var lo = min(p, units.count)
        while lo > 0, !endsSentence(units[lo - 1]) { lo -= 1 }
        var hi = min(p, units.count)
        while hi < units.count, !endsSentence(units[hi]) { hi += 1 }
        return lo..<hi
    }

    /// Start of the clause that contains `p` (after the previous `,;:` or sentence end), or
    /// `p - within` when the clause starts further back (a check run at every name of a list
    /// reads a window, not the whole list).
    static func clauseStart(before p: Int, in units: [UInt16], within: Int = .max) -> Int {
        var lo = min(p, units.count)
        let stop = within == .max ? 0 : max(0, lo - within)
        while lo > stop, !endsClause(units[lo - 1]) { lo -= 1 }
        return lo
    }

    /// Start of the line that contains `p`.
    static func lineStart(before p: Int, in units: [UInt16]) -> Int {
        var lo = min(p, units.count)
        while lo > 0, units[lo - 1] != 0x0A, units[lo - 1] != 0x0D { lo -= 1 }
        return lo
    }

    /// End of the line that contains `p`.
    static func lineEnd(after p: Int, in units: [UInt16]) -> Int {
        var hi = min(p, units.count)
        while hi < units.count, units[hi] != 0x0A, units[hi] != 0x0D { hi += 1 }
        return hi
    }

    /// `r` without leading and trailing spaces and the punctuation that closes a clause.
    static func trimmed(_ r: Range<Int>, in units: [UInt16]) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi, isSpace(units[lo]) { lo += 1 }
        while hi > lo, isSpace(units[hi - 1]) || endsClause(units[hi - 1]) || units[hi - 1] == enumerationComma { hi -= 1 }
        return lo..<hi
    }

    /// Whether any lexicon entry occurs inside `range`.
    static func containsAny(_ lexicon: Lexicon, in units: [UInt16], _ range: Range<Int>) -> Bool {
        lexicon.occurs(in: units, range)
    }
}

extension Document {
    /// Whether `range` overlaps page chrome (navigation, widgets, footers) marked by the article phase.
    func isChrome(_ range: Range<Int>) -> Bool {
        annotations(.chrome).contains { $0.range.overlaps(range) }
    }

    /// The text of a normalized range as matching sees it.
    func normalized(_ range: Range<Int>) -> String { text.text(range) }
}
