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
