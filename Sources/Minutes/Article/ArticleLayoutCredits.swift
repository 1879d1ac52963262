/// The layout's credits: a credit in brackets closing a paragraph (（记者 王明）), credit
/// lines after the body, and photo credits under images. Part of ``ArticleLayoutPhase``.
extension ArticleLayoutPhase.Page {
    func trailingCredits(from lead: Int) throws {
        // Lines of text, without the junk scrapers leave at their ends (… （王明） |).
        let bodyLines = (lead..<lines.count).filter { whole[$0] == nil && !trailingJunkTrimmed(content($0)).isEmpty }
        let last = bodyLines.suffix(2)
        for i in bodyLines {
            let t = trailingJunkTrimmed(content(i))
            guard !t.isEmpty else { continue }
            if units[t.upperBound - 1] == 0x29, let o = Chars.openingBracket(units, close: t.upperBound - 1, floor: t.lowerBound) {
                let inner = (o + 1)..<(t.upperBound - 1)
                let before = o == t.lowerBound ? nil : units[o - 1]
                let boundary = before.map { Chars.isSentenceEnd($0) || Chars.isClosingQuote($0) && $0 != 0x300F || $0 == 0x22 || $0 == 0x29 || Chars.isSpace($0) } ?? true
                if boundary, !inner.isEmpty {
                    var form: String?
                    var rule = ChromeKind.byline
                    if let b = phase.credits.parse(units, inner, strict: false), b.hasRole {
                        form = "bracket"
                    } else {
                        let strict = phase.credits.parse(units, inner, strict: true)  // asked twice below
                        if let b = strict, b.isPhoto {
                            form = "photo"
                        } else if last.contains(i), let b = strict, b.names.count <= 4,
                                  !b.names.contains(where: { $0.range.count > 4 }) {
                            form = "bare"
                        } else if let b = strict, b.hasUnit || b.hasTail, b.names.count <= 4 {
                            // (县政府办 王明), (2023年3月5日某街道王明报道) after any paragraph
                            form = "bare"
                        } else if let f = try phase.fields.read(units, o..<t.upperBound, unlabeled: false) {
                            form = "fields"
                            rule = f.isCreditsOnly ? ChromeKind.credits : ChromeKind.metadata
                        }
                    }
                    if let form {
                        if o == t.lowerBound && t == facts[i].range {
                            whole[i] = rule
                            wholeForm[i] = form
                        } else {
                            spans.append(Annotation(chrome: rule, o..<t.upperBound, form: form))
                        }
                        continue
                    }
                }
            }
            if t == facts[i].range, facts[i].visible <= 40, let b = phase.credits.parse(units, t, strict: false), b.hasRole,
               b.names.first?.role != nil {
                whole[i] = ChromeKind.byline
                wholeForm[i] = "line"
                continue
            }
            // 王明 李华 报道 on a line of its own; 县融媒体中心 王明 closing the article
            if t == facts[i].range, facts[i].visible <= 30, !facts[i].isProse, let b = phase.credits.parse(units, t, strict: true),
               b.hasTail && !b.isPhoto || b.hasUnit && last.contains(i), b.names.count <= 4 {
                whole[i] = ChromeKind.byline
                wholeForm[i] = "line"
                continue
            }
            // A credit line run onto the end of a paragraph: …出席会议。 全媒体记者：王明 李华
            if let tail = creditAfterLastSentence(t) {
                spans.append(Annotation(chrome: .byline, tail, form: "line"))
                continue
            }
            if facts[i].photoMark { try photoCredits(t) }
        }
    }

    /// `r` without the spaces and junk (`|`, `?`) at its end.
    func trailingJunkTrimmed(_ r: Range<Int>) -> Range<Int> {
        var hi = r.upperBound
        while hi > r.lowerBound, Chars.isSpace(units[hi - 1]) || units[hi - 1] == 0x7C || units[hi - 1] == 0x3F { hi -= 1 }
        return r.lowerBound..<hi
    }

    /// The text after a paragraph's last sentence when it is a credit with a role word and
    /// nothing else (记者：王明 李华, 文/王明).
    func creditAfterLastSentence(_ t: Range<Int>) -> Range<Int>? {
        guard let stop = t.reversed().first(where: { units[$0] == 0x3002 || units[$0] == 0x21 }), stop > t.lowerBound else { return nil }
        let rest = Chars.trim(units, (stop + 1)..<t.upperBound)
        // set apart as a credit: a colon or a space in it, no comma (记者从会上获悉, is prose)
        guard !rest.isEmpty, Chars.visibleLength(units, rest, cap: 41) <= 40, !units[rest].contains(0x2C),
              units[rest].contains(where: { $0 == 0x3A || $0 == 0x2F || Chars.isSpace($0) }),
              let b = phase.credits.parse(units, rest, strict: false), b.hasRole, b.names.first?.role != nil else { return nil }
        return rest
    }

    /// Photo credits inside a caption: 新华社记者 王明 摄, or a name alone before 摄 (王明 摄).
    func photoCredits(_ t: Range<Int>) throws {
        guard units[t].contains(where: { $0 == Self.she }) else { return }
        var i = t.lowerBound
        while i < t.upperBound {
            if rules.roles.canStart(units[i]), let m = rules.roles.longestMatch(in: units, at: i, limit: t.upperBound),
               rules.roleTakesOutlet[m.entry] {
                // The role's outlet in front, back to a boundary.
                var s = i
                while s > t.lowerBound, i - s < 6, Chars.isIdeograph(units[s - 1]) { s -= 1 }
                if s > t.lowerBound, Chars.isIdeograph(units[s - 1]) { s = i }
                if let b = phase.credits.parse(units, s..<min(t.upperBound, m.end + 30), strict: true, greedy: true), b.isPhoto, b.hasRole {
                    spans.append(Annotation(chrome: .byline, s..<b.end, form: "photo"))
                    i = b.end
                    continue
                }
                i = m.end
                continue
            }
            if units[i] == Self.she, let s = namesBeforePhotoMark(i, in: t) {
                spans.append(Annotation(chrome: .byline, s..<(i + 1), form: "photo"))
            }
            i += 1
        }
    }

    static let she = CreditGrammar.she

    /// `王明 摄` standing apart: 摄 closes the clause, names with surnames before it, and a
    /// space, a stop or the line start before them. The start of the names, if so.
    func namesBeforePhotoMark(_ mark: Int, in t: Range<Int>) -> Int? {
        let after = mark + 1 < t.upperBound ? units[mark + 1] : nil
        guard after.map({ Chars.isSpace($0) || $0 == 0x29 || $0 == 0x3002 || $0 == 0x2C }) ?? true else { return nil }
        var e = mark
        while e > t.lowerBound, Chars.isSpace(units[e - 1]) || units[e - 1] == 0x2F { e -= 1 }
        guard e < mark else { return nil }      // 拍摄, 摄 glued to a word
        // The nearest names first, then as far back as names go.
        var best: Int?
        var s = e
        while s > t.lowerBound, e - s < 12 {
            while s > t.lowerBound, Chars.isIdeograph(units[s - 1]) { s -= 1 }
            let boundary = s == t.lowerBound || !Chars.isIdeograph(units[s - 1])
            guard boundary, let b = phase.credits.parse(units, s..<e, strict: true), !b.hasRole, b.names.count <= 3 else { break }
            best = s
            while s > t.lowerBound, Chars.isSpace(units[s - 1]) || units[s - 1] == 0x3001 { s -= 1 }
            if s > t.lowerBound, !Chars.isIdeograph(units[s - 1]) { break }
        }
        return best
    }
}
