/// What page markup means: which elements are blocks or never text, where CMSs put the article,
/// which meta tags and labels carry the metadata. Page structure, not language: the extraction
/// of meetings from the text stays in the rules.
enum PageVocabulary {
    /// Elements whose content is never article text.
    static let ignoredTags: Set<String> = [
        "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
        "select", "option", "button", "input", "textarea", "map", "audio", "video", "source", "link", "meta",
    ]

    /// Elements that start and end a line of text.
    static let blockTags: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "tbody",
        "thead", "tfoot", "tr", "ul", "caption", "summary", "title",
    ]

    /// Table cells: a gap within the row's line.
    static let cellTags: Set<String> = ["td", "th"]

    /// Article containers of common Chinese CMSs (TRS WCM, Hanweb, VSB, UCAP…), by id and by class,
    /// compared case-insensitively.
    static let containerIDs = Set(markupWords("container_id"))
    static let containerClasses = Set(markupWords("container_class"))

    /// Substrings of id/class that mark likely article containers, and page chrome
    /// (readability's lists with the Chinese CMS names added).
    static let positiveHints = markupWords("positive_hint")
    static let negativeHints = markupWords("negative_hint")
    /// id/class substrings of blocks that are never the article, whatever their text (readability's
    /// unlikely candidates, with comment threads, reference lists, infoboxes, cookie banners and
    /// site statements), unless the id/class also has one of `maybeCandidateHints`.
    static let unlikelyHints = markupWords("unlikely_hint")
    /// Furniture even when the id/class also says content (`recommend-content`, `cookie-body`).
    static let furnitureHints = markupWords("furniture_hint")
    static let maybeCandidateHints = markupWords("maybe_candidate_hint")
    /// How the utility classes of CSS frameworks start (Tailwind's and Bootstrap's `text-sm`,
    /// `font-bold`), and the class list without them or any responsive variant (`md:block`).
    static let utilityClassStarts = markupWords("utility_class_start")
    static func roleClasses(_ classes: String) -> String {
        classes.split(whereSeparator: \.isWhitespace).filter { token in
            !token.contains(":") && !utilityClassStarts.contains { token.lowercased().hasPrefix($0) }
        }.joined(separator: " ")
    }
    /// Elements and ARIA roles of page furniture.
    static let furnitureTags: Set<String> = ["nav", "aside", "footer"]
    static let furnitureRoles: Set<String> = ["menu", "menubar", "navigation", "complementary", "alert", "alertdialog",
                                              "dialog", "banner", "contentinfo"]
    /// Blocks that may be furniture (paragraphs never are): unlikely candidates, and inside the
    /// body the blocks ArticleBodyFinder.isBoilerplate drops.
    static let cleanedTags: Set<String> = ["div", "section", "ul", "ol", "table", "form", "aside", "nav", "footer",
                                           "header", "dl"]

    /// Inside the article body, elements whose id/class contains one of these are widgets, not text.
    static let bodyWidgetHints = markupWords("body_widget_hint")

    /// Classes that hide an element (whole class names, and how BEM modifiers end), and how the
    /// classes start that show it again at some screen width.
    static let hidingClasses = Set(markupWords("hiding_class"))
    static let hidingClassEnds = markupWords("hiding_class_end")
    static let showingClassStarts = markupWords("showing_class_start")

    /// id/class words of a kicker (引题) or a subtitle (副题) beside the main title.
    static let secondaryTitleWords = Set(markupWords("secondary_title_word"))

    /// The id/class vocabulary is data: `Rules/article/markup.yaml`, built in.
    static let markupFile = "article/markup.yaml"
    private static let markup: RuleNode? = EmbeddedRules.files.first { $0.path == markupFile }.flatMap { file in
        file.tree.flatMap(RuleNode.init(encoded:)) ?? (try? RuleNode.parse(yaml: file.text)) ?? nil
    }

    /// The words of one lexicon of the markup vocabulary, as written (page text, not markup).
    static func markupPhrases(_ name: String) -> [String] {
        RuleFile.words(markup?["lexicons"]?[name])
    }

    /// The words of one lexicon of the markup vocabulary, lowercased.
    static func markupWords(_ name: String) -> [String] {
        markupPhrases(name).map { $0.lowercased() }
    }

    /// Meta tags (`name` or `property`, lowercase) that carry each field, best first.
    static let headlineMeta = ["articletitle", "og:title", "twitter:title"]
    static let publishedMeta = ["pubdate", "publishdate", "article:published_time", "og:article:published_time",
                                "og:release_date", "firstpublishedtime"]
    static let sourceMeta = ["contentsource", "source", "article:source"]
    static let authorMeta = ["author", "article:author"]

    /// Text of page furniture lines inside the body block (markup.yaml), compared as written.
    static let chromeLineStarts = markupPhrases("chrome_line_start")
    static let chromeLineWords = Set(markupPhrases("chrome_line_word"))
    static let chromeLineEnds = markupPhrases("chrome_line_end")
    /// Compared with the line's text without spaces.
    static let statementPhrases = markupPhrases("statement_phrase")
    static let adLabels = Set(markupPhrases("ad_label"))
    /// Characters of a date line besides digits (2024-06-05 16:30, 2024年6月5日 星期三).
    static let dateLineCharacters = "-/.:：年月日时分秒T星期周一二三四五六天"
}
