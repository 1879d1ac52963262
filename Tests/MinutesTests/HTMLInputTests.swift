import Foundation
import XCTest
@testable import Minutes

/// HTML pages: detection, charsets, reduction to the article text, and the same frame as the text.
final class HTMLInputTests: XCTestCase {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Samples/html").standardizedFileURL
    static let extractor = try! Extractor()

    func samplePages() throws -> [URL] {
        let pages = try FileManager.default.contentsOfDirectory(at: Self.samples, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "html" }.sorted { $0.path < $1.path }
        XCTAssertGreaterThanOrEqual(pages.count, 4, "Samples/html has the portal pages")
        return pages
    }

    func testSamplePagesReduceToTheArticleTheyContain() throws {
        for page in try samplePages() {
            let article = try ArticleText(bytes: [UInt8](try Data(contentsOf: page)), input: page.lastPathComponent)
            let expected = try String(contentsOf: page.deletingPathExtension().appendingPathExtension("txt"), encoding: .utf8)
            XCTAssertNotNil(article.page, page.lastPathComponent)
            XCTAssertEqual(article.text, expected, page.lastPathComponent)
        }
    }

    func testSampleCharsetsComeFromTheMetaTag() throws {
        let charsets = try samplePages().map { page in
            try ArticleText(bytes: [UInt8](try Data(contentsOf: page)), input: page.path).charset
        }
        XCTAssertEqual(charsets, [.utf8, .gb18030, .big5, .utf8])
    }

    func testHTMLPageAndItsTextGiveTheSameMeetingFrame() throws {
        for page in try samplePages() {
            let fromHTML = try Self.extractor.extract(bytes: [UInt8](try Data(contentsOf: page)), id: "page")
            let text = try String(contentsOf: page.deletingPathExtension().appendingPathExtension("txt"), encoding: .utf8)
            let fromText = Self.extractor.extract(text, id: "page")
            XCTAssertEqual(try Self.withoutOffsets(fromHTML.meetings), try Self.withoutOffsets(fromText.meetings), page.lastPathComponent)
            XCTAssertEqual(try Self.withoutOffsets(fromHTML.persons), try Self.withoutOffsets(fromText.persons), page.lastPathComponent)
            XCTAssertEqual(fromHTML.article, fromText.article, page.lastPathComponent)
        }
    }

    /// JSON of a value with every `start`, `end` and `mentions` key removed.
    static func withoutOffsets<T: Encodable>(_ value: T) throws -> NSObject {
        func strip(_ any: Any) -> Any {
            if let d = any as? [String: Any] {
                return d.filter { !["start", "end", "mentions"].contains($0.key) }.mapValues(strip)
            }
            if let a = any as? [Any] { return a.map(strip) }
            return any
        }
        let json = try JSONSerialization.jsonObject(with: Data(try OrderedJSONEncoder().encode(value)), options: [.fragmentsAllowed])
        return strip(json) as! NSObject
    }

    func testDetection() {
        for html in ["<!DOCTYPE html><html>", "<html>", "  \n<HEAD>", "<meta charset=gbk>", "<div>会议</div>", "<!-- x -->",
                     "\u{FEFF}<html>", "<?xml version=\"1.0\"?><html>"] {
            XCTAssertTrue(HTMLSniffer.looksLikeHTML(Array(html.utf8)), html)
        }
        for text in ["会议<div>", "", "   ", "<", "< div>", "<<标题>>", "1 < 2"] {
            XCTAssertFalse(HTMLSniffer.looksLikeHTML(Array(text.utf8)), text)
        }
    }

    func testDeclaredCharset() {
        let cases: [(String, InputDecoder.Charset?)] = [
            ("<meta charset=gbk>", .gb18030),
            ("<META CHARSET=\"GB2312\">", .gb18030),
            ("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" />", .gb18030),
            ("<meta charset='big5'>", .big5),
            ("<meta http-equiv=content-type content=\"text/html;charset=Big5-HKSCS\">", .big5),
            ("<meta charset=\"utf-8\">", .utf8),
            ("<meta charset=\"shift_jis\">", nil),
            ("<meta name=\"charset\">", nil),
            ("<html><body>charset=gbk</body>", nil),
        ]
        for (html, expected) in cases {
            XCTAssertEqual(HTMLSniffer.declaredCharset(Array(html.utf8)), expected, html)
        }
    }

    /// 會議 in Big5 is also valid GB18030 (穦某): the declaration decides.
    func testMetaCharsetDecidesBetweenBig5AndGB18030() throws {
        let big5: [UInt8] = [0xB7, 0x7C, 0xC4, 0xB3]
        func page(_ charset: String) -> [UInt8] { Array("<html><head><meta charset=\(charset)></head><body><p>".utf8) + big5 + Array("</p></body></html>".utf8) }
        XCTAssertEqual(try ArticleText(bytes: page("big5"), input: "a.html").text, "會議\n")
        XCTAssertEqual(try ArticleText(bytes: page("gbk"), input: "b.html").text, "穦某\n")
    }

    /// Scrapers re-save pages as UTF-8 and keep the old meta: valid UTF-8 stays UTF-8.
    func testValidUTF8WinsOverAStaleDeclaration() throws {
        let html = "<html><head><meta charset=gbk></head><body><p>县委常委会召开会议</p></body></html>"
        let article = try ArticleText(bytes: Array(html.utf8), input: "stale.html")
        XCTAssertEqual(article.charset, .utf8)
        XCTAssertEqual(article.text, "县委常委会召开会议\n")
    }

    func testBig5PlainText() throws {
        // 縣委書記主持召開防汛工作會議，部署下一階段工作。 (iconv -t BIG5)
        let bytes: [UInt8] = [0xbf, 0xa4, 0xa9, 0x65, 0xae, 0xd1, 0xb0, 0x4f, 0xa5, 0x44, 0xab, 0xf9, 0xa5, 0x6c, 0xb6, 0x7d, 0xa8, 0xbe,
                              0xa6, 0xc4, 0xa4, 0x75, 0xa7, 0x40, 0xb7, 0x7c, 0xc4, 0xb3, 0xa1, 0x41, 0xb3, 0xa1, 0xb8, 0x70, 0xa4, 0x55,
                              0xa4, 0x40, 0xb6, 0xa5, 0xac, 0x71, 0xa4, 0x75, 0xa7, 0x40, 0xa1, 0x43]
        let (text, charset) = try InputDecoder.decode(bytes, input: "big5.txt")
        XCTAssertEqual(text, "縣委書記主持召開防汛工作會議，部署下一階段工作。")
        XCTAssertEqual(charset, .big5)
    }

    func testForcedHTMLAndTheStringAPI() throws {
        let page = "来源说明\n<div><p>　　5月6日上午，县长主持召开县政府常务会议，研究部署有关工作。</p></div>"
        XCTAssertNil(try ArticleText(bytes: Array(page.utf8), input: "p").page, "starts with text: not detected")
        let forced = try ArticleText(bytes: Array(page.utf8), input: "p", html: true)
        XCTAssertEqual(forced.page?.paragraphs, ["5月6日上午，县长主持召开县政府常务会议，研究部署有关工作。"])
        let result = try Self.extractor.extract(html: page, id: "p")
        XCTAssertEqual(result.id, "p")
    }

    func testScriptsStylesAndWidgetsAreNotText() throws {
        let html = """
        <html><head><title>县政府召开常务会议_某县人民政府</title><style>p{color:red}</style></head><body>
        <script>var s = "会议强调要加强领导";</script>
        <div class="article-content"><p>县政府召开常务会议，研究部署森林防火、安全生产等工作。</p>
        <div class="share">分享到：微信 微博</div><noscript>请启用脚本</noscript>
        <p style="display:none">隐藏的文字不算正文内容，请勿显示。</p><p>会议强调，要压实责任，确保各项工作落到实处。</p></div>
        </body></html>
        """
        let page = WebPage(html: html)
        XCTAssertEqual(page.headline, "县政府召开常务会议")
        XCTAssertEqual(page.paragraphs, ["县政府召开常务会议，研究部署森林防火、安全生产等工作。", "会议强调，要压实责任，确保各项工作落到实处。"])
        XCTAssertEqual(page.bodyMethod, "container")
    }

    func testCJKLineBreaksInTheSourceAreNotSpaces() {
        let page = WebPage(html: "<div class=TRS_Editor><p>县委书记主持召开\n  常委会会议，研究部署 Q1 工作，\n会议强调要抓落实。</p></div>")
        XCTAssertEqual(page.paragraphs, ["县委书记主持召开常委会会议，研究部署 Q1 工作，会议强调要抓落实。"])
    }

    func testMetadataFieldsOfAVisibleLine() {
        let fields = PageFields.parse("發佈時間：2024-06-12 21:05　來源：雲岫縣融媒體中心 【字體：大 中 小】 瀏覽量：12 分享到：")
        XCTAssertEqual(PageFields.value(fields, PageVocabulary.publishedLabels), "2024-06-12 21:05")
        XCTAssertEqual(PageFields.value(fields, PageVocabulary.sourceLabels), "雲岫縣融媒體中心")
        XCTAssertEqual(PageFields.value(PageFields.parse("（责任编辑：张三）"), ["责任编辑"]), "张三")
    }

    func testAnOpeningTimeAndPlaceLineStaysInTheBody() {
        let page = WebPage(html: """
        <html><head><meta name="PubDate" content="2024-05-06"></head><body><div id="zoom">
        <p>时间：2024年5月8日上午9时　地点：县政府三楼会议室</p>
        <p>县政府决定召开全县安全生产工作会议，现将有关事项通知如下。</p></div>
        <div class="info">来源：县政府办公室　浏览：12</div></body></html>
        """)
        XCTAssertEqual(page.paragraphs.first, "时间：2024年5月8日上午9时　地点：县政府三楼会议室")
        XCTAssertEqual(page.published, "2024-05-06")
    }

    func testMalformedMarkupGivesAResult() throws {
        for html in ["<html>", "<div><p><span>", "</p></div></html>", "<<<>>>", "<div class=", "<!--", "<html><body>&#0;&#xD800;&bogus;</body>",
                     "<table><tr><td>会议<td>召开</table></table></div>", "<p>" + String(repeating: "<b>", count: 5000) + "县政府召开会议，研究工作。"] {
            let result = try Self.extractor.extract(html: html, id: "m")
            XCTAssertEqual(result.id, "m", html)
        }
    }
}
