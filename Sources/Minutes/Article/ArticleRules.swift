/// The rules of the `article` dimension (Rules/article/*.yaml), compiled once per extractor
/// and shared by the layout, metadata and credit phases. A class: the phases hold it by
/// reference (copying its dozens of lexicons and patterns per article cost).
final class ArticleRules: Sendable {
    /// What a page-field label introduces.
    enum FieldKind: Sendable, Equatable {
        case published, documentDate, outlet, agency, reporter, editor, ignored, openinfo
    }

    // chrome
    let breadcrumb: ICUPattern
    let widget: ICUPattern
    let teaser: ICUPattern
    let image: ICUPattern
    let documentNumber: ICUPattern
    let headerLine: ICUPattern
    let navigationCues: Lexicon
    let breadcrumbStarts: Lexicon
    /// Words one of which a line must hold before the widget / image patterns run on it.
    let widgetCues: Lexicon
    let imageCues: Lexicon
    let footerCues: Lexicon
    let footerShortLineCues: Lexicon
    /// Widget words that close the article (扫一扫, 打印, 关闭): the footer opens with them.
    let footerWidgetCues: [String]
    let relatedCues: Lexicon
    let prevNextCues: Lexicon
    /// The units ``LineFacts`` stops at (its cue lexicons' first units among them).
    let lineMarks: UnitSet
    let siteSuffixes: Lexicon
    let outletSuffixes: Lexicon
    // fields
    let labels: Lexicon
    let labelKinds: [FieldKind]
    let date: ICUPattern
    let documentDateLine: ICUPattern
    let siteAddress: ICUPattern
    // datelines
    let dian: ICUPattern
    let xun: ICUPattern
    // headline
    let titleCues: Lexicon
    let notTitleStarts: Lexicon
    let gluedLead: ICUPattern
    // credits
    let roles: Lexicon
    let roleIsEditor: [Bool]
    /// Roles that may carry an outlet in front (云浮融媒记者): those ending with an `outlet_role` word.
    let roleTakesOutlet: [Bool]
    let creditTail: Lexicon
    /// Last characters of organizations, not of names (县政府办, 宣传部).
    let notNameFinal: Lexicon
    /// Words that stand where a name would (佚名, 本报).
    let notAName: Lexicon
    let surnames: Lexicon
    let compoundSurnames: Lexicon
    let contextSurnames: Lexicon

    init(_ rules: RuleSet) throws {
        let byID = Dictionary(rules.rules("article").map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        func rule(_ id: String) throws -> Rule {
            guard let r = byID[id] else {
                throw MinutesError.badRule(file: "Rules/article", line: nil, problem: "missing rule \(id)")
            }
            return r
        }
        func pattern(_ id: String) throws -> ICUPattern {
            let r = try rule(id)
            guard let p = try rules.pattern(r) else {
                throw r.file.error("rule \(id) needs a `pattern`")
            }
            return p
        }
        func cues(_ id: String) throws -> Lexicon {
            let r = try rule(id)
            return Lexicon(name: id, entries: r.list("cues"))
        }
        func lexicon(_ name: String, _ dimension: String = "article") -> [String] {
            rules.lexiconEntries(dimension, name)
        }

        breadcrumb = try pattern("article.chrome.breadcrumb")
        widget = try pattern("article.chrome.widget")
        teaser = try pattern("article.chrome.teaser")
        image = try pattern("article.chrome.image")
        documentNumber = try pattern("article.chrome.openinfo")
        headerLine = try pattern("article.chrome.header")
        navigationCues = try cues("article.chrome.navigation")
        breadcrumbStarts = try cues("article.chrome.breadcrumb")
        widgetCues = try cues("article.chrome.widget")
        imageCues = try cues("article.chrome.image")
        footerCues = try cues("article.chrome.footer")
        lineMarks = LineFacts.marks(widget: widgetCues, image: imageCues, footer: footerCues)
        footerShortLineCues = Lexicon(name: "article.chrome.footer.short", entries: try rule("article.chrome.footer").list("short_line_cues"))
        footerWidgetCues = try rule("article.chrome.widget").list("footer_cues")
        relatedCues = try cues("article.chrome.related")
        prevNextCues = try cues("article.chrome.prevnext")
        siteSuffixes = try cues("article.chrome.header")
        outletSuffixes = rules.lexicon("article", "outlet_suffix")

        // One label lexicon; an entry listed under several kinds keeps the first.
        let kinds: [(String, FieldKind)] = [
            ("published_label", .published), ("document_date_label", .documentDate), ("outlet_label", .outlet),
            ("outlet_agency_label", .agency), ("reporter_role", .reporter), ("editor_role", .editor),
            ("ignored_label", .ignored), ("openinfo_label", .openinfo),
        ]
        var labelEntries: [String] = []
        var labelKinds: [FieldKind] = []
        for (name, kind) in kinds {
            for e in lexicon(name) {
                labelEntries.append(e)
                labelKinds.append(kind)
            }
        }
        labels = Lexicon(name: "article.labels", entries: labelEntries)
        self.labelKinds = labelKinds
        date = try pattern("article.published.label")
        documentDateLine = try pattern("article.published.document-date")
        siteAddress = try pattern("article.outlet.site")

        dian = try pattern("article.dateline.dian")
        xun = try pattern("article.dateline.xun")

        titleCues = try cues("article.headline.title")
        notTitleStarts = Lexicon(name: "article.headline.not_title_starts", entries: try rule("article.headline.title").list("not_title_starts"))
        gluedLead = try pattern("article.headline.glued")

        let reporters = lexicon("reporter_role"), editors = lexicon("editor_role")
        roles = Lexicon(name: "article.roles", entries: reporters + editors)
        roleIsEditor = Array(repeating: false, count: reporters.count) + Array(repeating: true, count: editors.count)
        let outletRoles = lexicon("outlet_role")
        roleTakesOutlet = roles.entries.map { role in outletRoles.contains { role.hasSuffix($0) } }
        notAName = Lexicon(name: "article.not_a_name", entries: lexicon("not_a_name"))
        notNameFinal = Lexicon(name: "article.not_name_final", entries: lexicon("not_name_final"))
        creditTail = Lexicon(name: "article.credit_tail", entries: lexicon("credit_tail"))
        surnames = rules.lexicon("person", "single")
        compoundSurnames = rules.lexicon("person", "compound")
        contextSurnames = rules.lexicon("person", "needs_context")
    }

    /// The kind of the label entry `entry` of ``labels``.
    func kind(ofLabel entry: Int) -> FieldKind { labelKinds[entry] }

    /// Whether a lexicon entry (by its folded index) appears anywhere in the range.
    static func containsCue(_ lexicon: Lexicon, _ units: [UInt16], _ r: Range<Int>) -> Bool {
        lexicon.occurs(in: units, r)
    }
}
