/// `minutes view`: one self-contained HTML page per article (inline CSS, no script, no external
/// asset), showing the text with every span highlighted by layer and the meeting frame beside it,
/// each frame entry linked to its span. Built on ``Document/shownAnnotations(layers:)``, the same
/// annotations `minutes explain` lists.
public struct ArticlePage {
    /// A highlighted layer: the document layer it comes from, its legend label and its colour.
    struct Layer {
        let name: String
        let label: String
        let colour: String
    }

    /// The layers highlighted, in legend order; inner spans are drawn over outer ones.
    static let layers: [Layer] = [
        Layer(name: "person", label: "person", colour: "#f6c343"),
        Layer(name: "title", label: "title", colour: "#8ecae6"),
        Layer(name: "organization", label: "organization", colour: "#b5e48c"),
        Layer(name: "place", label: "place", colour: "#f4a3a8"),
        Layer(name: "date", label: "date", colour: "#cdb4db"),
        Layer(name: "venue", label: "venue", colour: "#ffb703"),
        Layer(name: "meeting", label: "meeting name", colour: "#90e0ef"),
        Layer(name: DirectiveMarkers.layer, label: "directive marker", colour: "#e76f51"),
        Layer(name: "directive", label: "directive item", colour: "#f1faee"),
    ]

    public let document: Document
    public let result: MinutesResult

    public init(document: Document, result: MinutesResult) {
        self.document = document
        self.result = result
    }

    /// A span drawn in the text: a highlighted layer's (`layer` its index; `anchor` its element id,
    /// the target of the frame's links) or page chrome inside a body line (layer -1, greyed).
    struct Mark {
        let anchor: String
        let layer: Int
        let start: Int
        let end: Int
        let tip: String
        /// CSS classes: the layer's, and a chair's or participant's role.
        let classes: String
    }

    /// The marks of the highlighted layers and of the page chrome, in text order.
    func marks() -> [Mark] {
        let layerIndex = Dictionary(uniqueKeysWithValues: Self.layers.enumerated().map { ($0.element.name, $0.offset) })
        let shown = document.shownAnnotations(layers: Set(Self.layers.map(\.name)).union(["chrome"])) + DirectiveMarkers(result, document).shown
        var roles: [[Int]: [String]] = [:]
        for (n, m) in result.meetings.enumerated() {
            for (role, attendees) in [("chair", m.chair), ("participant", m.participants)] {
                for a in attendees { roles[[a.start, a.end], default: []].append(result.meetings.count > 1 ? "\(role) of meeting \(n + 1)" : role) }
            }
        }
        var marks: [Mark] = []
        for a in shown where a.end > a.start {
            if a.layer == "chrome" {
                marks.append(Mark(anchor: "", layer: -1, start: a.start, end: a.end, tip: "", classes: "chrome-part"))
                continue
            }
            guard let layer = layerIndex[a.layer] else { continue }
            let role = a.layer == "person" ? roles[[a.start, a.end]] ?? [] : []
            let classes = "l\(layer)" + (role.first.map { " " + $0.prefix { $0 != " " } } ?? "")
            marks.append(Mark(anchor: "s\(marks.count)", layer: layer, start: a.start, end: a.end, tip: tip(a, roles: role), classes: classes))
        }
        // In text order (the directive markers come after the layers): lines take their marks in turn.
        return marks.sorted { ($0.start, -$0.end, $0.layer) < ($1.start, -$1.end, $1.layer) }
    }

    /// What hovering a span tells: layer, rule and features (a person's name, titles and role in
    /// the frame; a date's value).
    func tip(_ a: ShownAnnotation, roles: [String]) -> String {
        var lines = ["\(a.layer) · \(a.rule)"]
        if a.layer == "person", let person = result.persons.first(where: { $0.mentions.contains([a.start, a.end]) }) {
            lines.append("name: \(person.name)")
            if !person.titles.isEmpty { lines.append("titles: \(person.titles.joined(separator: "、"))") }
            if !roles.isEmpty { lines.append("frame: \(roles.joined(separator: ", "))") }
        } else if !a.features.isEmpty {
            lines += a.features.map { "\($0.key): \($0.value)" }
        }
        return lines.joined(separator: "\n")
    }

    /// The page.
    public func render() -> String {
        let marks = marks()
        let links = Links(marks: marks, layers: Self.layers)
        let title = result.article.headline ?? result.meetings.first?.name ?? result.id?.description ?? "article"
        var html = "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(htmlEscaped(title)) · minutes</title>\n<style>\n\(Self.css)\n</style>\n</head>\n<body>\n"
        html += header()
        html += "<main>\n<section class=\"text\">\n" + legend(marks) + body(marks) + "</section>\n"
        html += "<aside class=\"frame\">\n" + frames(links) + "</aside>\n</main>\n</body>\n</html>\n"
        return html
    }

    /// The article's metadata, apart from the body.
    func header() -> String {
        let a = result.article
        var html = "<header>\n<p class=\"source\">\(htmlEscaped(result.id?.description ?? "-"))</p>\n"
        html += "<h1>\(htmlEscaped(a.headline ?? "(no headline found)"))</h1>\n<dl class=\"meta\">"
        html += "<dt>published</dt><dd>\(htmlEscaped(a.published?.replacingOccurrences(of: "T", with: " ") ?? "–"))</dd>"
        html += "<dt>outlet</dt><dd>\(htmlEscaped(a.outlet ?? "–"))</dd>"
        html += "<dt>reporters</dt><dd>\(htmlEscaped(credits(a.reporters)))</dd>"
        if !a.editors.isEmpty { html += "<dt>editors</dt><dd>\(htmlEscaped(credits(a.editors)))</dd>" }
        if let r = document.referenceDate { html += "<dt>reference date</dt><dd>\(htmlEscaped(r))</dd>" }
        html += "</dl>\n"
        for w in result.warnings { html += "<p class=\"warning\">warning: \(htmlEscaped(w))</p>\n" }
        return html + "</header>\n"
    }

    func credits(_ credits: [Credit]) -> String {
        credits.isEmpty ? "–" : credits.map { $0.name + ($0.role.map { " (\($0))" } ?? "") }.joined(separator: "、")
    }

    func legend(_ marks: [Mark]) -> String {
        var counts = [Int](repeating: 0, count: Self.layers.count)
        for m in marks where m.layer >= 0 { counts[m.layer] += 1 }
        let items = Self.layers.enumerated().map { i, layer in
            "<li><span class=\"l\(i)\">\(htmlEscaped(layer.label))</span> \(counts[i])</li>"
        }
        let roles = "<li><span class=\"l0 chair\">chair</span></li><li><span class=\"l0 participant\">participant</span></li>"
            + "<li><span class=\"chrome-part\">page chrome</span></li>"
        return "<ul class=\"legend\">" + items.joined() + roles + "</ul>\n"
    }

    /// The text line by line: page chrome folded away, the headline set apart, every line with its marks.
    func body(_ marks: [Mark]) -> String {
        let scalars = document.text.originalScalars
        let chrome = document.shownAnnotations(layers: ["chrome"]).map { $0.start..<$0.end }
        /// A line is chrome when chrome covers all its letters and digits (a bullet or a bar
        /// before a chrome field does not make it body).
        func isChrome(_ line: Range<Int>) -> Bool {
            line.allSatisfy { i in
                let isText = scalars[i].properties.isAlphabetic || scalars[i].properties.numericType != nil
                return !isText || chrome.contains { $0.contains(i) }
            }
        }
        let headline = document.shownAnnotations(layers: ["headline"]).map { $0.start..<$0.end }
        var html = ""
        var chromeLines: [String] = []
        func flushChrome() {
            guard !chromeLines.isEmpty else { return }
            html += "<details class=\"chrome\"><summary>page chrome, \(chromeLines.count) line\(chromeLines.count == 1 ? "" : "s")</summary>\n"
            html += chromeLines.joined() + "</details>\n"
            chromeLines = []
        }
        var lineStart = 0
        var next = 0  // first mark that may reach the current line
        while lineStart < scalars.count {
            var lineEnd = lineStart
            while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
            let line = lineStart..<lineEnd
            defer { lineStart = lineEnd + 1 }
            guard scalars[line].contains(where: { !$0.properties.isWhitespace }) else { continue }
            while next < marks.count, marks[next].end <= lineStart { next += 1 }
            let inner = marked(line, marks[next...].prefix { $0.start < lineEnd }.filter { $0.end > lineStart })
            if isChrome(line) {
                chromeLines.append("<p>\(inner)</p>\n")
                continue
            }
            flushChrome()
            let isHeadline = headline.contains { $0.overlaps(line) }
            html += isHeadline ? "<p class=\"headline\">\(inner)</p>\n" : "<p>\(inner)</p>\n"
        }
        flushChrome()
        return html
    }

    /// One line's text with its marks as nested spans. The line is cut at every mark boundary; each
    /// piece is wrapped in the marks covering it, outer first, so marks that cross are split and
    /// only a mark's first piece carries its anchor.
    func marked(_ line: Range<Int>, _ marks: [Mark]) -> String {
        let scalars = document.text.originalScalars
        var cuts = Set([line.lowerBound, line.upperBound])
        for m in marks {
            cuts.insert(max(m.start, line.lowerBound))
            cuts.insert(min(m.end, line.upperBound))
        }
        let points = cuts.sorted()
        var html = ""
        var open: [Int] = []  // indices into marks, outer first
        var anchored = Set<Int>()
        for (from, to) in zip(points, points.dropFirst()) where to > from {
            let covering = marks.indices.filter { marks[$0].start <= from && marks[$0].end >= to }
                .sorted { (marks[$0].start, -marks[$0].end, marks[$0].layer) < (marks[$1].start, -marks[$1].end, marks[$1].layer) }
            var keep = 0
            while keep < open.count, keep < covering.count, open[keep] == covering[keep] { keep += 1 }
            html += String(repeating: "</span>", count: open.count - keep)
            open.removeLast(open.count - keep)
            for i in covering[keep...] {
                let m = marks[i]
                let id = !m.anchor.isEmpty && anchored.insert(i).inserted && m.start >= line.lowerBound ? " id=\"\(m.anchor)\"" : ""
                let tip = m.tip.isEmpty ? "" : " title=\"\(htmlEscaped(m.tip))\""
                html += "<span class=\"\(m.classes)\"\(id)\(tip)>"
                open.append(i)
            }
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[from..<to].filter { $0 != "\r" })
            html += htmlEscaped(String(piece))
        }
        html += String(repeating: "</span>", count: open.count)
        return html
    }

    /// Finds the span a frame entry was made from.
    struct Links {
        let marks: [Mark]
        let layers: [Layer]

        /// The anchor of the mark of `layer` at exactly `start..<end`, else of the first one
        /// holding `start`.
        func anchor(_ layer: String, _ start: Int, _ end: Int) -> String? {
            guard let l = layers.firstIndex(where: { $0.name == layer }) else { return nil }
            return (marks.first { $0.layer == l && $0.start == start && $0.end == end }
                ?? marks.first { $0.layer == l && $0.start <= start && start < $0.end })?.anchor
        }

        /// The anchor of the first mark of `layer` whose text is `text`, in `scope` when given.
        func anchor(_ layer: String, text: String, in document: Document, scope: Range<Int>? = nil) -> String? {
            guard let l = layers.firstIndex(where: { $0.name == layer }) else { return nil }
            let scalars = document.text.originalScalars
            let wanted = Array(text.unicodeScalars)
            let candidates = marks.filter { $0.layer == l && $0.end - $0.start == wanted.count && Array(scalars[$0.start..<$0.end]) == wanted }
            return (candidates.first { scope?.contains($0.start) ?? true } ?? candidates.first)?.anchor
        }
    }

    func link(_ text: String, _ anchor: String?) -> String {
        guard let anchor else { return htmlEscaped(text) }
        return "<a href=\"#\(anchor)\">\(htmlEscaped(text))</a>"
    }

    /// The meeting frames as cards.
    func frames(_ links: Links) -> String {
        if result.meetings.isEmpty { return "<section class=\"meeting\"><h2>No meeting found</h2></section>\n" }
        var html = ""
        for (n, m) in result.meetings.enumerated() {
            let scope = m.start..<max(m.start, m.end)
            html += "<section class=\"meeting\">\n<h2><span class=\"n\">meeting \(n + 1)</span> "
            html += m.name.map { link($0, links.anchor("meeting", text: $0, in: document, scope: scope)) } ?? "(name not found)"
            html += "</h2>\n<dl>"
            if let date = m.date {
                let resolved = [date.value, date.partOfDay].compactMap { $0 }.joined(separator: " · ")
                html += "<dt>date</dt><dd>" + link(date.text, links.anchor("date", text: date.text, in: document, scope: scope))
                    + (resolved.isEmpty ? "" : " <span class=\"value\">\(htmlEscaped(resolved))</span>") + "</dd>"
            } else {
                html += "<dt>date</dt><dd>–</dd>"
            }
            html += "<dt>chair</dt><dd>" + (m.chair.isEmpty ? "–" : m.chair.map { attendee($0, links) }.joined(separator: "<br>")) + "</dd>"
            let speakers = m.speakers.map { name in
                link(name, (m.chair + m.participants).first { $0.name == name }.flatMap { links.anchor("person", $0.start, $0.end) })
            }
            html += "<dt>speakers</dt><dd>" + (speakers.isEmpty ? "–" : speakers.joined(separator: "、")) + "</dd>"
            let venues = m.venues.map { v in
                link(v.name, links.anchor("venue", text: v.name, in: document, scope: scope)) + " <span class=\"value\">\(v.kind.rawValue)</span>"
            }
            html += "<dt>venues</dt><dd>" + (venues.isEmpty ? "–" : venues.joined(separator: "<br>")) + "</dd></dl>\n"
            html += "<h3>participants (\(m.participants.count))</h3>\n"
            if m.participants.isEmpty {
                html += "<p class=\"none\">none found</p>\n"
            } else {
                // The venue column only when someone attended from a venue.
                let venues = m.participants.contains { $0.venue != nil }
                html += "<table><thead><tr><th>#</th><th>name</th><th>titles</th>" + (venues ? "<th>venue</th>" : "") + "</tr></thead><tbody>\n"
                for (i, p) in m.participants.enumerated() {
                    html += "<tr><td>\(i + 1)</td><td>\(link(p.name, links.anchor("person", p.start, p.end)))</td>"
                    html += "<td>\(htmlEscaped(p.titles.joined(separator: "、")))</td>" + (venues ? "<td>\(htmlEscaped(p.venue ?? ""))</td>" : "") + "</tr>\n"
                }
                html += "</tbody></table>\n"
            }
            html += "<h3>directives (\(Self.count(m.directives)))</h3>\n"
            html += m.directives.isEmpty ? "<p class=\"none\">none found</p>\n" : directives(m.directives, links)
            html += "</section>\n"
        }
        return html
    }

    func attendee(_ a: Attendee, _ links: Links) -> String {
        var html = link(a.name, links.anchor("person", a.start, a.end))
        if !a.titles.isEmpty { html += " <span class=\"value\">\(htmlEscaped(a.titles.joined(separator: "、")))</span>" }
        if let v = a.venue { html += " <span class=\"value\">@ \(htmlEscaped(v))</span>" }
        return html
    }

    /// Directives as a nested numbered list, each item's marker linked to its text.
    func directives(_ items: [Directive], _ links: Links) -> String {
        var html = "<ol>"
        for d in items {
            let preview = d.text.count > Self.previewLength ? String(d.text.prefix(Self.previewLength)) + "…" : d.text
            html += "<li><a class=\"marker\" href=\"#\(links.anchor("directive", d.start, d.end) ?? "")\">\(htmlEscaped(d.marker))</a> \(htmlEscaped(preview))"
            if !d.items.isEmpty { html += directives(d.items, links) }
            html += "</li>"
        }
        return html + "</ol>\n"
    }

    /// Characters of a directive shown in the frame card.
    static let previewLength = 40

    static func count(_ items: [Directive]) -> Int { items.reduce(0) { $0 + 1 + count($1.items) } }

    static let css: String = {
        var css = """
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; margin: 0; color: #1d2330; background: #f7f7f4; }
        header { padding: 16px 28px 10px; background: #fff; border-bottom: 1px solid #ddd; }
        header h1 { font-size: 1.35em; margin: 4px 0 8px; line-height: 1.4; }
        .source { color: #777; font-size: 0.85em; margin: 0; font-family: monospace; }
        dl.meta { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0; font-size: 0.92em; }
        dl.meta dt { color: #777; } dl.meta dd { margin: 0 0 0 -12px; }
        .warning { color: #a33; margin: 6px 0 0; }
        main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(340px, 36%); gap: 20px; padding: 16px 28px; align-items: start; }
        .text { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 12px 22px; line-height: 2.05; font-size: 16px; }
        .text p { margin: 0 0 0.6em; }
        .text p.headline { font-weight: bold; font-size: 1.1em; border-bottom: 1px dashed #ccc; }
        details.chrome { color: #999; font-size: 0.85em; margin: 0 0 0.8em; line-height: 1.6; }
        details.chrome summary { cursor: pointer; }
        ul.legend { list-style: none; padding: 0 0 8px; margin: 0 0 10px; border-bottom: 1px solid #eee; display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 0.85em; line-height: 1.6; }
        .frame { position: sticky; top: 10px; max-height: calc(100vh - 20px); overflow-y: auto; }
        .meeting { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px 16px 14px; margin-bottom: 14px; font-size: 0.92em; }
        .meeting h2 { font-size: 1.1em; margin: 4px 0 8px; line-height: 1.45; }
        .meeting h2 .n { color: #888; font-weight: normal; font-size: 0.8em; margin-right: 4px; }
        .meeting h3 { font-size: 0.95em; margin: 12px 0 4px; color: #444; }
        .meeting dl { display: grid; grid-template-columns: auto 1fr; gap: 3px 10px; margin: 0; }
        .meeting dt { color: #777; } .meeting dd { margin: 0; }
        .value { color: #666; font-size: 0.9em; }
        .none { color: #999; margin: 0; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 2px 6px; border-bottom: 1px solid #eee; vertical-align: top; }
        th { color: #777; font-weight: normal; }
        td:first-child { color: #999; }
        ol { padding-left: 1.6em; margin: 2px 0; } li { margin: 2px 0; }
        a { color: #1f5fa8; text-decoration: none; } a:hover { text-decoration: underline; }
        a.marker { font-weight: bold; }
        .text span { border-radius: 3px; padding: 1px 0; }
        .chair { font-weight: bold; border-bottom: 2px solid #c1121f; }
        .participant { border-bottom: 2px dotted #6b3a00; }
        .chrome-part { color: #999; }
        .text span:target { outline: 2px solid #d62828; outline-offset: 1px; }
        .text span:hover { box-shadow: 0 0 0 1px #555; }
        """
        for (i, layer) in layers.enumerated() {
            let isItem = layer.name == "directive"
            css += "\n.l\(i) { background: \(layer.colour);" + (isItem ? " border-bottom: 2px solid #f4a261;" : "") + " }"
            css += "\nul.legend .l\(i) { padding: 1px 6px; border-radius: 3px; }"
        }
        return css
    }()
}

/// The directive markers (一要, （一）…) as spans: the layer `directive` covers an item's text
/// without its marker, and the marker is written just before it.
struct DirectiveMarkers {
    static let layer = "directive_marker"
    /// Characters allowed between a marker and its item's text (punctuation, a space).
    static let maxGap = 3

    let shown: [ShownAnnotation]

    init(_ result: MinutesResult, _ document: Document) {
        let scalars = document.text.originalScalars
        var shown: [ShownAnnotation] = []
        func visit(_ items: [Directive]) {
            for d in items {
                if let span = Self.span(of: d, in: scalars) {
                    shown.append(ShownAnnotation(layer: Self.layer, start: span.lowerBound, end: span.upperBound, text: d.marker, rule: "directive",
                                                 features: [.init(key: "number", value: String(d.number))]))
                }
                visit(d.items)
            }
        }
        for m in result.meetings { visit(m.directives) }
        self.shown = shown
    }

    /// Where the marker of `d` is written: ending at most ``maxGap`` characters before its text.
    static func span(of d: Directive, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        let marker = Array(d.marker.unicodeScalars)
        guard !marker.isEmpty, d.start <= scalars.count else { return nil }
        for gap in 0...maxGap {
            let end = d.start - gap
            let start = end - marker.count
            guard start >= 0 else { break }
            if Array(scalars[start..<end]) == marker { return start..<end }
        }
        return nil
    }
}

/// Text for HTML: `&`, `<`, `>` and quotes escaped, so an article holding `<script>` shows it as text.
func htmlEscaped(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(c)
        }
    }
    return out
}
