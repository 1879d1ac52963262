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
        let numbers = Self.numbers(in: NormalizedText(s).units)
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

    /// The numbers in the text, ASCII or Chinese, in order.
    private static func numbers(in units: [UInt16]) -> [Int] {
        var numbers: [Int] = []
        var i = 0
        while i < units.count {
            if let reading = Numerals.read(units, at: i, limit: units.count) {
                numbers.append(reading.value)
                i = reading.end
            } else {
                i += 1
                while i < units.count, Numerals.isNumeral(units[i]), Numerals.isNumeral(units[i - 1]) { i += 1 }
            }
        }
        return numbers
    }
}
