/// The layout's page header: field lines, bylines and the headline above the lead (or glued
/// to it, or the last item of a breadcrumb). Part of ``ArticleLayoutPhase``.
extension ArticleLayoutPhase.Page {
    func header(before lead: Int) throws {
        for i in 0..<lead where whole[i] == nil {
            let t = facts[i].range
            if unlabeledFieldLine[i] {
                whole[i] = ChromeKind.metadata
            } else if menuWord[i] {
                whole[i] = ChromeKind.navigation
            } else if facts[i].visible <= 40, let b = phase.credits.parse(units, t, strict: false), b.hasRole,
                      b.names.first.map({ $0.role != nil }) == true {
                whole[i] = ChromeKind.byline
                wholeForm[i] = "line"
            } else if facts[i].visible <= 24, !facts[i].isProse, let b = phase.credits.parse(units, t, strict: true),
                      b.hasUnit || b.hasTail, b.names.count <= 4 {
                // 某某镇 王明 (the writer's unit and name), 王明 李华 报道
                whole[i] = ChromeKind.byline
                wholeForm[i] = "line"
            }
        }
        // Copies of a line (CMS templates repeat the headline, also in 【】).
        var seen: [(length: Int, line: Int)] = []
        for i in 0..<lead where whole[i] == nil {
            let k = key(i), length = k.count
            if seen.contains(where: { $0.length == length && key($0.line).elementsEqual(k) }) {
                whole[i] = ChromeKind.repeatedHeadline
            } else {
                seen.append((length, i))
            }
        }
        // Runs of adjacent candidate lines; the headline is in the run nearest the lead.
        var runs: [[Int]] = []
        for i in 0..<lead where whole[i] == nil {
            if let last = runs.last?.last, last == i - 1, !blankLine(between: last, and: i) {
                runs[runs.count - 1].append(i)
            } else {
                runs.append([i])
            }
        }
        // In the run, the first title with a title word (召开, 会议…), else the first title;
        // titles after it are subtitles.
        for run in runs.reversed() {
            let titles = run.filter { isTitle(content($0)) }
            guard let first = titles.first else { continue }
            let h = titles.first { ArticleRules.containsCue(rules.titleCues, units, content($0)) } ?? first
            headline = h
            subtitles = titles.filter { $0 > h }
            break
        }
        if let h = headline {
            for i in 0..<h where whole[i] == nil { whole[i] = ChromeKind.header }
        } else if !lines[0..<lead].indices.contains(where: { whole[$0] == nil }) {
            try gluedHeadline(lead)
        }
        if headline == nil, glued == nil { crumb = crumbHeadline(before: lead) }
    }

    /// 当前位置：首页 > 要闻 > 县长X主持召开县政府常务会议: with no headline line, the last item
    /// of a breadcrumb is the article's title when it reads as one (a title word such as 召开).
    func crumbHeadline(before lead: Int) -> (line: Int, range: Range<Int>)? {
        for i in (0..<lead).reversed() where whole[i] == ChromeKind.breadcrumb {
            let t = Chars.trimJunk(units, lines[i])
            guard let sep = t.reversed().first(where: { [0x3E, 0x203A, 0xBB, 0x2192, 0x2F].contains(units[$0]) }) else { continue }
            let item = Chars.trim(units, (sep + 1)..<t.upperBound)
            if isTitle(item), ArticleRules.containsCue(rules.titleCues, units, item) { return (i, item) }
        }
        return nil
    }

    /// A line's text without spaces and brackets, to find copies of it (read lazily: no
    /// array per line).
    func key(_ i: Int) -> LazyFilterSequence<ArraySlice<UInt16>> {
        units[content(i)].lazy.filter { !Chars.isSpace($0) && Chars.closer($0) == nil && Chars.opener($0) == nil }
    }

    func blankLine(between a: Int, and b: Int) -> Bool {
        var newlines = 0, returns = 0
        for k in lines[a].upperBound..<lines[b].lowerBound {
            if units[k] == 0x0A { newlines += 1 } else if units[k] == 0x0D { returns += 1 }
        }
        return max(newlines, returns) >= 2
    }

    /// A title: 5–100 characters, not prose, not a label, not a site's name.
    func isTitle(_ r: Range<Int>) -> Bool {
        guard !r.isEmpty else { return false }
        let visible = Chars.visibleLength(units, r, cap: 101)
        guard (5...100).contains(visible), !isProse(r), units[r.upperBound - 1] != 0x3A,
              !startsWithCue(rules.notTitleStarts, r) else { return false }
        var han = 0
        for i in r where Chars.isIdeograph(units[i]) { han += 1 }
        guard han >= 4 else { return false }
        if !ArticleRules.containsCue(rules.titleCues, units, r) {
            for k in max(r.lowerBound, r.upperBound - 8)..<r.upperBound where rules.siteSuffixes.contains(units, k..<r.upperBound) {
                return false
            }
        }
        return true
    }

    /// A headline run into the lead by a scraper: title, spaces, then the lead opening
    /// with a date or a dateline, and repeating the title's words.
    func gluedHeadline(_ lead: Int) throws {
        let t = Chars.trimJunk(units, lines[lead])
        var s = t.lowerBound
        let limit = min(t.upperBound, t.lowerBound + 100)
        while s < limit {
            let u = units[s]
            if Chars.isSentencePunctuation(u) || u == 0x3A { return }
            guard Chars.isSpace(u) else {
                s += 1
                continue
            }
            var rest = s
            while rest < t.upperBound, Chars.isSpace(units[rest]) || units[rest] == 0x7C { rest += 1 }
            let title = t.lowerBound..<s
            if rest < t.upperBound, isTitle(title), spans.allSatisfy({ !$0.range.overlaps(title) }),
               try rules.gluedLead.prefixMatch(in: units, range: rest..<min(t.upperBound, rest + 20)) != nil {
                if echoes(title, in: rest..<min(t.upperBound, rest + 300)) { glued = title }
                return
            }
            s = max(rest, s + 1)
        }
    }

    /// Whether some four characters of `title` recur in `text`.
    func echoes(_ title: Range<Int>, in text: Range<Int>) -> Bool {
        guard title.count >= 4, text.count >= 4 else { return false }
        for k in title.lowerBound...(title.upperBound - 4) where !units[k..<(k + 4)].contains(where: Chars.isSpace) {
            for j in text.lowerBound...(text.upperBound - 4) where units[j] == units[k] && units[j..<(j + 4)].elementsEqual(units[k..<(k + 4)]) {
                return true
            }
        }
        return false
    }
}
