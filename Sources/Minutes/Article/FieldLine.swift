/// A line of page fields: `时间：2022-10-08 09:08  来源：云浮日报  浏览：-`, a masthead
/// `某某日报 2023年11月15日 星期三 第01版`, a site line `某某网 www.example.cn`, a credit line
/// `编辑：… 审核：…`, or any of these in brackets (`（来源：某某日报 2023-09-05）`).
struct FieldLine {
    struct Field {
        var kind: ArticleRules.FieldKind
        var label: Range<Int>
        /// The value, spaces trimmed; nil when the field is empty (`来源：` with nothing after).
        var value: Range<Int>?
        /// Whether the rules know the label (an unknown one is read as `.ignored`).
        var known = true
    }

    var fields: [Field] = []
    /// Dates standing without a label.
    var dates: [Range<Int>] = []
    /// A name heading the line (masthead, site name).
    var name: Range<Int>?
    /// A web address.
    var address: Range<Int>?
    /// A page or weekday mark (第01版, 星期三): the line is an e-paper masthead.
    var hasPageMark = false

    /// Fields under labels the rules do not know (`发布者：…`), kept only beside known ones.
    var unknownLabels = 0
    /// Widgets met on the line (【打印】, 阅读次数：…).
    var widgets = 0

    var isCreditsOnly: Bool { !fields.isEmpty && fields.allSatisfy { $0.kind == .reporter || $0.kind == .editor } }
    var isOpenInfo: Bool { fields.contains { $0.kind == .openinfo } }
}

/// Reads field lines with the article rules' labels, date and address patterns.
struct FieldLineReader: Sendable {
    let rules: ArticleRules

    static let colon: UInt16 = 0x3A
    static let question: UInt16 = 0x3F

    /// Reads `line` as a field line, or returns nil when it is text. With `unlabeled`, also
    /// lines without labels: a masthead (name and date), a date alone, a site name and address.
    func read(_ units: [UInt16], _ line: Range<Int>, unlabeled: Bool) throws -> FieldLine? {
        try scan(units, line).flatMap { accept($0, units, unlabeled: unlabeled) }
    }

    /// The fields, dates, names and marks of `line` before ``accept(_:_:unlabeled:)`` decides
    /// whether they make a field line; nil when the line is text whatever is accepted. (The
    /// layout reads a line once and asks both ways.)
    func scan(_ units: [UInt16], _ line: Range<Int>) throws -> FieldLine? {
        var r = Chars.trimJunk(units, line)
        guard !r.isEmpty, r.count <= 240 else { return nil }
        if let close = Chars.closer(units[r.lowerBound]), units[r.upperBound - 1] == close {
            r = (r.lowerBound + 1)..<(r.upperBound - 1)
        }
        guard !r.isEmpty else { return nil }
        for i in r where units[i] == 0x3002 || units[i] == 0x2C || units[i] == 0x3B { return nil }

        // The patterns run only where their cues are (a widget word, a digit or 〇, a dot).
        var digits = false, dot = false
        for i in r {
            let u = units[i]
            if Chars.isDigit(u) || u == 0x3007 || u == 0x5E74 /* 年 */ { digits = true } else if u == 0x2E { dot = true }
        }
        let widgets = ArticleRules.containsCue(rules.widgetCues, units, r) ? try rules.widget.matches(in: units, range: r).map(\.range) : []
        let dates = digits ? try rules.date.matches(in: units, range: r).map(\.range) : []
        let addresses = dot ? try rules.siteAddress.matches(in: units, range: r).map(\.range) : []
        func span(_ spans: [Range<Int>], at p: Int) -> Range<Int>? { spans.first { $0.lowerBound == p } }

        var out = FieldLine()
        var open: FieldLine.Field?
        func close() {
            if let f = open { out.fields.append(f) }
            open = nil
        }
        func extend(_ t: Range<Int>) {
            guard var f = open else { return }
            f.value = f.value.map { $0.lowerBound..<t.upperBound } ?? t
            open = f
        }
        var p = r.lowerBound
        while p < r.upperBound {
            let u = units[p]
            if let w = span(widgets, at: p) {
                out.widgets += 1
                close()
                p = w.upperBound
                continue
            }
            // Separators, and the brackets of 【发布时间：…】【来源：…】.
            if Chars.isSpace(u) || u == Self.question || u == 0x7C /* | */ || u == 0x2022 || u == 0xB7
                || u == 0x3010 || u == 0x3011 || u == 0x5B || u == 0x5D {
                p += 1
                continue
            }
            if let d = span(dates, at: p) {
                if let f = open, f.kind == .ignored || f.kind == .openinfo || (f.value == nil && (f.kind == .published || f.kind == .documentDate)) {
                    extend(d)
                    if f.kind == .published || f.kind == .documentDate { close() }
                } else {
                    close()
                    out.dates.append(d)
                }
                p = d.upperBound
                continue
            }
            if let a = span(addresses, at: p), open == nil || open!.kind == .outlet && open!.value == nil {
                close()
                out.address = a
                p = a.upperBound
                continue
            }
            if rules.labels.canStart(u), let m = rules.labels.longestMatch(in: units, at: p, limit: r.upperBound) {
                var q = m.end
                while q < r.upperBound, Chars.isSpace(units[q]) { q += 1 }
                let kind = rules.kind(ofLabel: m.entry)
                if q < r.upperBound, units[q] == Self.colon {
                    close()
                    open = FieldLine.Field(kind: kind, label: p..<m.end, value: nil)
                    p = q + 1
                    continue
                }
                if kind == .ignored, m.end == r.upperBound || Chars.isSpace(units[m.end]) {
                    close()
                    p = m.end
                    continue
                }
            }
            // A label the rules do not know: a few ideographs right before a colon.
            if Chars.isIdeograph(u) {
                var q = p
                while q < r.upperBound, q - p <= 6, Chars.isIdeograph(units[q]) { q += 1 }
                if q - p <= 6, q < r.upperBound, units[q] == Self.colon {
                    // A known label at the end of the run: 文章作者：, 本文编辑：, or a value glued
                    // to the next label (作者：王明来源：…) when the open field has no value yet.
                    // (A source label with a word in front stays unknown: 图片来源 is not the
                    // article's outlet; the outlet labels are listed whole.)
                    if let (s, entry) = knownLabel(endingAt: q, after: p, units) {
                        let kind = rules.kind(ofLabel: entry)
                        let glued = p > r.lowerBound && !Chars.isSpace(units[p - 1]) && units[p - 1] != Self.question
                        if let f = open, f.value == nil || glued {
                            extend(p..<s)
                            close()
                            open = FieldLine.Field(kind: kind, label: s..<q, value: nil)
                            p = q + 1
                            continue
                        } else if kind == .reporter || kind == .editor {
                            close()
                            open = FieldLine.Field(kind: kind, label: p..<q, value: nil)
                            p = q + 1
                            continue
                        }
                    }
                    close()
                    open = FieldLine.Field(kind: .ignored, label: p..<q, value: nil, known: false)
                    out.unknownLabels += 1
                    p = q + 1
                    continue
                }
            }
            // A token: up to a space, a garble, a widget or a date.
            var e = p + 1
            while e < r.upperBound, !Chars.isSpace(units[e]), units[e] != Self.question, units[e] != 0x3011, units[e] != 0x3010, units[e] != 0x5D,
                  span(widgets, at: e) == nil, span(dates, at: e) == nil {
                e += 1
            }
            let token = p..<e
            if open != nil {
                extend(token)
            } else if isPageMark(units, token) {
                out.hasPageMark = true
            } else if out.fields.isEmpty, out.name == nil, out.dates.isEmpty, isNameLike(units, token) {
                out.name = token
            } else {
                return nil
            }
            p = e
        }
        close()
        return out
    }

    /// The longest known label of two characters or more ending at `end` and starting after
    /// `start`: its start and lexicon entry.
    func knownLabel(endingAt end: Int, after start: Int, _ units: [UInt16]) -> (Int, Int)? {
        var s = start + 1
        while s <= end - 2 {
            if rules.labels.canStart(units[s]), let m = rules.labels.longestMatch(in: units, at: s, limit: end), m.end == end {
                return (s, m.entry)
            }
            s += 1
        }
        return nil
    }

    /// `out` if it makes a field line: labeled fields, or with `unlabeled` a masthead, a date
    /// alone, a site name and address.
    func accept(_ out: FieldLine, _ units: [UInt16], unlabeled: Bool) -> FieldLine? {
        if out.fields.count > out.unknownLabels || out.unknownLabels > 0 && out.widgets > 0 { return out }
        guard unlabeled, out.unknownLabels == 0 else { return nil }
        if let name = out.name, !hasOutletEnding(units, name) { return nil }
        if !out.dates.isEmpty || out.hasPageMark || (out.name != nil && out.address != nil) { return out }
        return nil
    }

    /// Whether a name ends like a newspaper, a site or a government body (日报, 网, 人民政府…).
    func hasOutletEnding(_ units: [UInt16], _ t: Range<Int>) -> Bool {
        for k in max(t.lowerBound, t.upperBound - 6)..<t.upperBound {
            // an entry ending at the name's end is the longest match within it
            if rules.outletSuffixes.contains(units, k..<t.upperBound) || rules.siteSuffixes.contains(units, k..<t.upperBound) { return true }
        }
        return false
    }

    /// 第01版, 第A3版：要闻, 星期三, 周三.
    func isPageMark(_ units: [UInt16], _ t: Range<Int>) -> Bool {
        // 第 星 周 first, or no String to make.
        guard !t.isEmpty, units[t.lowerBound] == 0x7B2C || units[t.lowerBound] == 0x661F || units[t.lowerBound] == 0x5468 else { return false }
        // 第 needs 版 (a unit scan first: tokens of running text often start with 第)
        if units[t.lowerBound] == 0x7B2C, !units[t].contains(0x7248) { return false }
        let s = String(decoding: units[t], as: UTF16.self)
        if s.hasPrefix("第"), s.contains("版") { return true }
        if s.hasPrefix("星期"), s.count == 3 { return true }
        if s.hasPrefix("周"), s.count == 2, "一二三四五六日天".contains(s.last!) { return true }
        return false
    }

    /// A short name: ideographs and letters, not starting with a digit.
    func isNameLike(_ units: [UInt16], _ t: Range<Int>) -> Bool {
        guard (2...24).contains(t.count), !Chars.isDigit(units[t.lowerBound]) else { return false }
        var han = 0
        for i in t {
            let u = units[i]
            if Chars.isIdeograph(u) { han += 1; continue }
            if (0x41...0x5A).contains(u) || (0x61...0x7A).contains(u) || Chars.isDigit(u) { continue }
            return false
        }
        return han >= 2
    }
}
