extension AnnotationType {
    /// A credited name (features `name`, `role`, `kind` = reporter | editor).
    public static let credit: AnnotationType = "credit"
}

/// Reads the credits in the bylines, datelines and credit fields the layout marked: reporters
/// (记者, 通讯员, 摄影, 作者…) and editors (编辑, 责编, 审核…), each with its role as written.
///
/// Reads: `chrome`, `dateline`. Writes: `credit`.
struct CreditPhase: Phase {
    let name = "credits"
    let grammar: CreditGrammar
    let fields: FieldLineReader

    init(rules: ArticleRules) {
        grammar = CreditGrammar(rules: rules)
        fields = FieldLineReader(rules: rules)
    }

    var produces: [AnnotationType] { [.credit] }

    func run(_ document: Document) throws {
        let text = document.text
        let units = text.units
        var found: [Annotation] = []
        func add(_ names: [CreditGrammar.Name], rule: String, role fallback: Range<Int>? = nil, editor: Bool? = nil) {
            for n in names {
                let role = n.role ?? fallback
                let isEditor = n.role == nil ? (editor ?? n.isEditor) : n.isEditor
                var features = ["name": clean(text.writtenText(n.range)), "kind": isEditor ? "editor" : "reporter"]
                if let role { features["role"] = text.writtenText(role) }
                found.append(Annotation(.credit, n.range, rule: rule, features: features))
            }
        }
        func byline(_ r: Range<Int>, strictWithoutRole: Bool = true) -> (CreditGrammar.Parse, String)? {
            if let b = grammar.parse(units, r, strict: false), b.hasRole { return (b, "article.credit.byline") }
            if strictWithoutRole, let b = grammar.parse(units, r, strict: true) { return (b, b.isPhoto ? "article.credit.photo" : "article.credit.bare") }
            return nil
        }
        let datelines = document.annotations(.dateline)
        // the kind of an empty field closing the previous field line (作者：), whose value stands on the next line
        var pending: ArticleRules.FieldKind?
        for c in document.annotations(.chrome).sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            if c.features["form"] == "value" {
                let v = Chars.trimJunk(units, c.range)
                if let kind = pending, !v.isEmpty, kind != .outlet || !fields.hasOutletEnding(units, v),
                   let b = grammar.parse(units, v, strict: kind == .outlet, greedy: kind != .outlet) {
                    add(b.names, rule: "article.credit.field", editor: kind == .editor)
                }
                pending = nil
                continue
            }
            if c.chromeKind?.isFieldLine == true { pending = nil }
            switch c.chromeKind {
            case .dateline?:
                var p = datelines.first { c.range.contains($0.range.lowerBound) }?.range.upperBound ?? c.range.lowerBound
                while p < c.range.upperBound, Chars.isSpace(units[p]) { p += 1 }
                guard p < c.range.upperBound else { continue }
                if units[p] == 0x28, let close = Chars.closingBracket(units, open: p, limit: c.range.upperBound) {
                    if let (b, rule) = byline((p + 1)..<close) { add(b.names, rule: rule) }
                } else if let b = grammar.parse(units, p..<c.range.upperBound, strict: true, greedy: true) {
                    add(b.names, rule: "article.credit.byline")
                }
            case .byline?:
                var r = Chars.trimJunk(units, c.range)
                if let close = Chars.closer(units[r.lowerBound]), units[r.upperBound - 1] == close { r = (r.lowerBound + 1)..<(r.upperBound - 1) }
                switch c.features["form"] {
                case "photo":
                    if let b = grammar.parse(units, r, strict: true, greedy: true) { add(b.names, rule: "article.credit.photo") }
                case "bare":
                    if let b = grammar.parse(units, r, strict: true) { add(b.names, rule: "article.credit.bare") }
                default:
                    if let (b, rule) = byline(r) { add(b.names, rule: rule) }
                }
            case .metadata?, .credits?:
                guard let f = try fields.read(units, c.range, unlabeled: true) else { continue }
                if let last = f.fields.last, last.value == nil { pending = last.kind }
                for field in f.fields where field.kind == .reporter || field.kind == .editor {
                    guard let v = field.value, let b = grammar.parse(units, v, strict: false, greedy: true) else { continue }
                    add(b.names, rule: "article.credit.field", role: field.label, editor: field.kind == .editor)
                }
                // 来源：王明 李华 — a source field naming its writers
                for field in f.fields where field.kind == .outlet {
                    guard let v = field.value, !fields.hasOutletEnding(units, v), let b = grammar.parse(units, v, strict: true) else { continue }
                    add(b.names, rule: "article.credit.field", editor: false)
                }
            default:
                continue
            }
        }
        document.add(found)
        var seen = Set<String>()
        for a in found {
            let name = a.features["name"] ?? ""
            let kind = a.features["kind"] ?? "reporter"
            guard !name.isEmpty, seen.insert(kind + "\u{1F}" + name).inserted else { continue }
            let credit = Credit(name: name, role: a.features["role"])
            if kind == "editor" { document.article.editors.append(credit) } else { document.article.reporters.append(credit) }
        }
    }

    /// A name as reported: the padding of `明 睿` removed.
    func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else { return s }
        return String(s.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }
}
