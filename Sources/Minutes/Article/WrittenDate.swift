/// A full date as pages write it — `2022-10-08 09:08`, `2022年10月8日`, `２０２２年１０月８日` (already
/// folded to ASCII digits), `二〇二三年三月十七日` — read into numbers and printed as ISO 8601.
struct WrittenDate: Equatable, Sendable {
    var year: Int?
    var month: Int
    var day: Int
    var hour: Int?
    var minute: Int?

    /// `2022-10-08`, or `10-08` without a year.
    var isoDate: String {
        let md = Self.pad(month, 2) + "-" + Self.pad(day, 2)
        return year.map { Self.pad($0, 4) + "-" + md } ?? md
    }

    /// `2022-10-08T09:08`, or the date alone when no time is given.
    var isoDateTime: String {
        guard let hour, let minute else { return isoDate }
        return isoDate + "T" + Self.pad(hour, 2) + ":" + Self.pad(minute, 2)
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Reads a written date. Returns nil when the numbers are not a valid date.
    init?(_ text: String) {
        let units = Array(text.utf16)
        var numbers: [Int] = []
        var current: Int?
        var k = 0
        while k < units.count {
            let u = units[k]
            // ASCII digits first (the text is folded to them): the property lookups cost more
            if let d = u >= 0x30 && u <= 0x39 ? Int(u - 0x30) : Self.otherDecimalDigit(u) {
                current = min(current ?? 0, 100_000_000) * 10 + d   // saturate: no date needs more digits
                k += 1
                continue
            }
            if let c = current { numbers.append(c); current = nil }
            if let r = Numerals.read(units, at: k, limit: units.count), r.chinese {
                numbers.append(r.value)
                k = r.end
            } else {
                k += 1
            }
        }
        if let c = current { numbers.append(c) }
        guard numbers.count >= 2 else { return nil }
        var i = 0
        if numbers[0] >= 1000 {
            guard (1900...2100).contains(numbers[0]) else { return nil }
            year = numbers[0]
            i = 1
        }
        guard numbers.count >= i + 2 else { return nil }
        month = numbers[i]
        day = numbers[i + 1]
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        if numbers.count >= i + 4, (0...23).contains(numbers[i + 2]), (0...59).contains(numbers[i + 3]) {
            hour = numbers[i + 2]
            minute = numbers[i + 3]
        }
    }

    init(year: Int?, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// A decimal digit of another script (full-width ones are folded before).
    static func otherDecimalDigit(_ u: UInt16) -> Int? {
        guard u >= 0x80, let s = Unicode.Scalar(u), s.properties.numericType == .decimal else { return nil }
        return s.properties.numericValue.map { Int($0) }
    }

    /// Days from 0000-03-01, for comparing dates.
    var ordinal: Int? {
        guard let year else { return nil }
        let y = month <= 2 ? year - 1 : year
        let m = month <= 2 ? month + 9 : month - 3
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day - 1
    }
}
