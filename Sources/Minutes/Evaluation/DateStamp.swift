/// A publish date as the gold writes it (`2022-10-08 09:08`, `2023年11月15日`, `２０２２年１０月８日`,
/// `二〇二三年三月十七日`, `4月13日`) or as the result gives it (`2022-10-08T09:08`), reduced to
/// its numbers so that both compare.
struct DateStamp: Equatable {
    var year: Int?
    var month: Int
    var day: Int
    var hour: Int?
    var minute: Int?

    init?(_ s: String) {
        let normalized = NormalizedText(s)
        let numbers = Self.numbers(in: Self.arabic(normalized.text(0..<normalized.units.count)))
        if numbers.count >= 3, numbers[0] >= 1000 {
            (year, month, day) = (numbers[0], numbers[1], numbers[2])
            if numbers.count >= 5 { (hour, minute) = (numbers[3], numbers[4]) }
        } else if numbers.count >= 2, numbers[0] <= 12 {
            (month, day) = (numbers[0], numbers[1])
            if numbers.count >= 4 { (hour, minute) = (numbers[2], numbers[3]) }
        } else {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
    }

    /// The same day; the year and time too where this (gold) stamp gives them.
    func accepts(_ other: DateStamp) -> Bool {
        month == other.month && day == other.day
            && (year == nil || year == other.year)
            && (hour == nil || (hour == other.hour && minute == other.minute))
    }

    private static func numbers(in s: String) -> [Int] {
        s.split(whereSeparator: { !("0"..."9").contains($0) }).compactMap { Int($0) }
    }

    private static let digits: [Character: Int] = [
        "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    /// Chinese numerals to Arabic: digit runs (二〇二三 → 2023) and tens (十七 → 17, 二十 → 20).
    static func arabic(_ s: String) -> String {
        var out = ""
        var run: [Character] = []
        func flush() {
            guard !run.isEmpty else { return }
            if let ten = run.firstIndex(of: "十") {
                let tens = run[..<ten].last.flatMap { digits[$0] } ?? 1
                let ones = run[run.index(after: ten)...].first.flatMap { digits[$0] } ?? 0
                out += String(tens * 10 + ones)
            } else {
                out += run.map { String(digits[$0]!) }.joined()
            }
            run = []
        }
        for c in s {
            if digits[c] != nil || c == "十" {
                run.append(c)
            } else {
                flush()
                out.append(c)
            }
        }
        flush()
        return out
    }
}
