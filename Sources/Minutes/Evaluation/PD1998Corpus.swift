import Foundation

/// An entity span: type and code point range.
public struct EntitySpan: Hashable, Sendable {
    public var type: Entity.Kind
    public var start: Int
    public var end: Int

    public init(type: Entity.Kind, start: Int, end: Int) {
        self.type = type
        self.start = start
        self.end = end
    }
}

/// One article of the People's Daily January 1998 corpus (PKU tags) as raw text with gold spans.
public struct PD1998Article: Sendable {
    /// `19980101-01-001`: the paragraph id without its paragraph number.
    public var id: String
    /// The words of each paragraph concatenated, paragraphs joined with a newline.
    public var text: String
    public var spans: [EntitySpan]
}

/// Reads the PKU-tagged People's Daily corpus exactly as /work/shared/tools/pd1998.py does, so
/// the gold spans (and the scores) are the same: person = a maximal run of adjacent `nr`
/// tokens; place = an `ns` token or a `[…]ns` compound; organization = an `nt` token or a
/// `[…]nt` compound (tokens inside a compound do not count on their own). Scoring only: nothing
/// here is for building lexicons.
public enum PD1998Corpus {
    /// The articles of `file` (`199801.txt`) in corpus order, only those in `subset` when given.
    public static func load(_ file: URL, subset: Set<String>? = nil) throws -> [PD1998Article] {
        let content: String
        do {
            content = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw EvaluationError.badCorpus(path: file.path, problem: "cannot read as UTF-8: \(error.localizedDescription)")
        }
        return parse(content, subset: subset)
    }

    /// The article ids of a subset file (`meetings_strict.txt`): whitespace-separated.
    public static func subset(_ file: URL) throws -> Set<String> {
        do {
            let text = try String(contentsOf: file, encoding: .utf8)
            return Set(text.split(whereSeparator: { $0.isWhitespace }).map(String.init))
        } catch {
            throw EvaluationError.badCorpus(path: file.path, problem: "cannot read the subset: \(error.localizedDescription)")
        }
    }

    public static func parse(_ content: String, subset: Set<String>? = nil) -> [PD1998Article] {
        var articles: [PD1998Article] = []
        var currentId: String?
        var paragraphs: [[Substring]] = []
        func finish() {
            if let id = currentId, !id.isEmpty, subset?.contains(id) ?? true {
                articles.append(build(id: id, paragraphs))
            }
        }
        for rawLine in content.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = pythonStrip(rawLine)
            if line.isEmpty { continue }
            let tokens = splitOnDoubleSpace(line)
            // `19980101-01-001-002/m` → `19980101-01-001`
            let paragraphId = tokens[0].split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let id = paragraphId.lastIndex(of: "-").map { String(paragraphId[..<$0]) } ?? String(paragraphId)
            if id != currentId {
                finish()
                currentId = id
                paragraphs = []
            }
            paragraphs.append(Array(tokens.dropFirst()))
        }
        finish()
        return articles
    }

    static func build(id: String, _ paragraphs: [[Substring]]) -> PD1998Article {
        var text = String.UnicodeScalarView()
        var spans: [EntitySpan] = []
        var pos = 0
        for (index, tokens) in paragraphs.enumerated() {
            if index > 0 {
                text.append("\n")
                pos += 1
            }
            var run: Int?        // start of the current run of nr tokens
            var bracket: Int?    // start of the current [...] compound
            for raw in tokens {
                let t = pythonStrip(raw)
                guard !t.isEmpty, let token = Token(t) else { continue }
                if token.opensBracket { bracket = pos }
                if token.tag == "nr" {
                    if run == nil { run = pos }
                } else if let r = run {
                    spans.append(EntitySpan(type: .person, start: r, end: pos))
                    run = nil
                }
                let start = pos
                text.append(contentsOf: token.word.unicodeScalars)
                pos += token.word.unicodeScalars.count
                if bracket == nil {
                    if token.tag == "ns" { spans.append(EntitySpan(type: .place, start: start, end: pos)) }
                    if token.tag == "nt" { spans.append(EntitySpan(type: .organization, start: start, end: pos)) }
                }
                if let compoundTag = token.compoundTag {
                    if let b = bracket, compoundTag == "ns" || compoundTag == "nt" {
                        spans.append(EntitySpan(type: compoundTag == "ns" ? .place : .organization, start: b, end: pos))
                    }
                    bracket = nil
                }
            }
            if let r = run { spans.append(EntitySpan(type: .person, start: r, end: pos)) }
        }
        return PD1998Article(id: id, text: String(text), spans: spans)
    }

    /// One `word/tag` token, maybe `[word/tag` opening a compound or `word/tag]ctag` closing it:
    /// what the regex `^(\[?)(.+)/([A-Za-z]+)(?:\]([A-Za-z]+))?$` of pd1998.py captures (the
    /// word is the longest prefix that leaves a valid tag suffix).
    struct Token {
        var opensBracket: Bool
        var word: Substring
        var tag: Substring
        var compoundTag: Substring?

        init?(_ t: Substring) {
            if t.first == "[", let token = Token(body: t.dropFirst(), opens: true) {
                self = token
            } else if let token = Token(body: t, opens: false) {
                self = token
            } else {
                return nil
            }
        }

        private init?(body: Substring, opens: Bool) {
            var slash = body.endIndex
            while let i = body[..<slash].lastIndex(of: "/") {
                slash = i
                guard i > body.startIndex else { return nil }
                let suffix = body[body.index(after: i)...]
                let tagEnd = suffix.firstIndex(where: { !Self.isLetter($0) }) ?? suffix.endIndex
                let tag = suffix[..<tagEnd]
                guard !tag.isEmpty else { continue }
                if tagEnd == suffix.endIndex {
                    self.init(opensBracket: opens, word: body[..<i], tag: tag, compoundTag: nil)
                    return
                }
                let rest = suffix[tagEnd...]
                if rest.first == "]", rest.count > 1, rest.dropFirst().allSatisfy(Self.isLetter) {
                    self.init(opensBracket: opens, word: body[..<i], tag: tag, compoundTag: rest.dropFirst())
                    return
                }
            }
            return nil
        }

        private init(opensBracket: Bool, word: Substring, tag: Substring, compoundTag: Substring?) {
            self.opensBracket = opensBracket
            self.word = word
            self.tag = tag
            self.compoundTag = compoundTag
        }

        static func isLetter(_ c: Character) -> Bool { c.isASCII && c.isLetter }
    }

    /// Python's `str.split("  ")`: pieces between non-overlapping double spaces.
    static func splitOnDoubleSpace(_ s: Substring) -> [Substring] {
        var pieces: [Substring] = []
        var start = s.startIndex
        var i = s.startIndex
        while i < s.endIndex {
            let next = s.index(after: i)
            if s[i] == " ", next < s.endIndex, s[next] == " " {
                pieces.append(s[start..<i])
                i = s.index(after: next)
                start = i
            } else {
                i = next
            }
        }
        pieces.append(s[start...])
        return pieces
    }

    /// Python's `str.strip()`: drops leading and trailing characters that Python calls space.
    static func pythonStrip(_ s: Substring) -> Substring {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isPythonSpace($0) }) else { return s[s.endIndex...] }
        let last = scalars.lastIndex(where: { !isPythonSpace($0) })!
        return Substring(scalars[first...last])
    }

    static func isPythonSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}

/// Entity spans of a result against gold spans, per type, as score_pd1998.py counts them:
/// exact (start, end) matches, each side a set.
public enum EntitySpanScorer {
    public static let types: [Entity.Kind] = [.person, .place, .organization]

    public static func score(_ predicted: [Entity], gold: [EntitySpan], types: [Entity.Kind] = types) -> [Entity.Kind: Counts] {
        var counts: [Entity.Kind: Counts] = [:]
        for type in types {
            let g = Set(gold.filter { $0.type == type }.map { [$0.start, $0.end] })
            let p = Set(predicted.filter { $0.type == type }.map { [$0.start, $0.end] })
            counts[type] = Counts(tp: g.intersection(p).count, fp: p.subtracting(g).count, fn: g.subtracting(p).count)
        }
        return counts
    }
}
