/// `DIR/index.html` of `minutes view` over several articles: one row per page with its first
/// meeting's name, date and chair, and counts, linking the page.
public struct ArticleIndexPage {
    public struct Entry {
        /// The page's file name, relative to the index.
        public var page: String
        public var result: MinutesResult

        public init(page: String, result: MinutesResult) {
            self.page = page
            self.result = result
        }
    }

    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public func render() -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n<title>minutes · \(entries.count) articles</title>\n"
        html += "<style>\n\(Self.css)\n</style>\n</head>\n<body>\n<h1>\(entries.count) articles</h1>\n"
        html += "<table>\n<thead><tr><th>article</th><th>meeting</th><th>date</th><th>chair</th>"
        html += "<th>meetings</th><th>participants</th><th>directives</th><th>persons</th><th>warnings</th></tr></thead>\n<tbody>\n"
        for e in entries {
            let r = e.result
            let first = r.meetings.first
            let cells = [
                "<a href=\"\(htmlEscaped(e.page))\">\(htmlEscaped(r.id?.description ?? e.page))</a>",
                htmlEscaped(first?.name ?? "–"),
                htmlEscaped(first?.date.map { [$0.text, $0.value].compactMap { $0 }.joined(separator: " · ") } ?? "–"),
                htmlEscaped(first.map { $0.chair.map(\.name).joined(separator: "、") }.flatMap { $0.isEmpty ? nil : $0 } ?? "–"),
                String(r.meetings.count),
                String(r.meetings.reduce(0) { $0 + $1.participants.count }),
                String(r.meetings.reduce(0) { $0 + ArticlePage.count($1.directives) }),
                String(r.persons.count),
                r.warnings.isEmpty ? "" : htmlEscaped(r.warnings.joined(separator: "; ")),
            ]
            html += "<tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</body>\n</html>\n"
    }

    static let css = """
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; margin: 20px 28px; color: #1d2330; background: #f7f7f4; }
    h1 { font-size: 1.3em; }
    table { border-collapse: collapse; background: #fff; border: 1px solid #ddd; }
    th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid #eee; vertical-align: top; font-size: 0.92em; }
    th { color: #777; font-weight: normal; background: #fafafa; }
    td:nth-child(n+5):not(:last-child) { text-align: right; }
    td:last-child { color: #a33; }
    a { color: #1f5fa8; text-decoration: none; } a:hover { text-decoration: underline; }
    """
}
