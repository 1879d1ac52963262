import ICUText

/// The length decision: which candidate span the context makes a name, and how strongly.
extension PersonScanner {
    /// Decides a candidate: the rule that accepts it, a base score (``NameScore``), and whether it is strong
    /// enough to carry a list; nil when rejected.
    func decide(_ p: Int, _ sEnd: Int, _ e: Int, _ left: Left, _ right: Right, _ weakSurname: Bool) -> (PersonRule, Int, Bool)? {
        let given = givenStrength(sEnd, e)
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
            if titles[t].isBarePost, model.nounPosts.contains(units, titles[t].range) { leftMedium = true } else { leftStrong = true }
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
        // 戴村镇召开…: a given name that is a word ending in 镇/乡/村 (村镇, 家乡) makes a town
        if !leftStrong, !rightStrong, e - sEnd == 2, model.placeWordEnds.contains(units[e - 1]), words.isWord(sEnd..<e) { return nil }
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
            result = (leftRule ?? .beforeTitle, NameScore.titled, true)
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
            if confirmedList {
                result = (.titleList, NameScore.confirmedList, true)
            } else if case .list = left, given.confirmableByCue || given.twoNotBothRare && (right == .listSeparator || right == .punctuation) {
                result = (.list, NameScore.listOrCue, false)
            } else if right == .cue || right == .listEnd || right == .listSeparator || leftMedium {
                guard given.confirmableByCue, !weakSurname || given.confirmableAfterWordSurname else { return nil }
                // a word of occupation confirms only a name that stands apart on its right
                if leftRule == .role, right == .han, e - sEnd == 1 { return nil }
                if weakSurname, words.containsWord(p..<e) { return nil }
                result = (leftRule == .role && right != .cue ? .role : .cue, NameScore.listOrCue, false)
            } else {
                // No context: a common surname and a likely two-character given name that is no word.
                guard given.likelyWithoutContext, !weakSurname || given.likelyAfterWordSurname else { return nil }
                if weakSurname, words.containsWord(p..<e) { return nil }
                if words.isWord(sEnd..<e) { return nil }
                result = (.plain, NameScore.plain, false)
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
                case .title: if !leftStrong, !given.commonLastCharacter { return nil }
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
            // a surname that is also a word before a dictionary word of characters rare in given
            // names, in a list that only the surnames confirm: words (高标准、高质量; not 薄一波)
            if weakSurname, !listByContext, given.rareTwoCharacters, words.isWord(sEnd..<e) { return nil }
            if twoCharacters, !inConfirmedList, words.isWord(p..<e) { return nil }
            // the surname and the first given character make a word (董事会, 毕业生, 游乐业)
            if !twoCharacters, words.isWord(p..<(sEnd + 1)) { return nil }
        }
        return result
    }

    /// The given-name classes of `sEnd..<e` (one or two characters).
    @inline(__always)
    func givenStrength(_ sEnd: Int, _ e: Int) -> GivenNameStrength {
        GivenNameStrength(first: Int(model.givenClass[Int(units[sEnd])]),
                          second: e - sEnd == 2 ? Int(model.givenClass[Int(units[e - 1])]) : nil)
    }

    /// Whether the given name `sEnd..<e` is likely enough to stand without context: two
    /// characters common in given names (the least a name needs under the no-context rule).
    @inline(__always)
    func likelyPlainName(_ sEnd: Int, _ e: Int) -> Bool {
        givenStrength(sEnd, e).likelyWithoutContext
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
        return (.alone, NameScore.alone, false)
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
        if let end = model.listEnd.longestMatch(in: units, at: e)?.end {
            // 交运、文旅、高寨子等单位: a list of units or places, no context for a name
            if let c = model.nonPersonCollectives.longestMatch(in: units, at: end)?.end,
               model.peopleAfterCollective.longestMatch(in: units, at: c) == nil { return .han }
            return .listEnd
        }
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

    /// The titles of a chain ending with title `last`: 市委副书记、市长、市政府党组书记. A comma (or a
    /// converter's doubled ,、) joins a chain too, when the title before it opens after punctuation or
    /// continues a chain (市委常委、宣传部部长,市政府副市长X), not when it follows a name (李强副市长,县长X).
    func titleChain(endingWith last: Int) -> [Int] {
        var chain = [last]
        var t = last
        while true {
            var q = titles[t].range.lowerBound
            while q > 0, Chars.isSpace(units[q - 1]) { q -= 1 }
            guard q > 0, units[q - 1] == Self.ideographicComma || units[q - 1] == Self.jian || Self.commas.contains(units[q - 1]) else { break }
            var viaComma = Self.commas.contains(units[q - 1])
            q -= 1
            if q > 0, units[q - 1] == Self.ideographicComma || Self.commas.contains(units[q - 1]) {
                viaComma = true
                q -= 1
            }
            while q > 0, Chars.isSpace(units[q - 1]) { q -= 1 }
            guard titleEnd[q] >= 0 else { break }
            let before = Int(titleEnd[q])
            if viaComma {
                let s = titles[before].range.lowerBound
                if s > 0, Chars.isIdeograph(units[s - 1]), units[s - 1] != Self.jian { break }
            }
            t = before
            if chain.contains(t) { break }
            chain.insert(t, at: 0)
        }
        return chain
    }

    private static let commas: Set<UInt16> = [0x2C, 0xFF0C]
}
