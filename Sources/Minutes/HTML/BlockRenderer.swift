/// Lays out the text of an HTML subtree as a browser would, line by line: block elements and
/// `<br>` break lines, table cells are separated by a space, whitespace collapses (and a line
/// break between two Chinese characters disappears, as CSS does for CJK).
struct BlockRenderer {
    struct Line {
        var text: String
        /// Index of the first text node of the line.
        var node: Int
    }

    let document: HTMLDocument

    /// The lines of the subtree at `root` (or of the whole document when nil), leaving out
    /// ignored elements, hidden ones unless `revealHidden`, and the subtrees for which `skip` is true.
    func lines(of root: Int? = nil, revealHidden: Bool = false, skip: (Int) -> Bool = { _ in false }) -> [Line] {
        let nodes = document.nodes
        let range = root.map { $0..<nodes[$0].end } ?? 0..<nodes.count
        var lines: [Line] = []
        var current: [Unicode.Scalar] = []
        var currentNode = -1
        var preformatted = 0
        var closers: [(end: Int, block: Bool, pre: Bool)] = []

        func flush() {
            if currentNode >= 0 {
                let text = Self.collapse(current)
                if !text.isEmpty { lines.append(Line(text: text, node: currentNode)) }
            }
            current.removeAll(keepingCapacity: true)
            currentNode = -1
        }
        func close(upTo i: Int) {
            while let last = closers.last, last.end <= i {
                closers.removeLast()
                if last.pre { preformatted -= 1 }
                if last.block { flush() }
            }
        }

        var i = range.lowerBound
        while i < range.upperBound {
            close(upTo: i)
            let node = nodes[i]
            if node.isText {
                if currentNode < 0 { currentNode = i }
                if preformatted > 0 {
                    for s in node.text.unicodeScalars {
                        if s == "\n" { flush(); currentNode = i } else { current.append(s == "\t" ? " " : s) }
                    }
                } else {
                    current.append(contentsOf: node.text.unicodeScalars)
                }
                i += 1
                continue
            }
            if Self.isNeverText(node) || (!revealHidden && Self.isHidden(node)) || skip(i) {
                i = node.end
                continue
            }
            if node.tag == "br" {
                flush()
            } else if PageVocabulary.cellTags.contains(node.tag) {
                current.append(" ")
            }
            let block = PageVocabulary.blockTags.contains(node.tag)
            if block { flush() }
            let pre = node.tag == "pre" || node.tag == "textarea"
            if pre { preformatted += 1 }
            closers.append((node.end, block, pre))
            i += 1
        }
        close(upTo: Int.max)
        flush()
        return lines
    }

    /// Elements whose content is never text: scripts, styles, controls, and elements hidden by class.
    static func isNeverText(_ node: HTMLDocument.Node) -> Bool {
        PageVocabulary.ignoredTags.contains(node.tag) || isHiddenByClass(node)
    }

    /// Hidden until a script shows it: `style="display:none"` (or invisible: `visibility:hidden`,
    /// `opacity:0`, a carousel's other slides) and the `hidden` attribute.
    static func isHidden(_ node: HTMLDocument.Node) -> Bool {
        if node.attributes["hidden"] != nil { return true }
        guard let style = node.attributes["style"]?.lowercased() else { return false }
        let compact = style.filter { $0 != " " }
        return compact.contains("display:none") || compact.contains("visibility:hidden")
            || compact.split(separator: ";").contains { $0 == "opacity:0" || $0.hasPrefix("opacity:0!") }
    }

    /// Never shown as text: a class that hides (`hidden`, `item-page_hidden`: the other pages of
    /// a paginated article) unless another class shows the element at some screen width
    /// (`hidden md:block`), or text for screen readers only (`sr-only`).
    static func isHiddenByClass(_ node: HTMLDocument.Node) -> Bool {
        // A page-wide state flag on <body> (`menu_hidden`) hides no text.
        guard node.tag != "body", node.tag != "html", let classes = node.attributes["class"]?.lowercased() else { return false }
        let tokens = classes.split { $0 == " " || $0 == "\t" || $0 == "\n" }
        guard tokens.contains(where: { t in
            PageVocabulary.hidingClasses.contains(String(t)) || PageVocabulary.hidingClassEnds.contains(where: t.hasSuffix)
        }) else { return false }
        return !tokens.contains { $0.contains(":") || PageVocabulary.showingClassStarts.contains(where: $0.hasPrefix) }
    }

    /// Collapses whitespace runs to one space (none between two CJK characters when the run
    /// held a line break) and trims the line, full-width spaces included.
    static func collapse(_ scalars: [Unicode.Scalar]) -> String {
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            guard isCollapsible(s) else {
                out.append(s)
                i += 1
                continue
            }
            var j = i
            var lineBreak = false
            while j < scalars.count, isCollapsible(scalars[j]) {
                if scalars[j] == "\n" || scalars[j] == "\r" { lineBreak = true }
                j += 1
            }
            let before = out.last
            let after = j < scalars.count ? scalars[j] : nil
            if let before, let after, !(lineBreak && isWide(before) && isWide(after)) {
                out.append(" ")
            }
            i = j
        }
        var text = String(out)
        while let f = text.unicodeScalars.first, isEdgeSpace(f) { text.unicodeScalars.removeFirst() }
        while let l = text.unicodeScalars.last, isEdgeSpace(l) { text.unicodeScalars.removeLast() }
        return text
    }

    /// HTML whitespace, plus the no-break space pages use for indentation.
    static func isCollapsible(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{0C}" || s == "\u{A0}"
    }

    static func isEdgeSpace(_ s: Unicode.Scalar) -> Bool {
        isCollapsible(s) || s == "\u{3000}" || s.properties.isWhitespace
    }

    /// CJK ideographs and full-width punctuation, between which a source line break is no space.
    static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF: return true
        default: return false
        }
    }
}
