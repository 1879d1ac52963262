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
        XCTAssertEqual(charsets, [.utf8, .gb18030, .big5, .utf8, .utf8, .utf8, .utf8, .utf8, .utf8, .utf8])
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
        XCTAssertEqual(PageFields.value(fields, .published), "2024-06-12 21:05")
        XCTAssertEqual(PageFields.value(fields, .outlet), "雲岫縣融媒體中心")
        XCTAssertEqual(PageFields.value(PageFields.parse("（责任编辑：张三）"), .editor), "张三")
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

    /// 引题——主题——副题 portal pages: the <title> names the subtitle too, the main title is the headline.
    func testTheMainTitleNotTheKickerOrSubtitleIsTheHeadline() throws {
        let page = try ArticleText(bytes: [UInt8](try Data(contentsOf: Self.samples.appendingPathComponent("210-county-economy-kicker.html"))), input: "210").page
        XCTAssertEqual(page?.headline, "青屏县召开2025年经济工作会议")
        XCTAssertEqual(page?.published, "2025-01-09 10:21")
        let text = page?.text ?? ""
        for chrome in ["坚定信心", "凝心聚力", "字体", "扫一扫", "相关附件", "分解表", "2025-01-09\n"] {
            XCTAssertFalse(text.contains(chrome), chrome)
        }
        let h1 = WebPage(html: """
        <title>主题会议召开——副题内容在这里_某县人民政府</title><div class="yt">引题文字在这里</div><h1>主题会议召开</h1>
        <h2 class="subtitle">副题内容在这里</h2><div class="content"><p>3月2日，县长主持召开会议，研究部署近期工作，会议强调要抓落实。</p></div>
        """)
        XCTAssertEqual(h1.headline, "主题会议召开")
    }

    /// Publish time in a bare list item under the headline, in a <time> element, in a meta tag.
    func testPublishTimeFromListItemsAndTimeElements() throws {
        let page = try ArticleText(bytes: [UInt8](try Data(contentsOf: Self.samples.appendingPathComponent("211-district-safety-li-time.html"))), input: "211").page
        XCTAssertEqual(page?.published, "2024-06-05 16:30")
        let time = WebPage(html: """
        <h1>区政府召开常务会议</h1><div class="meta"><time datetime="2024-05-06T09:30:00+08:00">5月6日</time></div>
        <div class="content"><p>5月6日，区长主持召开区政府常务会议，研究部署近期重点工作，会议强调要抓落实。</p></div>
        """)
        XCTAssertEqual(time.published, "2024-05-06T09:30:00+08:00")
    }

    /// An uppercase <P> whose paragraphs are split by <BR><BR>, right after a <SCRIPT> in the cell.
    func testUppercaseParagraphsAfterAScriptAreAllKept() throws {
        let page = try ArticleText(bytes: [UInt8](try Data(contentsOf: Self.samples.appendingPathComponent("212-town-flood-uppercase-p.html"))), input: "212").page
        XCTAssertEqual(page?.paragraphs.count, 3)
        XCTAssertEqual(page?.paragraphs.first?.hasPrefix("5月20日上午"), true)
    }

    /// A body hidden by style until a script shows it, when it is the only long text of the page.
    func testABodyHiddenUntilAScriptShowsItIsRead() {
        let paragraph = "县委召开常委会会议，传达学习上级会议精神，研究部署下一阶段重点工作，会议强调要压实责任、狠抓落实。"
        let page = WebPage(html: """
        <html><body><div class="profile">某县发布</div><h1 class="rich_media_title">县委召开常委会会议</h1>
        <div class="rich_media_content" id="page_body" style="visibility: hidden;">\(String(repeating: "<p>\(paragraph)</p>", count: 5))</div>
        <div style="display:none">提示：请在客户端打开</div></body></html>
        """)
        XCTAssertEqual(page.paragraphs.count, 5)
        XCTAssertEqual(page.paragraphs.first, paragraph)
        let shortHidden = WebPage(html: """
        <div class="content"><p>\(paragraph)</p><p>\(paragraph)</p></div><div style="display:none"><p>隐藏的提示文字，不是正文。</p></div>
        """)
        XCTAssertEqual(shortHidden.paragraphs, [paragraph, paragraph])
    }

    /// Pages that wrap each paragraph in its own block: the siblings are one body.
    func testParagraphsInSiblingBlocksAreJoined() {
        let paragraphs = (1...4).map { "第\($0)段：会议听取了有关单位的工作汇报，研究部署了下一阶段的重点任务，会议要求各单位抓好落实。" }
        let page = WebPage(html: """
        <html><body><div class="nav"><a href="/">首页</a> <a href="/a">要闻</a></div><article><h1>会议召开</h1>
        \(paragraphs.map { "<div class=\"body-component\"><p>\($0)</p></div>" }.joined(separator: "\n"))
        <div class="body-component"><a href="/x">相关链接一则，点击查看详细内容</a></div></article></body></html>
        """)
        XCTAssertEqual(page.paragraphs, paragraphs)
    }

    /// Cookie notices, recommended-story feeds, comments, link lists and video-player controls
    /// are not the article, even when they hold more text than it.
    func testFurnitureAroundAndInsideTheBodyIsLeftOut() {
        let lead = "县政府召开常务会议，研究部署森林防火、安全生产等工作，会议强调要压实责任、狠抓落实。"
        let teaser = "另一篇文章的内容很长，讲的是别的事情，有很多逗号，也有句号。还有更多的句子，继续写下去，一直写到很长。"
        let page = WebPage(html: """
        <html><body>
        <div id="onetrust-consent-sdk"><div class="ot-pc-content">\(String(repeating: "<p>本网站使用必要的技术，以便为您提供服务，请您阅读并同意相关条款。</p>", count: 6))</div></div>
        <div class="detail"><div class="article-text"><h1>县政府召开常务会议</h1>
        <div class="player"><ul><li>倍速</li><li>2.0X</li><li>1.5X</li><li>1.0X</li><li>高清</li><li>标清</li></ul></div>
        <p>\(lead)</p><p>\(lead)</p>
        <div class="links"><a href="/1">图片新闻一</a> <a href="/2">图片新闻二</a> <a href="/3">视频新闻三</a></div>
        <div class="comment-list"><p>网友：说得好，支持！</p></div></div>
        <div class="recommend-feed">\(String(repeating: "<p>\(teaser)</p>", count: 6))</div></div>
        </body></html>
        """)
        XCTAssertEqual(page.paragraphs, [lead, lead])
    }

    /// A reposted article's feed buttons, counters and the platform's statement are not text; a
    /// line that only starts like a widget word is.
    func testFeedButtonsAndPlatformStatementsLeaveTheBody() {
        let lead = "县政府召开常务会议，研究部署森林防火、安全生产等工作，会议强调要压实责任、狠抓落实。"
        let page = WebPage(html: """
        <div class="article-content"><p>\(lead)</p><p>举报电话：12345</p>
        <p>会议要求：</p><p>责任编辑：</p>
        <p>以上内容为用户上传并发布，本平台仅提供信息存储服务。</p><p>举报</p><p>不喜欢</p><p>451</p></div>
        """)
        XCTAssertEqual(page.paragraphs, [lead, "举报电话：12345", "会议要求："])
    }

    /// An encyclopedia's infobox, [edit] links, reference list and navigation box, a comment
    /// thread, an ad slot, a tags line and a copyright notice are not the article.
    func testReferencesCommentsAdsAndNoticesLeaveTheBody() {
        let lead = "县政府召开常务会议，研究部署森林防火、安全生产等工作，会议强调要压实责任、狠抓落实。"
        let comment = "网友说：会议开得好，希望各项工作真正落到实处，不要走过场，大家都看着呢，支持！"
        let page = WebPage(html: """
        <html><body><div id="bodyContent"><table class="infobox"><tr><th>会议</th><td>县政府常务会议，第十二次</td></tr></table>
        <p>\(lead)<sup class="reference"><a href="#c1">[1]</a></sup></p>
        <h2><span class="mw-headline">会议内容</span><span class="mw-editsection">[<a href="/e">编辑</a>]</span></h2>
        <p>\(lead)</p><div class="ad-slot">广告<a href="/ad">家电以旧换新，补贴最高可达两千元，欢迎选购。</a></div>
        <p><a href="/ad2"><i>广告</i><span>暑期研学营火热报名中，名额有限，欲报从速！</span></a></p>
        <p>关键词：安全生产</p><p>版权所有 © 某县融媒体中心 未经授权请勿转载</p>
        <ol class="references"><li id="c1">^ 县政府召开常务会议. 某县融媒体中心. 2024-06-03 [2024-06-05].</li></ol>
        <table class="navbox"><tr><td><a href="/1">常务会议</a> · <a href="/2">全体会议</a></td></tr></table>
        <div class="cmmts">\(String(repeating: "<div class=\"cmmts__item\">\(comment)</div>", count: 4))</div></div></body></html>
        """)
        XCTAssertEqual(page.paragraphs, [lead + "[1]", "会议内容", lead])
    }

    /// The id/class vocabulary comes from Rules/article/markup.yaml.
    func testMarkupVocabularyIsLoadedFromTheRules() {
        for words in [Array(PageVocabulary.containerIDs), Array(PageVocabulary.containerClasses), PageVocabulary.positiveHints,
                      PageVocabulary.negativeHints, PageVocabulary.unlikelyHints, PageVocabulary.furnitureHints,
                      PageVocabulary.maybeCandidateHints, PageVocabulary.bodyWidgetHints, Array(PageVocabulary.secondaryTitleWords)] {
            XCTAssertFalse(words.isEmpty)
            XCTAssertEqual(words, words.map { $0.lowercased() })
        }
        XCTAssertTrue(PageVocabulary.unlikelyHints.contains("references"))
    }

    /// An article split into pages is read whole; a video player's info panel and transcript,
    /// which hold more text than any page, are not the article.
    func testAnArticleInPagesIsReadWholeWithoutAVideoTranscript() {
        let paragraph = { (k: Int) in "第\(k)段：会议听取了有关单位的工作汇报，研究部署了下一阶段的重点任务，会议要求各单位抓好落实。" }
        let transcript = "视频实录：大家好，今天介绍这次会议的主要内容，请大家认真收看，我们一起来看。"
        let pages = (0..<4).map { page in
            let video = page == 3 ? "<div class=\"video-player\"><div class=\"transcript\">\(String(repeating: "<p>\(transcript)</p>", count: 10))</div></div>" : ""
            return "<div class=\"article-page\"><section><p>\(paragraph(2 * page + 1))</p><p>\(paragraph(2 * page + 2))</p>\(video)</section></div>"
        }
        let page = WebPage(html: "<html><body><div class=\"layout\"><div class=\"pages\">\(pages.joined())</div></div></body></html>")
        XCTAssertEqual(page.paragraphs, (1...8).map(paragraph))
    }

    /// The title block the body repeats (kicker, title, subtitle) leaves it; a lead that holds
    /// the headline stays.
    func testATitleBlockRepeatedAtTheTopOfTheBodyIsLeftOut() {
        let lead = "县政府召开常务会议，研究部署森林防火、安全生产等工作，会议强调要压实责任、狠抓落实。"
        let block = WebPage(html: """
        <html><head><meta name="ArticleTitle" content="县政府召开常务会议-某县人民政府"></head><body><div class="article-content">
        <p>县政府召开常务会议强调</p><p>压实责任 狠抓落实</p><p>\(lead)</p><p>\(lead)</p></div></body></html>
        """)
        XCTAssertEqual(block.paragraphs, [lead, lead])
        let leadOnly = WebPage(html: """
        <html><head><meta name="ArticleTitle" content="县政府召开常务会议"></head><body><div class="article-content">
        <p>\(lead)</p><p>\(lead)</p></div></body></html>
        """)
        XCTAssertEqual(leadOnly.paragraphs, [lead, lead])
    }

    /// An outlet's name over the date, opening the body, is a byline, not text.
    func testAnOutletOverTheDateOpeningTheBodyIsLeftOut() {
        let lead = "县政府召开常务会议，研究部署森林防火、安全生产等工作，会议强调要压实责任、狠抓落实。"
        let page = WebPage(html: "<div class=\"article-content\"><p>某某新闻网</p><p>2024-05-20 13:09</p><p>\(lead)</p><p>\(lead)</p></div>")
        XCTAssertEqual(page.paragraphs, [lead, lead])
    }

    /// An ad slot's label left on its own line and a reader-support appeal are not the article.
    func testAdLabelsAndSupportAppealsLeaveTheBody() {
        let lead = "县政府召开常务会议，研究部署森林防火、安全生产等工作，会议强调要压实责任、狠抓落实。"
        let appeal = "本站的新闻报道离不开读者的支持，您的每一笔捐助，都让我们能够继续免费提供新闻，谢谢！"
        let page = WebPage(html: """
        <html><body><div class="story-body"><p>\(lead)</p><div class="slot"><div>Advertisement</div></div>
        <div class="ad-unit"><div>广告</div><a href="/ad">家电以旧换新，补贴最高可达两千元，欢迎选购。</a></div><p>\(lead)</p><div class="slot">ADVERTISEMENT</div>
        <div class="reader-support-box"><p>\(appeal)</p><p>\(appeal)</p></div></div></body></html>
        """)
        XCTAssertEqual(page.paragraphs, [lead, lead])
    }

    /// An article whose paragraphs come in groups between photos, at different depths under the
    /// page's one <article>, is read whole.
    func testAnArticleInFragmentsUnderItsArticleElementIsReadWhole() {
        let paragraph = { (k: Int) in "第\(k)段：会议听取了有关单位的工作汇报，研究部署了下一阶段的重点任务，会议要求各单位抓好落实。" }
        let fragment = { (ks: ClosedRange<Int>) in
            "<div class=\"grid\"><div class=\"col\"><div class=\"fragment\">\(ks.map { "<p>\(paragraph($0))</p>" }.joined())</div></div></div>"
        }
        let page = WebPage(html: """
        <html><body><main><article><h1>县政府召开常务会议</h1>\(fragment(1...3))<figure><img src="a.jpg"></figure>
        <div>\(fragment(4...4))</div><figure><img src="b.jpg"></figure>\(fragment(5...5))</article></main></body></html>
        """)
        XCTAssertEqual(page.paragraphs, (1...5).map(paragraph))
    }

    /// The other pages of a paginated article, hidden by class until a reader turns to them, are
    /// not text; a class that hides the element only on small screens does not hide it.
    func testPagesHiddenByClassAreNotRead() {
        let paragraph = { (k: Int) in "第\(k)段：会议听取了有关单位的工作汇报，研究部署了下一阶段的重点任务，会议要求各单位抓好落实。" }
        let page = WebPage(html: """
        <html><body><div class="article-body"><div class="article-page"><p>\(paragraph(1))</p><p>\(paragraph(2))</p></div>
        <div class="article-page article-page_hidden"><p>\(paragraph(3))</p><p>\(paragraph(4))</p></div>
        <div class="article-page article-page_hidden"><p>\(paragraph(5))</p><p>\(paragraph(6))</p></div>
        <div class="hidden md:block"><p>\(paragraph(7))</p></div><h2 class="sr-only">分享本文</h2></div></body></html>
        """)
        XCTAssertEqual(page.paragraphs, [1, 2, 7].map(paragraph))
    }

    /// Teasers of a listing whose class says article (a title link over a date) do not outweigh
    /// the article beside them, nor do the date and price lines of a table; a utility bar's
    /// pop-up summary that repeats the article's sentences and a byline are not body.
    func testTeasersDateTablesAndUtilityLayersDoNotWidenTheBody() {
        let lead = "县政府召开常务会议，研究部署安全生产工作。"
        let teasers = (1...12).map { k in
            "<div class=\"article__list\"><div class=\"article__list__title\"><a href=\"/\(k)\">另一篇新闻的标题第\(k)则</a></div><div class=\"article__list__info\">要闻 2024-05-24, 12:0\(k % 10)</div></div>"
        }
        let dates = (1...12).map { k in "<tr><td>Sat, May \(k), 2024</td><td>$40</td></tr>" }
        let page = WebPage(html: """
        <html><body><div class="wrap"><div class="read"><div class="util_view"><div class="layer">\(String(repeating: "<p>\(lead)</p>", count: 3))</div></div>
        <div class="byline">记者 张某明、李某华，县融媒体中心，2024年5月24日</div>
        <div class="read__content"><p>\(lead)</p><p>\(lead)</p></div>
        <table class="dates">\(dates.joined())</table></div>
        <div class="latest">\(teasers.joined())</div></div></body></html>
        """)
        XCTAssertEqual(page.paragraphs, [lead, lead])
    }

    /// Utility classes (`text-left`, `font-sans`) style a subscription notice as they style any
    /// box: their words are no article hint, so the notice does not outscore the short article.
    func testUtilityClassesAreNoArticleHint() {
        let lead = "县长王某明主持召开县政府常务会议，研究部署防汛工作。"
        let page = WebPage(html: """
        <html><body><div class="wrap">
        <div class="mx-auto max-w-3xl"><div class="mt-8 font-serif post-content"><p>\(lead)</p></div></div>
        <div class="mx-auto max-w-3xl"><div class="py-9 mt-20"><div class="mx-auto mt-4 font-sans leading-normal text-left md:text-lg">
        <p>本简报可能含有广告、优惠或推广链接，订阅即表示同意我们的使用条款和隐私政策，您可以随时退订，退订后不再收到任何邮件。</p></div></div></div>
        </div></body></html>
        """)
        XCTAssertEqual(page.paragraphs, [lead])
    }

    func testMalformedMarkupGivesAResult() throws {
        for html in ["<html>", "<div><p><span>", "</p></div></html>", "<<<>>>", "<div class=", "<!--", "<html><body>&#0;&#xD800;&bogus;</body>",
                     "<table><tr><td>会议<td>召开</table></table></div>", "<p>" + String(repeating: "<b>", count: 5000) + "县政府召开会议，研究工作。"] {
            let result = try Self.extractor.extract(html: html, id: "m")
            XCTAssertEqual(result.id, "m", html)
        }
    }
}
