extension AnnotationType {
    /// A publish date of the page (feature `value`: ISO 8601).
    public static let published: AnnotationType = "published"
    /// An outlet (来源) candidate, as written.
    public static let outlet: AnnotationType = "outlet"
}

/// Reads the article's metadata from the layout: the headline, the publish time and the outlet
/// (from field lines, mastheads, the dateline), and sets the document's reference date.
///
/// Every candidate is annotated; the article takes the most direct one (a labeled field before
/// a masthead, a dateline or the document's own date), the first in the text on a tie.
///
/// Reads: `headline`, `body`, `chrome`, `dateline`. Writes: `published`, `outlet`, the document's reference date.
struct ArticleMetadataPhase: Phase {
    let name = "article-metadata"
    let rules: ArticleRules
    let fields: FieldLineReader

    init(rules: ArticleRules) {
        self.rules = rules
        fields = FieldLineReader(rules: rules)
    }

    var produces: [AnnotationType] { [.published, .outlet] }

    func run(_ document: Document) throws {
        let text = document.text
        let units = text.units
        if let h = document.annotations(.headline).first(where: { $0.rule != "article.headline.subtitle" }) {
            document.article.headline = text.writtenText(h.range)
        }
        let lead = document.annotations(.body).first?.range.lowerBound ?? units.count
        var published: [(rank: Int, annotation: Annotation, date: WrittenDate)] = []
        var outlets: [(rank: Int, annotation: Annotation)] = []
        func addDate(_ r: Range<Int>, rank: Int, rule: String) {
            guard let d = WrittenDate(text.text(r)), d.year != nil else { return }
            published.append((rank, Annotation(.published, r, rule: rule, features: ["value": d.isoDateTime]), d))
        }
        for c in document.annotations(.chrome) where c.rule == "article.chrome.header" {
            // A masthead on a line of its own above the headline (某某日报).
            let t = Chars.trimJunk(units, c.range)
            if !t.isEmpty, fields.isNameLike(units, t), fields.hasOutletEnding(units, t) {
                outlets.append((4, Annotation(.outlet, t, rule: "article.outlet.masthead")))
            }
        }
        let grammar = CreditGrammar(rules: rules)
        // the kind of an empty field closing the previous field line (来源：), whose value stands on the next line
        var pending: ArticleRules.FieldKind?
        // a CMS may repeat the headline right after an empty 来源： — that line is no value
        let headline = document.annotations(.headline).first.map { units[Chars.trimJunk(units, $0.range)] }
        let fieldLines = document.annotations(.chrome).filter { $0.chromeKind?.isFieldLine == true }.sorted { $0.range.lowerBound < $1.range.lowerBound }
        for c in fieldLines {
            let header = c.range.lowerBound < lead
            defer { if c.features["form"] == "value" { pending = nil } }
            if c.features["form"] == "value" {
                let v = Chars.trimJunk(units, c.range)
                if pending == .outlet, !v.isEmpty, headline.map({ !$0.elementsEqual(units[v]) }) ?? true,
                   fields.hasOutletEnding(units, v) || grammar.parse(units, v, strict: true) == nil {
                    outlets.append((0, Annotation(.outlet, v, rule: "article.outlet.label")))
                }
                if pending == .agency, !v.isEmpty { outlets.append((3, Annotation(.outlet, v, rule: "article.outlet.agency"))) }
                continue
            }
            pending = nil
            if let f = try fields.read(units, c.range, unlabeled: true) {
                if let last = f.fields.last, last.value == nil { pending = last.kind }
                for field in f.fields {
                    guard let v = field.value else { continue }
                    switch field.kind {
                    case .published: addDate(v, rank: 0, rule: "article.published.label")
                    case .documentDate: addDate(v, rank: 2, rule: "article.published.document-date")
                    case .outlet:
                        // 来源：王明 李华 — the writers, not an outlet
                        if !fields.hasOutletEnding(units, v), grammar.parse(units, v, strict: true) != nil { continue }
                        outlets.append((0, Annotation(.outlet, v, rule: "article.outlet.label")))
                    case .agency: outlets.append((3, Annotation(.outlet, v, rule: "article.outlet.agency")))
                    default: break
                    }
                }
                for d in f.dates { addDate(d, rank: header ? 1 : 3, rule: "article.published.unlabeled") }
                if let name = f.name {
                    if !f.dates.isEmpty {
                        outlets.append((2, Annotation(.outlet, name, rule: "article.outlet.masthead")))
                    } else if f.address != nil {
                        outlets.append((4, Annotation(.outlet, name, rule: "article.outlet.site")))
                    }
                }
            } else if let m = try rules.documentDateLine.matches(in: units, range: Chars.trimJunk(units, c.range)).first,
                      let g = m.groups.count > 1 ? m.groups[1] : nil {
                addDate(g, rank: 2, rule: "article.published.document-date")
            }
        }
        var dateline: WrittenDate?
        for d in document.annotations(.dateline) {
            let pattern = d.rule == "article.dateline.dian" ? rules.dian : rules.xun
            // the dateline patterns are anchored (^): their first match is the one at the start
            guard let m = try pattern.prefixMatch(in: units, range: d.range) else { continue }
            func group(_ k: Int) -> Range<Int>? { k < m.groups.count ? m.groups[k] : nil }
            if let o = group(1) ?? group(5), text.text(o) != "本报" {
                outlets.append((1, Annotation(.outlet, o, rule: "article.outlet.dateline")))
            }
            if dateline == nil, let md = group(4), var date = WrittenDate(text.text(md)) {
                date.year = group(3).flatMap { Int(text.text($0).filter(\.isNumber)) }
                dateline = date
            }
        }
        document.add(published.map(\.annotation))
        document.add(outlets.map(\.annotation))

        let page = published.min { ($0.rank, $0.annotation.range.lowerBound) < ($1.rank, $1.annotation.range.lowerBound) }?.date
        let callerPublished = document.article.published != nil
        if !callerPublished, let page { document.article.published = page.isoDateTime }
        if let o = outlets.min(by: { ($0.rank, $0.annotation.range.lowerBound) < ($1.rank, $1.annotation.range.lowerBound) }) {
            document.article.outlet = text.writtenText(o.annotation.range)
        }
        let callerReference = document.referenceDate
        document.referenceDate = Self.referenceDate(caller: callerReference, callerPublished: callerPublished,
                                                    page: page, dateline: dateline)
        // a news lead's dateline is the day it was published when neither page nor caller says
        if document.article.published == nil, let d = dateline,
           let day = Self.datelineDay(d, anchor: callerReference.flatMap { WrittenDate($0) }) {
            document.article.published = day
        }
        // Nothing else dates the page: a full date in the byline opening the lead
        // ((2023年4月2日某街道王明报道)) is the day it reports from.
        if document.referenceDate == nil,
           let b = document.annotations(.chrome).first(where: { $0.rule == "article.chrome.byline" && $0.features["form"] == "bracket" && $0.range.lowerBound <= lead }),
           let m = try rules.date.matches(in: units, range: b.range).first, let d = WrittenDate(text.text(m.range)), d.year != nil {
            document.referenceDate = d.isoDate
        }
    }

    /// The dateline's day as `yyyy-MM-dd`, its year from the dateline or else from `anchor` (the
    /// year before when the day would fall after the anchor); nil when no year is known.
    static func datelineDay(_ dateline: WrittenDate, anchor: WrittenDate?) -> String? {
        var d = dateline
        if d.year == nil, let year = anchor?.year {
            d.year = year
            if let a = anchor?.ordinal, let o = d.ordinal, o > a + 1 { d.year = year - 1 }
        }
        return d.year == nil ? nil : d.isoDate
    }

    /// The reference date for relative dates: the dateline's day (its year from the dateline,
    /// the page or the caller, so that it is not after the page's date); else the caller's
    /// publish date; else the page's date; else the caller's reference date.
    static func referenceDate(caller: String?, callerPublished: Bool, page: WrittenDate?, dateline: WrittenDate?) -> String? {
        let callerDate = caller.flatMap { WrittenDate($0) }
        if let d = dateline, let day = datelineDay(d, anchor: page ?? callerDate) { return day }
        if callerPublished { return caller }
        if let page { return page.isoDate }
        return caller
    }
}
