import HTMLShim

/// An HTML page parsed by libxml2's HTML parser (through the C shim), as a flat array of
/// nodes in document order. Each node knows its parent and where its subtree ends, so every
/// walk over the tree is a loop: pages nested 100,000 levels deep are fine.
public struct HTMLDocument: Sendable {
    public struct Node: Sendable {
        /// Lowercase element name; empty for a text node.
        public let tag: String
        /// The text of a text node (entities resolved); empty for elements.
        public let text: String
        /// Attributes with lowercase names (the first of duplicates wins).
        public let attributes: [String: String]
        /// Index of the parent element, -1 for top-level nodes.
        public let parent: Int
        /// Index just past the last node of this node's subtree.
        public internal(set) var end: Int

        public var isText: Bool { tag.isEmpty }
    }

    public let nodes: [Node]

    /// Parses UTF-8 HTML. Whatever the markup, this gives a tree (libxml2 recovers from errors);
    /// it is empty only when there is nothing to parse.
    public init(html: String) {
        var source = html
        let events: [UInt8] = source.withUTF8 { utf8 in
            var length: Int64 = 0
            guard let base = utf8.baseAddress,
                  let buffer = minutes_html_parse(UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int64(utf8.count), &length)
            else { return [] }
            defer { minutes_html_free(buffer) }
            return Array(UnsafeBufferPointer(start: buffer, count: Int(length)))
        }
        nodes = Self.nodes(from: events)
    }

    /// Builds the node array from the shim's event stream (see html_shim.h).
    static func nodes(from events: [UInt8]) -> [Node] {
        var nodes: [Node] = []
        var open: [Int] = []
        var i = 0
        func u32() -> Int {
            guard i + 4 <= events.count else { i = events.count; return 0 }
            let v = Int(events[i]) | Int(events[i + 1]) << 8 | Int(events[i + 2]) << 16 | Int(events[i + 3]) << 24
            i += 4
            return v
        }
        func string() -> String {
            let n = min(u32(), events.count - i)
            defer { i += n }
            return String(decoding: events[i..<(i + n)], as: UTF8.self)
        }
        while i < events.count {
            let tag = events[i]
            i += 1
            switch Int(tag) {
            case Int(MINUTES_HTML_OPEN):
                let name = string().lowercased()
                var attributes: [String: String] = [:]
                for _ in 0..<u32() {
                    let key = string().lowercased()
                    let value = string()
                    if attributes[key] == nil { attributes[key] = value }
                }
                nodes.append(Node(tag: name.isEmpty ? "?" : name, text: "", attributes: attributes, parent: open.last ?? -1, end: 0))
                open.append(nodes.count - 1)
            case Int(MINUTES_HTML_CLOSE):
                if let e = open.popLast() { nodes[e].end = nodes.count }
            case Int(MINUTES_HTML_TEXT):
                let text = string()
                nodes.append(Node(tag: "", text: text, attributes: [:], parent: open.last ?? -1, end: nodes.count + 1))
            default:
                i = events.count  // a stream we do not understand: keep what we have
            }
        }
        while let e = open.popLast() { nodes[e].end = nodes.count }
        return nodes
    }

    /// Indices of the element children of `index`, in order.
    public func children(of index: Int) -> [Int] {
        var out: [Int] = []
        var c = index + 1
        while c < nodes[index].end {
            out.append(c)
            c = nodes[c].end
        }
        return out
    }

    /// The concatenated text of a subtree (no layout), for short elements such as `<title>`.
    public func rawText(of index: Int) -> String {
        var s = ""
        for n in nodes[index..<nodes[index].end] where n.isText { s += n.text }
        return s
    }
}
