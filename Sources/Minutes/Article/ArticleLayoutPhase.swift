extension AnnotationType {
    /// The dateline that opens a lead (新华社北京6月21日电, 某某日报讯).
    public static let dateline: AnnotationType = "dateline"
}

/// Separates the article from the page around it, line by line: page chrome (menus,
/// breadcrumbs, widgets, field lines, datelines and bylines, footers, related links, image
/// names) becomes `.chrome`, the title line `.headline`, the paragraphs `.body`.
///
/// The lead — the first line that reads as prose — anchors the layout: lines above it are
/// the page header (chrome, field lines, the headline), lines below it the body, until a
/// footer cue opens the footer zone.
///
/// Reads: `line`. Writes: `chrome`, `headline`, `body`, `dateline`.
struct ArticleLayoutPhase: Phase {
    let name = "article-layout"
    let rules: ArticleRules
    let fields: FieldLineReader
    let credits: CreditGrammar

    init(rules: ArticleRules) {
        self.rules = rules
        fields = FieldLineReader(rules: rules)
        credits = CreditGrammar(rules: rules)
    }

    var produces: [AnnotationType] { [.chrome, .headline, .body, .dateline] }

    func run(_ document: Document) throws {
        let page = try Page(document.text.units, document.annotations(.line).map(\.range), phase: self)
        try page.layOut()
        document.add(page.output)
    }

    /// The lines of one document and what each turned out to be. A class: the closures in its
    /// methods copied a struct's whole state at every call.
    final class Page {
        let units: [UInt16]
        let lines: [Range<Int>]
        let phase: ArticleLayoutPhase
        /// Copied once: a computed `phase.rules` copied the whole struct at every use.
        let rules: ArticleRules
        /// Each line's length, punctuation and cue words, read once.
        let facts: [LineFacts]
        /// The chrome that covers the whole line, if any.
        var whole: [ChromeKind?]
        var wholeForm: [String?]
        /// Chrome inside lines (widgets, images, datelines, bylines).
        var spans: [Annotation] = []
        var opensFooter: [Bool]
        var menuWord: [Bool]
        /// Lines read as field lines once unlabeled ones count (as the header and footer read them).
        var unlabeledFieldLine: [Bool]
        var headline: Int?
        var subtitles: [Int] = []
        var glued: Range<Int>?
        /// The last item of a breadcrumb line when it is the article's title and no other line is.
        var crumb: (line: Int, range: Range<Int>)?
        var lead: Int?
        var output: [Annotation] = []

        init(_ units: [UInt16], _ lines: [Range<Int>], phase: ArticleLayoutPhase) throws {
            self.units = units
            self.lines = lines
            self.phase = phase
            rules = phase.rules
            facts = lines.map { [rules] in LineFacts(units, $0, rules: rules) }
            whole = Array(repeating: nil, count: lines.count)
            wholeForm = Array(repeating: nil, count: lines.count)
            opensFooter = Array(repeating: false, count: lines.count)
            menuWord = Array(repeating: false, count: lines.count)
            unlabeledFieldLine = Array(repeating: false, count: lines.count)
        }

        func layOut() throws {
            for i in lines.indices { try classify(i) }
            try valueLines()
            lead = lines.indices.first { whole[$0] == nil && isProse(content($0), of: $0) }
            if lead == nil {
                // No article to separate (a line or two of text): field lines stay text.
                for i in lines.indices where whole[i]?.isFieldLine == true { whole[i] = nil }
            }
            if let lead {
                // The dateline opens the lead, or the paragraph after a summary line.
                for i in (lead..<min(lines.count, lead + 3)) where whole[i] == nil {
                    if try dateline(i) { break }
                }
                try header(before: lead)
                try footer(after: lead)
                try trailingCredits(from: lead)
            }
            emit()
        }

        // MARK: line rules

        /// Rules that decide a line by itself.
        func classify(_ i: Int) throws {
            let r = lines[i]
            let line = facts[i]
            let t = line.range
            guard !t.isEmpty else { return }
            // Widgets and images: the whole line when nothing else is on it.
            var inline: [(Range<Int>, ChromeKind)] = []
            if line.cues.contains(.widget) {
                inline += try rules.widget.matches(in: units, range: t).map { ($0.range, ChromeKind.widget) }
            }
            if line.cues.contains(.image) {
                inline += try rules.image.matches(in: units, range: t).map { ($0.range, ChromeKind.image) }
            }
            inline = inline.filter { !$0.0.isEmpty }
            if !inline.isEmpty {
                var covered = Array(repeating: false, count: t.count)
                for (m, _) in inline { for k in m where t.contains(k) { covered[k - t.lowerBound] = true } }
                let rest = t.indices.contains { !covered[$0 - t.lowerBound] && !Chars.isLineJunk(units[$0]) && units[$0] != 0x7C }
                if !rest {
                    whole[i] = inline.min { $0.0.lowerBound < $1.0.lowerBound }!.1
                    if inline.contains(where: { $0.1 == ChromeKind.widget && isFooterWidget($0.0) }) { opensFooter[i] = true }
                    return
                }
                for (m, kind) in inline { spans.append(Annotation(chrome: kind, m)) }
            }
            let visible = line.visible
            let head = t.lowerBound..<min(t.upperBound, t.lowerBound + 24)
            if startsWithCue(rules.breadcrumbStarts, t), try !rules.breadcrumb.matches(in: units, range: head).isEmpty {
                whole[i] = ChromeKind.breadcrumb
                return
            }
            if visible <= 60, startsWithCue(rules.prevNextCues, t) {
                whole[i] = ChromeKind.prevNext
                opensFooter[i] = true
                return
            }
            if visible <= 24, startsWithCue(rules.relatedCues, t) {
                whole[i] = ChromeKind.related
                opensFooter[i] = true
                return
            }
            if visible <= 200, line.cues.contains(.footer)
                || !line.isProse && ArticleRules.containsCue(rules.footerShortLineCues, units, t) {
                whole[i] = ChromeKind.footer
                opensFooter[i] = true
                return
            }
            if visible <= 40, [0x6B22, 0x60A8, 0x4ECA].contains(units[t.lowerBound]) /* 欢 您 今 */,
               try !rules.headerLine.matches(in: units, range: t).isEmpty {
                whole[i] = ChromeKind.header
                return
            }
            if visible <= 40, units[t.upperBound - 1] == 0x53F7 /* 号 */, try !rules.documentNumber.matches(in: units, range: t).isEmpty {
                whole[i] = ChromeKind.openInfo
                return
            }
            if !line.breaksFields, let scanned = try phase.fields.scan(units, r) {
                if let f = phase.fields.accept(scanned, units, unlabeled: false) {
                    whole[i] = f.isOpenInfo ? ChromeKind.openInfo : f.isCreditsOnly ? ChromeKind.credits : ChromeKind.metadata
                    return
                }
                unlabeledFieldLine[i] = phase.fields.accept(scanned, units, unlabeled: true) != nil
            }
            if !line.sentencePunctuation, isMenu(t) {
                whole[i] = ChromeKind.navigation
                return
            }
            menuWord[i] = rules.navigationCues.contains(units, t)
        }

        /// A field line ending with an empty label (来源：) and the value on the next line alone
        /// (县政府办公室): the value line is page fields too (form `value`).
        func valueLines() throws {
            for i in lines.indices.dropLast() where whole[i]?.isFieldLine == true && whole[i + 1] == nil {
                let t = facts[i].range
                guard !t.isEmpty, units[t.upperBound - 1] == FieldLineReader.colon,
                      let f = try phase.fields.read(units, lines[i], unlabeled: false), let last = f.fields.last, last.value == nil,
                      last.kind == .outlet || last.kind == .agency || last.kind == .reporter || last.kind == .editor else { continue }
                let v = facts[i + 1].range
                guard !v.isEmpty, facts[i + 1].visible <= 30, !facts[i + 1].isProse, phase.fields.isNameLike(units, v) else { continue }
                whole[i + 1] = ChromeKind.metadata
                wholeForm[i + 1] = "value"
            }
        }

        /// 扫一扫在手机打开当前页 and print/close buttons end the article (the widget rule's `footer_cues`).
        func isFooterWidget(_ m: Range<Int>) -> Bool {
            let s = String(decoding: units[m], as: UTF16.self)
            return rules.footerWidgetCues.contains(where: s.contains)
        }

        func startsWithCue(_ lexicon: Lexicon, _ t: Range<Int>) -> Bool {
            lexicon.canStart(units[t.lowerBound]) && lexicon.longestMatch(in: units, at: t.lowerBound, limit: t.upperBound) != nil
        }

        /// A menu line: short items split by `|` or wide spaces, one of them a menu word.
        func isMenu(_ t: Range<Int>) -> Bool {
            var segments: [Range<Int>] = []
            var start = t.lowerBound
            var bar = false
            var i = t.lowerBound
            func cut(_ end: Int) {
                let s = Chars.trim(units, start..<end)
                if !s.isEmpty { segments.append(s) }
            }
            while i < t.upperBound {
                let u = units[i]
                if Chars.isSentencePunctuation(u) && u != 0x3F { return false }
                if u == 0x7C {
                    bar = true
                    cut(i)
                    start = i + 1
                } else if Chars.isSpace(u), i + 1 < t.upperBound, Chars.isSpace(units[i + 1]) {
                    cut(i)
                    while i + 1 < t.upperBound, Chars.isSpace(units[i + 1]) { i += 1 }
                    start = i + 1
                }
                i += 1
            }
            cut(t.upperBound)
            guard !segments.isEmpty, segments.allSatisfy({ Chars.visibleLength(units, $0, cap: 11) <= 10 }) else { return false }
            let cued = segments.contains { rules.navigationCues.contains(units, $0) }
            return (cued && (segments.count >= 2 || bar)) || (bar && segments.count >= 3)
        }

        /// The line without the chrome spans at its edges, junk trimmed.
        func content(_ i: Int) -> Range<Int> {
            var r = Chars.trimJunk(units, lines[i])
            var changed = true
            while changed, !r.isEmpty {
                changed = false
                for s in spans where s.range.overlaps(r) || s.range.lowerBound == r.lowerBound {
                    if s.range.lowerBound <= r.lowerBound, s.range.upperBound > r.lowerBound {
                        r = Chars.trimJunk(units, min(s.range.upperBound, r.upperBound)..<r.upperBound)
                        changed = true
                    } else if s.range.upperBound >= r.upperBound, s.range.lowerBound < r.upperBound {
                        r = Chars.trim(units, r.lowerBound..<max(s.range.lowerBound, r.lowerBound))
                        changed = true
                    }
                }
            }
            return r
        }

        /// Prose: a sentence end, or commas in a long line, or a very long line.
        func isProse(_ r: Range<Int>) -> Bool {
            var comma = false
            for i in r {
                let u = units[i]
                if u == 0x3002 || u == 0x3B { return true }
                if u == 0x2C { comma = true }
            }
            return LineFacts.isProse(stop: false, comma: comma, visible: Chars.visibleLength(units, r, cap: 100))
        }

        /// ``isProse(_:)`` of `r`, a part of line `i`: the line's facts when it is the whole line.
        func isProse(_ r: Range<Int>, of i: Int) -> Bool {
            r == facts[i].range ? facts[i].isProse : isProse(r)
        }

        // MARK: the lead's dateline and byline

        /// Marks the dateline and byline opening line `lead`; whether there was one.
        @discardableResult
        func dateline(_ lead: Int) throws -> Bool {
            let t = Chars.trimJunk(units, lines[lead])
            guard !t.isEmpty else { return false }
            var end: Int?
            for (pattern, rule) in [(rules.dian, "article.dateline.dian"), (rules.xun, "article.dateline.xun")] {
                if let m = try pattern.prefixMatch(in: units, range: t) {
                    output.append(Annotation(.dateline, m.range, rule: rule))
                    end = m.range.upperBound
                    break
                }
            }
            var p = end ?? t.lowerBound
            while p < t.upperBound, Chars.isSpace(units[p]) { p += 1 }
            var bylineEnd: Int?
            if p < t.upperBound, units[p] == 0x28, let close = Chars.closingBracket(units, open: p, limit: min(t.upperBound, p + 80)) {
                if end != nil || phase.credits.parse(units, (p + 1)..<close, strict: false)?.hasRole == true
                    || phase.credits.parse(units, (p + 1)..<close, strict: true).map({ $0.hasTail || $0.hasUnit }) == true {
                    bylineEnd = close + 1
                }
            } else if end != nil, let b = phase.credits.parse(units, p..<min(t.upperBound, p + 40), strict: true, greedy: true), b.hasRole || b.hasTail {
                bylineEnd = b.end
            } else if end == nil, let b = phase.credits.parse(units, p..<min(t.upperBound, p + 40), strict: true, greedy: true), b.hasTail, !b.isPhoto {
                // 王明 李华 报道：3月5日… (the names and 报道 before a colon open the lead)
                var q = b.end
                while q < t.upperBound, Chars.isSpace(units[q]) { q += 1 }
                if q < t.upperBound, units[q] == 0x3A { bylineEnd = q + 1 }
            }
            if let e = end ?? bylineEnd {
                let stop = max(e, bylineEnd ?? e)
                let rule = end != nil ? ChromeKind.dateline : ChromeKind.byline
                spans.append(Annotation(chrome: rule, lines[lead].lowerBound..<stop, form: end != nil ? "dateline" : "bracket"))
                return true
            }
            return false
        }

        // MARK: footer

        func footer(after lead: Int) throws {
            let n = lines.count
            // The headline again below the article (some templates repeat it).
            if let h = headline {
                let key = self.key(h), length = key.count
                for i in (lead + 1)..<n where whole[i] == nil && (length...(length + 8)).contains(lines[i].count) && self.key(i).elementsEqual(key) {
                    whole[i] = ChromeKind.repeatedHeadline
                }
            }
            for i in (lead + 1)..<n where whole[i] == nil {
                let t = facts[i].range
                if try unlabeledFieldLine[i] || facts[i].visible <= 30 && !rules.documentDateLine.matches(in: units, range: t).isEmpty {
                    whole[i] = ChromeKind.metadata
                }
            }
            // Teasers cut off with an ellipsis, in runs.
            var run: [Int] = []
            func flush() {
                if run.count >= 2 { for k in run { whole[k] = ChromeKind.teaser } }
                run = []
            }
            for i in (lead + 1)..<n {
                if whole[i] == nil, facts[i].visible <= 60, try !rules.teaser.matches(in: units, range: facts[i].range).isEmpty {
                    run.append(i)
                } else {
                    flush()
                }
            }
            flush()
            guard let start = ((lead + 1)..<n).first(where: { opensFooter[$0] }) else { return }
            var zone = whole[start] == ChromeKind.related ? ChromeKind.related : ChromeKind.footer
            for i in start..<n {
                if let w = whole[i] {
                    if w == ChromeKind.related { zone = w } else if w == ChromeKind.footer { zone = w }
                    continue
                }
                // Sentences stay text; contact lines, icons and link lists are chrome.
                let c = content(i)
                var comma = false, stop = false
                for k in c { if units[k] == 0x3002 { stop = true } else if units[k] == 0x2C { comma = true } }
                let sentence = stop || comma && Chars.visibleLength(units, c, cap: 40) >= 40
                // Under a related-links cue, a paragraph cut off with an ellipsis is a teaser of
                // another article (新闻推荐 / 8月5日，县政府召开…一要认清发展...).
                if !sentence || zone == .related && endsWithEllipsis(c) { whole[i] = zone }
            }
        }

        /// Whether the text ends with an ellipsis (…, ……, ...).
        func endsWithEllipsis(_ r: Range<Int>) -> Bool {
            guard let last = r.last else { return false }
            if units[last] == 0x2026 { return true }
            return r.count >= 3 && units[(last - 2)...last].allSatisfy { $0 == 0x2E }
        }

        // MARK: output

        func emit() {
            output.reserveCapacity(output.count + lines.count + spans.count)
            for (i, kind) in whole.enumerated() {
                guard let kind else { continue }
                let r = crumb.map { $0.line == i ? lines[i].lowerBound..<$0.range.lowerBound : lines[i] } ?? lines[i]
                output.append(Annotation(chrome: kind, r, form: wholeForm[i]))
            }
            output += spans.filter { s in !whole.indices.contains { whole[$0] != nil && lines[$0].contains(s.range.lowerBound) } }
            if let h = headline {
                output.append(Annotation(.headline, content(h), rule: "article.headline.title"))
                for s in subtitles { output.append(Annotation(.headline, content(s), rule: "article.headline.subtitle")) }
            } else if let g = glued {
                output.append(Annotation(.headline, g, rule: "article.headline.glued"))
            } else if let c = crumb {
                output.append(Annotation(.headline, c.range, rule: "article.headline.breadcrumb"))
            }
            for i in lines.indices where whole[i] == nil && i != headline && !subtitles.contains(i) {
                var c = content(i)
                if let g = glued, c.contains(g.lowerBound) {
                    c = Chars.trim(units, g.upperBound..<c.upperBound)
                }
                if !c.isEmpty { output.append(Annotation(.body, c, rule: "article.body.paragraph")) }
            }
        }
    }
}
