import ICUText

/// Names of other shapes than surname + given name, each with the context that confirms it:
/// transliterated foreign names, names written without a surname, rare surnames after a title,
/// Japanese names, and familiar forms (老王, 小李, 王某).
extension PersonScanner {
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
        case let .title(t) where !self.titles[t].isBarePost && self.titles[t].features["kind"] != "group":
            titles = titleChain(endingWith: t)
            rule = .afterTitle
        case let .title(t) where self.titles[t].isBarePost:
            // a level post standing alone (代区长, 副县长): a rare surname and one given
            // character, standing apart (代区长仉强，)
            guard let name = rareSurnameName(at: p, after: t) else { return nil }
            return name
        default:
            return nil
        }
        if !model.mayBeGiven(units[p]) { return nil } // 到三南两东: a function character starts no name
        // 政协委员企业家代表: a word for an occupation (企业家, 专家) names no one
        if model.roles.canStart(units[p]), let role = model.roles.longestMatch(in: units, at: p), role.end - p >= 2 { return nil }
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
        // five characters (宝音满都呼) only before punctuation, or right after a title before a
        // verb (主任宝音满都呼主持), and holding no dictionary word (何宝兵应邀, 陈耀邦郑重宣布)
        let fiveOK = e - p == 5 && (e == n || !Chars.isIdeograph(units[e]) || rule == .afterTitle && verbAfter)
            && !words.containsWord(p..<e)
        guard (2...4).contains(e - p) || fiveOK, e == n || !Chars.isIdeograph(units[e]) || right != .han,
              !words.isWord(p..<e), e == n || !Chars.isIdeograph(units[e]) || verbAfter || words.isBoundary(e),
              rule == .afterTitle || !(p..<e).contains(where: { entityCover[$0] }) else { return nil }
        var m = NameMention(range: p..<e, rule: rule, surnameLength: 0)
        m.strong = true
        m.titlesBefore = titles
        return m
    }

    /// A name right after a level post standing alone (代区长仉强，, 副县长郇华、, 代区长仉国强，): a
    /// surname the model lacks and one common given-name character or two likely ones, no
    /// dictionary word, before punctuation, a separator or a verb of two characters or more.
    func rareSurnameName(at p: Int, after t: Int) -> NameMention? {
        let title = titles[t].range
        // a post of a level: …长 after a level character (市长, 副县长, 代区长, 常务副镇长)
        guard units[title.upperBound - 1] == 0x957F, title.count >= 2, Self.levelPostStart.contains(units[title.upperBound - 2]) else { return nil }
        guard p + 2 <= n, !model.surnames.canStart(units[p]) || !model.surnames.contains(units, p..<(p + 1)),
              model.mayBeGiven(units[p]), model.mayBeGiven(units[p + 1]), model.givenClass[Int(units[p + 1])] >= 2,
              titleStart[p + 1] < 0, !entityCover[p], !entityCover[p + 1] else { return nil }
        if model.cues.canStart(units[p]), model.cues.longestMatch(in: units, at: p) != nil { return nil }
        func confirmed(_ e: Int) -> Bool {
            switch rightContext(e) {
            case .punctuation, .end, .listSeparator: break
            case .cue: guard cueLength(at: e) >= 2 else { return false }
            default: return false
            }
            return words.isBoundary(e)
        }
        var e = p + 2
        if !confirmed(e) {
            // two likely given characters (代区长仉国强，)
            guard e < n, model.mayBeGiven(units[e]), titleStart[e] < 0, !entityCover[e],
                  model.givenClass[Int(units[e])] >= 2, model.givenClass[Int(units[p + 1])] + model.givenClass[Int(units[e])] >= 5,
                  !model.neverFinal.contains(units[e]), confirmed(e + 1), !words.containsWord((p + 1)..<(e + 1)) else { return nil }
            e += 1
        }
        guard !words.isWord(p..<e), !words.isWord(p..<(p + 2)) else { return nil }
        var m = NameMention(range: p..<e, rule: .afterTitle, surnameLength: 1)
        m.strong = true
        m.titlesBefore = titleChain(endingWith: t)
        return m
    }

    /// Level characters of level posts (市长, 县长, 区长, 镇长, 乡长, 省长, 州长, 旗长, 盟长).
    static let levelPostStart = UnitSet(units: "市县区镇乡省州旗盟".utf16)

    /// Whether `u` may stand in a name without a surname: a given-name character, or a
    /// transliteration character that is also a function word (阿不都).
    @inline(__always)
    func mayStandWithoutSurname(_ u: UInt16) -> Bool { model.mayBeGiven(u) || model.transliteration.contains(u) }

    /// Whether the name characters from `q` run to punctuation or to a verb of two characters
    /// within five characters of `start`, with no verb among them: then a one-character cue that is also a transliteration
    /// character before them is part of the name (宝音满都呼，: 都), not the word after it
    /// (王明都参加).
    func runReachesPunctuation(from q: Int, start: Int) -> Bool {
        // whether a cue starts at `j`, and whether it is a verb of two characters or more, which
        // may end the run (主任宝音满都呼主持)
        let cueAt = { (j: Int) -> Bool? in
            guard self.model.cues.canStart(self.units[j]), let cue = self.model.cues.longestMatch(in: self.units, at: j) else { return nil }
            return cue.end - j >= 2
        }
        var j = q
        while j < n, j - start < 5, Chars.isIdeograph(units[j]), mayStandWithoutSurname(units[j]) {
            if let verb = cueAt(j) { return j > q && verb }
            j += 1
        }
        if j > q, j < n, cueAt(j) == true { return true }
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

    /// A familiar or anonymized form of a name: 老 or 小 before a surname (老张, 小王), a
    /// surname before 某 (李某, 王某某), standing as a word of its own.
    func familiar(at p: Int) -> NameMention? {
        let s: Int       // start of the surname
        var e: Int       // end of the form
        if model.familiarPrefixes.contains(units[p]) {
            s = p + 1
            e = p + 2
        } else {
            s = p
            e = p + 1
            guard e < n, model.anonymizedMarks.contains(units[e]) else { return nil }
            e += 1
            if e < n, model.anonymizedMarks.contains(units[e]) { e += 1 }
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
}
