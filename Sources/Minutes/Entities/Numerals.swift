/// Numbers as dates and times write them: ASCII digits (full-width ones are already folded),
/// positional Chinese digits (二〇二二, 一九九八) and Chinese counting numerals (十, 二十一, 廿六, 卅一).
enum Numerals {
    /// A number read from the text.
    struct Reading: Equatable {
        var value: Int
        /// End of the number (exclusive).
        var end: Int
        /// Number of characters read.
        var length: Int
        /// Written in Chinese numerals (not ASCII digits).
        var chinese: Bool
        /// Chinese digits written positionally (二〇二二), as years are; false for 二十二.
        var positional: Bool
    }

    @inline(__always)
    static func isASCIIDigit(_ u: UInt16) -> Bool { u >= 0x30 && u <= 0x39 }

    /// Value of a Chinese digit character (〇 ○ 零 一 … 九, 两), or nil.
    @inline(__always)
    static func chineseDigit(_ u: UInt16) -> Int? {
        switch u {
        case 0x3007, 0x25CB, 0x96F6: return 0  // 〇 ○ 零
        case 0x4E00: return 1  // 一
        case 0x4E8C, 0x4E24: return 2  // 二 两
        case 0x4E09: return 3
        case 0x56DB: return 4
        case 0x4E94: return 5
        case 0x516D: return 6
        case 0x4E03: return 7
        case 0x516B: return 8
        case 0x4E5D: return 9
        default: return nil
        }
    }

    /// 十, 廿 (20), 卅 (30): the tens of counting numerals.
    @inline(__always)
    static func chineseTens(_ u: UInt16) -> Int? {
        switch u {
        case 0x5341: return 10
        case 0x5EFF: return 20
        case 0x5345: return 30
        default: return nil
        }
    }

    @inline(__always)
    static func isNumeral(_ u: UInt16) -> Bool { isASCIIDigit(u) || chineseDigit(u) != nil || chineseTens(u) != nil }

    /// The units ``isNumeral(_:)`` accepts, for scan pre-checks (a test checks the list).
    static let numeralUnits: [UInt16] = Array(0x30...0x39)
        + [0x3007, 0x25CB, 0x96F6, 0x4E00, 0x4E8C, 0x4E24, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D]
        + [0x5341, 0x5EFF, 0x5345]

    /// Reads a number starting at `i`: a run of ASCII digits (at most `maxDigits`), or a run of
    /// Chinese numerals. Positional Chinese digits allow a Latin `O`/`o` for zero inside the run
    /// (二O二二, a common typing substitute).
    static func read(_ units: [UInt16], at i: Int, limit: Int, maxDigits: Int = 4) -> Reading? {
        guard i < limit else { return nil }
        if isASCIIDigit(units[i]) {
            var j = i
            var v = 0
            while j < limit, isASCIIDigit(units[j]) {
                v = v * 10 + Int(units[j] - 0x30)
                j += 1
                if j - i > maxDigits { return nil }
            }
            return Reading(value: v, end: j, length: j - i, chinese: false, positional: true)
        }
        guard chineseDigit(units[i]) != nil || chineseTens(units[i]) != nil else { return nil }
        var j = i
        // the digits read so far (no array: this runs at every numeral of the text)
        var digitCount = 0, digitValue = 0, firstDigit = 0
        var tens: Int?
        var tensMultiplier = 1
        var afterTens: Int?
        while j < limit, j - i < 6 {
            let u = units[j]
            if let d = chineseDigit(u) ?? ((u == 0x4F || u == 0x6F) && digitCount > 0 && tens == nil ? 0 : nil) {
                if tens != nil {
                    guard afterTens == nil else { break }
                    afterTens = d
                } else {
                    if digitCount == 0 { firstDigit = d }
                    digitValue = digitValue * 10 + d
                    digitCount += 1
                }
            } else if let t = chineseTens(u) {
                guard tens == nil, digitCount <= 1 else { break }
                if t == 10, digitCount == 1 { tensMultiplier = firstDigit } else if digitCount > 0 { break }
                tens = t
                digitCount = 0
                digitValue = 0
            } else {
                break
            }
            j += 1
        }
        if let t = tens {
            let value = (t == 10 ? tensMultiplier * 10 : t) + (afterTens ?? 0)
            return Reading(value: value, end: j, length: j - i, chinese: true, positional: false)
        }
        guard digitCount > 0, digitCount <= maxDigits else { return nil }
        return Reading(value: digitValue, end: j, length: j - i, chinese: true, positional: true)
    }

    /// A counting numeral that is the whole of `units` (一…九, 十, 十一, 二十三…), as a list's
    /// markers number their items; nil for anything else, positional digits (二三) included.
    static func counting(_ units: [UInt16]) -> Int? {
        guard let r = read(units, at: 0, limit: units.count, maxDigits: 1), r.end == units.count, r.chinese else { return nil }
        return r.value
    }
}
