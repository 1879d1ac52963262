/// What the pipeline reads for one input: the decoded text, or for an HTML page the text the
/// page was reduced to (``WebPage/text``). All offsets in a result index this text.
public struct ArticleText: Sendable {
    /// The text the pipeline reads.
    public let text: String
    /// The page it came from, for HTML input.
    public let page: WebPage?
    /// The charset of byte input.
    public let charset: InputDecoder.Charset?
    /// What was odd about the input (a cut last character, an HTML page with no article body).
    public let warnings: [String]

    /// Decodes bytes and, when they are HTML (detected by ``HTMLSniffer/looksLikeHTML(_:)``, or
    /// forced with `html: true`), reduces the page to its article. An HTML page's meta charset is
    /// the first choice among the legacy charsets, after `declared` (a charset the sender named,
    /// as in an HTTP `Content-Type`).
    /// - Throws: ``MinutesError`` for binary, undecodable or too large input.
    public init(bytes: [UInt8], input: String, html: Bool? = nil, declared: InputDecoder.Charset? = nil) throws {
        try Self.checkSize(bytes.count, input: input)
        let isHTML = html ?? HTMLSniffer.looksLikeHTML(bytes)
        let (decoded, charset) = try InputDecoder.decode(bytes, input: input, declared: declared ?? (isHTML ? HTMLSniffer.declaredCharset(bytes) : nil))
        self.charset = charset
        var warnings: [String] = []
        if charset == .utf8, String(validating: bytes, as: UTF8.self) == nil {
            warnings.append("the input ends in the middle of a character: the incomplete last bytes were left out")
        }
        if isHTML {
            let page = WebPage(html: decoded)
            self.page = page
            text = page.text
            warnings += page.warnings
        } else {
            page = nil
            text = decoded
        }
        self.warnings = warnings
    }

    /// Text already decoded (a JSONL record's `text`).
    public init(text: String, input: String) throws {
        try Self.checkSize(text.utf8.count, input: input)
        self.text = text
        page = nil
        charset = nil
        warnings = []
    }

    /// HTML already decoded (a JSONL record's `html`): any meta charset is ignored.
    public init(html: String, input: String) throws {
        try Self.checkSize(html.utf8.count, input: input)
        let page = WebPage(html: html)
        self.page = page
        text = page.text
        charset = nil
        warnings = page.warnings
    }

    static func checkSize(_ bytes: Int, input: String) throws {
        if bytes > Extractor.maxInputBytes {
            throw MinutesError.tooLarge(input: input, bytes: bytes, limit: Extractor.maxInputBytes)
        }
    }
}
