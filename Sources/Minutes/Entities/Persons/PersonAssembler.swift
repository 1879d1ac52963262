import ICUText

/// Turns the scanner's mentions into `.person` annotations and `document.persons`.
struct PersonAssembler {
    let document: Document
    let scanner: PersonScanner

    init(_ document: Document, _ scanner: PersonScanner) {
        self.document = document
        self.scanner = scanner
    }

    func assemble() -> ([Annotation], [Person]) {
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
        // posts written alone after a surname or a name (宋县长, 欧阳明书记), by person: a form of
        // address that the person's full title may already hold (副县长: deputies are addressed
        // without 副)
        var addressTitles: [Int: Set<String>] = [:]
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
                    // a post alone after the name (宋县长, 欧阳明书记) may be a form of address
                    if m.surnameOnly || m.titleAfter.map({ scanner.titles[$0].features["bare"] == "yes" && text.writtenText(scanner.titles[$0].range) == t }) == true {
                        addressTitles[i, default: []].insert(t)
                    }
                }
                persons[i].mentions.append([o.lowerBound, o.upperBound])
            } else {
                name = text.writtenText(m.range)
            }
            // both keys at once (a dictionary grown by a second key is built twice)
            let features = titles.isEmpty ? ["name": name] : ["name": name, "titles": titles.joined(separator: "、")]
            // Names written one after the other with nothing between them (bylines whose spaces
            // were lost: 艾安军郭荣元) form one span, as annotated corpora count a run of names.
            if let last = annotations.last, last.range.upperBound == m.range.lowerBound, !m.surnameOnly {
                var merged = last
                merged.range = last.range.lowerBound..<m.range.upperBound
                merged.features["name"] = (last.features["name"] ?? "") + "、" + name
                annotations[annotations.count - 1] = merged
                continue
            }
            annotations.append(Annotation(.person, m.range, rule: m.rule.rawValue, features: features))
        }
        for (i, address) in addressTitles {
            let all = persons[i].titles
            persons[i].titles.removeAll { t in address.contains(t) && all.contains { $0 != t && $0.hasSuffix(t) } }
        }
        return (annotations, persons)
    }
}
