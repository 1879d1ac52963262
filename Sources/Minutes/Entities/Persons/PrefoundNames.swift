import ICUText

/// Names found before the scan: bylines and credits, bracketed bylines, names joined by a dot.
extension PersonScanner {
    /// Names the article phases credited in bylines (layer `credit`). Editors and reviewers
    /// (编辑, 审核…) are the page's staff, listed under `article.editors`, not persons of the
    /// report (unless credited as writers too).
    func credits() -> [NameMention] {
        document.annotations(.credit).compactMap { a in
            guard a.range.count >= 2, a.range.count <= 12, a.features["kind"] != "editor" else { return nil }
            var m = NameMention(range: a.range, rule: .credit, surnameLength: 0)
            m.strong = true
            m.editor = a.features["kind"] == "editor"
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
            if e < n, units[e] == Self.ideographicComma {
                out += bracketNameList(from: p + 1)
                continue
            }
            guard (3...5).contains(e - p), e < n, units[e] == 0x29, e + 1 == n || units[e + 1] == 0x0A,
                  !model.bylineNotEnd.contains(units[e - 1]), !(p + 1..<e).contains(where: { entityCover[$0] || titleStart[$0] >= 0 }),
                  !(model.bylineNot.canStart(units[p + 1]) && model.bylineNot.longestMatch(in: units, at: p + 1) != nil) else { continue }
            out.append(NameMention(range: (p + 1)..<e, rule: .alone, surnameLength: 0))
        }
        return out
    }

    /// Names separated by 、 in a bracket closing a paragraph (…。（张平、李明）): each a known
    /// surname and one or two given characters, no dictionary word; all or nothing.
    func bracketNameList(from start: Int) -> [NameMention] {
        var out: [NameMention] = []
        var q = start
        while q < n, out.count < 6 {
            var e = q
            while e < n, e - q <= 4, Chars.isIdeograph(units[e]) { e += 1 }
            guard (2...4).contains(e - q), e < n, !(q..<e).contains(where: { entityCover[$0] || titleStart[$0] >= 0 }),
                  namesCover(q, e) == 1 else { return [] }
            out.append(NameMention(range: q..<e, rule: .alone, surnameLength: 0))
            if units[e] == 0x29 {
                // the end of the line (page chrome such as a closing | may follow)
                var k = e + 1
                while k < n, Chars.isSpace(units[k]) || units[k] == 0x7C { k += 1 }
                return out.count >= 2 && (k == n || units[k] == 0x0A) ? out : []
            }
            guard units[e] == Self.ideographicComma else { return [] }
            q = e + 1
        }
        return []
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

    /// 。 ! ?, closing quotes after them, and an ellipsis.
    static func isSentenceEnd(_ u: UInt16) -> Bool {
        Chars.isSentenceEnd(u) || Chars.isClosingQuote(u) || u == 0x2026
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
            // a verb of one character that is also a transliteration character, the name's
            // characters running on from it to punctuation, is part of it (阿不都拉、)
            if model.cues.canStart(units[k]), model.transliteration.contains(units[k]),
               model.cues.longestMatch(in: units, at: k).map({ $0.end - k == 1 }) == true,
               runReachesPunctuation(from: k + 1, start: from) {
                k += 1
                continue
            }
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
}

// MARK: Runs of names after a colon

extension PersonScanner {
    /// Names written one after another after a colon, or after a note on their order, with their
    /// separators lost (a committee's list: 委员：王平李明张建国（女）…): the list is the evidence. Chunks of Han characters
    /// between separators (、, spaces, notes in brackets, dotted names, a label such as 委员：)
    /// are each cut into surnames with one or two given characters (a few two- to four-character
    /// names without a known surname allowed); the run counts when every chunk is cut so and it
    /// holds at least `minimumNames` names.
    /// Fewest members (names, dotted names included) a run needs.
    static let minimumRunNames = 4

    func nameRuns() -> [NameMention] {
        var out: [NameMention] = []
        var c = 0
        while c < n {
            c = units[c...].firstIndex(where: { $0 == 0xFF1A || $0 == 0x3A || $0 == 0x29 }) ?? n
            guard c < n else { break }
            if units[c] == 0x29, !closesListOrderNote(c) {
                c += 1
                continue
            }
            var label = titleEnd[c] >= 0 ? titleChain(endingWith: Int(titleEnd[c])) : []
            var q = c + 1
            var names: [NameMention] = []
            var members = 0
            var unknown = 0
            run: while q < n {
                while q < n, Chars.isSpace(units[q]) || units[q] == Self.ideographicComma && members > 0 { q += 1 }
                guard q < n else { break }
                if units[q] == 0x28 {
                    guard members > 0, let end = bracketNoteEnd(after: q) else { break }
                    q = end
                    continue
                }
                var e = q
                while e < n, titleStart[e] < 0, Chars.isIdeograph(units[e]) || e > q && isDotInName(e) { e += 1 }
                if e > q {
                    guard let cut = namesCut(q, e) else {
                        // a chunk the cut fails on (a name of another shape) after two names or
                        // more, before a note: skipped, the run goes on after the note
                        if members >= 2, e < n, let end = bracketNoteEnd(after: e) { q = end; continue }
                        break
                    }
                    for (r, known) in cut {
                        if !known { unknown += 1 }
                        var m = NameMention(range: r, rule: .nameRun, surnameLength: 0)
                        m.strong = true
                        m.titlesBefore = label
                        names.append(m)
                    }
                    members += cut.count
                }
                guard e < n else { break }
                // a separator, a note or a dotted name: the loop goes on from there
                guard titleStart[e] >= 0 else {
                    if e > q { q = e; continue } else { break }
                }
                // a label of the next group (委员：)
                let t = Int(titleStart[e])
                let te = titles[t].range.upperBound
                guard te < n, units[te] == 0xFF1A || units[te] == 0x3A else { break run }
                label = [t]
                q = te + 1
            }
            if members >= Self.minimumRunNames, unknown * 3 <= members - unknown { out += names }
            c = max(q, c + 1)
        }
        return out
    }

    /// Whether the bracket closing at `close` holds a note on how the names after it are ordered
    /// (（按姓氏笔划排列）, （以姓氏笔画为序）): such a note starts a run as a colon does.
    func closesListOrderNote(_ close: Int) -> Bool {
        var open = close - 1
        while open >= 0, close - open <= 24, units[open] != 0x28, units[open] != 0x29 { open -= 1 }
        guard open >= 0, units[open] == 0x28 else { return false }
        return (open + 1..<close).contains { model.listOrderNotes.canStart(units[$0]) && model.listOrderNotes.longestMatch(in: units, at: $0, limit: close) != nil }
    }

    /// Whether the unit at `q` is a dot between two Han characters.
    func isDotInName(_ q: Int) -> Bool {
        q > 0 && q + 1 < n && Self.dots.contains(units[q]) && Chars.isIdeograph(units[q - 1]) && Chars.isIdeograph(units[q + 1])
    }

    /// The most likely cut of `start..<end` into names (see ``nameRuns(dotted:)``), nil when
    /// none covers it: each name scores the given-name classes of its given characters, so
    /// three-character names win over a surname read as a given character.
    func namesCut(_ start: Int, _ end: Int) -> [(Range<Int>, known: Bool)]? {
        let count = end - start
        guard count >= 2 else { return nil }
        // best[i]: (score, start of the last name, names without a surname) covering start..<start+i
        var best = [(score: Int, from: Int, unknown: Int)?](repeating: nil, count: count + 1)
        // one in a short chunk, one more every dozen characters of a long one
        let maxUnknown = 1 + count / 12
        best[0] = (0, 0, 0)
        func offer(_ i: Int, _ e: Int, _ score: Int, unknown: Bool) {
            guard let b = best[i - start] else { return }
            let s = b.score + score, u = b.unknown + (unknown ? 1 : 0)
            if u > maxUnknown { return }  // names without a surname stay rare
            if best[e - start] == nil || s > best[e - start]!.score { best[e - start] = (s, i, u) }
        }
        for i in start..<end where best[i - start] != nil {
            if model.surnames.canStart(units[i]) {
                model.surnames.forEachMatch(in: units, at: i, limit: min(end, i + 3)) { sEnd, _ in
                    for g in 1...2 {
                        let e = sEnd + g
                        guard e <= end, (sEnd..<e).allSatisfy({ model.mayBeGiven(units[$0]) }) else { continue }
                        var score = (sEnd..<e).reduce(0) { $0 + Int(model.givenClass[Int(units[$1])]) } + (g == 2 ? 2 : 0)
                        if model.isWeakSurname(units, i..<sEnd) { score -= 1 }
                        if model.isFunctionSurname(units, i..<sEnd) { score -= 2 }
                        if model.neverFinal.contains(units[e - 1]) { score -= 3 }
                        offer(i, e, score, unknown: false)
                    }
                }
            }
            // a name without a known surname (Tibetan, Mongolian: 次仁多吉)
            for k in 2...4 where i + k <= end && (i..<(i + k)).allSatisfy({ mayStandWithoutSurname(units[$0]) }) {
                offer(i, i + k, -6, unknown: true)
            }
            // a name joined by a dot (阿不都拉·艾则孜): parts of one to six characters
            var j = i
            var dots = 0
            while j < end, j - i < 20 {
                var k = j
                while k < end, k - j < 6, Chars.isIdeograph(units[k]) {
                    k += 1
                    if dots > 0, k - j >= 2 { offer(i, k, -1, unknown: false) }
                }
                guard k < end, k > j, isDotInName(k) else { break }
                dots += 1
                j = k + 1
            }
        }
        guard best[count] != nil else { return nil }
        var cut: [(Range<Int>, known: Bool)] = []
        var e = end
        while e > start {
            let b = best[e - start]!
            let before = best[b.from - start]!
            cut.append((b.from..<e, known: b.unknown == before.unknown))
            e = b.from
        }
        return cut.reversed()
    }
}
