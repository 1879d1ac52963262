/// `label：value` fields of a visible metadata or credit line of a page, such as
/// `时间：2023-04-12 09:46  来源：县政府办公室  浏览：1862次  分享到：`, read by the text layout's
/// own field-line reader (``FieldLineReader``) with the built-in article rules: one reader and
/// one set of labels (Rules/article) for pages and for text.
enum PageFields {
    struct Field {
        var kind: ArticleRules.FieldKind
        /// Whether the rules know the label (`地点：` is read, but as an unknown label).
        var known: Bool
        var label: String
        /// The value as written (Traditional script kept), spaces trimmed; empty when none.
        var value: String
        /// Whether the label opens the line.
        var opensLine: Bool
    }

    /// The reader over the built-in article rules (those the extractors of the built-in rules
    /// read with: ``BuiltInRules``), made when the first page is read.
    static let reader: FieldLineReader? = (try? BuiltInRules.article.get()).map { FieldLineReader(rules: $0) }

    /// The fields of a line, in order; none when the line is text. Labels are matched in the
    /// folded script (`來源` is `来源`, `：` is `:`); values are kept as written.
    static func parse(_ line: String) -> [Field] {
        let text = NormalizedText(line)
        guard let reader, let scanned = try? reader.scan(text.units, 0..<text.units.count) else { return [] }
        let firstLetter = text.units.firstIndex { !Chars.isSpace($0) && Chars.closer($0) == nil } ?? 0
        return scanned.fields.map { f in
            Field(kind: f.kind, known: f.known, label: text.text(f.label),
                  value: f.value.map { text.originalText($0) } ?? "", opensLine: f.label.lowerBound <= firstLetter)
        }
    }

    /// The first non-empty value of a known label of `kind`.
    static func value(_ fields: [Field], _ kind: ArticleRules.FieldKind) -> String? {
        fields.first { $0.known && $0.kind == kind && !$0.value.isEmpty }?.value
    }
}
