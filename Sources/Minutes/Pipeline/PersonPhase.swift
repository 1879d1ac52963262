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

/// The rules that find a person (an annotation's `rule`).
enum PersonRule: String {
    case afterTitle = "person.after-title", beforeTitle = "person.before-title", titleList = "person.title-list"
    case list = "person.list", credit = "person.credit", role = "person.role", cue = "person.cue"
    case plain = "person.plain", alone = "person.alone", familiar = "person.familiar"
    case japanese = "person.japanese", transliterated = "person.transliterated", dotName = "person.dot-name"
    case coreference = "person.coreference", surnameTitle = "person.surname-title"
}

/// One name mention found by the scanner.
struct NameMention {
    var range: Range<Int>
    var rule: PersonRule
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
    /// A full mention of the name this surname alone or this part of a dotted name refers to
    /// (nil: the mention names itself, or an unresolved surname).
    var key: Range<Int>?
}

/// The left-to-right scan for names, then the linking of later mentions.
struct PersonScanner {
    enum Left {
        case none
        case title(Int)
        case credit
        /// A word of occupation or kinship (选手, 农民, 女儿): a weaker cue than a title.
        case role
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
            case .han: return -2
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
    /// Positions covered by a place or an organization (never part of a name without a title before).
    var entityCover: [Bool]
    var mentions: [NameMention] = []
    /// The group label (市领导) of the list being scanned, if any.
    var groupLabel: [Int] = []

    static let ideographicComma: UInt16 = 0x3001
    static let jian: UInt16 = 0x517C        // 兼
    /// Dots between the parts of a transliterated name (· ・ • ‧ ⋅).
    static let dots = UnitSet(units: [0x00B7, 0x30FB, 0x2022, 0x2027, 0x22C5, 0xFF65])

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
        entityCover = [Bool](repeating: false, count: n + 1)
        for type in [AnnotationType.place, .organization] {
            for a in document.annotations(type) {
                for q in a.range { entityCover[q] = true }
            }
        }
        for (i, t) in titles.enumerated() {
            if titleStart[t.range.lowerBound] < 0 { titleStart[t.range.lowerBound] = Int32(i) }
            titleEnd[t.range.upperBound] = Int32(i)
            for q in (t.range.lowerBound + 1)..<t.range.upperBound { insideTitle[q] = true }
        }
    }

    // MARK: Scan

    mutating func scan() {
        // Names found before the scan: credited names of bylines (the article phases mark them,
        // often inside chrome) and names joined by a dot.
        var prefound = credits() + dotNames() + bracketBylines() + bylineLines()
        prefound.sort { $0.range.lowerBound < $1.range.lowerBound }
        var next = 0
        var chrome = ChromeSkipper(document)
        var p = 0
        while p < n {
            let q = chrome.skip(p)
            while next < prefound.count, prefound[next].range.lowerBound < q {
                if prefound[next].range.lowerBound >= p, mentions.last.map({ $0.range.upperBound <= prefound[next].range.lowerBound }) ?? true {
                    mentions.append(prefound[next])
                }
                next += 1
            }
            p = q
            guard p < n else { break }
            if next < prefound.count, prefound[next].range.lowerBound == p {
                var m = prefound[next]
                if m.titlesBefore.isEmpty, case let .list(prev, true) = leftContext(p) { m.titlesBefore = mentions[prev].titlesBefore }
                mentions.append(m)
                next += 1
                p = m.range.upperBound
                continue
            }
            // most positions start no name of any kind: skip them in one tight loop (up to the
            // next chrome span or prefound name, which the top of this loop handles)
            let limit = min(n, chrome.nextStart, next < prefound.count ? prefound[next].range.lowerBound : n)
            p = nextPossibleStart(from: p, limit: limit)
            guard p < limit else { continue }
            if insideTitle[p] {
                p += 1
                continue
            }
            if var m = name(at: p), next >= prefound.count || prefound[next].range.lowerBound >= m.range.upperBound {
                shareGroupLabel(&m)
                mentions.append(m)
                p = m.range.upperBound
            } else {
                p += 1
            }
        }
    }

    /// The name of any kind starting at `p` (the longest the finders agree on), if any.
    func name(at p: Int) -> NameMention? {
        // each finder only where its first units allow a name (cheap checks before the calls)
        let bySurname = model.surnames.canStart(units[p])
        let byTransliteration = mayStartTransliterated(p)
        let byFamiliar = units[p] == Self.lao || units[p] == Self.xiao || bySurname && p + 1 < n && units[p + 1] == Self.mou
        let byJapanese = model.japanese.mayMatch(in: units, at: p)
        let byWithoutSurname = mayStartWithoutSurname(p)
        guard bySurname || byTransliteration || byFamiliar || byJapanese || byWithoutSurname else { return nil }
        var found = bySurname ? candidate(at: p) : nil
        if found == nil, byFamiliar, let f = familiar(at: p) { found = f }
        if byJapanese, let j = japanese(at: p), found == nil || j.range.count > found!.range.count { found = j }
        if byTransliteration, let t = transliterated(at: p),
           found == nil || t.range.count > found!.range.count && t.range.count >= 3 {
            found = t
        }
        if byWithoutSurname, let l = nameWithoutSurname(at: p), found == nil || l.range.count > found!.range.count { found = l }
        return consume found
    }

    /// A group label before a list (市领导A、B在主会场，C、D在分会场) covers the names after it
    /// in the same sentence until another title.
    mutating func shareGroupLabel(_ m: inout NameMention) {
        if !m.titlesBefore.isEmpty {
            groupLabel = m.titlesBefore.allSatisfy { titles[$0].features["kind"] == "group" } ? m.titlesBefore : []
        } else if !groupLabel.isEmpty, let last = mentions.last {
            for q in last.range.upperBound..<m.range.lowerBound {
                let u = units[q]
                if titleStart[q] >= 0 || u == 0x3002 || u == 0x0A || u == 0x21 || u == 0x3F || u == 0x3B {
                    groupLabel = []
                    return
                }
            }
            m.titlesBefore = groupLabel
        }
    }

    /// The best name starting at `p`, if context confirms one.
    func candidate(at p: Int) -> NameMention? {
        // the left context only once some given name is valid: most positions have none, and
        // the context may need ICU (a role word before)
        var leftComputed: Left?
        // the best end so far, as plain values (the mention is built once, at the end)
        var best: (e: Int, sEnd: Int, rule: PersonRule, strong: Bool, right: Right, score: Int)?
        var surnameEnds: (Int, Int, Int) = (0, 0, 0)
        var surnameCount = 0
        model.surnames.forEachMatch(in: units, at: p, limit: min(n, p + 4)) { end, _ in
            switch surnameCount {
            case 0: surnameEnds.0 = end
            case 1: surnameEnds.1 = end
            default: surnameEnds.2 = end
            }
            surnameCount += 1
        }
        for k in 0..<min(surnameCount, 3) {
            let sEnd = k == 0 ? surnameEnds.0 : k == 1 ? surnameEnds.1 : surnameEnds.2
            var weak: Bool?  // asked once a candidate reaches decide
            for g in 1...2 {
                let e = sEnd + g
                // the first given character was valid when g == 2 (else the loop stopped)
                guard e <= n, g == 1 ? givenValid(sEnd, e) : mayStandInGiven(e - 1) else { break }
                let left = leftComputed ?? leftContext(p)
                leftComputed = left
                let right = rightContext(e)
                // 和, 同 rarely end a name, except before a separator (孙用和、)
                if model.neverFinal.contains(units[e - 1]), right != .listSeparator, e == n || units[e] != 0x28 { continue }
                // in a 、 list, a character between the name and the next separator belongs to it (叶正|襄、)
                if case .list = left, right == .han, e + 1 < n, units[e + 1] == Self.ideographicComma || units[e + 1] == 0x28 { continue }
                // without context and a likely given name, decide rejects it, and a name glued to
                // the text after it stands on no line of its own (alone): settled without the calls
                if case .none = left, right == .han, !likelyPlainName(sEnd, e) { continue }
                let isWeak = weak ?? model.isWeakSurname(units, p..<sEnd)
                weak = isWeak
                guard let (rule, base, strong) = decide(p, sEnd, e, left, right, isWeak) ?? alone(p, sEnd, e) else { continue }
                var score = base
                score += right.weight + Int(model.givenClass[Int(units[e - 1])])
                // 钱其|琛: a character left alone after a two-character name likely belongs to it
                if g == 1, right == .han, e + 1 <= n, model.mayBeGiven(units[e]), !model.neverFinal.contains(units[e]),
                   words.isBoundary(e + 1) { score -= 3 }
                if case .han = right {} else if g == 2 { score += 1 }
                if best == nil || score > best!.score { best = (e, sEnd, rule, strong, right, score) }
            }
        }
        guard let best, let left = leftComputed else { return nil }
        var m = NameMention(range: p..<best.e, rule: best.rule, surnameLength: best.sEnd - p)
        m.strong = best.strong
        if case let .title(t) = left { m.titlesBefore = titleChain(endingWith: t) }
        if case let .list(prev, _) = left { m.titlesBefore = mentions[prev].titlesBefore }
        if case let .title(t) = best.right, titles[t].features["kind"] != "group" { m.titleAfter = t }
        return m
    }

    /// A transliterated foreign name (克林顿, 古杰拉尔): a run of transliteration characters up to
    /// an ICU word boundary, after a title or role, before a post or honorific, or (three or
    /// more characters that hold no dictionary word) before a verb.
    func transliterated(at p: Int) -> NameMention? {
        guard mayStartTransliterated(p) else { return nil }
        var runEnd = p
        while runEnd < n, runEnd - p < 10, model.transliteration.contains(units[runEnd]), runEnd == p || titleStart[runEnd] < 0 {
            if runEnd > p + 1, model.cues.canStart(units[runEnd]), let c = model.cues.longestMatch(in: units, at: runEnd), c.end - runEnd >= 2 { break }
            runEnd += 1
        }
        guard runEnd - p >= 2 else { return nil }
        let left = leftContext(p)
        var leftStrong = false
        switch left {
        case .title, .credit: leftStrong = true
        case let .list(_, strong): leftStrong = strong
        case .role, .none: break
        }
        var leftRole = false
        if case .role = left { leftRole = true }
        // The longest end with a confirming right context (cheap), then ICU checks.
        var e = runEnd
        var right = rightContext(e)
        if !leftStrong, !leftRole {
            while e >= p + 2 {
                right = rightContext(e)
                if right != .han, right != .end, right != .punctuation || e - p >= 3 { break }
                e -= 1
            }
            guard e - p >= 2 else { return nil }
        }
        var rightStrong = right == .honorific
        if case .title = right { rightStrong = true }
        if !leftStrong, !rightStrong, !leftRole {
            guard e - p >= 3, right == .cue || right == .listSeparator || right == .listEnd else { return nil }
        }
        if !leftStrong, (p..<e).contains(where: { entityCover[$0] }) { return nil }
        // ICU: end at a word boundary (克林顿特别强调 → 克林顿), no dictionary word as the name
        while e > p + 1, e < n, Chars.isIdeograph(units[e]), !words.isBoundary(e) { e -= 1 }
        guard e - p >= 2 else { return nil }
        if e != runEnd || !leftStrong { right = rightContext(e) }
        rightStrong = right == .honorific
        if case .title = right { rightStrong = true }
        if e - p == 2, words.isWord(p..<e) { return nil }
        if !leftStrong {
            guard leftBoundary(p) else { return nil }
            if leftRole, !rightStrong {
                // after a word of occupation (选手, 教练): the whole run of transliteration
                // characters, holding no dictionary word (职工劳保)
                guard e == runEnd && (e - p >= 3 || right != .han) || right == .cue, !words.containsWord(p..<e) else { return nil }
            } else if !rightStrong {
                guard e - p >= 3, right == .cue || right == .listSeparator || right == .listEnd,
                      !words.containsWord(p..<e) else { return nil }
                // 在X召开: where the meeting is held, not who
                if p > 0, model.placeBefore.contains(units[p - 1]), e < n, model.placeVerbs.canStart(units[e]),
                   model.placeVerbs.longestMatch(in: units, at: e) != nil { return nil }
            }
        }
        // in a 、 list, one more character before the separator belongs to the name (洛桑江村、)
        if leftStrong, e == runEnd, e + 1 < n, model.mayBeGiven(units[e]), titleStart[e] < 0,
           units[e + 1] == Self.ideographicComma || units[e + 1] == 0x28, case .list = left {
            e += 1
            right = rightContext(e)
            rightStrong = false
        }
        var m = NameMention(range: p..<e, rule: .transliterated, surnameLength: 0)
        m.strong = leftStrong || rightStrong
        if case let .title(t) = left { m.titlesBefore = titleChain(endingWith: t) }
        if case let .list(prev, _) = left { m.titlesBefore = mentions[prev].titlesBefore }
        if case let .title(t) = right, titles[t].features["kind"] != "group" { m.titleAfter = t }
        return m
    }

    /// Whether a transliterated name may start at `p`: two transliteration characters (no
    /// title starting at the second), not inside a run of them unless after a title or a
    /// function character.
    @inline(__always)
    func mayStartTransliterated(_ p: Int) -> Bool {
        guard p + 1 < n, model.transliteration.contains(units[p]), model.transliteration.contains(units[p + 1]),
              titleStart[p + 1] < 0 else { return false }
        // inside a run of transliteration characters the name starts with the run (or after a title)
        return p == 0 || !model.transliteration.contains(units[p - 1]) || titleEnd[p] >= 0 || model.beforeName.contains(units[p - 1])
    }

    /// A name without a known surname (Tibetan, Mongolian names: 次仁多吉, 格桑旺堆) right after a
    /// title of the grammar or inside a list under one: two to four Han characters up to the next
    /// separator or verb.
    func nameWithoutSurname(at p: Int) -> NameMention? {
        guard mayStartWithoutSurname(p) else { return nil }
        let left = leftContext(p)
        var titles: [Int] = []
        var rule = PersonRule.titleList
        switch left {
        case let .list(prev, true) where units[p - 1] == Self.ideographicComma:
            titles = mentions[prev].titlesBefore
        case let .title(t) where self.titles[t].features["bare"] != "yes" && self.titles[t].features["kind"] != "group":
            titles = titleChain(endingWith: t)
            rule = .afterTitle
        default:
            return nil
        }
        if !model.mayBeGiven(units[p]) { return nil } // 到三南两东: a function character starts no name
        if model.cues.canStart(units[p]), model.cues.longestMatch(in: units, at: p) != nil { return nil }
        if model.listEnd.canStart(units[p]), model.listEnd.longestMatch(in: units, at: p) != nil { return nil }
        var e = p
        while e < n, e - p < 5, Chars.isIdeograph(units[e]), mayStandWithoutSurname(units[e]) || e == p, titleStart[e] < 0 {
            if e > p + 1, model.cues.canStart(units[e]), let cue = model.cues.longestMatch(in: units, at: e),
               cue.end - e >= 2 || !model.transliteration.contains(units[e]) || !runReachesPunctuation(from: e + 1, start: p) { break }
            if e > p + 1, model.listEnd.canStart(units[e]), model.listEnd.longestMatch(in: units, at: e) != nil { break }
            e += 1
        }
        let right = rightContext(e)
        if case .title = right { return nil } // 国家语委主任: the start of a title, not a name
        if rule == .afterTitle, right == .han || right == .end { return nil }
        let verbAfter = right == .cue && (model.cues.longestMatch(in: units, at: e)?.end ?? e) - e >= 2
        // after a title, a run holding a dictionary word (座谈会) is a name only before a verb,
        // a separator or an honorific (次仁多吉主持)
        if rule == .afterTitle, !verbAfter, right != .listSeparator, right != .honorific,
           words.containsWord(p..<e) { return nil }
        // five characters (宝音满都呼) only before punctuation and holding no dictionary word
        // (何宝兵应邀, 陈耀邦郑重宣布)
        let fiveOK = e - p == 5 && (e == n || !Chars.isIdeograph(units[e])) && !words.containsWord(p..<e)
        guard (2...4).contains(e - p) || fiveOK, e == n || !Chars.isIdeograph(units[e]) || right != .han,
              !words.isWord(p..<e), e == n || !Chars.isIdeograph(units[e]) || verbAfter || words.isBoundary(e),
              rule == .afterTitle || !(p..<e).contains(where: { entityCover[$0] }) else { return nil }
        var m = NameMention(range: p..<e, rule: rule, surnameLength: 0)
        m.strong = true
        m.titlesBefore = titles
        return m
    }

    /// Whether `u` may stand in a name without a surname: a given-name character, or a
    /// transliteration character that is also a function word (阿不都).
    @inline(__always)
    func mayStandWithoutSurname(_ u: UInt16) -> Bool { model.mayBeGiven(u) || model.transliteration.contains(u) }

    /// Whether the name characters from `q` run to punctuation within five characters of
    /// `start`, with no verb among them: then a one-character cue that is also a transliteration
    /// character before them is part of the name (宝音满都呼，: 都), not the word after it
    /// (王明都参加).
    func runReachesPunctuation(from q: Int, start: Int) -> Bool {
        var j = q
        while j < n, j - start < 5, Chars.isIdeograph(units[j]), mayStandWithoutSurname(units[j]) {
            if model.cues.canStart(units[j]), model.cues.longestMatch(in: units, at: j) != nil { return false }
            j += 1
        }
        return j > q && (j == n || !Chars.isIdeograph(units[j]) && !Chars.isSpace(units[j]))
    }

    /// A Japanese name: a common Japanese family name and up to three given characters (佐藤健一郎)
    /// or the family name alone, after a title or role, or before a post, honorific or verb.
    func japanese(at p: Int) -> NameMention? {
        guard let s = model.japanese.longestMatch(in: units, at: p), !entityCover[p] else { return nil }
        let left = leftContext(p)
        var leftStrong = false
        switch left {
        case .title, .credit, .role: leftStrong = true
        case let .list(_, strong): leftStrong = strong
        case .none: break
        }
        if !leftStrong, p > 0, Chars.isIdeograph(units[p - 1]), !model.beforeName.contains(units[p - 1]), !words.isBoundary(p) { return nil }
        var maxEnd = s.end
        while maxEnd < n, maxEnd - s.end < 3, model.mayBeGiven(units[maxEnd]), titleStart[maxEnd] < 0, !entityCover[maxEnd] {
            if model.honorifics.canStart(units[maxEnd]), model.honorifics.longestMatch(in: units, at: maxEnd) != nil { break }
            if model.cues.canStart(units[maxEnd]), model.cues.longestMatch(in: units, at: maxEnd) != nil { break }
            maxEnd += 1
        }
        var e = maxEnd
        while e >= s.end {
            let right = rightContext(e)
            var confirmed = right == .honorific || right == .listSeparator || right == .listEnd
            if case .title = right { confirmed = true }
            if right == .cue { confirmed = true }
            if leftStrong, right == .punctuation || right == .end || right == .cue { confirmed = true }
            // a given name does not begin with a dictionary word (野村证券, 桥本政权)
            if confirmed, e == s.end || !words.isWord(s.end..<(s.end + 2)) && (e == n || !Chars.isIdeograph(units[e]) || words.isBoundary(e)) {
                var m = NameMention(range: p..<e, rule: .japanese, surnameLength: 0)
                m.strong = leftStrong || right != .cue
                if case let .title(t) = left { m.titlesBefore = titleChain(endingWith: t) }
                if case let .title(t) = right, titles[t].features["kind"] != "group" { m.titleAfter = t }
                return m
            }
            e -= 1
        }
        return nil
    }

    static let lao: UInt16 = 0x8001, xiao: UInt16 = 0x5C0F, mou: UInt16 = 0x67D0  // 老 小 某

    /// A familiar or anonymized form of a name: 老 or 小 before a surname (老张, 小王), a
    /// surname before 某 (李某, 王某某), standing as a word of its own.
    func familiar(at p: Int) -> NameMention? {
        let s: Int       // start of the surname
        var e: Int       // end of the form
        if units[p] == Self.lao || units[p] == Self.xiao {
            s = p + 1
            e = p + 2
        } else {
            s = p
            e = p + 1
            guard e < n, units[e] == Self.mou else { return nil }
            e += 1
            if e < n, units[e] == Self.mou { e += 1 }
        }
        guard e <= n, s < n, model.surnames.canStart(units[s]), model.surnames.contains(units, s..<(s + 1)),
              !model.isFunctionSurname(units, s..<(s + 1)), !entityCover[p], !entityCover[e - 1] else { return nil }
        if e < n, model.familiarNotAfter.contains(units[e]) { return nil }
        if s == p + 1, model.isWeakSurname(units, s..<(s + 1)) { return nil }
        // 老|张 but not 老师, 小时, 小康; 某 not in 某些, 某种
        if p > 0, Chars.isIdeograph(units[p - 1]), !model.beforeName.contains(units[p - 1]), !words.isBoundary(p) { return nil }
        if s == p + 1 {
            if words.isWord(p..<e) { return nil }
            // inside a full name (周小燕)
            if p > 0, model.surnames.canStart(units[p - 1]), !model.beforeName.contains(units[p - 1]) { return nil }
        }
        guard e == n || !Chars.isIdeograph(units[e]) || words.isBoundary(e) else { return nil }
        var m = NameMention(range: p..<e, rule: .familiar, surnameLength: 0)
        m.strong = false
        return m
    }

    /// The first position from `p` below `limit` where some name may start (`limit` if none):
    /// a unit of `model.nameStart`, or where ``mayStartWithoutSurname(_:)`` holds.
    func nextPossibleStart(from p: Int, limit: Int) -> Int {
        let starts = model.nameStart
        return units.withUnsafeBufferPointer { units in
            titleEnd.withUnsafeBufferPointer { titleEnd in
                var i = p
                while i < limit {
                    let u = units[i]
                    if starts.contains(u) { return i }
                    if i > 0, Chars.isIdeograph(u) {
                        let before = units[i - 1]
                        if before == Self.ideographicComma || titleEnd[i] >= 0 || Chars.isSpace(before) { return i }
                    }
                    i += 1
                }
                return limit
            }
        }
    }

    /// Whether a name without a known surname may start at `p`: a Han character after 、, a
    /// title or a space.
    @inline(__always)
    func mayStartWithoutSurname(_ p: Int) -> Bool {
        p > 0 && Chars.isIdeograph(units[p]) && (units[p - 1] == Self.ideographicComma || titleEnd[p] >= 0 || Chars.isSpace(units[p - 1]))
    }

    /// Whether `units[start..<end]` can be a given name.
    func givenValid(_ start: Int, _ end: Int) -> Bool {
        if start < end, model.neverFirstGiven.contains(units[start]) { return false }
        for q in start..<end where !mayStandInGiven(q) { return false }
        return true
    }

    /// Whether the unit at `q` may stand in a given name: no title, verb or honorific starts there.
    @inline(__always)
    func mayStandInGiven(_ q: Int) -> Bool {
        let u = units[q]
        guard model.mayBeGiven(u), titleStart[q] < 0 else { return false }
        if model.cues.canStart(u), let c = model.cues.longestMatch(in: units, at: q), c.end - q >= 2 { return false }
        if model.honorifics.canStart(u), model.honorifics.longestMatch(in: units, at: q) != nil { return false }
        return true
    }

    /// Decides a candidate: the rule that accepts it, a base score, and whether it is strong
    /// enough to carry a list; nil when rejected.
    func decide(_ p: Int, _ sEnd: Int, _ e: Int, _ left: Left, _ right: Right, _ weakSurname: Bool) -> (PersonRule, Int, Bool)? {
        let cls1 = Int(model.givenClass[Int(units[sEnd])])
        let cls2 = e - sEnd == 2 ? Int(model.givenClass[Int(units[e - 1])]) : -1
        // Most candidates stand without context (a surname character inside other text): then
        // only a likely two-character given name can pass (the no-context rule below), which
        // settles them before any lexicon lookup.
        if case .none = left, right == .han || right == .punctuation || right == .end, !likelyPlainName(sEnd, e) { return nil }
        var leftRule: PersonRule?
        var leftStrong = false
        var leftMedium = false
        switch left {
        case let .title(t):
            leftRule = .afterTitle
            // a post standing alone (委员, 主任) is often a plain noun: it confirms only a likely name
            if titles[t].features["bare"] == "yes", model.nounPosts.contains(units, titles[t].range) { leftMedium = true } else { leftStrong = true }
        case .credit: leftRule = .credit; leftStrong = true
        case .role: leftRule = .role; leftMedium = true
        case let .list(_, strong): leftRule = strong ? .titleList : .list; leftStrong = strong
        case .none: break
        }
        // A name does not follow a number (５０余万元, ４００万日元, ５６０米长).
        if case .none = left, afterNumber(p) { return nil }
        var rightStrong = false
        if case .title = right { rightStrong = true }
        if right == .honorific { rightStrong = true }
        let twoCharacters = e - p == 2
        // Surnames that are also prepositions or conjunctions (和, 向, 于): after a title only
        // when the name stands apart on its right, else in a list or before a post.
        if model.isFunctionSurname(units, p..<sEnd), case .none = left, p > 0, Chars.isIdeograph(units[p - 1]) {
            if right == .honorific { return nil } // 九段和林峰三段: the conjunction before a name
            if case .title = right { return nil } // 委员会和政府领导人
        }
        if model.isFunctionSurname(units, p..<sEnd), right != .honorific {
            var ok = false
            if case .title = right { ok = true }
            if case .list(_, true) = left { ok = true }
            if case .title = left, right == .punctuation || right == .end || right == .listSeparator
                || right == .cue && (model.cues.longestMatch(in: units, at: e)?.end ?? e) - e >= 2 { ok = true }
            if !ok { return nil }
        }
        // Places and organizations (贝宁, 白云村) are names only right after a title or role.
        if !leftStrong, (p..<e).contains(where: { entityCover[$0] }) { return nil }
        // A name that is part of a term: 邓小平理论, 毛泽东思想.
        if e < n, model.termAfter.canStart(units[e]), model.termAfter.longestMatch(in: units, at: e) != nil { return nil }

        // Cheap decision first; ICU word checks (costly) only confirm an accepted candidate.
        var result: (PersonRule, Int, Bool)
        var listByContext = false  // a list that a title, verb or honorific after it confirms
        let givenGood = cls2 < 0 ? cls1 >= 2 : (cls1 >= 1 && cls2 >= 1 && cls1 + cls2 >= 4)
        let strongPath = leftStrong || rightStrong
        if strongPath {
            if case .none = left, p > 0, units[p - 1] == Self.ideographicComma, titleEnd[p - 1] >= 0,
               mentions.last?.range.upperBound != titles[Int(titleEnd[p - 1])].range.lowerBound {
                return nil // 市委常委、宣传部部长: a word between 、 after a title and a post is part of the chain
            }
            // a surname that is also a word, glued to the next character into a word (代表团发言人,
            // 纪念江主席): no name without a title before
            if case .none = left, weakSurname, !twoCharacters, words.isWord(p..<(sEnd + 1)) { return nil }
            // between a post that is often a plain noun and a title, a surname that is also a
            // word before a word is no name (委员占全体政协委员)
            if weakSurname, leftMedium, !twoCharacters, words.isWordAlone(sEnd..<e) { return nil }
            result = (leftRule ?? .beforeTitle, 30, true)
        } else {
            // right after another name: leftBoundary(p) below rejects it, here before any ICU check
            if p > 0, Chars.isIdeograph(units[p - 1]), mentions.last?.range.upperBound == p { return nil }
            var confirmedList = false
            if right == .listSeparator {
                let (tail, members, withSurname, tailAt) = listTail(from: e)
                if case .title = tail { confirmedList = true }
                if tail == .cue || tail == .listEnd || tail == .honorific { confirmedList = true }
                listByContext = confirmedList && listTailConfirmsPersons(tail, at: tailAt)
                // three or more names in a row, each with a known surname
                if members >= 2, withSurname == members, tail != .han { confirmedList = true }
            }
            // A surname that is also a word (许, 高, 程) needs a three-character name of common
            // given-name characters holding no dictionary word.
            let weakShape = e - sEnd == 2 && cls1 >= 2 && cls2 >= 2 && cls1 + cls2 >= 5
            if confirmedList {
                result = (.titleList, 25, true)
            } else if case .list = left, givenGood || e - sEnd == 2 && cls1 + max(cls2, 0) >= 1 && (right == .listSeparator || right == .punctuation) {
                result = (.list, 20, false)
            } else if right == .cue || right == .listEnd || right == .listSeparator || leftMedium {
                guard givenGood, !weakSurname || weakShape else { return nil }
                // a word of occupation confirms only a name that stands apart on its right
                if leftRule == .role, right == .han, e - sEnd == 1 { return nil }
                if weakSurname, words.containsWord(p..<e) { return nil }
                result = (leftRule == .role && right != .cue ? .role : .cue, 20, false)
            } else {
                // No context: a common surname and a likely two-character given name that is no word.
                guard likelyPlainName(sEnd, e), !weakSurname || weakShape && cls1 + cls2 >= 7 else { return nil }
                if weakSurname, words.containsWord(p..<e) { return nil }
                if words.isWord(sEnd..<e) { return nil }
                result = (.plain, 10, false)
            }
        }

        // ICU checks.
        // A preposition and a word (于去年, 向美国), unless a verb, post or honorific confirms it.
        if model.isFunctionSurname(units, p..<sEnd), e - sEnd == 2, !rightStrong,
           !(right == .cue && (model.cues.longestMatch(in: units, at: e)?.end ?? e) - e >= 2), words.isWord(sEnd..<e) { return nil }
        // A name glued to the text after it (高度重视 → 高度, 巨大成就 → 巨大成) is no name; a
        // verb of two characters after it is trusted over ICU (江泽民主持: not 民主).
        if e < n, Chars.isIdeograph(units[e]), !rightStrong, !(strongPath && (right == .cue || right == .listEnd)),
           !(right == .cue && (model.cues.longestMatch(in: units, at: e)?.end ?? e) - e >= 2), !words.isBoundary(e) { return nil }
        if strongPath {
            if twoCharacters, words.isWord(p..<e) {
                // a name that is also a word (马上, 雷鸣, not 许多常委, 高度重视): a title before and
                // no text glued after, a verb or honorific after, or a common given-name
                // character before a post
                // a surname that is also a word, making a word with what follows (许多, 全党): a
                // name only after a title, and not when the word is a verb of the genre (强调)
                if weakSurname, !leftStrong || model.cues.contains(units, p..<e) { return nil }
                switch right {
                case .honorific, .cue: break
                case .han: return nil
                case .title: if !leftStrong, cls2 < 0 ? cls1 < 3 : cls2 < 3 { return nil }
                default: if !leftStrong { return nil }
                }
            }
            if case .none = left {
                if p > 0, Chars.isIdeograph(units[p - 1]), !words.isBoundary(p) { return nil }
                if !rightStrong, !leftBoundary(p) { return nil }
            }
        } else {
            guard leftBoundary(p) else { return nil }
            // a name that is also a word (刘海) stands in a list that a title, verb or 等 confirms
            // (a list confirmed only by its surnames may be one of words: 武官、武侠、武僧)
            let inConfirmedList = listByContext && !weakSurname
            if twoCharacters, !inConfirmedList, words.isWord(p..<e) { return nil }
            // the surname and the first given character make a word (董事会, 毕业生, 游乐业)
            if !twoCharacters, words.isWord(p..<(sEnd + 1)) { return nil }
        }
        return result
    }

    /// Whether the given name `sEnd..<e` is likely enough to stand without context: two
    /// characters common in given names (the least a name needs under the no-context rule).
    @inline(__always)
    func likelyPlainName(_ sEnd: Int, _ e: Int) -> Bool {
        guard e - sEnd == 2 else { return false }
        let cls1 = model.givenClass[Int(units[sEnd])], cls2 = model.givenClass[Int(units[e - 1])]
        return cls1 >= 2 && cls2 >= 2 && cls1 + cls2 >= 6
    }

    /// Whether the character before `p` ends a number (digits, 十 百 千 万 亿).
    func afterNumber(_ p: Int) -> Bool {
        guard p > 0 else { return false }
        let u = units[p - 1]
        return Numerals.isASCIIDigit(u) || u == 0x5341 || u == 0x767E || u == 0x5343 || u == 0x4E07 || u == 0x4EBF
    }

    /// A name standing alone on its line or in brackets: an author's or a photographer's
    /// byline (／张江／, （王镛）).
    func alone(_ p: Int, _ sEnd: Int, _ e: Int) -> (PersonRule, Int, Bool)? {
        let before: UInt16 = p == 0 ? 0x0A : units[p - 1]
        let after: UInt16 = e == n ? 0x0A : units[e]
        guard before == 0x0A && after == 0x0A || before == 0x28 && after == 0x29 else { return nil }
        // not a note in brackets: (蒙古族), (左一)
        if units[e - 1] == 0x65CF /* 族 */ || (sEnd..<e).contains(where: { Numerals.chineseDigit(units[$0]) != nil }) { return nil }
        guard !model.isFunctionSurname(units, p..<sEnd), !(p..<e).contains(where: { entityCover[$0] }),
              e - p >= 3 || !words.isWord(p..<e) else { return nil }
        return (.alone, 15, false)
    }

    /// Whether a name may start at `p` without a title or role before it: not right after
    /// another name, and not glued to a character that could be part of it (科雷, 太岳).
    func leftBoundary(_ p: Int, afterMention: Bool? = nil) -> Bool {
        guard p > 0 else { return true }
        let u = units[p - 1]
        guard Chars.isIdeograph(u) else { return true }
        if afterMention ?? (mentions.last?.range.upperBound == p) { return false }
        if titleEnd[p] >= 0 || model.beforeName.contains(u) { return true }
        // the character before ends a word of two or more characters (纪念|江)
        return words.isBoundary(p) && !words.isBoundary(p - 1)
    }

    /// The context before a candidate starting at `p`.
    func leftContext(_ p: Int) -> Left {
        // most positions: no space, 、, credit or role word before and no title ending here
        if p > 0, titleEnd[p] < 0 {
            let u = units[p - 1]
            if !Chars.isSpace(u), u != Self.ideographicComma, !model.creditEnd.contains(u), !model.roleEnd.contains(u) { return .none }
        }
        var q = p
        var spaces = 0
        while q > 0, Chars.isSpace(units[q - 1]), spaces < 3 {
            q -= 1
            spaces += 1
        }
        if titleEnd[q] >= 0 { return .title(Int(titleEnd[q])) }
        if let last = mentions.indices.last {
            let m = mentions[last]
            if q > 0, units[q - 1] == Self.ideographicComma, m.range.upperBound == q - 1 || (m.range.upperBound < q - 1 && (m.range.upperBound..<(q - 1)).allSatisfy { Chars.isSpace(units[$0]) })
                || bracketNoteEnd(after: m.range.upperBound) == q - 1 {
                return .list(last, strong: m.strong)
            }
            if spaces > 0, m.range.upperBound == q, m.strong {
                return .list(last, strong: true)
            }
        }
        // a credit word of its own, not the end of a longer word (工作者和广大: not 作者)
        if q > 0, model.creditEnd.contains(units[q - 1]), NameModel.entryEnds(model.credits, units, at: q),
           !NameModel.entryEnds(model.notCredits, units, at: q) {
            return .credit
        }
        if q > 0, model.roleEnd.contains(units[q - 1]), NameModel.entryEnds(model.roles, units, at: q), words.isBoundary(q) {
            return .role
        }
        return .none
    }

    /// End of a short note in brackets right after a name (（女）, （女，蒙古族）, （瑞士）).
    func bracketNoteEnd(after e: Int) -> Int? {
        guard e < n, units[e] == 0x28 else { return nil }
        var q = e + 1
        while q < n, q - e <= 12, units[q] != 0x29 {
            if units[q] == Self.ideographicComma || units[q] == 0x28 || units[q] == 0x0A { return nil }
            q += 1
        }
        return q < n && units[q] == 0x29 ? q + 1 : nil
    }

    /// The context after a candidate ending at `e`.
    func rightContext(_ e: Int) -> Right {
        guard e < n else { return .end }
        let u = units[e]
        if titleStart[e] >= 0 { return .title(Int(titleStart[e])) }
        // most positions: no honorific, list end or cue begins here, no bracket or 、
        if !model.afterNameStart.contains(u), u != 0x28, u != Self.ideographicComma { return Chars.isIdeograph(u) ? .han : .punctuation }
        if model.honorifics.longestMatch(in: units, at: e) != nil { return .honorific }
        // a note in brackets that only a person gets: (女), (藏族), (回族)
        if u == 0x28, e + 2 < n, Chars.isIdeograph(units[e + 1]) {
            var c = e + 1
            while c < n, c - e <= 5, Chars.isIdeograph(units[c]) { c += 1 }
            if c < n, units[c] == 0x29, units[e + 1] == 0x5973 /* 女 */ || units[c - 1] == 0x65CF /* 族 */ { return .honorific }
        }
        if u == Self.ideographicComma { return .listSeparator }
        if model.listEnd.longestMatch(in: units, at: e) != nil { return .listEnd }
        if model.cues.longestMatch(in: units, at: e) != nil { return .cue }
        if Chars.isIdeograph(u) { return .han }
        return .punctuation
    }

    /// The context after the last member of a 、 list whose first separator is at `e`, the
    /// number of further members and how many of them have a known surname.
    func listTail(from e: Int) -> (tail: Right, members: Int, withSurname: Int, end: Int) {
        var q = e
        var count = 0
        var withSurname = 0
        while q < n, units[q] == Self.ideographicComma, count < 30 {
            q += 1
            while q < n, Chars.isSpace(units[q]) { q += 1 }
            guard let member = memberEnd(at: q) else { return (.han, count, withSurname, q) }
            q = member.end
            count += 1
            if member.surname { withSurname += 1 }
        }
        return (rightContext(q), count, withSurname, q)
    }

    /// Whether what follows a list at `q` names its members as persons: a title, an honorific,
    /// a verb of two or more characters, or 等 before one of these (等市领导, 等出席); not a
    /// one-character cue (的, 从) or 等 alone (羊肉、豆制品等).
    func listTailConfirmsPersons(_ tail: Right, at q: Int) -> Bool {
        switch tail {
        case .title, .honorific: return true
        case .cue: return (model.cues.longestMatch(in: units, at: q)?.end ?? q) - q >= 2
        case .listEnd:
            guard let end = model.listEnd.longestMatch(in: units, at: q)?.end, end < n else { return false }
            if titleStart[end] >= 0 { return true }
            return (model.cues.longestMatch(in: units, at: end)?.end ?? end) - end >= 2
        default: return false
        }
    }

    /// End of a plausible name starting at `q` inside a list: a surname and given name, or two
    /// or three Han characters up to the next separator.
    func memberEnd(at q: Int) -> (end: Int, surname: Bool)? {
        guard q < n, Chars.isIdeograph(units[q]), !entityCover[q] else { return nil }
        if model.surnames.canStart(units[q]) {
            for s in model.surnames.matches(in: units, at: q, limit: min(n, q + 4)).reversed() {
                for g in [2, 1] {
                    let e = s.end + g
                    guard e <= n, givenValid(s.end, e) else { continue }
                    if e == n || !Chars.isIdeograph(units[e]) || rightContext(e) != .han { return (e, true) }
                }
            }
        }
        var e = q
        while e < n, e - q < 4, Chars.isIdeograph(units[e]), titleStart[e] < 0, !entityCover[e] { e += 1 }
        if (2...3).contains(e - q), e == n || !Chars.isIdeograph(units[e]), titleStart[e] < 0 { return (e, false) }
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

    /// Names the article phases credited in bylines (layer `credit`).
    func credits() -> [NameMention] {
        document.annotations(.credit).compactMap { a in
            guard a.range.count >= 2, a.range.count <= 12 else { return nil }
            var m = NameMention(range: a.range, rule: .credit, surnameLength: 0)
            m.strong = true
            return m
        }
    }

    /// A byline in brackets closing a paragraph after the end of a sentence (…。（王平）): the
    /// author's name or pen name, any characters, unless it says what the item is (（图片）,
    /// （本报专电）) or credits a photo (（张三摄）: the name is found before 摄).
    func bracketBylines() -> [NameMention] {
        var out: [NameMention] = []
        var p = 1
        while p < n {
            defer { p += 1 }
            p = units[p...].firstIndex(of: 0x28) ?? n
            guard p < n, Self.isSentenceEnd(units[p - 1]) else { continue }
            var e = p + 1
            while e < n, e - p <= 5, Chars.isIdeograph(units[e]) { e += 1 }
            guard (3...5).contains(e - p), e < n, units[e] == 0x29, e + 1 == n || units[e + 1] == 0x0A,
                  !model.bylineNotEnd.contains(units[e - 1]), !(p + 1..<e).contains(where: { entityCover[$0] || titleStart[$0] >= 0 }),
                  !(model.bylineNot.canStart(units[p + 1]) && model.bylineNot.longestMatch(in: units, at: p + 1) != nil) else { continue }
            out.append(NameMention(range: (p + 1)..<e, rule: .alone, surnameLength: 0))
        }
        return out
    }

    /// A line of two or more names and nothing else between a headline and the text (an
    /// article's authors, their spaces lost: 王平李明): one span, as a run of names.
    func bylineLines() -> [NameMention] {
        var out: [NameMention] = []
        var start = 0
        while start < n {
            let end = units[start...].firstIndex(of: 0x0A) ?? n
            defer { start = end + 1 }
            guard start > 0, end < n, (4...12).contains(end - start),
                  (start..<end).allSatisfy({ Chars.isIdeograph(units[$0]) && !entityCover[$0] && titleStart[$0] < 0 }),
                  namesCover(start, end) >= 2 else { continue }
            out.append(NameMention(range: start..<end, rule: .alone, surnameLength: 0))
        }
        return out
    }

    /// How many names (a surname, not a preposition, and one or two given characters, the whole
    /// not a dictionary word) exactly cover `start..<end`; 0 when they do not.
    func namesCover(_ start: Int, _ end: Int) -> Int {
        // reach[i]: fewest names covering start..<i (0: unreachable)
        var reach = [Int](repeating: 0, count: end - start + 1)
        reach[0] = -1
        for i in start..<end where reach[i - start] != 0 {
            guard model.surnames.canStart(units[i]) else { continue }
            for s in model.surnames.matches(in: units, at: i, limit: min(end, i + 4)) where !model.isFunctionSurname(units, i..<s.end) {
                for g in 1...2 {
                    let e = s.end + g
                    guard e <= end, (s.end..<e).allSatisfy({ model.mayBeGiven(units[$0]) }), !model.neverFinal.contains(units[e - 1]),
                          !words.isWord(i..<e) else { continue }
                    let count = max(reach[i - start], 0) + 1
                    if reach[e - start] == 0 || count < reach[e - start] { reach[e - start] = count }
                }
            }
        }
        return max(reach[end - start], 0)
    }

    /// 。 ! ? and closing quotes after them.
    static func isSentenceEnd(_ u: UInt16) -> Bool {
        u == 0x3002 || u == 0x21 || u == 0x3F || u == 0x201D || u == 0x300D || u == 0x300F || u == 0x2026
    }

    // MARK: Names joined by a dot

    /// Minority and transliterated names joined by a dot (阿不都热合曼·艾则孜), with context.
    func dotNames() -> [NameMention] {
        var out: [NameMention] = []
        let dots = Self.dots
        var d = 1
        while d < n - 1 {
            d = dots.next(in: units, from: d, limit: n - 1)
            guard d < n - 1, Chars.isIdeograph(units[d - 1]), Chars.isIdeograph(units[d + 1]) else {
                d += 1
                continue
            }
            var start = d
            // the first part reaches back to a title, a separator or punctuation (副委员长铁木尔·…,
            // 、司马义·…) when that is near; else over transliteration characters only (…同伴戴维·…)
            var hardStart = d
            while hardStart > 0, Chars.isIdeograph(units[hardStart - 1]), d - hardStart < 8, titleEnd[hardStart] < 0 { hardStart -= 1 }
            if d - hardStart <= 6, !(hardStart..<d).contains(where: { !model.mayBeGiven(units[$0]) && !model.transliteration.contains(units[$0]) }) {
                start = hardStart
            } else {
                while start > 0, Chars.isIdeograph(units[start - 1]), d - start < 8, titleEnd[start] < 0,
                      model.transliteration.contains(units[start - 1]) { start -= 1 }
            }
            guard start < d else { d += 1; continue }
            var runEnd = d + 1
            var lastDot = d
            while runEnd < n, runEnd - start < 24 {
                if Chars.isIdeograph(units[runEnd]) {
                    runEnd += 1
                } else if dots.contains(units[runEnd]), runEnd + 1 < n, Chars.isIdeograph(units[runEnd + 1]) {
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
            case .title, .credit, .role, .list: leftOK = true
            case .none: break
            }
            let right = rightContext(end)
            let rightOK = right != .han
            if !bookTitle, leftOK || rightOK, end - start <= 20 {
                var m = NameMention(range: start..<end, rule: .dotName, surnameLength: 0)
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
    /// before a title or a verb (热西提出席: 出席, not 提出; 吐尔逊主持召开: 主持), or where a
    /// word that is no transliteration begins (库克抵京).
    func nameEnd(from: Int, runEnd: Int) -> Int {
        var k = from
        while k < runEnd {
            if titleStart[k] >= 0 { return k }
            if model.honorifics.canStart(units[k]), model.honorifics.longestMatch(in: units, at: k) != nil { return k }
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
            // past the transliteration characters, at a word of its own (库克抵京: 库克)
            if !model.transliteration.contains(units[k]), words.isBoundary(k) { return k }
            k += 1
        }
        return runEnd
    }

    // MARK: Later mentions

    /// Every further occurrence of a name already found (卢荣春指出), when it stands as a word.
    mutating func linkLaterMentions() {
        var covered = [Bool](repeating: false, count: n + 1)
        var found: [NameMention] = []
        for m in mentions where !m.surnameOnly && m.range.count >= 2 {
            for q in m.range { covered[q] = true }
            // only names found with context are looked for again
            guard m.strong || m.range.count >= 3 || m.rule == .cue || m.rule == .role else { continue }
            found.append(m)
        }
        for t in titles { for q in t.range { covered[q] = true } }
        // The names looked for, as ranges of a mention, by first unit and the longest first
        // (names of one length and first unit cannot both match at a position).
        var keys = distinctNames(found)
        guard !keys.isEmpty else { return }
        // A name joined by a dot is written again by its first or last part (罗宾·库克 … 库克说,
        // 阿不来提·阿不都热西提 … 阿不来提说): the parts are looked for too, as that person.
        var wholeOfPart: [ArraySlice<UInt16>: Range<Int>] = [:]
        for m in found where m.rule == .dotName {
            let key = m.range
            guard let firstDot = key.first(where: { Self.dots.contains(units[$0]) }),
                  let lastDot = key.last(where: { Self.dots.contains(units[$0]) }) else { continue }
            for part in [key.lowerBound..<firstDot, (lastDot + 1)..<key.upperBound] where part.count >= 2 && wholeOfPart[units[part]] == nil {
                wholeOfPart[units[part]] = key
                keys.append(part)
            }
        }
        keys.sort { units[$0.lowerBound] < units[$1.lowerBound] || units[$0.lowerBound] == units[$1.lowerBound] && $0.count > $1.count }
        let firstUnits = UnitSet(units: keys.map { units[$0.lowerBound] })
        var added: [NameMention] = []
        var p = firstUnits.next(in: units, from: 0)
        while p < n {
            guard !covered[p] else {
                p = firstUnits.next(in: units, from: p + 1)
                continue
            }
            var matched = false
            let first = keys.partitionPoint { units[$0.lowerBound] >= units[p] }
            for key in keys[first...] {
                guard units[key.lowerBound] == units[p] else { break }
                guard p + key.count <= n else { continue }
                let e = p + key.count
                guard units[p..<e].elementsEqual(units[key]), !(p..<e).contains(where: { covered[$0] }) else { continue }
                if (p..<e).contains(where: { entityCover[$0] }) { continue }
                if e < n, model.termAfter.canStart(units[e]), model.termAfter.longestMatch(in: units, at: e) != nil { continue }
                if p > 0, Chars.isIdeograph(units[p - 1]), !words.isBoundary(p) { continue }
                let right = rightContext(e)
                if right == .han, !words.isBoundary(e) { continue }
                if key.count <= 3, words.isWord(p..<e) {
                    let left = leftContext(p)
                    var leftTitle = false
                    if case .title = left { leftTitle = true }
                    guard leftTitle || right == .cue || right == .honorific || { if case .title = right { return true } else { return false } }() else { continue }
                }
                var m = NameMention(range: p..<e, rule: .coreference, surnameLength: 0)
                m.key = wholeOfPart.isEmpty ? nil : wholeOfPart[units[key]]
                if case let .title(t) = leftContext(p) { m.titlesBefore = titleChain(endingWith: t) }
                if case let .title(t) = right, titles[t].features["kind"] != "group" { m.titleAfter = t }
                added.append(m)
                p = e
                matched = true
                break
            }
            p = firstUnits.next(in: units, from: matched ? p : p + 1)
        }
        mentions += added
        mentions.sort { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// The ranges of `mentions` that write distinct names (the first of each).
    func distinctNames(_ mentions: [NameMention]) -> [Range<Int>] {
        // slices of the text as keys: no array allocated per name
        var seen = Set<ArraySlice<UInt16>>()
        return mentions.compactMap { seen.insert(units[$0.range]).inserted ? $0.range : nil }
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
                guard leftBoundary(p, afterMention: p > 0 && covered[p - 1]) else { continue }
                let surname = units[p..<s]
                let same = mentions.filter { !$0.surnameOnly && $0.surnameLength == sl && $0.range.count > sl && units[$0.range.lowerBound..<($0.range.lowerBound + sl)].elementsEqual(surname) }
                let keys = distinctNames(same)
                if keys.isEmpty, model.isFunctionSurname(units, p..<s) { continue }
                if keys.isEmpty, model.isWeakSurname(units, p..<s), p > 0, Chars.isIdeograph(units[p - 1]),
                   !model.beforeName.contains(units[p - 1]) { continue }
                var m = NameMention(range: p..<s, rule: .surnameTitle, surnameLength: sl)
                m.surnameOnly = true
                m.titleAfter = titleIndex
                if keys.count == 1 {
                    m.key = keys[0]
                } else if keys.count > 1, let t = titleIndex {
                    let written = titles[t].range
                    let holders = same.filter { h in
                        (h.titlesBefore + (h.titleAfter.map { [$0] } ?? [])).contains { units[titles[$0].range].elementsEqual(units[written]) || units[titles[$0].range].reversed().starts(with: units[written].reversed()) }
                    }
                    let holderKeys = distinctNames(holders)
                    if holderKeys.count == 1 { m.key = holderKeys[0] }
                }
                added.append(m)
                for q in p..<s { covered[q] = true }
                return
            }
        }
        for (i, t) in titles.enumerated() where t.features["bare"] == "yes" {
            consider(t.range.lowerBound, titleIndex: i)
        }
        var p = model.honorifics.nextStart(in: units, from: 1)
        while p < n {
            if model.honorifics.longestMatch(in: units, at: p) != nil, !covered[p] {
                consider(p, titleIndex: nil)
            }
            p = model.honorifics.nextStart(in: units, from: p + 1)
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
