/// Finds the element holding the article body, the way news extractors do: first the article
/// containers of common CMSs, else readability-style scoring. Every paragraph (the text of a
/// block up to a `<br>`) with enough characters scores by its length and punctuation (prose has commas; menus do not) and passes
/// the score to its parent, grandparent and great-grandparent; a candidate's score is then cut
/// by its link density and weighted by its id/class (a class that says article counts in full only
/// on a block with prose, not on a listing's teasers). The best candidate is the body, with the
/// siblings that score close to it (pages that wrap each paragraph in its own block). Blocks whose
/// id/class says comments, related links, cookie notices, bylines and the like do not score, nor
/// do elements a class hides (the other pages of a paginated article). A page whose prose is one
/// block hidden by style (shown by a script) is read with its hidden text. An article in
/// fragments under the page's one `<article>` is read from the fragments' nearest ancestor
/// holding most of its paragraphs.
struct ArticleBodyFinder {
    struct Choice {
        /// The body: one element, or several siblings in document order.
        let nodes: [Int]
        /// `container` (a known CMS container) or `density` (scoring).
        let method: String
        /// The body is hidden by style until a script shows it: render hidden text.
        let revealHidden: Bool
        var node: Int { nodes[0] }
    }

    let document: HTMLDocument

    /// Content characters (letters, ideographs, digits) per subtree, and those inside links.
    private(set) var chars: [Int] = []
    private(set) var linkChars: [Int] = []
    /// Clause punctuation per subtree (prose has it; menus, players and link lists do not).
    private(set) var punctuation: [Int] = []
    /// Text nodes per subtree.
    private(set) var textNodes: [Int] = []
    /// The subtree holds an `<article>` or `<main>` (or their roles): a page wrapper, never furniture.
    private(set) var holdsArticle: [Bool] = []

    init(document: HTMLDocument) {
        self.document = document
    }

    mutating func find() -> Choice? {
        var hiddenChars = 0
        let choice = find(revealHidden: false, hiddenChars: &hiddenChars)
        // A hidden block whose text outweighs all the visible unlinked text is the article a
        // script shows (not a carousel's other slides, each smaller than the page's text).
        let visible = chars.indices.filter { document.nodes[$0].parent < 0 }.reduce(0) { $0 + chars[$1] - linkChars[$1] }
        guard hiddenChars >= 200, hiddenChars > visible else { return choice }
        return find(revealHidden: true, hiddenChars: &hiddenChars)
    }

    private mutating func find(revealHidden: Bool, hiddenChars: inout Int) -> Choice? {
        let nodes = document.nodes
        let n = nodes.count
        guard n > 0 else { return nil }
        var ignored = [Bool](repeating: false, count: n)
        var tagIgnored = [Bool](repeating: false, count: n)
        var styleHidden = [Bool](repeating: false, count: n)
        // The outermost hidden element around each node, and the text of each hidden block.
        var hiddenBlock = [Int](repeating: -1, count: n)
        var hiddenBlockChars: [Int: Int] = [:]
        var inLink = [Bool](repeating: false, count: n)
        var nearestBlock = [Int](repeating: -1, count: n)
        var hasBlockChild = [Bool](repeating: false, count: n)
        // Paragraphs: the text of a block up to a <br> or the block's end, scored as it closes.
        var segmentChars = [Int](repeating: 0, count: n)
        var segmentIdeographs = [Int](repeating: 0, count: n)
        var segmentPunctuation = [Int](repeating: 0, count: n)
        var points = [Double](repeating: 0, count: n)
        var segments = [Int](repeating: 0, count: n)
        chars = [Int](repeating: 0, count: n)
        linkChars = [Int](repeating: 0, count: n)
        punctuation = [Int](repeating: 0, count: n)
        textNodes = [Int](repeating: 0, count: n)
        holdsArticle = nodes.map { ["article", "main"].contains($0.tag) || ["article", "main"].contains($0.attributes["role"]?.lowercased() ?? "") }
        hiddenChars = 0
        // readability scores paragraphs of 25 characters; an ideograph weighs two and a half
        // letters (ten make a sentence), so a date or a price line in a table does not score.
        func closeSegment(_ b: Int) {
            if 2 * (segmentChars[b] - segmentIdeographs[b]) + 5 * segmentIdeographs[b] >= 50 {
                points[b] += 1 + Double(segmentPunctuation[b]) + Double(min(segmentChars[b] / 100, 3))
                segments[b] += 1
            }
            segmentChars[b] = 0
            segmentIdeographs[b] = 0
            segmentPunctuation[b] = 0
        }

        // Parents come before children, so one forward pass inherits from the parent.
        for i in 0..<n {
            let node = nodes[i]
            let p = node.parent
            if p >= 0 {
                ignored[i] = ignored[p]
                tagIgnored[i] = tagIgnored[p]
                styleHidden[i] = styleHidden[p]
                hiddenBlock[i] = hiddenBlock[p]
                inLink[i] = inLink[p] || nodes[p].tag == "a"
                nearestBlock[i] = Self.isScoringBlock(nodes[p].tag) ? p : nearestBlock[p]
            }
            if !node.isText {
                if BlockRenderer.isNeverText(node) { tagIgnored[i] = true }
                if BlockRenderer.isHidden(node), !styleHidden[i] {
                    styleHidden[i] = true
                    hiddenBlock[i] = i
                }
                if tagIgnored[i] || (styleHidden[i] && !revealHidden) { ignored[i] = true }
                if !ignored[i], nearestBlock[i] >= 0 {
                    if node.tag == "br" { closeSegment(nearestBlock[i]) }
                    if Self.isScoringBlock(node.tag) { hasBlockChild[nearestBlock[i]] = true }
                }
                continue
            }
            if ignored[i] && (tagIgnored[i] || inLink[i]) { continue }
            var c = 0
            var ideographs = 0
            var clauses = 0
            for s in node.text.unicodeScalars {
                if Self.isContent(s) {
                    c += 1
                    if s.value >= 0x3040 { ideographs += 1 }  // kana, CJK, Hangul
                } else if Self.isClausePunctuation(s) { clauses += 1 }
            }
            if ignored[i] {
                if hiddenBlock[i] >= 0 { hiddenBlockChars[hiddenBlock[i], default: 0] += c }
                continue
            }
            chars[i] = c
            punctuation[i] = clauses
            textNodes[i] = c > 0 ? 1 : 0
            if inLink[i] { linkChars[i] = c }
            if !inLink[i], nearestBlock[i] >= 0 {
                segmentChars[nearestBlock[i]] += c
                segmentIdeographs[nearestBlock[i]] += ideographs
                segmentPunctuation[nearestBlock[i]] += clauses
            }
        }
        hiddenChars = hiddenBlockChars.values.max() ?? 0
        for b in 0..<n where segmentChars[b] > 0 { closeSegment(b) }
        for i in stride(from: n - 1, through: 0, by: -1) where nodes[i].parent >= 0 {
            let p = nodes[i].parent
            chars[p] += chars[i]
            linkChars[p] += linkChars[i]
            punctuation[p] += punctuation[i]
            textNodes[p] += textNodes[i]
            if holdsArticle[i] { holdsArticle[p] = true }
        }

        // Blocks inside furniture (comments, related links, cookie notices, video players) do not score.
        var unlikely = [Bool](repeating: false, count: n)
        for i in 0..<n where !nodes[i].isText {
            unlikely[i] = (nodes[i].parent >= 0 && unlikely[nodes[i].parent]) || isUnlikely(i)
        }
        var subtreePoints = points
        var paragraphs = segments
        for i in stride(from: n - 1, through: 0, by: -1) where nodes[i].parent >= 0 && !ignored[i] && !unlikely[i] {
            subtreePoints[nodes[i].parent] += subtreePoints[i]
            paragraphs[nodes[i].parent] += paragraphs[i]
        }

        if let container = knownContainer(ignored: ignored) {
            return Choice(nodes: [container], method: "container", revealHidden: revealHidden)
        }

        // A block's paragraphs score for its parent, grandparent (half) and great-grandparent
        // (a third); a block that mixes its own text with child blocks (text and <br> around
        // images and widgets) is itself the first level, as readability wraps such text in <p>.
        var score: [Int: Double] = [:]
        for b in 0..<n where points[b] > 0 && !ignored[b] && !unlikely[b] {
            var ancestor = hasBlockChild[b] ? b : nodes[b].parent
            var level = 0
            while ancestor >= 0, level < 3 {
                if nodes[ancestor].tag == "html" { break }
                if score[ancestor] == nil { score[ancestor] = initialScore(ancestor, points: subtreePoints[ancestor]) }
                score[ancestor]! += points[b] / Double(level == 0 ? 1 : level == 1 ? 2 : level * 3)
                ancestor = nodes[ancestor].parent
                level += 1
            }
        }
        var best: (node: Int, score: Double)?
        func finalScore(_ node: Int) -> Double? { score[node].map { $0 * (1 - linkDensity(node)) } }
        for node in score.keys {
            let final = finalScore(node)!
            if best == nil || final > best!.score || (final == best!.score && node > best!.node) { best = (node, final) }
        }
        guard let top = best else { return nil }
        var chosen = top.node
        // readability's better top candidate: when three of the next best candidates score within
        // a quarter of the best, the nearest ancestor holding three of them is the body (an
        // article split into pages or sections beside a block that outscores each part).
        let candidates: [(node: Int, score: Double)] = score.keys.filter { $0 != top.node }.map { ($0, finalScore($0)!) }
        let ranked = candidates.sorted { a, b in a.score != b.score ? a.score > b.score : a.node > b.node }
        // Candidates inside the best one are already in it: only those outside can widen it.
        let runnersUp: [Int] = ranked.filter { !(top.node < $0.node && $0.node < nodes[top.node].end) }
            .prefix(4).filter { $0.score >= 0.75 * top.score }.map(\.node)
        if runnersUp.count >= 3 {
            var ancestor = nodes[chosen].parent
            while ancestor >= 0, !["body", "html"].contains(nodes[ancestor].tag) {
                let a = ancestor
                if runnersUp.filter({ $0 > a && $0 < nodes[a].end }).count >= 3 {
                    chosen = a
                    break
                }
                ancestor = nodes[a].parent
            }
        }
        // A positive class on a wrapper can outscore the body inside it: go down to a child that
        // holds most of the paragraphs (three quarters of the points, at least half of them and
        // two or more), leaving the wrapper's title, info line and teasers out.
        while let child = document.children(of: chosen).first(where: { c in
            !nodes[c].isText && subtreePoints[c] >= 0.75 * subtreePoints[chosen]
                && paragraphs[c] >= 2 && 2 * paragraphs[c] >= paragraphs[chosen]
        }) {
            chosen = child
        }
        // An article split into fragments (groups of paragraphs between photos and ad slots, at
        // different depths) under the page's one <article>: when the chosen fragment holds less
        // than two thirds of the <article>'s paragraph points, the body is its nearest ancestor
        // that holds two thirds (the header above the text stays out).
        let articles = nodes.indices.filter { nodes[$0].tag == "article" && !ignored[$0] }
        if articles.count == 1, let article = articles.first, article < chosen, chosen < nodes[article].end,
           3 * subtreePoints[chosen] < 2 * subtreePoints[article], linkDensity(article) < 0.3 {
            var body = nodes[chosen].parent
            while body != article, 3 * subtreePoints[body] < 2 * subtreePoints[article] { body = nodes[body].parent }
            return Choice(nodes: [body], method: "density", revealHidden: revealHidden)
        }
        return Choice(nodes: siblingsJoining(chosen, score: finalScore), method: "density", revealHidden: revealHidden)
    }

    /// The chosen block and the siblings that belong to the same article, as readability joins
    /// them: a sibling scoring at least a fifth of the chosen one (more easily with the same
    /// class), or a paragraph of prose with few links.
    private func siblingsJoining(_ chosen: Int, score: (Int) -> Double?) -> [Int] {
        let nodes = document.nodes
        let parent = nodes[chosen].parent
        guard parent >= 0, let top = score(chosen) else { return [chosen] }
        let threshold = max(10, top * 0.2)
        let chosenClass = nodes[chosen].attributes["class"] ?? ""
        return document.children(of: parent).filter { sibling in
            if sibling == chosen { return true }
            let node = nodes[sibling]
            guard !node.isText, !BlockRenderer.isNeverText(node), !BlockRenderer.isHidden(node),
                  !isUnlikely(sibling), chars[sibling] > 0 else { return false }
            let bonus = !chosenClass.isEmpty && node.attributes["class"] == chosenClass ? top * 0.2 : 0
            if let s = score(sibling), s + bonus >= threshold { return true }
            guard node.tag == "p" else { return false }
            let density = linkDensity(sibling)
            return chars[sibling] >= 80 ? density < 0.25 : density == 0 && punctuation[sibling] > 0
        }
    }

    /// A block inside the body that is page furniture rather than article (readability's
    /// conditional cleaning): its id/class says chrome; or, with little prose punctuation, links
    /// make up much of its text, or it is a run of short unpunctuated items (menus,
    /// video-player controls).
    func isBoilerplate(_ node: Int) -> Bool {
        let element = document.nodes[node]
        guard PageVocabulary.cleanedTags.contains(element.tag), !holdsArticle[node] else { return false }
        let weight = Self.classWeight(element)
        if weight < 0 || isUnlikely(node) { return true }
        guard punctuation[node] < 10 else { return false }
        let density = linkDensity(node)
        if density > (weight >= 25 ? 0.75 : 0.5), chars[node] > 0 { return true }
        // Tables and definition lists may be name lists of the article itself.
        guard element.tag != "table", element.tag != "dl" else { return false }
        return textNodes[node] >= 4 && 5 * punctuation[node] <= textNodes[node] && chars[node] < 8 * textNodes[node]
    }

    /// readability's unlikely candidates: an id/class, role or tag of page furniture (comments,
    /// related links, cookie notices, navigation) unless it also says article or content.
    /// Some hints say furniture whatever else the id/class says (`recommend-content`).
    func isUnlikely(_ i: Int) -> Bool {
        let node = document.nodes[i]
        guard PageVocabulary.cleanedTags.contains(node.tag) || node.tag == "li", !holdsArticle[i] else { return false }
        if PageVocabulary.furnitureTags.contains(node.tag) { return true }
        if let role = node.attributes["role"]?.lowercased(), PageVocabulary.furnitureRoles.contains(role) { return true }
        let hint = ((node.attributes["id"] ?? "") + " " + (node.attributes["class"] ?? "")).lowercased()
        guard hint.count > 1 else { return false }
        if PageVocabulary.furnitureHints.contains(where: hint.contains) { return true }
        guard PageVocabulary.unlikelyHints.contains(where: hint.contains) else { return false }
        return !PageVocabulary.maybeCandidateHints.contains(where: hint.contains)
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

    /// The tag's and the id/class's score. A class that says article or content counts in full
    /// only on a block with some prose: on a teaser of a listing (`article__list`, one title and
    /// a date) it would outweigh the article itself, so it is held to twice the block's points.
    private func initialScore(_ node: Int, points: Double) -> Double {
        let tagScore: Double
        switch document.nodes[node].tag {
        case "div", "article", "section", "main": tagScore = 5
        case "pre", "td", "blockquote": tagScore = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": tagScore = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": tagScore = -5
        default: tagScore = 0
        }
        let weight = Self.classWeight(document.nodes[node])
        return tagScore + (weight > 0 ? min(weight, 2 * points) : weight)
    }

    /// +25 for id/class hints of an article, -25 for hints of page chrome. Utility classes
    /// (`text-sm`, `md:flex`) style any box and say nothing of its role: they are left out.
    static func classWeight(_ node: HTMLDocument.Node) -> Double {
        var weight = 0.0
        for value in [node.attributes["id"], node.attributes["class"].map(PageVocabulary.roleClasses)] {
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
        case "，", "。", "、", "；", "！", "？", ",", ";", "،", "؛": return true
        default: return false
        }
    }
}
