import XCTest
@testable import Minutes
import ICUText

/// The offset map: every span reported points into the original input, in code points.
final class NormalizedTextTests: XCTestCase {
    func slice(_ s: String, _ r: Range<Int>) -> String {
        String(String.UnicodeScalarView(Array(s.unicodeScalars)[r]))
    }

    /// The span of the first `needle` in the normalized text, in units.
    func span(of needle: String, in t: NormalizedText) -> Range<Int> {
        let n = t.text(0..<t.units.count)
        let r = n.utf16.distance(from: n.utf16.startIndex, to: n.range(of: needle)!.lowerBound)
        return r..<(r + needle.utf16.count)
    }

    /// The Traditional→Simplified table the build tool embeds is ICU's, for every ideograph.
    func testEmbeddedSimplifiedFormsAreICUs() throws {
        let range = ScriptFolding.cjkRange
        let icu = try Transliterator.simplifiedForms(of: range)
        let mismatches = range.enumerated().filter { ScriptFolding.shared.simplify($0.element) != icu[$0.offset] }
        XCTAssertEqual(mismatches.count, 0, "first: \(mismatches.prefix(5).map { String(format: "U+%04X", $0.element) })")
        XCTAssertEqual(ScriptFolding.shared.simplify(0x6703), 0x4F1A)  // 會 → 会
    }

    /// The punctuation and symbols folded ahead (in one batch) fold as ICU folds each alone.
    func testSymbolFoldsAreICUsOneByOne() {
        var mismatches: [UInt16] = []
        for u in UInt16(0x80)...UInt16(0x303F) {
            guard let scalar = Unicode.Scalar(u) else { continue }
            let expected = NFKC.normalize([u]).map { ScriptFolding.shared.simplify($0) }
            if NormalizedText(String(Character(scalar))).units != expected { mismatches.append(u) }
        }
        XCTAssertEqual(mismatches.count, 0, "first: \(mismatches.prefix(5).map { String(format: "U+%04X", $0) })")
    }

    func testTraditionalWithPinyinFoldsToSimplifiedAndMapsBack() {
        let original = "縣委常委會(huì)議強調(diào)：盧榮(róng)春主持"
        let t = NormalizedText(original)
        XCTAssertEqual(t.text(0..<t.units.count), "县委常委会议强调:卢荣春主持")
        let name = span(of: "卢荣春", in: t)
        let o = t.originalRange(name)
        XCTAssertEqual(slice(original, o), "盧榮(róng)春")
        XCTAssertEqual(t.writtenText(name), "盧榮春")
        XCTAssertEqual(t.droppedAnnotations.count, 3)
        // a space a converter left before the closing parenthesis
        XCTAssertEqual(NormalizedText("例會(huì )參加").text(0..<4), "例会参加")
    }

    func testFullWidthDigitsAndPunctuation() {
        let original = "２０２２年１０月６日（一）要求"
        let t = NormalizedText(original)
        XCTAssertEqual(t.text(0..<t.units.count), "2022年10月6日(一)要求")
        let o = t.originalRange(0..<4)
        XCTAssertEqual(slice(original, o), "２０２２")
        let paren = t.originalRange(10..<13)
        XCTAssertEqual(slice(original, paren), "（一）")
    }

    /// Markup a scraper left in plain text: a block tag reads as a line break, an inline tag
    /// or a space entity is dropped; offsets stay the original's.
    func testLeftoverMarkupInPlainText() {
        let original = "<p> 本报讯(通讯员<span style=\"x\">张明</span>)</p><P>县长&nbsp;王立新主持<br/>会议。</P>"
        let t = NormalizedText(original)
        XCTAssertEqual(t.text(0..<t.units.count), "\n 本报讯(通讯员张明)\n\n县长王立新主持\n会议。\n")
        XCTAssertEqual(slice(original, t.originalRange(span(of: "王立新", in: t))), "王立新")
        XCTAssertEqual(t.writtenText(span(of: "张明", in: t)), "张明")
        // what only looks like markup stays: a comparison, an unknown tag, a tag cut by a line end
        let kept = "a<b 3<x>y <p class=\n县长"
        XCTAssertEqual(NormalizedText(kept).text(0..<NormalizedText(kept).units.count), kept)
    }

    func testParenthesesThatAreNotPinyinStay() {
        let t = NormalizedText("议程(草案)和日程(2022)县(区)GDP(app)")
        XCTAssertEqual(t.text(0..<t.units.count), "议程(草案)和日程(2022)县(区)GDP(app)")
        XCTAssertTrue(t.droppedAnnotations.isEmpty)
    }

    func testAstralCharactersCountAsOneCodePoint() {
        let original = "𠀀会议𠀀卢荣春"
        let t = NormalizedText(original)
        let n = Array(t.units)
        XCTAssertEqual(n.count, 9)  // two surrogate pairs + five BMP characters
        let o = t.originalRange(6..<9)
        XCTAssertEqual(o, 4..<7)
        XCTAssertEqual(slice(original, o), "卢荣春")
    }

    func testEmptyText() {
        let t = NormalizedText("")
        XCTAssertEqual(t.units.count, 0)
        XCTAssertEqual(t.originalRange(0..<0), 0..<0)
    }
}
