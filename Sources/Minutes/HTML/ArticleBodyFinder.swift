/// Finds the element holding the article body, the way news extractors do: first the article
/// containers of common CMSs, else readability-style scoring. Every paragraph (the text of a
/// block up to a `<br>`) with enough characters scores by its length and punctuation (prose has commas; menus do not) and passes
/// the score to its parent, grandparent and great-grandparent; a candidate's score is then cut
/// by its link density and weighted by its id/class. The best candidate is the body.
struct ArticleBodyFinder {
    struct Choice {
        let node: Int
        /// `container` (a known CMS container) or `density` (scoring).
        let method: String
    }

    let document: HTMLDocument

    /// Content characters (letters, ideographs, digits) per subtree, and those inside links.
    private(set) var chars: [Int] = []
    private(set) var linkChars: [Int] = []

    init(document: HTMLDocument) {
        self.document = document
    }

    mutating func find() -> Choice? {
        let nodes = document.nodes
        let n = nodes.count
        guard n > 0 else { return nil }
        var ignored = [Bool](repeating: false, count: n)
        var inLink = [Bool](repeating: false, count: n)
        var nearestBlock = [Int](repeating: -1, count: n)
        var hasBlockChild = [Bool](repeating: false, count: n)
        // Paragraphs: the text of a block up to a <br> or the block's end, scored as it closes.
        var segmentChars = [Int](repeating: 0, count: n)
        var segmentPunctuation = [Int](repeating: 0, count: n)
        var points = [Double](repeating: 0, count: n)
        var segments = [Int](repeating: 0, count: n)
        chars = [Int](repeating: 0, count: n)
        linkChars = [Int](repeating: 0, count: n)
        func closeSegment(_ b: Int) {
            if segmentChars[b] >= 10 {
                points[b] += 1 + Double(segmentPunctuation[b]) + Double(min(segmentChars[b] / 100, 3))
                segments[b] += 1
            }
            segmentChars[b] = 0
            segmentPunctuation[b] = 0
        }

        // Parents come before children, so one forward pass inherits from the parent.
        for i in 0..<n {
            let node = nodes[i]
            let p = node.parent
            if p >= 0 {
                ignored[i] = ignored[p]
                inLink[i] = inLink[p] || nodes[p].tag == "a"
                nearestBlock[i] = Self.isScoringBlock(nodes[p].tag) ? p : nearestBlock[p]
            }
            if !node.isText {
                if PageVocabulary.ignoredTags.contains(node.tag) || BlockRenderer.isHidden(node) { ignored[i] = true }
                if !ignored[i], nearestBlock[i] >= 0 {
                    if node.tag == "br" { closeSegment(nearestBlock[i]) }
                    if Self.isScoringBlock(node.tag) { hasBlockChild[nearestBlock[i]] = true }
                }
                continue
            }
            guard !ignored[i] else { continue }
            var c = 0
            var punctuation = 0
            for s in node.text.unicodeScalars {
                if Self.isContent(s) { c += 1 } else if Self.isClausePunctuation(s) { punctuation += 1 }
            }
            chars[i] = c
            if inLink[i] { linkChars[i] = c }
            if !inLink[i], nearestBlock[i] >= 0 {
                segmentChars[nearestBlock[i]] += c
                segmentPunctuation[nearestBlock[i]] += punctuation
            }
        }
        for b in 0..<n where segmentChars[b] > 0 { closeSegment(b) }
        var subtreePoints = points
        var paragraphs = segments
        for i in stride(from: n - 1, through: 0, by: -1) where nodes[i].parent >= 0 {
            let p = nodes[i].parent
            chars[p] += chars[i]
            linkChars[p] += linkChars[i]
            if !ignored[i] {
                subtreePoints[p] += subtreePoints[i]
                paragraphs[p] += paragraphs[i]
            }
        }

        if let container = knownContainer(ignored: ignored) {
            return Choice(node: container, method: "container")
        }

        // A block's paragraphs score for its parent, grandparent (half) and great-grandparent
        // (a third); a block that mixes its own text with child blocks (text and <br> around
        // images and widgets) is itself the first level, as readability wraps such text in <p>.
        var score: [Int: Double] = [:]
        for b in 0..<n where points[b] > 0 && !ignored[b] {
            var ancestor = hasBlockChild[b] ? b : nodes[b].parent
            var level = 0
            while ancestor >= 0, level < 3 {
                if nodes[ancestor].tag == "html" { break }
                if score[ancestor] == nil { score[ancestor] = initialScore(ancestor) }
                score[ancestor]! += points[b] / Double(level == 0 ? 1 : level == 1 ? 2 : level * 3)
                ancestor = nodes[ancestor].parent
                level += 1
            }
        }
        var best: (node: Int, score: Double)?
        for (node, s) in score {
            let final = s * (1 - linkDensity(node))
            if best == nil || final > best!.score || (final == best!.score && node > best!.node) { best = (node, final) }
        }
        guard var chosen = best?.node else { return nil }
        // A positive class on a wrapper can outscore the body inside it: go down to a child that
        // holds most of the paragraphs (three quarters of the points, at least half of them and
        // two or more), leaving the wrapper's title, info line and teasers out.
        while let child = document.children(of: chosen).first(where: { c in
            !nodes[c].isText && subtreePoints[c] >= 0.75 * subtreePoints[chosen]
                && paragraphs[c] >= 2 && 2 * paragraphs[c] >= paragraphs[chosen]
        }) {
            chosen = child
        }
        return Choice(node: chosen, method: "density")
    }

    /// Links' share of a subtree's characters.
    func linkDensity(_ node: Int) -> Double {
        chars[node] == 0 ? 0 : Double(linkChars[node]) / Double(chars[node])
    }

    /// The best known CMS container with some text: the deepest among those scoring within 90%
    /// of the best (an outer `#zoom` and the inner `.TRS_Editor` hold the same text).
    private func knownContainer(ignored: [Bool]) -> Int? {
        var matches: [(node: Int, score: Double)] = []
        for (i, node) in document.nodes.enumerated() where !node.isText && !ignored[i] {
            let id = node.attributes["id"]?.lowercased() ?? ""
            let classes = (node.attributes["class"] ?? "").lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            guard PageVocabulary.containerIDs.contains(id) || classes.contains(where: { PageVocabulary.containerClasses.contains(String($0)) }) else { continue }
            let s = Double(chars[i] - linkChars[i])
            if s >= 20 { matches.append((i, s)) }
        }
        guard let top = matches.map(\.score).max() else { return nil }
        return matches.filter { $0.score >= 0.9 * top }.max { depth($0.node) < depth($1.node) }?.node
    }

    private func depth(_ node: Int) -> Int {
        var d = 0
        var p = document.nodes[node].parent
        while p >= 0 {
            d += 1
            p = document.nodes[p].parent
        }
        return d
    }

    private func initialScore(_ node: Int) -> Double {
        let tagScore: Double
        switch document.nodes[node].tag {
        case "div", "article", "section", "main": tagScore = 5
        case "pre", "td", "blockquote": tagScore = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": tagScore = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": tagScore = -5
        default: tagScore = 0
        }
        return tagScore + Self.classWeight(document.nodes[node])
    }

    /// +25 for id/class hints of an article, -25 for hints of page chrome.
    static func classWeight(_ node: HTMLDocument.Node) -> Double {
        var weight = 0.0
        for value in [node.attributes["id"], node.attributes["class"]] {
            guard let v = value?.lowercased(), !v.isEmpty else { continue }
            if PageVocabulary.negativeHints.contains(where: v.contains) { weight -= 25 }
            if PageVocabulary.positiveHints.contains(where: v.contains) { weight += 25 }
        }
        return weight
    }

    static func isScoringBlock(_ tag: String) -> Bool {
        tag != "html" && tag != "title" && (PageVocabulary.blockTags.contains(tag) || PageVocabulary.cellTags.contains(tag))
    }

    /// Letters, ideographs and digits (the common ranges without a Unicode property lookup).
    static func isContent(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x3400...0x4DBF, 0x4E00...0x9FFF: return true
        case 0...0x7F, 0x3000...0x303F, 0xFF00...0xFF0F, 0xFF1A...0xFF20: return false
        default: return s.properties.isAlphabetic || s.properties.numericType != nil
        }
    }

    static func isClausePunctuation(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "，", "。", "、", "；", "！", "？", ",", ";": return true
        default: return false
        }
    }
}
