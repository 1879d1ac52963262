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
        // names of a run win over dotted names found across them
        let runs = nameRuns()
        let dotted = dotNames().filter { d in !runs.contains { $0.range.overlaps(d.range) } }
        var prefound = credits() + dotted + runs + bracketBylines() + bylineLines()
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
            if var m = name(at: p), next >= prefound.count || prefound[next].range.lowerBound >= m.range.upperBound,
               !endsInsideTitle(m.range) {
                shareGroupLabel(&m)
                if m.rule == .alone, afterEditorLine(m.range.lowerBound) { m.editor = true }
                mentions.append(m)
                p = m.range.upperBound
            } else {
                p += 1
            }
        }
    }

    /// Whether the line before the one starting at `p` ends with an editor's role and a colon
    /// (责编：⏎许平): the name alone on its line is the editor's.
    func afterEditorLine(_ p: Int) -> Bool {
        guard p > 1, units[p - 1] == 0x0A else { return false }
        var q = p - 1
        while q > 0, Chars.isSpace(units[q - 1]) { q -= 1 }
        guard q > 0, units[q - 1] == 0x3A || units[q - 1] == 0xFF1A else { return false }
        q -= 1
        while q > 0, Chars.isSpace(units[q - 1]) { q -= 1 }
        return NameModel.entryEnds(model.editorRoles, units, at: q)
    }

    /// Whether a name would start a title and end inside it (经开|区党工委书记, 高新|区管委会主任):
    /// the title's first characters are no name.
    func endsInsideTitle(_ range: Range<Int>) -> Bool {
        let t = titleStart[range.lowerBound]
        return t >= 0 && range.upperBound < titles[Int(t)].range.upperBound
    }

    /// The name of any kind starting at `p` (the longest the finders agree on), if any.
    func name(at p: Int) -> NameMention? {
        // each finder only where its first units allow a name (cheap checks before the calls)
        let bySurname = model.surnames.canStart(units[p])
        let byTransliteration = mayStartTransliterated(p)
        let byFamiliar = model.familiarPrefixes.contains(units[p]) || bySurname && p + 1 < n && model.anonymizedMarks.contains(units[p + 1])
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
                if titleStart[q] >= 0 || Chars.isSentenceEnd(u) || u == 0x0A || u == 0x3B {
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
        // a name does not swallow a title that starts with it (区长贺正航: 区 is a surname, but
        // 区长 is the post and 贺正航 the name)
        let titleHereEnd = titleStart[p] >= 0 ? titles[Int(titleStart[p])].range.upperBound : Int.max
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
                if titleHereEnd <= e { continue }
                let left = leftComputed ?? leftContext(p)
                leftComputed = left
                let right = rightContext(e)
                // 和, 同 rarely end a name, except before a separator (孙用和、)
                if model.neverFinal.contains(units[e - 1]), right != .listSeparator, e == n || units[e] != 0x28 { continue }
                // a verb of one character after the name may be its last character when a verb of
                // two, a title or a separator follows it (许文正代表, 罗文同、; not 王奇作的)
                let shortCue = right == .cue && cueLength(at: e) < 2 && e + 1 <= n && confirmsAfter(e + 1)
                // in a 、 list, a character between the name and the next separator belongs to it (叶正|襄、)
                if case .list = left, right == .han || shortCue, e + 1 < n, units[e + 1] == Self.ideographicComma || units[e + 1] == 0x28 { continue }
                // without context and a likely given name, decide rejects it, and a name glued to
                // the text after it stands on no line of its own (alone): settled without the calls
                if case .none = left, right == .han, !likelyPlainName(sEnd, e) { continue }
                let isWeak = weak ?? model.isWeakSurname(units, p..<sEnd)
                weak = isWeak
                guard let (rule, base, strong) = decide(p, sEnd, e, left, right, isWeak) ?? alone(p, sEnd, e) else { continue }
                var score = base
                score += right.weight + Int(model.givenClass[Int(units[e - 1])])
                // 钱其|琛: a character left alone after a two-character name likely belongs to it
                if g == 1, right == .han || shortCue, e + 1 <= n, model.mayBeGiven(units[e]),
                   !model.neverFinal.contains(units[e]) || e + 1 < n && units[e + 1] == Self.ideographicComma,
                   words.isBoundary(e + 1) { score += NameScore.strandedGivenCharacter }
                if case .han = right {} else if g == 2 { score += NameScore.fullGivenName }
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

    /// Whether the context at `e` confirms a name ending there on its own: the end, punctuation,
    /// a separator, a title, an honorific or a verb of two characters or more.
    func confirmsAfter(_ e: Int) -> Bool {
        switch rightContext(e) {
        case .han: return false
        case .cue: return cueLength(at: e) >= 2
        default: return true
        }
    }

    /// Length of the longest verb or cue word starting at `e` (0: none).
    @inline(__always)
    func cueLength(at e: Int) -> Int {
        guard e < n, model.cues.canStart(units[e]), let c = model.cues.longestMatch(in: units, at: e) else { return 0 }
        return c.end - e
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
}

// MARK: The first member of a list of names

extension PersonScanner {
    /// The first member of a list that the scan left because nothing before it confirms a name
    /// (出席的有王平、李明、张建国): when the next two members are names, a surname with one or two
    /// given characters right before the first 、 is a name too, if a word boundary opens it.
    /// The list-mates are the evidence.
    mutating func addFirstListMembers() {
        var added: [NameMention] = []
        for k in mentions.indices.dropLast() {
            let m = mentions[k], next = mentions[k + 1]
            let s = m.range.lowerBound, comma = s - 1
            guard comma >= 2, units[comma] == Self.ideographicComma, !m.surnameOnly, !next.surnameOnly,
                  m.range.upperBound < n, units[m.range.upperBound] == Self.ideographicComma,
                  next.range.lowerBound == m.range.upperBound + 1,
                  k == 0 || mentions[k - 1].range.upperBound < comma,
                  let first = firstListMember(endingAt: comma) else { continue }
            added.append(first)
        }
        guard !added.isEmpty else { return }
        mentions += added
        mentions.sort { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// A surname with one or two given characters ending at `e`, three characters preferred,
    /// with a word boundary before it and no title, place or organization inside.
    func firstListMember(endingAt e: Int) -> NameMention? {
        for given in [2, 1] {
            for surname in [1, 2] {
                let p = e - given - surname
                guard p >= 0, model.surnames.contains(units, p..<(p + surname)), !model.isFunctionSurname(units, p..<(p + surname)),
                      ((p + surname)..<e).allSatisfy({ model.mayBeGiven(units[$0]) }),
                      !(p..<e).contains(where: { entityCover[$0] || insideTitle[$0] || titleStart[$0] >= 0 }),
                      p == 0 || !Chars.isIdeograph(units[p - 1]) || titleEnd[p] >= 0 || words.isBoundary(p),
                      !words.isWord(p..<e) else { continue }
                let cls = ((p + surname)..<e).map { Int(model.givenClass[Int(units[$0])]) }
                guard cls.allSatisfy({ $0 >= 1 }), cls.reduce(0, +) >= (given == 2 ? 3 : 2) else { continue }
                return NameMention(range: p..<e, rule: .titleList, surnameLength: surname)
            }
        }
        return nil
    }
}
