/// `minutes review export`: an article and what the extractor found, as a Label Studio task whose
/// predictions a reviewer corrects. Layer regions are the highlighted layers of `minutes view`
/// (directive markers and items those of the meeting frames); frame regions mark the chair,
/// participants, speakers, meeting name and date, venues and video links, with the titles and
/// venue of a person, the date's value and part of day, and (with several meetings) the meeting
/// number as per-region values; the article's metadata are values of the whole task.
/// `LabelStudioImport` reads them back into gold.
public struct LabelStudioExport {
    public let document: Document
    public let result: MinutesResult
    /// The base name for the files `minutes review import` writes.
    public let name: String
    /// The article file's `URL:` header, written back by the import.
    public let url: String?

    public init(document: Document, result: MinutesResult, name: String, url: String? = nil) {
        self.document = document
        self.result = result
        self.name = name
        self.url = url
    }

    /// The model version the predictions carry.
    public static let modelVersion = "minutes/1"

    /// The task, and what could not be placed as a region (a frame entry whose text is not in the
    /// article, a person span that is no person's mention): such entries are lost on the way back,
    /// so the caller reports them.
    public func task() -> (task: LabelStudioTask, unplaced: [String]) {
        var items: [LabelStudioResult] = []
        var unplaced: [String] = []
        let scalars = document.text.originalScalars
        let text = String(String.UnicodeScalarView(scalars))
        typealias C = LabelStudioConfig

        func region(_ control: String, _ label: String, _ span: Range<Int>) -> String {
            let id = "r\(items.count)"
            let written = String(String.UnicodeScalarView(scalars[span]))
            items.append(LabelStudioResult(id: id, fromName: control, type: "labels",
                                           value: .init(start: span.lowerBound, end: span.upperBound, text: [written], labels: [label])))
            return id
        }
        func attach(_ id: String, _ control: String, _ span: Range<Int>, text: [String]? = nil, choices: [String]? = nil) {
            items.append(LabelStudioResult(id: id, fromName: control, type: choices == nil ? "textarea" : "choices",
                                           value: .init(start: span.lowerBound, end: span.upperBound, text: text, choices: choices)))
        }
        /// A field of the task: one submission (its text area takes one), a line per value.
        func taskValue(_ control: String, _ lines: [String]) {
            guard !lines.isEmpty else { return }
            items.append(LabelStudioResult(id: "t\(items.count)", fromName: control, type: "textarea", value: .init(text: [lines.joined(separator: "\n")])))
        }

        /// Tells the person's name where the region's text is another mention of them.
        func giveName(_ id: String, _ name: String, _ span: Range<Int>) {
            let written = String(String.UnicodeScalarView(scalars[span]))
            if LabelStudioImport.cleanName(written) != name { attach(id, C.nameControl, span, text: [name]) }
        }
        let shown = document.shownAnnotations(layers: Set(ArticlePage.layers.map(\.name)).subtracting(["directive"]))
        // Person regions are the mentions of the result's persons, named: the gold's persons are
        // read from them, so a person span that is no person's mention is left out (and told).
        var mentions = Set(result.persons.flatMap(\.mentions))
        for a in shown where a.end > a.start {
            if a.layer == "person" {
                guard let person = result.persons.first(where: { $0.mentions.contains([a.start, a.end]) }) else {
                    unplaced.append("person span \(a.text) (\(a.start)–\(a.end)) is no person's mention")
                    continue
                }
                mentions.remove([a.start, a.end])
                giveName(region(C.layerControl, a.layer, a.start..<a.end), person.name, a.start..<a.end)
            } else {
                _ = region(C.layerControl, a.layer, a.start..<a.end)
            }
        }
        for person in result.persons {
            for m in person.mentions where mentions.contains(m) && m.count == 2 && 0 <= m[0] && m[0] < m[1] && m[1] <= scalars.count {
                giveName(region(C.layerControl, "person", m[0]..<m[1]), person.name, m[0]..<m[1])
            }
        }
        for a in DirectiveMarkers(result, document).shown {
            _ = region(C.layerControl, a.layer, a.start..<a.end)
        }
        let locator = SpanLocator(document: document, shown: shown)
        let several = result.meetings.count > 1
        for (n, m) in result.meetings.enumerated() {
            let scope = m.start..<max(m.start, m.end)
            func frameRegion(_ role: C.Role, _ span: Range<Int>) -> String {
                let id = region(C.frameControl, role.rawValue, span)
                if several { attach(id, C.meetingControl, span, text: [String(n + 1)]) }
                return id
            }
            func visit(_ items: [Directive]) {
                for d in items {
                    let span = d.start..<max(d.start, d.end)
                    let id = region(C.layerControl, "directive", span)
                    if several { attach(id, C.meetingControl, span, text: [String(n + 1)]) }
                    visit(d.items)
                }
            }
            visit(m.directives)
            if let name = m.name {
                if let span = locator.span(of: name, layer: "meeting", in: scope) { _ = frameRegion(.meetingName, span) } else { unplaced.append("meeting name \(name), not found in the text") }
            }
            if let date = m.date {
                if let span = locator.span(of: date.text, layer: "date", in: scope) {
                    let id = frameRegion(.meetingDate, span)
                    if let value = date.value { attach(id, C.dateValueControl, span, text: [value]) }
                    if let part = date.partOfDay { attach(id, C.partOfDayControl, span, choices: [part]) }
                } else {
                    unplaced.append("meeting date \(date.text), not found in the text")
                }
            }
            for (role, attendees) in [(C.Role.chair, m.chair), (.participant, m.participants)] {
                for a in attendees {
                    let span = a.start..<max(a.start, a.end)
                    let id = frameRegion(role, span)
                    giveName(id, a.name, span)
                    if !a.titles.isEmpty { attach(id, C.titlesControl, span, text: a.titles) }
                    if let venue = a.venue { attach(id, C.attendedFromControl, span, text: [venue]) }
                }
            }
            for name in m.speakers {
                let attendee = (m.chair + m.participants).first { $0.name == name }
                if let span = locator.speakerSpan(name, in: scope) ?? attendee.map({ $0.start..<$0.end })
                    ?? locator.span(of: name, layer: "person", in: scope) {
                    let id = frameRegion(.speaker, span)
                    giveName(id, name, span)
                } else {
                    unplaced.append("speaker \(name), not found in the text")
                }
            }
            for v in m.venues {
                if let span = locator.span(of: v.name, layer: "venue", in: scope) {
                    _ = frameRegion(v.kind == .videoLink ? .videoLink : .venue, span)
                } else {
                    unplaced.append("venue \(v.name), not found in the text")
                }
            }
        }
        let a = result.article
        taskValue(C.headlineControl, a.headline.map { [$0] } ?? [])
        taskValue(C.publishedControl, a.published.map { [$0.replacingOccurrences(of: "T", with: " ")] } ?? [])
        taskValue(C.outletControl, a.outlet.map { [$0] } ?? [])
        taskValue(C.reportersControl, a.reporters.map(\.name))
        taskValue(C.editorsControl, a.editors.map(\.name))
        let task = LabelStudioTask(data: .init(text: text, source: result.id?.description, name: name, url: url),
                                   predictions: [.init(modelVersion: Self.modelVersion, result: items)])
        return (task, unplaced)
    }
}

/// Where a frame entry known by its text is written: a span of its layer in the meeting's part of
/// the text, else one anywhere, else the text itself, searched from the meeting's start.
struct SpanLocator {
    let document: Document
    let shown: [ShownAnnotation]

    func span(of text: String, layer: String, in scope: Range<Int>) -> Range<Int>? {
        let inLayer = shown.filter { $0.layer == layer && $0.text == text }
        if let a = inLayer.first(where: { scope.contains($0.start) }) ?? inLayer.first { return a.start..<a.end }
        let scalars = document.text.originalScalars
        let wanted = Array(text.unicodeScalars)
        guard !wanted.isEmpty, wanted.count <= scalars.count else { return nil }
        let last = scalars.count - wanted.count
        let from = min(scope.lowerBound, last)
        for s in Array(from...last) + Array(0..<from) where scalars[s..<s + wanted.count].elementsEqual(wanted) {
            return s..<s + wanted.count
        }
        return nil
    }

    /// Where a speaker speaks under their full name (the speaker layer, whose feature `name` is
    /// the person), in the meeting's part of the text first.
    func speakerSpan(_ name: String, in scope: Range<Int>) -> Range<Int>? {
        let spans = document.shownAnnotations(layers: ["speaker"]).filter { $0.feature("name") == name && LabelStudioImport.cleanName($0.text) == name }
        return (spans.first { scope.contains($0.start) } ?? spans.first).map { $0.start..<$0.end }
    }
}
