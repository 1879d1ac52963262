import Foundation
import XCTest
@testable import Minutes

/// Bad input through the library: each case has its documented outcome (docs/input.md), and
/// nothing crashes. Large inputs are generated here, never committed.
final class BadInputTests: XCTestCase {
    static let extractor = try! Extractor()
    var extractor: Extractor { Self.extractor }

    func testEmptyInputIsAResultWithAWarning() throws {
        let result = try extractor.extract(bytes: [], id: "empty.txt")
        XCTAssertEqual(result.id, "empty.txt")
        XCTAssertEqual(result.meetings, [])
        XCTAssertEqual(result.warnings, ["empty input"])
    }

    func testWhitespaceOnlyIsAResultWithAWarning() throws {
        let result = try extractor.extract(bytes: Array(" \n\t\r\n　　\n".utf8), id: "blank.txt")
        XCTAssertEqual(result.warnings, ["input has only whitespace"])
    }

    func testBinaryIsAnErrorNamingTheInput() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        XCTAssertThrowsError(try extractor.extract(bytes: png, id: "photo.txt")) { error in
            guard case MinutesError.binaryInput(let input, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(input, "photo.txt")
            XCTAssertTrue("\(error)".hasPrefix("photo.txt: not text"), "\(error)")
        }
        // Control bytes without NULs.
        let controls = [UInt8]((0..<400).map { UInt8(1 + $0 % 8) })
        XCTAssertThrowsError(try extractor.extract(bytes: controls, id: "ctl.bin")) { error in
            guard case MinutesError.binaryInput = error else { return XCTFail("\(error)") }
        }
    }

    func testInvalidUTF8ThatIsNoChineseCharsetIsAnError() {
        // Latin-1 text: neither UTF-8, nor GB18030, nor Big5.
        let latin1: [UInt8] = Array("R\u{E9}union \u{E0} la mairie, caf\u{E9} cr\u{E8}me".unicodeScalars.map { UInt8($0.value) })
        XCTAssertThrowsError(try extractor.extract(bytes: latin1, id: "latin1.txt")) { error in
            guard case MinutesError.undecodableInput(let input, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(input, "latin1.txt")
            XCTAssertTrue(reason.contains("invalid UTF-8 at byte 1"), reason)
        }
        // Truncated UTF-8 followed by bytes no charset accepts.
        XCTAssertThrowsError(try extractor.extract(bytes: Array("会议".utf8) + [0xE4, 0xBC] + [0xFF, 0xFE, 0xFF], id: "cut.txt"))
    }

    func testTruncatedUTF8AtTheEndIsDecodedAsFarAsItGoes() throws {
        // A page cut mid-character: the last bytes are an incomplete UTF-8 sequence.
        let bytes = Array("县委常委会召开会议。".utf8).dropLast(1)
        let article = try ArticleText(bytes: Array(bytes), input: "truncated.txt")
        XCTAssertEqual(article.text, "县委常委会召开会议")
        let result = try extractor.extract(bytes: Array(bytes), id: "truncated.txt")
        XCTAssertTrue(result.warnings.first?.contains("middle of a character") == true, "\(result.warnings)")
    }

    func testFiftyMegabyteSingleLineIsTooLarge() {
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: 50 << 20)
        XCTAssertThrowsError(try extractor.extract(bytes: line, id: "huge.txt")) { error in
            guard case MinutesError.tooLarge(let input, let bytes, let limit) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(input, "huge.txt")
            XCTAssertEqual(bytes, 50 << 20)
            XCTAssertEqual(limit, Extractor.maxInputBytes)
        }
        // As text through the non-throwing API: a warning, no analysis.
        let result = extractor.extract(String(repeating: "会", count: (Extractor.maxInputBytes / 3) + 1), id: "huge")
        XCTAssertEqual(result.warnings.count, 1)
        XCTAssertTrue(result.warnings[0].hasPrefix("input too large"), result.warnings[0])
    }

    func testALongLineUnderTheLimitIsAnalyzed() {
        // 100,000 characters, no line break, no sentence end.
        let sentence = "县委常委会召开会议研究部署安全生产工作"
        let text = String(repeating: sentence, count: 100_000 / sentence.count)
        let result = extractor.extract(text, id: "long")
        XCTAssertFalse(result.warnings.contains { $0.contains("failed") }, "\(result.warnings)")
    }

    func testOneHundredThousandNamesInOneList() {
        let names = Self.names(100_000)
        let text = "6月1日上午，县委召开全体会议。县领导" + names.joined(separator: "、") + "参加会议。\n"
        let result = extractor.extract(text, id: "names")
        XCTAssertEqual(result.id, "names")
        XCTAssertFalse(result.warnings.contains { $0.contains("failed") }, "\(result.warnings)")
        XCTAssertEqual(result.spanProblems(textLength: text.unicodeScalars.count), [])
    }

    /// Made-up names from a surname model (deterministic): two or three characters.
    static func names(_ count: Int) -> [String] {
        let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
        let given = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉文斌宇浩凯鹏飞鑫波宁晨阳雪梅琳晶")
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        return (0..<count).map { _ in
            var name = String(surnames[next(surnames.count)]) + String(given[next(given.count)])
            if next(3) > 0 { name.append(given[next(given.count)]) }
            return name
        }
    }

    func testDeeplyNestedHTML() throws {
        let depth = 100_000
        let body = "<p>县委常委会召开会议，研究部署安全生产工作，强调要压实责任。</p>"
        let nested = "<html><body>" + String(repeating: "<div>", count: depth) + body + String(repeating: "</div>", count: depth) + "</body></html>"
        let page = WebPage(html: nested)
        XCTAssertEqual(page.paragraphs, ["县委常委会召开会议，研究部署安全生产工作，强调要压实责任。"])

        // Never closed, inline and table nesting.
        for open in ["<div>", "<span>", "<b><i>", "<table><tr><td>", "<ul><li>"] {
            let html = String(repeating: open, count: depth / open.filter { $0 == "<" }.count) + body
            let result = try extractor.extract(html: html, id: "nested")
            XCTAssertEqual(result.id, "nested", open)
        }
    }

    func testHTMLWithNothingInIt() throws {
        for html in ["<html></html>", "<html><head><title></title></head><body></body></html>", "<!DOCTYPE html>", "<script>会议</script>"] {
            let result = try extractor.extract(html: html, id: "void")
            XCTAssertTrue(result.warnings.contains("empty input"), "\(html): \(result.warnings)")
        }
    }
}
