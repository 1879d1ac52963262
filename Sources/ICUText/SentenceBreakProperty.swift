import ICUShim

/// The Unicode Sentence_Break property (UAX #29), as ICU knows it: the classes the sentence
/// boundary rules are written in.
public enum SentenceBreakProperty: UInt8, Sendable {
    case other = 0, aTerm, close, format, lower, numeric, oLetter, sep, sp, sTerm, upper, cr, extend, lf, sContinue

    /// The property of a code point, asked of ICU (a table is faster for scans over text).
    public init(icu codePoint: UInt32) {
        self = Self(rawValue: UInt8(clamping: minutes_sentence_break(Int32(bitPattern: codePoint)))) ?? .other
    }
}
