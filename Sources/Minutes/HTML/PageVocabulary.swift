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

    /// id/class words of a kicker (引题) or a subtitle (副题) beside the main title.
    static let secondaryTitleWords = Set(markupWords("secondary_title_word"))

    /// The id/class vocabulary is data: `Rules/article/markup.yaml`, built in.
    static let markupFile = "article/markup.yaml"
    private static let markup: RuleNode? = EmbeddedRules.files.first { $0.path == markupFile }.flatMap { file in
        file.tree.flatMap(RuleNode.init(encoded:)) ?? (try? RuleNode.parse(yaml: file.text)) ?? nil
    }

    /// The words of one lexicon of the markup vocabulary, lowercased.
    static func markupWords(_ name: String) -> [String] {
        RuleFile.words(markup?["lexicons"]?[name]).map { $0.lowercased() }
    }

    /// Meta tags (`name` or `property`, lowercase) that carry each field, best first.
    static let headlineMeta = ["articletitle", "og:title", "twitter:title"]
    static let publishedMeta = ["pubdate", "publishdate", "article:published_time", "og:article:published_time",
                                "og:release_date", "firstpublishedtime"]
    static let sourceMeta = ["contentsource", "source", "article:source"]
    static let authorMeta = ["author", "article:author"]

    /// How lines of page widgets start, inside the body block (【字体：大 中 小】, 扫一扫…, 相关附件：).
    static let chromeLineStarts = ["【字体", "【字号", "字体：", "字号：", "字体:", "字号:", "扫一扫", "微信扫一扫", "手机扫一扫",
                                   "相关附件", "附件下载", "【打印", "【关闭", "【收藏", "[打印", "[关闭", "分享到", "打印本页", "关闭窗口",
                                   "语音播报", "文章不错", "查看原图"]
    /// Widget words standing alone on a line (feed buttons under a reposted article).
    static let chromeLineWords: Set<String> = ["举报", "内容举报", "不喜欢", "点赞", "收藏", "评论", "播报文章", "分享", "打印",
                                               "关闭", "返回顶部", "展开", "收起", "展开全文", "播报", "编辑"]
    /// Labels of an ad standing as their own element at the start of a link (<a><i>广告</i>…</a>).
    static let adLabels: Set<String> = ["广告", "推广", "赞助", "Advertisement", "Sponsored", "Ad", "AD"]
    /// Phrases of a content platform's statement under a reposted article, and of a site's
    /// copyright and reprint notice (版权所有, 未经授权请勿转载).
    static let statementPhrases = ["仅提供信息存储服务", "不代表本站观点", "不代表本网观点", "不代表本平台观点", "平台声明",
                                   "版权所有", "AllRightsReserved", "Copyright©", "请勿转载", "禁止转载", "不得转载", "转载请注明", "请注明出处"]  // compared without spaces
    /// How lines of pagination and read-more links end (1234下一页, 返回搜狐，查看更多).
    static let chromeLineEnds = ["下一页", "上一页", "尾页", "末页", "查看更多", "阅读全文", "展开全文", "点击查看"]
    /// Characters of a date line besides digits (2024-06-05 16:30, 2024年6月5日 星期三).
    static let dateLineCharacters = "-/.:：年月日时分秒T星期周一二三四五六天"
}
