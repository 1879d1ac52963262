import Foundation

/// An HTML page reduced to its article: headline, metadata, body paragraphs and credits, and
/// the plain text the pipeline reads:
///
/// ```
/// 柏庆川主持召开县政府第二十七次常务会议
/// 时间：2023-04-12 09:46  来源：枫岭县人民政府办公室
/// 4月11日上午，县委副书记、县长柏庆川主持召开……
/// （责任编辑：张三）
/// ```
///
/// Offsets reported for an HTML input are code points into this ``text``.
public struct WebPage: Sendable, Equatable {
    public var headline: String?
    /// Publish time as the page gives it (meta `PubDate`, or the visible `时间：` field).
    public var published: String?
    /// Source (meta `ContentSource`, or the visible `来源：` field).
    public var source: String?
    public var author: String?
    public var paragraphs: [String]
    /// Credit lines right after the body (`（责任编辑：张三）`).
    public var credits: [String]
    /// How the body was found: `container` (a known CMS container), `density` (text/link density
    /// scoring) or `page` (no body found: the whole page's text).
    public var bodyMethod: String
    public var warnings: [String]

    /// Parses HTML (already decoded) and finds its article.
    public init(html: String) {
        let document = HTMLDocument(html: html)
        var finder = ArticleBodyFinder(document: document)
        let choice = finder.find()
        let renderer = BlockRenderer(document: document)
        let pageLines = renderer.lines()
        let meta = Self.metaTags(document)

        warnings = []
        let bodyNodes: [Int]
        if let choice {
            bodyNodes = choice.nodes
            bodyMethod = choice.method
        } else {
            bodyNodes = document.nodes.firstIndex { $0.tag == "body" }.map { [$0] } ?? []
            bodyMethod = "page"
            if !pageLines.isEmpty { warnings.append("no article body found in the HTML page: used all of its text") }
        }
        let cleaner = finder
        let cleaned = choice != nil
        let skip = { (i: Int) in
            !bodyNodes.contains(i) && (Self.isWidget(document.nodes[i]) || (cleaned && cleaner.isBoilerplate(i)))
        }
        let reveal = choice?.revealHidden ?? false
        var bodyLines = bodyNodes.isEmpty ? renderer.lines(revealHidden: reveal, skip: skip)
            : bodyNodes.flatMap { renderer.lines(of: $0, revealHidden: reveal, skip: skip) }
        let bodyRange = bodyNodes.first.map { $0..<document.nodes[bodyNodes[bodyNodes.count - 1]].end } ?? 0..<document.nodes.count

        // Headline: the article title meta tag, else the visible heading that the <title> names.
        let title = document.nodes.firstIndex { $0.tag == "title" }.map { BlockRenderer.collapse(Array(document.rawText(of: $0).unicodeScalars)) }
        let bodyStart = bodyLines.first?.node ?? bodyRange.lowerBound
        let headings = Self.headings(document, renderer: renderer)
        var headlineNode: Int?
        // A meta or <title> title may carry the site name and section (标题_栏目_网站): the
        // visible heading it contains is the title as the page shows it.
        let beforeBody = headings.filter { $0.node < bodyStart && !$0.text.isEmpty }
        func named(by t: String) -> (node: Int, tag: String, text: String)? {
            let matches = beforeBody.filter { t.contains($0.text) || $0.text.contains(t) }
            // 引题——主题 or 主题——副题 titles name the kicker or subtitle too: the main title wins.
            let main = matches.filter { !Self.isSecondaryTitle(document.nodes[$0.node]) }
            let pool = main.isEmpty ? matches : main
            return pool.last { $0.tag == "h1" } ?? pool.last
        }
        if let h = Self.first(meta, PageVocabulary.headlineMeta) {
            if let shown = headings.last(where: { $0.text == h && $0.node <= bodyStart + 1 }) ?? named(by: h) {
                headline = shown.text
                headlineNode = shown.node
            } else {
                headline = Self.siteNameRemoved(h)
            }
        } else if let t = title, let h = named(by: t)
                    ?? headings.first(where: { bodyRange.contains($0.node) && (t.contains($0.text) || $0.text.contains(t)) }) {
            headline = h.text
            headlineNode = h.node
        } else if let h = headings.last(where: { $0.node < bodyStart && $0.tag == "h1" }) ?? headings.first(where: { $0.tag == "h1" }) {
            headline = h.text
            headlineNode = h.node
        } else {
            headline = title.map(Self.siteNameRemoved)
        }
        if let h = headline, h.isEmpty { headline = nil }

        // Metadata: meta tags first, then the visible `时间：… 来源：…` line(s) just before the body
        // (or opening it).
        published = Self.first(meta, PageVocabulary.publishedMeta)
        source = Self.first(meta, PageVocabulary.sourceMeta)
        // A CMS user id is no author (作者：2909).
        author = Self.first(meta, PageVocabulary.authorMeta).flatMap { $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } ? nil : $0 }
        var consumed = Set<Int>()
        if let hn = headlineNode { consumed.insert(hn) }
        let before = pageLines.filter { $0.node < bodyStart && $0.node > (headlineNode ?? -1) }.suffix(6)
        for (inBody, line) in before.map({ (false, $0) }) + bodyLines.prefix(4).map({ (true, $0) }) {
            let fields = PageFields.parse(line.text)
            let p = PageFields.value(fields, .published)
            let s = PageFields.value(fields, .outlet)
            let a = PageFields.value(fields, .reporter)
            // A bare date line under the headline (a field without its label: <li>2024-06-05 16:30</li>).
            if !inBody, fields.isEmpty, Self.isBareDate(line.text) {
                published = published ?? line.text
                consumed.insert(line.node)
                continue
            }
            guard p != nil || s != nil || a != nil, line.text.unicodeScalars.count <= 200 else { continue }
            // Inside the body, `时间：… 地点：…` may be the article's own opening (a notice):
            // only a line that also names a source or author, or has page widgets, is metadata.
            if inBody, s == nil, a == nil, !fields.contains(where: { $0.known && $0.kind == .ignored }) { continue }
            published = published ?? p
            source = source ?? s
            author = author ?? a
            consumed.insert(line.node)
        }
        published = published ?? Self.timeElement(document)
        // The body may repeat the headline, the title shown above it, and the date.
        let shownTitles = Set(beforeBody.map(\.text))
        while let first = bodyLines.first {
            if consumed.contains(first.node) || first.text == headline || shownTitles.contains(first.text)
                || Self.isBareDate(first.text) || Self.isChromeOnly(first.text) {
                bodyLines.removeFirst()
            } else if bodyLines.count >= 2, Self.isBareDate(bodyLines[1].text), Self.isOutletName(first.text) {
                // A byline block: the outlet's name over the date (某某新闻网 / 2024-05-20 13:09).
                bodyLines.removeFirst(2)
            } else {
                break
            }
        }
        // The title block repeated at the top of the body: the headline's line with the kicker
        // above it and the subtitle under it (short lines without clause punctuation).
        // A meta title may end with the site's name after a bare hyphen (标题-某某网).
        let titles = headline.map { h in [h, String(h[..<(h.lastIndex(of: "-") ?? h.endIndex)])].filter { $0.unicodeScalars.count >= 4 } } ?? []
        if let j = bodyLines.prefix(3).firstIndex(where: { line in
               let length = line.text.unicodeScalars.count
               return Self.isTitleLike(line.text, limit: 60) && titles.contains { h in
                   length <= h.unicodeScalars.count + 12 && (line.text.contains(h) || (length >= 4 && h.contains(line.text)))
               }
           }),
           bodyLines[..<j].allSatisfy({ Self.isTitleLike($0.text) }) {
            var end = j + 1
            while end < min(bodyLines.count, j + 3), Self.isTitleLike(bodyLines[end].text) { end += 1 }
            if end < bodyLines.count { bodyLines.removeFirst(end) }
        }
        bodyLines.removeAll { Self.isChromeOnly($0.text) || Self.isAdLink($0, in: document) }
        // A short heading ending the body titled furniture that was left out (参考文献, 评论).
        if let last = bodyLines.last, bodyLines.count > 1, last.text.unicodeScalars.count <= 20, Self.isHeading(last, in: document) {
            bodyLines.removeLast()
        }
        bodyLines.removeAll { consumed.contains($0.node) && PageFields.parse($0.text).isEmpty == false }
        paragraphs = bodyLines.map(\.text)

        // Credits: short labelled lines right after the body.
        credits = []
        if !bodyNodes.isEmpty, bodyMethod != "page" {
            for line in pageLines.filter({ $0.node >= bodyRange.upperBound }).prefix(3) {
                let fields = PageFields.parse(line.text)
                guard line.text.unicodeScalars.count <= 60, fields.contains(where: { $0.known && [.reporter, .editor, .outlet].contains($0.kind) && !$0.value.isEmpty }) else { break }
                credits.append(line.text)
            }
        }
        if paragraphs.isEmpty && headline == nil { warnings.append("no text found in the HTML page") }
    }

    /// The metadata line: `时间：…  来源：…  作者：…`, nil when the page gives none.
    public var metadataLine: String? {
        let parts = [("时间", published), ("来源", source), ("作者", author)].compactMap { label, value in value.map { "\(label)：\($0)" } }
        return parts.isEmpty ? nil : parts.joined(separator: "  ")
    }

    /// The text of the page the pipeline reads: headline, metadata line, paragraphs and
    /// credits, one per line.
    public var text: String {
        let lines = [headline, metadataLine].compactMap { $0 } + paragraphs + credits
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// `<meta name|property|itemprop=… content=…>`, keys lowercased; the first of each wins.
    static func metaTags(_ document: HTMLDocument) -> [String: String] {
        var meta: [String: String] = [:]
        for node in document.nodes where node.tag == "meta" {
            guard let key = (node.attributes["name"] ?? node.attributes["property"] ?? node.attributes["itemprop"])?.lowercased(),
                  let content = node.attributes["content"] else { continue }
            let value = BlockRenderer.collapse(Array(content.unicodeScalars))
            if meta[key] == nil, !value.isEmpty { meta[key] = value }
        }
        return meta
    }

    static func first(_ meta: [String: String], _ keys: [String]) -> String? {
        keys.lazy.compactMap { meta[$0] }.first
    }

    /// Visible headings: h1–h3 and elements whose id or class says title, with their text.
    static func headings(_ document: HTMLDocument, renderer: BlockRenderer) -> [(node: Int, tag: String, text: String)] {
        var out: [(Int, String, String)] = []
        for (i, node) in document.nodes.enumerated() where !node.isText && node.tag != "title" {
            let hint = ((node.attributes["id"] ?? "") + " " + (node.attributes["class"] ?? "")).lowercased()
            guard ["h1", "h2", "h3"].contains(node.tag) || hint.contains("title") else { continue }
            guard node.end - i < 200 else { continue }  // a title is small; skip big containers
            let text = renderer.lines(of: i).map(\.text).joined(separator: " ")
            let length = text.unicodeScalars.count
            if length >= 4, length <= 200 { out.append((i, node.tag, text)) }
        }
        return out
    }

    /// A kicker (引题) or subtitle (副题) by its id/class words (`sub-title`, `yt`, `fbt`).
    static func isSecondaryTitle(_ node: HTMLDocument.Node) -> Bool {
        let words = ((node.attributes["id"] ?? "") + " " + (node.attributes["class"] ?? "")).lowercased()
            .split { $0 == " " || $0 == "-" || $0 == "_" || $0 == "\t" }
        return words.contains { PageVocabulary.secondaryTitleWords.contains(String($0)) }
    }

    /// The first `<time>` element's `datetime`, else its text when it is a date.
    static func timeElement(_ document: HTMLDocument) -> String? {
        guard let i = document.nodes.firstIndex(where: { $0.tag == "time" }) else { return nil }
        if let d = document.nodes[i].attributes["datetime"], !d.isEmpty { return d }
        let text = BlockRenderer.collapse(Array(document.rawText(of: i).unicodeScalars))
        return isBareDate(text) ? text : nil
    }

    /// A line that is only a date and time (2024-06-05 16:30, 2024年6月5日 星期三).
    static func isBareDate(_ line: String) -> Bool {
        var digits = 0
        for s in line.unicodeScalars {
            if ("0"..."9").contains(s) { digits += 1; continue }
            guard PageVocabulary.dateLineCharacters.unicodeScalars.contains(s) || BlockRenderer.isEdgeSpace(s) else { return false }
        }
        return digits >= 6 && line.unicodeScalars.count <= 30
    }

    /// A short name standing alone on its line (an outlet over the date): no clause punctuation,
    /// no digits.
    static func isOutletName(_ line: String) -> Bool {
        let scalars = line.unicodeScalars
        return scalars.count <= 12 && !scalars.contains { ArticleBodyFinder.isClausePunctuation($0) || ("0"..."9").contains($0) || $0 == "：" || $0 == ":" }
    }

    /// A line of a title block: short, without clause punctuation.
    static func isTitleLike(_ line: String, limit: Int = 30) -> Bool {
        let scalars = line.unicodeScalars
        return scalars.count <= limit && !scalars.contains(where: ArticleBodyFinder.isClausePunctuation)
    }

    /// A line that is a heading element's text.
    static func isHeading(_ line: BlockRenderer.Line, in document: HTMLDocument) -> Bool {
        Self.enclosingElement(of: line.node, in: document, within: 3) { ["h1", "h2", "h3", "h4", "h5", "h6"].contains($0.tag) }
    }

    /// Whether one of the `levels` nearest elements around a node passes `test`.
    static func enclosingElement(of node: Int, in document: HTMLDocument, within levels: Int, _ test: (HTMLDocument.Node) -> Bool) -> Bool {
        var p = document.nodes[node].parent
        for _ in 0..<levels where p >= 0 {
            if test(document.nodes[p]) { return true }
            p = document.nodes[p].parent
        }
        return false
    }

    /// An ad inside the body: a link whose first text is an ad label on its own (<a><i>广告</i>…</a>).
    static func isAdLink(_ line: BlockRenderer.Line, in document: HTMLDocument) -> Bool {
        let first = document.nodes[line.node]
        guard PageVocabulary.adLabels.contains(BlockRenderer.collapse(Array(first.text.unicodeScalars))) else { return false }
        return enclosingElement(of: line.node, in: document, within: 3) { $0.tag == "a" }
    }

    /// A short line of page widgets only (【字体：大 中 小】, 扫一扫在手机打开当前页, 相关附件：,
    /// 1234下一页, 举报, 不喜欢, an ad label left by an ad slot), or of fields that are widgets or
    /// empty page fields (浏览：12, 责任编辑：, 关键词：…); an article's own label line (会议要求：,
    /// 注释：) stays.
    static func isChromeOnly(_ line: String) -> Bool {
        let compact = String(line.unicodeScalars.filter { !BlockRenderer.isEdgeSpace($0) })
        let length = compact.unicodeScalars.count
        // Counters (a lone number) and a platform's statement (本平台仅提供信息存储服务).
        if length <= 6, !compact.isEmpty, compact.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) { return true }
        if length <= 120, PageVocabulary.statementPhrases.contains(where: compact.contains) { return true }
        guard length <= 40 else { return false }
        if PageVocabulary.chromeLineWords.contains(compact) || PageVocabulary.adLabels.contains(where: { $0.caseInsensitiveCompare(compact) == .orderedSame }) { return true }
        if PageVocabulary.chromeLineStarts.contains(where: compact.hasPrefix)
            || PageVocabulary.chromeLineEnds.contains(where: compact.hasSuffix) { return true }
        let fields = PageFields.parse(line)
        return !fields.isEmpty && fields[0].opensLine
            && fields.allSatisfy { $0.known && ($0.kind == .ignored || $0.kind == .openinfo || $0.value.isEmpty) }
    }

    /// `<title>` without the site name: `会议标题_某某市人民政府` → `会议标题`.
    static func siteNameRemoved(_ title: String) -> String {
        for separator in ["_", "｜", "|", " - ", " — ", "——", "－"] where title.contains(separator) {
            let parts = title.components(separatedBy: separator).map { BlockRenderer.collapse(Array($0.unicodeScalars)) }
            if let part = parts.first(where: { $0.unicodeScalars.count >= 4 }) { return part }
        }
        return title
    }

    /// Share buttons, print links, QR codes inside the article body; a paragraph is text
    /// whatever its class says (`selectionShareable`).
    static func isWidget(_ node: HTMLDocument.Node) -> Bool {
        guard node.tag != "p" else { return false }
        let hint = ((node.attributes["id"] ?? "") + " " + (node.attributes["class"] ?? "")).lowercased()
        return hint.count > 1 && PageVocabulary.bodyWidgetHints.contains(where: hint.contains)
    }
}
