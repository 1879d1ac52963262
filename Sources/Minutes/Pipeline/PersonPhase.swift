/// Finds person names (layer `.person`) with the surname model of Rules/persons, confirmed by
/// context: a title or group label before, a list under one title, a post, honorific or verb
/// after, a byline role before. Later mentions (卢荣春指出, 宋县长) are linked to the person
/// they name, and `document.persons` gets every person with all titles and mentions.
///
/// Features of a mention: `name` (the person's canonical name, as first written in full) and
/// `titles` (the titles attached to this mention, joined by 、).
struct PersonPhase: Phase {
    let name = "persons"
    var produces: [AnnotationType] { [.person] }
    let model: NameModel

    init(_ rules: RuleSet) {
        model = NameModel(rules)
    }

    func run(_ document: Document) throws {
        var scanner = PersonScanner(document, model)
        scanner.scan()
        scanner.linkLaterMentions()
        scanner.linkSurnameTitles()
        let (annotations, persons) = PersonAssembler(document, scanner).assemble()
        document.add(annotations)
        document.persons = persons
    }
}

/// One name mention found by the scanner.
struct NameMention {
    var range: Range<Int>
    var rule: String
    /// Units of the surname at the start of the range.
    var surnameLength: Int
    /// Whether the mention is a surname alone before a post (宋县长).
    var surnameOnly = false
    /// Titles written before the mention (chain joined by 、 and 兼), as indexes of the title layer.
    var titlesBefore: [Int] = []
    /// A post right after the name (李希书记), as an index of the title layer.
    var titleAfter: Int?
    /// Whether this mention was confirmed strongly enough to carry a list after it.
    var strong = false
    /// Normalized text of the full name this mention refers to (nil: unresolved surname).
    var key: String?
}

/// The left-to-right scan for names, then the linking of later mentions.
struct PersonScanner {
    enum Left {
        case none
        case title(Int)
        case credit
        case list(Int, strong: Bool)
    }

    enum Right: Equatable {
        case end, title(Int), honorific, cue, listSeparator, listEnd, punctuation, han

        /// Preference between name lengths that the context allows.
        var weight: Int {
            switch self {
            case .title, .honorific: return 5
            case .cue, .listSeparator, .listEnd: return 3
            case .end, .punctuation: return 2
            case .han: return 0
            }
        }
    }

    let document: Document
    let units: [UInt16]
    let n: Int
    let model: NameModel
    let titles: [Annotation]
    let words: WordBreaks
    /// Title index starting / ending at each position (-1: none).
    var titleStart: [Int32]
    var titleEnd: [Int32]
    /// Positions covered by a title (start excluded).
    var insideTitle: [Bool]
    var mentions: [NameMention] = []

    static let ideographicComma: UInt16 = 0x3001
    static let jian: UInt16 = 0x517C        // 兼
    static let dots: Set<UInt16> = [0x00B7, 0x30FB, 0x2022, 0x2027, 0x22C5, 0xFF65]

    init(_ document: Document, _ model: NameModel) {
        self.document = document
        units = document.text.units
        n = units.count
        self.model = model
        titles = document.annotations(.title)
        words = WordBreaks(document)
        titleStart = [Int32](repeating: -1, count: n + 1)
        titleEnd = [Int32](repeating: -1, count: n + 1)
        insideTitle = [Bool](repeating: false, count: n + 1)
        for (i, t) in titles.enumerated() {
            if titleStart[t.range.lowerBound] < 0 { titleStart[t.range.lowerBound] = Int32(i) }
            titleEnd[t.range.upperBound] = Int32(i)
            for q in (t.range.lowerBound + 1)..<t.range.upperBound { insideTitle[q] = true }
        }
    }

    // MARK: Scan

    mutating func scan() {
        let dotted = dotNames()
        var nextDotted = 0
        var chrome = ChromeSkipper(document)
        var p = 0
        while p < n {
            p = chrome.skip(p)
            guard p < n else { break }
            while nextDotted < dotted.count, dotted[nextDotted].range.lowerBound < p { nextDotted += 1 }
            if nextDotted < dotted.count, dotted[nextDotted].range.lowerBound == p {
                mentions.append(dotted[nextDotted])
                p = dotted[nextDotted].range.upperBound
                continue
            }
            if insideTitle[p] || !model.surnames.canStart(units[p]) {
                p += 1
                continue
            }
            if let m = candidate(at: p) {
                mentions.append(m)
                p = m.range.upperBound
            } else {
                p += 1
            }
        }
    }

    /// The best name starting at `p`, if context confirms one.
    mutating func candidate(at p: Int) -> NameMention? {
        let left = leftContext(p)
        var best: (mention: NameMention, score: Int)?
        for s in model.surnames.matches(in: units, at: p, limit: min(n, p + 4)) {
            let sEnd = s.end
            let weak = model.isWeakSurname(units, p..<sEnd)
            for g in 1...2 {
                let e = sEnd + g
                guard e <= n, givenValid(sEnd, e) else { break }
                if model.neverFinal.contains(units[e - 1]) { continue }
                let right = rightContext(e)
                guard let (rule, base, strong) = decide(p, sEnd, e, left, right, weak) else { continue }
                var score = base
                score += right.weight + Int(model.givenClass[Int(units[e - 1])])
                if case .han = right {} else if g == 2 { score += 1 }
                if best == nil || score > best!.score {
                    var m = NameMention(range: p..<e, rule: rule, surnameLength: sEnd - p)
                    m.strong = strong
                    if case let .title(t) = left { m.titlesBefore = titleChain(endingWith: t) }
                    if case let .list(prev, _) = left { m.titlesBefore = mentions[prev].titlesBefore }
                    if case let .title(t) = right, titles[t].features["kind"] != "group" { m.titleAfter = t }
                    best = (m, score)
                }
            }
        }
        return best?.mention
    }

    /// Whether `units[start..<end]` can be a given name.
    func givenValid(_ start: Int, _ end: Int) -> Bool {
        for q in start..<end {
            let u = units[q]
            guard model.mayBeGiven(u), titleStart[q] < 0 else { return false }
            if model.cues.canStart(u), let c = model.cues.longestMatch(in: units, at: q), c.end - q >= 2 { return false }
            if model.honorifics.canStart(u), model.honorifics.longestMatch(in: units, at: q) != nil { return false }
        }
        return true
    }

    /// Decides a candidate: the rule that accepts it, a base score, and whether it is strong
    /// enough to carry a list; nil when rejected.
    mutating func decide(_ p: Int, _ sEnd: Int, _ e: Int, _ left: Left, _ right: Right, _ weakSurname: Bool) -> (String, Int, Bool)? {
        var leftRule: String?
        var leftStrong = false
        switch left {
        case .title: leftRule = "person.after-title"; leftStrong = true
        case .credit: leftRule = "person.credit"; leftStrong = true
        case let .list(_, strong): leftRule = strong ? "person.title-list" : "person.list"; leftStrong = strong
        case .none: break
        }
        let rightStrong: Bool
        switch right {
        case .title, .honorific: rightStrong = true
        default: rightStrong = false
        }
        let length = e - p
        let prevHan = p > 0 && Chars.isIdeograph(units[p - 1])
        // A name glued to the text after it (高度重视 → 高度) is no name.
        if right == .han, !words.isBoundary(e) { return nil }
        if leftStrong || rightStrong {
            if length <= 3, words.isWord(p..<e) {
                switch right {
                case .title, .honorific, .cue, .listSeparator, .listEnd, .punctuation, .end: break
                case .han: return nil
                }
            }
            if case .none = left, prevHan, !words.isBoundary(p) { return nil }
            return (leftRule ?? "person.before-title", 30, true)
        }
        var confirmedList = false
        if right == .listSeparator {
            let tail = listTail(from: e)
            confirmedList = tail == .cue || tail == .listEnd || tail == .honorific || { if case .title = tail { return true } else { return false } }()
        }
        let cls1 = Int(model.givenClass[Int(units[sEnd])])
        let cls2 = e - sEnd == 2 ? Int(model.givenClass[Int(units[e - 1])]) : -1
        let givenGood = cls2 < 0 ? cls1 >= 2 : (cls1 >= 1 && cls2 >= 1 && cls1 + cls2 >= 4)
        if prevHan, !words.isBoundary(p) { return nil }
        if length <= 3, words.isWord(p..<e) { return nil }
        if confirmedList {
            return ("person.title-list", 25, true)
        }
        if case .list = left, givenGood {
            return ("person.list", 20, false)
        }
        if right == .cue || right == .listEnd || right == .listSeparator {
            guard !weakSurname, givenGood else { return nil }
            return ("person.cue", 20, false)
        }
        // No context: a common surname and a likely two-character given name.
        guard !weakSurname, e - sEnd == 2, cls1 >= 2, cls2 >= 2, cls1 + cls2 >= 6 else { return nil }
        return ("person.plain", 10, false)
    }

    /// The context before a candidate starting at `p`.
    func leftContext(_ p: Int) -> Left {
        var q = p
        var spaces = 0
        while q > 0, Chars.isSpace(units[q - 1]), spaces < 3 {
            q -= 1
            spaces += 1
        }
        if titleEnd[q] >= 0 { return .title(Int(titleEnd[q])) }
        if let last = mentions.indices.last {
            let m = mentions[last]
            if q > 0, units[q - 1] == Self.ideographicComma, m.range.upperBound == q - 1 || (m.range.upperBound < q - 1 && (m.range.upperBound..<(q - 1)).allSatisfy { Chars.isSpace(units[$0]) }) {
                return .list(last, strong: m.strong)
            }
            if spaces > 0, m.range.upperBound == q, m.strong {
                return .list(last, strong: true)
            }
        }
        if q > 0, NameModel.entryEnds(model.credits, units, at: q) {
            return .credit
        }
        return .none
    }

    /// The context after a candidate ending at `e`.
    func rightContext(_ e: Int) -> Right {
        guard e < n else { return .end }
        let u = units[e]
        if titleStart[e] >= 0 { return .title(Int(titleStart[e])) }
        if model.honorifics.canStart(u), model.honorifics.longestMatch(in: units, at: e) != nil { return .honorific }
        if u == Self.ideographicComma { return .listSeparator }
        if model.listEnd.canStart(u), model.listEnd.longestMatch(in: units, at: e) != nil { return .listEnd }
        if model.cues.canStart(u), model.cues.longestMatch(in: units, at: e) != nil { return .cue }
        if Chars.isIdeograph(u) { return .han }
        return .punctuation
    }

    /// The context after the last member of a 、 list whose first separator is at `e`.
    func listTail(from e: Int) -> Right {
        var q = e
        var count = 0
        while q < n, units[q] == Self.ideographicComma, count < 30 {
            q += 1
            while q < n, Chars.isSpace(units[q]) { q += 1 }
            guard let end = memberEnd(at: q) else { return .han }
            q = end
            count += 1
        }
        return rightContext(q)
    }

    /// End of a plausible name starting at `q` inside a list.
    func memberEnd(at q: Int) -> Int? {
        guard q < n, model.surnames.canStart(units[q]) else { return nil }
        for s in model.surnames.matches(in: units, at: q, limit: min(n, q + 4)).reversed() {
            for g in [2, 1] {
                let e = s.end + g
                guard e <= n, givenValid(s.end, e) else { continue }
                if e == n || !Chars.isIdeograph(units[e]) { return e }
                let r = rightContext(e)
                if r != .han { return e }
            }
        }
        return nil
    }

    /// The titles of a chain ending with title `last`: 市委副书记、市长、市政府党组书记.
    func titleChain(endingWith last: Int) -> [Int] {
        var chain = [last]
        var t = last
        while true {
            var q = titles[t].range.lowerBound
            while q > 0, Chars.isSpace(units[q - 1]) { q -= 1 }
            guard q > 0, units[q - 1] == Self.ideographicComma || units[q - 1] == Self.jian else { break }
            q -= 1
            while q > 0, Chars.isSpace(units[q - 1]) { q -= 1 }
            guard titleEnd[q] >= 0 else { break }
            t = Int(titleEnd[q])
            if chain.contains(t) { break }
            chain.insert(t, at: 0)
        }
        return chain
    }

    // MARK: Names joined by a dot

    /// Minority and transliterated names joined by a dot (阿不都热合曼·艾则孜), with context.
    mutating func dotNames() -> [NameMention] {
        var out: [NameMention] = []
        var d = 1
        while d < n - 1 {
            guard Self.dots.contains(units[d]), Chars.isIdeograph(units[d - 1]), Chars.isIdeograph(units[d + 1]) else {
                d += 1
                continue
            }
            var start = d
            while start > 0, Chars.isIdeograph(units[start - 1]), d - start < 8, titleEnd[start] < 0 { start -= 1 }
            if titleEnd[start] < 0, start > 0, Chars.isIdeograph(units[start - 1]) { d += 1; continue }
            var runEnd = d + 1
            var lastDot = d
            while runEnd < n, runEnd - start < 24 {
                if Chars.isIdeograph(units[runEnd]) {
                    runEnd += 1
                } else if Self.dots.contains(units[runEnd]), runEnd + 1 < n, Chars.isIdeograph(units[runEnd + 1]) {
                    lastDot = runEnd
                    runEnd += 1
                } else {
                    break
                }
            }
            let end = nameEnd(from: lastDot + 2, runEnd: runEnd)
            let before: UInt16 = start > 0 ? units[start - 1] : 0x20
            let after: UInt16 = end < n ? units[end] : 0x20
            let bookTitle = before == 0x300A || before == 0x3008 || after == 0x300B || after == 0x3009
            let left = leftContext(start)
            var leftOK = false
            switch left {
            case .title, .credit, .list: leftOK = true
            case .none: break
            }
            let right = rightContext(end)
            let rightOK = right != .han
            if !bookTitle, leftOK || rightOK, end - start <= 20 {
                var m = NameMention(range: start..<end, rule: "person.dot-name", surnameLength: 0)
                m.strong = true
                if case let .title(t) = left { m.titlesBefore = titleChain(endingWith: t) }
                if case let .title(t) = right, titles[t].features["kind"] != "group" { m.titleAfter = t }
                out.append(m)
            }
            d = end
        }
        return out
    }

    /// Where a name whose last part starts before `from` ends inside a run of Han characters:
    /// before a title or a verb (热西提出席: 出席, not 提出; 吐尔逊主持召开: 主持).
    func nameEnd(from: Int, runEnd: Int) -> Int {
        var k = from
        while k < runEnd {
            if titleStart[k] >= 0 { return k }
            if model.cues.canStart(units[k]), var cue = model.cues.matches(in: units, at: k).first {
                // a verb starting inside this one is the real one (提出席 → 出席)
                var j = k + 1
                while j < cue.end {
                    if model.cues.canStart(units[j]), let other = model.cues.matches(in: units, at: j).first, other.end - j >= 2 {
                        k = j
                        cue = other
                        j = k + 1
                        continue
                    }
                    j += 1
                }
                return k
            }
            k += 1
        }
        return runEnd
    }

    // MARK: Later mentions

    /// Every further occurrence of a name already found (卢荣春指出), when it stands as a word.
    mutating func linkLaterMentions() {
        var covered = [Bool](repeating: false, count: n + 1)
        var byFirst: [UInt16: [[UInt16]]] = [:]
        var seen = Set<[UInt16]>()
        for m in mentions where !m.surnameOnly && m.range.count >= 2 {
            for q in m.range { covered[q] = true }
            let key = Array(units[m.range])
            if seen.insert(key).inserted { byFirst[key[0], default: []].append(key) }
        }
        for t in titles { for q in t.range { covered[q] = true } }
        guard !byFirst.isEmpty else { return }
        for key in byFirst.keys { byFirst[key]!.sort { $0.count > $1.count } }
        var added: [NameMention] = []
        var p = 0
        while p < n {
            guard !covered[p], let keys = byFirst[units[p]] else {
                p += 1
                continue
            }
            var matched = false
            for key in keys where p + key.count <= n {
                let e = p + key.count
                guard units[p..<e].elementsEqual(key), !(p..<e).contains(where: { covered[$0] }) else { continue }
                if p > 0, Chars.isIdeograph(units[p - 1]), !words.isBoundary(p) { continue }
                let right = rightContext(e)
                if right == .han, !words.isBoundary(e) { continue }
                if key.count <= 3, words.isWord(p..<e) {
                    let left = leftContext(p)
                    var leftTitle = false
                    if case .title = left { leftTitle = true }
                    guard leftTitle || right == .cue || right == .honorific || { if case .title = right { return true } else { return false } }() else { continue }
                }
                var m = NameMention(range: p..<e, rule: "person.coreference", surnameLength: 0)
                if case let .title(t) = leftContext(p) { m.titlesBefore = titleChain(endingWith: t) }
                if case let .title(t) = right, titles[t].features["kind"] != "group" { m.titleAfter = t }
                added.append(m)
                p = e
                matched = true
                break
            }
            if !matched { p += 1 }
        }
        mentions += added
        mentions.sort { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// A surname right before a post or honorific (宋县长, 江总书记, 王先生): a mention of the
    /// one person found with that surname, or, for a common surname, of an unnamed person.
    mutating func linkSurnameTitles() {
        var covered = [Bool](repeating: false, count: n + 1)
        for m in mentions { for q in m.range { covered[q] = true } }
        var added: [NameMention] = []
        func consider(_ s: Int, titleIndex: Int?) {
            for sl in [2, 1] {
                let p = s - sl
                guard p >= 0, !(p..<s).contains(where: { covered[$0] || insideTitle[$0] }),
                      model.surnames.contains(units, p..<s) else { continue }
                if p > 0, Chars.isIdeograph(units[p - 1]) {
                    guard titleEnd[p] >= 0 || words.isBoundary(p) else { continue }
                    if p >= 1, model.surnames.canStart(units[p - 1]), titleEnd[p] < 0, !words.isBoundary(p) { continue }
                }
                let surname = Array(units[p..<s])
                let same = mentions.filter { !$0.surnameOnly && $0.surnameLength == sl && $0.range.count > sl && units[$0.range.lowerBound..<($0.range.lowerBound + sl)].elementsEqual(surname) }
                let keys = Set(same.map { Array(units[$0.range]) })
                if keys.isEmpty, model.isWeakSurname(units, p..<s) { continue }
                var m = NameMention(range: p..<s, rule: "person.surname-title", surnameLength: sl)
                m.surnameOnly = true
                m.titleAfter = titleIndex
                if keys.count == 1 {
                    m.key = String(decoding: keys.first!, as: UTF16.self)
                } else if keys.count > 1, let t = titleIndex {
                    let written = titles[t].range
                    let holders = same.filter { h in
                        (h.titlesBefore + (h.titleAfter.map { [$0] } ?? [])).contains { units[titles[$0].range].elementsEqual(units[written]) || units[titles[$0].range].reversed().starts(with: units[written].reversed()) }
                    }
                    let holderKeys = Set(holders.map { Array(units[$0.range]) })
                    if holderKeys.count == 1 { m.key = String(decoding: holderKeys.first!, as: UTF16.self) }
                }
                added.append(m)
                for q in p..<s { covered[q] = true }
                return
            }
        }
        for (i, t) in titles.enumerated() where t.features["bare"] == "yes" {
            consider(t.range.lowerBound, titleIndex: i)
        }
        var p = 1
        while p < n {
            if model.honorifics.canStart(units[p]), model.honorifics.longestMatch(in: units, at: p) != nil, !covered[p] {
                consider(p, titleIndex: nil)
            }
            p += 1
        }
        mentions += added
        mentions.sort { $0.range.lowerBound < $1.range.lowerBound }
    }
}

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
        var order: [String] = []
        var byKey: [String: Person] = [:]
        var resolved: [(NameMention, String?)] = []
        for m in scanner.mentions {
            let key = m.surnameOnly ? m.key : text.text(m.range)
            resolved.append((m, key))
            guard let key, !m.surnameOnly || byKey[key] != nil else { continue }
            if byKey[key] == nil {
                order.append(key)
                byKey[key] = Person(name: text.writtenText(m.range), titles: [], mentions: [])
            }
        }
        var annotations: [Annotation] = []
        for (m, key) in resolved {
            let titles = (m.titlesBefore + (m.titleAfter.map { [$0] } ?? [])).map { text.writtenText(scanner.titles[$0].range) }
            let o = text.originalRange(m.range)
            var name = text.writtenText(m.range)
            if let key, var person = byKey[key] {
                name = person.name
                for t in titles where !person.titles.contains(t) { person.titles.append(t) }
                person.mentions.append([o.lowerBound, o.upperBound])
                byKey[key] = person
            }
            var features = ["name": name]
            if !titles.isEmpty { features["titles"] = titles.joined(separator: "、") }
            annotations.append(Annotation(.person, m.range, rule: m.rule, features: features))
        }
        return (annotations, order.compactMap { byKey[$0] })
    }
}
