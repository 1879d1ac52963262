/// What a stretch of page chrome is. The raw value is the id of the rule (in `Rules/article`)
/// the annotation is reported with, so `explain` and the `chrome` layer read as before.
enum ChromeKind: String, Sendable {
    case breadcrumb = "article.chrome.breadcrumb"
    case byline = "article.chrome.byline"
    case credits = "article.chrome.credits"
    case dateline = "article.chrome.dateline"
    case footer = "article.chrome.footer"
    case header = "article.chrome.header"
    case image = "article.chrome.image"
    case metadata = "article.chrome.metadata"
    case navigation = "article.chrome.navigation"
    case openInfo = "article.chrome.openinfo"
    case prevNext = "article.chrome.prevnext"
    case related = "article.chrome.related"
    case repeatedHeadline = "article.chrome.repeated-headline"
    case teaser = "article.chrome.teaser"
    case widget = "article.chrome.widget"

    /// A field line (时间：… 来源：…), a credits-only line or an open-information record: the
    /// lines the metadata and credit phases read values from.
    var isFieldLine: Bool { self == .metadata || self == .credits || self == .openInfo }
}

extension Annotation {
    /// The kind of a `chrome` annotation made by the layout phase (nil for other rules).
    var chromeKind: ChromeKind? { ChromeKind(rawValue: rule) }
}

extension Annotation {
    /// A `chrome` annotation of `kind`, with its `form` feature when given.
    init(chrome kind: ChromeKind, _ range: Range<Int>, form: String? = nil) {
        self.init(.chrome, range, rule: kind.rawValue, features: form.map { ["form": $0] } ?? [:])
    }
}
