/// One rule of a rule file: an id, its YAML (pattern, lexicon, cues… as the dimension reads
/// them) and its examples.
public struct Rule: @unchecked Sendable {
    public let id: String
    public let node: RuleNode
    public let file: RuleFile

    public var examples: RuleExamples { RuleExamples(node["examples"]) }

    /// A string setting of the rule.
    public func string(_ key: String) -> String? { node[key]?.string }

    /// A list setting of the rule: a YAML sequence of strings, or one block of space-separated words.
    public func list(_ key: String) -> [String] { RuleFile.words(node[key]) }
}

/// Examples a rule (or a file) carries: texts it must match, with the expected spans marked
/// `⟦…⟧`, and texts it must not match.
public struct RuleExamples: Sendable {
    public var match: [String] = []
    public var noMatch: [String] = []

    init(_ node: RuleNode?) {
        guard let node else { return }
        match = node["match"]?.sequence?.compactMap(\.string) ?? []
        noMatch = node["no_match"]?.sequence?.compactMap(\.string) ?? []
    }

    public var isEmpty: Bool { match.isEmpty && noMatch.isEmpty }

    /// Splits a marked example into its text and the expected spans (code point offsets).
    public static func parse(_ marked: String) -> (text: String, spans: [Range<Int>]) {
        let (text, spans, _) = parseWithValues(marked)
        return (text, spans)
    }

    /// Splits a marked example into its text, the expected spans (code point offsets) and the
    /// value expected of each span, written `{…}` right after its closing mark
    /// (`⟦3月5日⟧{2022-03-05}`; nil where none is written). Marks may nest (a list item holding
    /// a nested list: `⟦要提高站位。一是⟦压实责任⟧⟧`); spans come in the order they close.
    public static func parseWithValues(_ marked: String) -> (text: String, spans: [Range<Int>], values: [String?]) {
        var text = String.UnicodeScalarView()
        var spans: [Range<Int>] = []
        var values: [String?] = []
        var open: [Int] = []
        var n = 0
        let scalars = Array(marked.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            i += 1
            if s == "⟦" {
                open.append(n)
            } else if s == "⟧", let o = open.popLast() {
                spans.append(o..<n)
                var value: String?
                if i < scalars.count, scalars[i] == "{", let close = scalars[i...].firstIndex(of: "}") {
                    value = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
                    i = close + 1
                }
                values.append(value)
            } else {
                text.append(s)
                n += 1
            }
        }
        return (String(text), spans, values)
    }
}

extension RuleFile {
    /// The rules of this file (`rules:` entries with an `id`).
    public var rules: [Rule] { ruleNodes.map { Rule(id: $0.id, node: $0.node, file: self) } }

    /// A lexicon of this file, from `lexicons: {name: entries}`.
    public func lexicon(_ name: String) -> Lexicon? {
        guard let node = root["lexicons"]?[name] else { return nil }
        return Lexicon(name: name, entries: Self.words(node))
    }

    /// The names of this file's lexicons.
    public var lexiconNames: [String] {
        root["lexicons"]?.mapping?.compactMap(\.key.string) ?? []
    }

    /// Words from a YAML sequence of strings, or from a block of words separated by spaces or
    /// line breaks (`#` starts a comment).
    static func words(_ node: RuleNode?) -> [String] {
        guard let node else { return [] }
        if let seq = node.sequence { return seq.compactMap(\.string) }
        guard let block = node.string else { return [] }
        return words(in: block)
    }

    /// Words of a block separated by spaces or line breaks (`#` starts a comment to the end of
    /// the line). One pass over the UTF-8 bytes: lexicon blocks run to thousands of words, and
    /// splitting them by Characters, then by scalars with their Unicode properties, was a good
    /// part of start-up.
    static func words(in block: String) -> [String] {
        var block = block
        return block.withUTF8 { bytes in
            var out: [String] = []
            var wordStart = -1
            var inComment = false
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                var length = 1
                let isNewline: Bool, isSpace: Bool
                if b < 0x80 {
                    isNewline = b >= 0x0A && b <= 0x0D
                    isSpace = b == 0x20 || b == 0x09
                } else {
                    // A Swift string is valid UTF-8: the lead byte tells the sequence length.
                    var v: UInt32
                    if b < 0xE0 {
                        v = UInt32(b & 0x1F)
                        length = 2
                    } else if b < 0xF0 {
                        v = UInt32(b & 0x0F)
                        length = 3
                    } else {
                        v = UInt32(b & 0x07)
                        length = 4
                    }
                    for k in 1..<length { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
                    isNewline = v == 0x85 || v == 0x2028 || v == 0x2029
                    isSpace = Self.isWhiteSpace(v)
                }
                if isNewline || isSpace || inComment || b == UInt8(ascii: "#") {
                    if wordStart >= 0 { out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<i]), as: UTF8.self)) }
                    wordStart = -1
                    if isNewline { inComment = false } else if b == UInt8(ascii: "#") { inComment = true }
                } else if wordStart < 0 {
                    wordStart = i
                }
                i += length
            }
            if wordStart >= 0 { out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart...]), as: UTF8.self)) }
            return out
        }
    }

    /// Unicode's White_Space property above ASCII (a fixed list since Unicode 6.3).
    private static func isWhiteSpace(_ v: UInt32) -> Bool {
        v == 0x85 || v == 0xA0 || v == 0x1680 || (v >= 0x2000 && v <= 0x200A) || v == 0x2028 || v == 0x2029
            || v == 0x202F || v == 0x205F || v == 0x3000
    }
}

extension RuleSet {
    /// The rules of a dimension, user rules replacing built-in rules with the same id.
    public func rules(_ dimension: String) -> [Rule] {
        var byID: [String: Int] = [:]
        var out: [Rule] = []
        for file in files(dimension) {
            for rule in file.rules {
                if let i = byID[rule.id] {
                    out[i] = rule
                } else {
                    byID[rule.id] = out.count
                    out.append(rule)
                }
            }
        }
        return out
    }

    /// A rule by id.
    public func rule(_ id: String) -> Rule? {
        files.lazy.flatMap(\.rules).last { $0.id == id }
    }

    /// Top-level word blocks that lexicon files (surnames) write outside `lexicons:`.
    static let topLevelLexicons: Set<String> = ["single", "compound", "needs_context"]

    /// A named lexicon of a dimension: the entries of every file of that dimension that
    /// defines it (under `lexicons:`, or as a top-level `single:`/`compound:`/`needs_context:`
    /// block), merged (a user file adds entries; to drop a built-in entry, replace its file).
    public func lexicon(_ dimension: String, _ name: String) -> Lexicon {
        Lexicon(name: "\(dimension).\(name)", entries: words(dimension, name))
    }

    /// The `entries` of ``lexicon(_:_:)`` (folded like the text, in order) without building its
    /// trie, for phases that build their own structure from the words.
    public func lexiconEntries(_ dimension: String, _ name: String) -> [String] {
        var units: [UInt16] = []
        return words(dimension, name).compactMap { Lexicon.fold($0, into: &units) }
    }

    /// The words of a named lexicon as written, merged over the dimension's files.
    private func words(_ dimension: String, _ name: String) -> [String] {
        var entries: [String] = []
        for file in files(dimension) {
            if let node = file.root["lexicons"]?[name] ?? (Self.topLevelLexicons.contains(name) ? file.root[name] : nil) {
                entries.append(contentsOf: RuleFile.words(node))
            }
        }
        return entries
    }

    /// Compiles a rule's `pattern` (ICU regex syntax) with `{name}` references to the
    /// dimension's lexicons expanded to alternations (longest first).
    public func pattern(_ rule: Rule, key: String = "pattern") throws -> ICUPattern? {
        guard let source = rule.string(key) else { return nil }
        return try compilePattern(source, dimension: rule.file.dimension, file: rule.file, node: rule.node[key])
    }

    func compilePattern(_ source: String, dimension: String, file: RuleFile, node: RuleNode?) throws -> ICUPattern {
        var expanded = ""
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "{") {
            expanded += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            // `\p{Han}`, `\P{L}`, `\N{…}`, `\x{…}` are ICU syntax, not lexicon references.
            let escaped = ["\\p", "\\P", "\\N", "\\x"].contains { expanded.hasSuffix($0) }  // (not by `count`: it reads the whole string)
            if !escaped, !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "_" || $0 == "." }) {
                let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
                let entries = parts.count == 2 ? lexiconEntries(parts[0], parts[1]) : lexiconEntries(dimension, name)
                if entries.isEmpty {
                    throw file.error("pattern refers to unknown lexicon {\(name)}", at: node)
                }
                expanded += "(?:" + entries.sorted { $0.count > $1.count }.map(ICUPattern.escape).joined(separator: "|") + ")"
            } else {
                expanded += rest[open...close]  // a quantifier such as {2,3}
            }
            rest = rest[rest.index(after: close)...]
        }
        expanded += rest
        do {
            let folded = NormalizedText.units(expanded).withUnsafeBufferPointer(NormalizedText.string)  // the text's folding, no map back
            return try ICUPattern(source: source, expanded: folded, lazily: compilesLazily)
        } catch let error as ICURegexError {
            throw file.error("invalid pattern: \(error)", at: node)
        }
    }
}
