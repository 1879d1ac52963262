/// ``RuleNode`` as text, for the build tool to embed the parsed built-in rule files: a node is
/// its kind, line and size, then its contents. `s` style line `,` byte count `:` UTF-8 text;
/// `m` line `,` pair count `:` then key, value, key, value…; `q` line `,` item count `:` then
/// the items.
extension RuleNode {
    public var encoded: String {
        var out = ""
        encode(into: &out)
        return out
    }

    private func encode(into out: inout String) {
        switch value {
        case let .scalar(s, style):
            out += "s\(style)\(line),\(s.utf8.count):"
            out += s
        case let .mapping(keys, values):
            out += "m\(line),\(keys.count):"
            for k in keys.indices {
                keys[k].encode(into: &out)
                values[k].encode(into: &out)
            }
        case let .sequence(items):
            out += "q\(line),\(items.count):"
            for item in items { item.encode(into: &out) }
        }
    }

    /// The node ``encoded`` wrote, or nil if `text` is not such a node.
    public init?(encoded text: String) {
        var text = text
        guard let node = text.withUTF8({ bytes -> RuleNode? in
            var reader = Reader(bytes: bytes)
            guard let node = reader.node(), reader.i == bytes.count else { return nil }
            return node
        }) else { return nil }
        self = node
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        mutating func node() -> RuleNode? {
            guard i < bytes.count else { return nil }
            let kind = bytes[i]
            i += 1
            var style: UInt32 = 0
            if kind == UInt8(ascii: "s") {
                guard i < bytes.count else { return nil }
                style = UInt32(bytes[i] &- UInt8(ascii: "0"))
                i += 1
            }
            guard let line = number(until: UInt8(ascii: ",")), let size = number(until: UInt8(ascii: ":")) else { return nil }
            switch kind {
            case UInt8(ascii: "s"):
                guard size <= bytes.count - i else { return nil }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<(i + size)]), as: UTF8.self)
                i += size
                return RuleNode(.scalar(text, style: style), line: line)
            case UInt8(ascii: "m"):
                var keys: [RuleNode] = [], values: [RuleNode] = []
                keys.reserveCapacity(size)
                values.reserveCapacity(size)
                for _ in 0..<size {
                    guard let k = node(), let v = node() else { return nil }
                    keys.append(k)
                    values.append(v)
                }
                return RuleNode(.mapping(keys: keys, values: values), line: line)
            case UInt8(ascii: "q"):
                var items: [RuleNode] = []
                items.reserveCapacity(size)
                for _ in 0..<size {
                    guard let item = node() else { return nil }
                    items.append(item)
                }
                return RuleNode(.sequence(items), line: line)
            default:
                return nil
            }
        }

        /// A decimal number ended by `end`.
        mutating func number(until end: UInt8) -> Int? {
            var n = 0
            let start = i
            while i < bytes.count, bytes[i] != end {
                let d = Int(bytes[i]) - Int(UInt8(ascii: "0"))
                guard d >= 0, d <= 9, n < Int.max / 10 - 9 else { return nil }
                n = n * 10 + d
                i += 1
            }
            guard i < bytes.count, i > start else { return nil }
            i += 1
            return n
        }
    }
}
