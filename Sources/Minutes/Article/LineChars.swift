/// Line helpers for the article phases (which look at lines, fields, brackets and short runs
/// of names), next to the character tests the recognizers share.
extension Chars {
    @inline(__always)
    static func isDigit(_ u: UInt16) -> Bool { u >= 0x30 && u <= 0x39 }

    /// Sentence punctuation: a line with it reads as prose, not as a title or a field line.
    @inline(__always)
    static func isSentencePunctuation(_ u: UInt16) -> Bool {
        u == 0x3002 /* 。 */ || u == 0x2C /* , */ || u == 0x3B /* ; */ || u == 0x21 /* ! */ || u == 0x3F /* ? */
    }

    /// Characters scrapers leave at line starts: bullets, boxes, garbled spaces (`???`).
    @inline(__always)
    static func isLineJunk(_ u: UInt16) -> Bool {
        isSpace(u) || u == 0x3F /* ? */ || u == 0x2D /* - */ || u == 0x2A /* * */ || u == 0xB7 /* · */
            || u == 0x2022 /* • */ || u == 0x25A1 /* □ */ || u == 0x25A0 /* ■ */ || u == 0x25C6 /* ◆ */
            || u == 0x25CF /* ● */ || u == 0x2605 /* ★ */ || u == 0x25B2 /* ▲ */ || u == 0x7C /* | */ || u == 0x3E /* > */
    }

    /// The range without spaces at either end.
    static func trim(_ units: [UInt16], _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi, isSpace(units[lo]) { lo += 1 }
        while hi > lo, isSpace(units[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    /// The range without junk (bullets, `???`, boxes) at its start, and spaces at its end.
    static func trimJunk(_ units: [UInt16], _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound
        while lo < r.upperBound, isLineJunk(units[lo]) { lo += 1 }
        return trim(units, lo..<r.upperBound)
    }

    /// Number of non-space units.
    /// Counting stops at `cap` (a line of prose is hundreds of units; the callers only compare
    /// the length with a small bound).
    static func visibleLength(_ units: [UInt16], _ r: Range<Int>, cap: Int = .max) -> Int {
        var n = 0
        for i in r where !isSpace(units[i]) {
            n += 1
            if n == cap { break }
        }
        return n
    }

    /// The closing bracket for the one opening at `open`, within `limit`.
    static func closingBracket(_ units: [UInt16], open: Int, limit: Int) -> Int? {
        guard open < limit, let close = closer(units[open]) else { return nil }
        var depth = 0
        var i = open
        while i < limit {
            if units[i] == units[open] { depth += 1 } else if units[i] == close {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return nil
    }

    /// The opening bracket for the one closing at `close`, from `floor` on.
    static func openingBracket(_ units: [UInt16], close: Int, floor: Int) -> Int? {
        guard close >= floor, let open = opener(units[close]) else { return nil }
        var depth = 0
        var i = close
        while i >= floor {
            if units[i] == units[close] { depth += 1 } else if units[i] == open {
                depth -= 1
                if depth == 0 { return i }
            }
            i -= 1
        }
        return nil
    }

    static func closer(_ u: UInt16) -> UInt16? {
        switch u {
        case 0x28: return 0x29          // ( )
        case 0x5B: return 0x5D          // [ ]
        case 0x3010: return 0x3011      // 【 】
        case 0x3014: return 0x3015      // 〔 〕
        default: return nil
        }
    }

    static func opener(_ u: UInt16) -> UInt16? {
        switch u {
        case 0x29: return 0x28
        case 0x5D: return 0x5B
        case 0x3011: return 0x3010
        case 0x3015: return 0x3014
        default: return nil
        }
    }
}
