import Foundation

/// `minutes review import`: a Label Studio export (JSON, a list of tasks) of tasks written by
/// ``LabelStudioExport``, turned back into articles and gold annotations (docs/gold-schema.md).
/// Each task's last annotation that was not cancelled is read; a task nobody reviewed keeps its
/// predictions (and says so in ``Article/notes``).
public struct LabelStudioImport {
    /// One reviewed article.
    public struct Article {
        /// The base name for `articles/NAME.txt` and `gold/NAME.yaml`.
        public var name: String
        /// The article's text; with its `URL:` header, ``fileContents``.
        public var text: String
        public var url: String?
        public var gold: GoldAnnotation
        /// What the import could not take, or took as it was.
        public var notes: [String]

        /// The article file: the `URL:` header and a blank line (docs/gold-schema.md), then the text.
        public var fileContents: String { (url.map { "URL: \($0)\n\n" } ?? "") + text }
    }

    /// Characters of a directive's text kept as `starts`.
    static let startsLength = 15

    /// Reads an export; `file` names it in errors.
    /// - Throws: ``EvaluationError/badReviewExport(file:problem:)``.
    public static func articles(json: Data, file: String) throws -> [Article] {
        let tasks: [LabelStudioTask]
        do {
            tasks = try JSONDecoder().decode([LabelStudioTask].self, from: json)
        } catch {
            throw EvaluationError.badReviewExport(file: file, problem: "not a Label Studio JSON export (a list of tasks with data.text): \(error)")
        }
        var names = Set<String>()
        return tasks.enumerated().map { i, task in
            var article = self.article(task, number: i + 1)
            var name = article.name
            var n = 2
            while names.contains(name) {
                name = "\(article.name)-\(n)"
                n += 1
            }
            names.insert(name)
            article.name = name
            return article
        }
    }

    /// A region as reviewed: its control and label, span, text, and the values given to it.
    struct Region {
        let id: String
        let control: String
        let label: String
        let start: Int
        let end: Int
        let text: String
        var values: [String: [String]] = [:]

        func value(_ control: String) -> [String] {
            (values[control] ?? []).flatMap { $0.split(whereSeparator: \.isNewline) }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }

        var meeting: Int { value(LabelStudioConfig.meetingControl).first.flatMap { Int($0) } ?? 1 }

        /// The person's name: the one given to the region, else its text, clean.
        var personName: String { value(LabelStudioConfig.nameControl).first ?? LabelStudioImport.cleanName(text) }
    }

    static func article(_ task: LabelStudioTask, number: Int) -> Article {
        typealias C = LabelStudioConfig
        var notes: [String] = []
        let name = task.data.name ?? task.data.source.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? "task-\(number)"
        let items: [LabelStudioResult]
        if let reviewed = task.annotations?.last(where: { $0.wasCancelled != true }) {
            items = reviewed.result
        } else {
            items = task.predictions?.last?.result ?? []
            notes.append("not reviewed: the predictions are taken as they are")
        }
        let scalars = Array(task.data.text.unicodeScalars)
        var regions: [Region] = []
        var taskValues: [String: [String]] = [:]
        for item in items where item.type == "labels" {
            guard let start = item.value.start, let end = item.value.end, let label = item.value.labels?.first,
                  0 <= start, start < end, end <= scalars.count else {
                notes.append("region \(item.id ?? "?") skipped: no label or no span inside the text")
                continue
            }
            let text = String(String.UnicodeScalarView(scalars[start..<end]))
            regions.append(Region(id: item.id ?? "", control: item.fromName, label: label, start: start, end: end, text: text))
        }
        let index = Dictionary(regions.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for item in items where item.type != "labels" {
            let values = item.value.text ?? item.value.choices ?? []
            if let id = item.id, let i = index[id], item.value.start != nil {
                regions[i].values[item.fromName, default: []] += values
            } else {
                taskValues[item.fromName, default: []] += values
            }
        }
        regions.sort { ($0.start, -$0.end) < ($1.start, -$1.end) }
        func taskLines(_ control: String) -> [String] {
            Region(id: "", control: "", label: "", start: 0, end: 0, text: "", values: taskValues).value(control)
        }

        let frameRegions = regions.filter { $0.control == C.frameControl }
        let directiveRegions = regions.filter { $0.control == C.layerControl && $0.label == "directive" }
        let numbers = Set(frameRegions.map(\.meeting) + directiveRegions.map(\.meeting)).sorted()
        var frames = (numbers.isEmpty ? [1] : numbers).map { n in
            meeting(frameRegions.filter { $0.meeting == n }, directives: directiveRegions.filter { $0.meeting == n },
                    markers: regions.filter { $0.control == C.layerControl && $0.label == DirectiveMarkers.layer }, notes: &notes)
        }
        let main = frames.removeFirst()
        let reporters = taskLines(C.reportersControl).map { GoldPerson(name: cleanName($0)) }
        let attending = Set((([main] + frames).flatMap { ($0.chair ?? []) + ($0.participants ?? []) } + reporters).map(\.name))
        var mentioned: [GoldPerson] = []
        for r in regions where r.control == C.layerControl && r.label == "person" {
            let person = GoldPerson(name: r.personName)
            if !attending.contains(person.name), !mentioned.contains(where: { $0.name == person.name }) { mentioned.append(person) }
        }
        let gold = GoldAnnotation(meeting: main, otherMeetings: frames, mentionedPersons: mentioned, reporters: reporters,
                                  editors: taskLines(C.editorsControl).map { GoldPerson(name: cleanName($0)) },
                                  headline: taskLines(C.headlineControl).first, publishDate: taskLines(C.publishedControl).first,
                                  source: taskLines(C.outletControl).first)
        return Article(name: name, text: task.data.text, url: task.data.url, gold: gold, notes: notes)
    }

    /// One meeting frame from its regions.
    static func meeting(_ frame: [Region], directives: [Region], markers: [Region], notes: inout [String]) -> GoldMeeting {
        typealias C = LabelStudioConfig
        func role(_ r: C.Role) -> [Region] { frame.filter { $0.label == r.rawValue } }
        var m = GoldMeeting()
        let names = role(.meetingName).map(\.text)
        m.name = names.first
        m.nameAlternatives = Array(names.dropFirst())
        let date = role(.meetingDate).first
        m.date = date?.text
        m.hasDateValue = true
        m.dateValue = date?.value(C.dateValueControl).first
        m.hasPartOfDay = true
        m.partOfDay = date?.value(C.partOfDayControl).first
        func person(_ r: Region) -> GoldPerson {
            let name = r.personName
            let written = r.text.trimmingCharacters(in: .whitespacesAndNewlines)
            // The written form, where it is this name with converter annotations (歐陽振國(guó)).
            let asWritten = cleanName(written) == name && written.filter { !$0.isWhitespace } != name ? written : nil
            return GoldPerson(name: name, asWritten: asWritten,
                              titles: r.value(C.titlesControl), venue: r.value(C.attendedFromControl).first)
        }
        m.chair = role(.chair).map(person)
        m.participants = role(.participant).map(person)
        var speakers: [GoldPerson] = []
        for r in role(.speaker) where !speakers.contains(where: { $0.name == r.personName }) {
            speakers.append(GoldPerson(name: r.personName))
        }
        m.speakers = speakers
        m.venues = role(.venue).map(\.text)
        m.videoLinks = role(.videoLink).map(\.text)
        var items: [GoldDirective] = []
        var placed: [Region] = []
        for d in directives {
            // The marker is written just before the item's text.
            guard let marker = markers.last(where: { $0.end <= d.start && d.start - $0.end <= DirectiveMarkers.maxGap }) else {
                notes.append("directive at \(d.start) skipped: no directive marker region just before it")
                continue
            }
            let parent = placed.lastIndex { $0.start <= d.start && d.end <= $0.end && ($0.start, $0.end) != (d.start, d.end) }
            // Cut after converter annotations are left out, so that none is cut in half.
            let written = NormalizedText(d.text)
            let starts = String(written.writtenText(0..<written.units.count).prefix(startsLength))
            items.append(GoldDirective(marker: marker.text, starts: starts, parent: parent))
            placed.append(d)
        }
        m.directives = items
        return m
    }

    /// A name as the gold gives it: converter pinyin annotations and spaces left out (`闻 泽` → `闻泽`).
    static func cleanName(_ written: String) -> String {
        let text = NormalizedText(written)
        return text.writtenText(0..<text.units.count).filter { !$0.isWhitespace }
    }
}
