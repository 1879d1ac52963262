import ICUText

/// Turns the scanner's mentions into `.person` annotations and `document.persons`.
struct PersonAssembler {
    let document: Document
    let scanner: PersonScanner

    init(_ document: Document, _ scanner: PersonScanner) {
        self.document = document
        self.scanner = scanner
    }

    func assemble() -> (annotations: [Annotation], persons: [Person], mentionTitles: [Int: [String]]) {
        let text = document.text
        // Persons in order of first appearance, found by the normalized units of their name
        // (slices of the text: no array allocated per mention).
        var persons: [Person] = []
        var byName: [ArraySlice<UInt16>: Int] = [:]
        for m in scanner.mentions where !m.surnameOnly && m.key == nil && byName[text.units[m.range]] == nil {
            byName[text.units[m.range]] = persons.count
            persons.append(Person(name: text.writtenText(m.range), titles: [], mentions: []))
        }
        var annotations: [Annotation] = []
        var mentionTitles: [Int: [String]] = [:]
        for m in scanner.mentions {
            let titles = (m.titlesBefore + (m.titleAfter.map { [$0] } ?? [])).map { text.writtenText(scanner.titles[$0].range) }
            let o = text.originalRange(m.range)
            var name: String
            // a surname alone (宋县长) joins the person its key names, found before or after it
            // a part of a name joined by a dot (库克) joins the whole name (罗宾·库克)
            if let key = m.key ?? (m.surnameOnly ? nil : m.range), let i = byName[text.units[key]] {
                name = persons[i].name
                for t in titles where !persons[i].titles.contains(t) {
                    persons[i].titles.append(t)
                }
                persons[i].mentions.append([o.lowerBound, o.upperBound])
            } else {
                name = text.writtenText(m.range)
            }
            // `titles` is shown by explain; the meeting phases read `mentionTitles`
            let features = titles.isEmpty ? ["name": name] : ["name": name, "titles": titles.joined(separator: "、")]
            // Names written one after the other with nothing between them (bylines whose spaces
            // were lost: 艾安军郭荣元) form one span, as annotated corpora count a run of names;
            // names of a list cut by the name-run rule stay one span each.
            if let last = annotations.last, last.range.upperBound == m.range.lowerBound, !m.surnameOnly, m.rule != .nameRun {
                var merged = last
                merged.range = last.range.lowerBound..<m.range.upperBound
                merged.features["name"] = (last.features["name"] ?? "") + "、" + name
                annotations[annotations.count - 1] = merged
                continue
            }
            annotations.append(Annotation(.person, m.range, rule: m.rule.rawValue, features: features))
            if !titles.isEmpty { mentionTitles[m.range.lowerBound] = titles }
        }
        // a title that ends another title of the person is a short form of it or a form of
        // address (党委书记 after 云屏镇党委书记, 宋县长 after 副县长, 欧阳明书记 after 市委书记)
        for i in persons.indices where persons[i].titles.count > 1 {
            let all = persons[i].titles
            persons[i].titles.removeAll { t in all.contains { $0 != t && $0.hasSuffix(t) } }
        }
        // a name credited only as an editor (责编, 审核) is no person of the report
        var reported = [Bool](repeating: false, count: persons.count)
        for m in scanner.mentions where !m.editor {
            if let key = m.key ?? (m.surnameOnly ? nil : m.range), let i = byName[text.units[key]] { reported[i] = true }
        }
        if reported.contains(false) { persons = persons.indices.filter { reported[$0] }.map { persons[$0] } }
        return (annotations, persons, mentionTitles)
    }
}
