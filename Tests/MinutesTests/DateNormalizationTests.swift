import XCTest
@testable import Minutes

/// Date normalization: values against reference dates, year rollover, Chinese numerals.
final class DateNormalizationTests: XCTestCase {
    static let extractor = try! Extractor()

    /// The date annotations of `text` as (written text, features).
    func dates(_ text: String, reference: String? = nil) -> [(text: String, features: [String: String])] {
        let doc = Self.extractor.analyze(text, options: .init(referenceDate: reference))
        return doc.annotations(.date).map { (doc.text.writtenText($0.range), $0.features) }
    }

    func value(_ text: String, reference: String?) -> String? {
        dates(text, reference: reference).first?.features["value"]
    }

    func testMonthDayTakesTheReferenceYear() {
        XCTAssertEqual(value("10月6日晚,市委召开会议", reference: "2022-10-08"), "2022-10-06")
        let d = dates("10月6日晚,市委召开会议", reference: "2022-10-08")[0]
        XCTAssertEqual(d.text, "10月6日晚")
        XCTAssertEqual(d.features["part_of_day"], "evening")
        XCTAssertEqual(d.features["kind"], "point")
    }

    func testYearRollover() {
        // A December day read in early January is last year's.
        XCTAssertEqual(value("12月30日上午", reference: "2023-01-03"), "2022-12-30")
        // A day a few days after the reference stays in the reference year (next year's 1月2日 at year end).
        XCTAssertEqual(value("1月2日", reference: "2022-12-30"), "2023-01-02")
        // Further in the future than the allowance: the past year.
        XCTAssertEqual(value("11月20日", reference: "2022-10-08"), "2021-11-20")
        // Within the allowance.
        XCTAssertEqual(value("10月12日", reference: "2022-10-08"), "2022-10-12")
    }

    func testDayAloneTakesTheMonthOfTheReferenceOrTheLine() {
        XCTAssertEqual(value("6日上午,县委召开会议", reference: "2022-10-08"), "2022-10-06")
        // Day 28 read on the 3rd: last month.
        XCTAssertEqual(value("28日下午", reference: "2022-10-03"), "2022-09-28")
        // Across the year boundary.
        XCTAssertEqual(value("30日", reference: "2023-01-02"), "2022-12-30")
        // The line's month wins: 8日 after 9月6日 on the same line.
        let d = dates("9月6日至8日举行", reference: "2022-10-08")
        XCTAssertEqual(d.map(\.features["value"]), ["2022-09-06", "2022-09-08"])
    }

    func testNumeralUnitsAreTheNumerals() {
        XCTAssertEqual((0...0xFFFF).map(UInt16.init).filter(Numerals.isNumeral), Numerals.numeralUnits.sorted())
    }

    func testChineseNumerals() {
        XCTAssertEqual(value("二〇二二年十月六日", reference: nil), "2022-10-06")
        XCTAssertEqual(value("一九九八年一月五日", reference: nil), "1998-01-05")
        XCTAssertEqual(value("二○二三年十二月三十一日", reference: nil), "2023-12-31")
        XCTAssertEqual(value("十二月二十日", reference: "2022-12-25"), "2022-12-20")
        XCTAssertEqual(value("三月廿六日", reference: "2022-04-01"), "2022-03-26")
        XCTAssertEqual(Numerals.read(Array("二十一".utf16), at: 0, limit: 3)?.value, 21)
        XCTAssertEqual(Numerals.read(Array("十".utf16), at: 0, limit: 1)?.value, 10)
        XCTAssertEqual(Numerals.read(Array("卅一".utf16), at: 0, limit: 2)?.value, 31)
        XCTAssertEqual(Numerals.read(Array("二O二二".utf16), at: 0, limit: 4)?.value, 2022)
    }

    func testFullWidthDigitsAndStraySpaces() {
        XCTAssertEqual(value("２０２２年１０月６日", reference: nil), "2022-10-06")
        XCTAssertEqual(value("4 月10日上午", reference: "2023-04-12"), "2023-04-10")
        XCTAssertEqual(value("2023 年 4 月 10 日", reference: nil), "2023-04-10")
    }

    func testRelativeDays() {
        XCTAssertEqual(value("今天上午", reference: "2022-10-08"), "2022-10-08")
        XCTAssertEqual(value("昨日下午", reference: "2022-10-08"), "2022-10-07")
        XCTAssertEqual(value("昨天", reference: "2022-03-01"), "2022-02-28")
        XCTAssertEqual(value("前天", reference: "2024-03-01"), "2024-02-28")
        XCTAssertNil(value("今天", reference: nil))
        for vague in ["近日", "日前"] {
            let d = dates("市委\(vague)召开会议", reference: "2022-10-08")
            XCTAssertEqual(d.count, 1)
            XCTAssertEqual(d.first?.features["kind"], "relative")
            XCTAssertNil(d.first?.features["value"])
        }
        // 当天 refers to the last day mentioned.
        let d = dates("10月6日召开。当天下午,调研", reference: "2022-10-08")
        XCTAssertEqual(d.last?.text, "当天下午")
        XCTAssertEqual(d.last?.features["value"], "2022-10-06")
    }

    func testClockTimes() {
        let d = dates("6日下午3时30分", reference: "2022-10-08")[0]
        XCTAssertEqual(d.features["time"], "15:30")
        XCTAssertEqual(dates("上午9点半召开", reference: nil)[0].features["time"], "09:30")
        XCTAssertEqual(dates("2022-10-08 09:08", reference: nil)[0].features["time"], "09:08")
    }

    func testPeriodsAreNotDays() {
        for text in ["上半年", "今年", "2021年", "10月份", "前三季度", "1998年底"] {
            let d = dates(text, reference: "2022-10-08")
            XCTAssertEqual(d.count, 1, text)
            XCTAssertEqual(d.first?.features["kind"], "period", text)
            XCTAssertNil(d.first?.features["value"], text)
        }
    }

    func testFalseFriends() {
        for text in ["第一时间发布预警", "卢荣春主持会议", "辛苦一点", "一日三餐", "在30日内完成", "接近日本", "节日前后", "上世纪90年代", "3号楼"] {
            XCTAssertEqual(dates(text, reference: "2022-10-08").map(\.text), [], text)
        }
    }

    func testWithoutReferenceTheLastWrittenYearIsUsed() {
        let d = dates("1997年12月召开。12月31日,会议闭幕", reference: nil)
        XCTAssertEqual(d.last?.features["value"], "1997-12-31")
    }

    func testCivilDateArithmetic() {
        let d = CivilDate(2024, 2, 28)!
        XCTAssertEqual(d.adding(days: 1).iso, "2024-02-29")
        XCTAssertEqual(d.adding(days: 2).iso, "2024-03-01")
        XCTAssertEqual(CivilDate(1970, 1, 1)!.dayNumber, 0)
        XCTAssertNil(CivilDate(2023, 2, 29))
        XCTAssertEqual(CivilDate(dayNumber: CivilDate(1998, 1, 5)!.dayNumber), CivilDate(1998, 1, 5))
    }
}
