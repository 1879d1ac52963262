/// Writes JSON straight to bytes, keys in the order they are written, in the format of
/// ``OrderedJSONEncoder`` (compact, or pretty with two-space indents; Chinese as is, `/` not
/// escaped). The output types write themselves through ``JSONWritable``, which spares the
/// tree of nodes the Codable path builds per value.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    let pretty: Bool
    private var depth = 0
    /// Whether the innermost open container has no element yet.
    private var empty = true

    public init(pretty: Bool = false, capacity: Int = 4096) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts an object member: the value written next is its value. Keys are plain ASCII
    /// names (nothing to escape), written as they are.
    public mutating func key(_ key: StaticString) {
        element()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
    }

    /// Starts an array element.
    public mutating func element() {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        newline(depth)
    }

    public mutating func null() { bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

    public mutating func string(_ s: String) { Self.writeString(s, to: &bytes) }

    public mutating func number(_ n: Int) {
        guard n >= 0 else {
            bytes.append(contentsOf: String(n).utf8)
            return
        }
        // Digits without a String per number.
        var digits = 1, scale = 1
        while scale <= n / 10 {
            scale *= 10
            digits += 1
        }
        var rest = n
        for _ in 0..<digits {
            bytes.append(0x30 + UInt8(rest / scale))
            rest %= scale
            scale /= 10
        }
    }

    public mutating func bool(_ b: Bool) { bytes.append(contentsOf: (b ? "true" : "false").utf8) }

    /// `"key": value`.
    public mutating func field<T: JSONWritable>(_ key: StaticString, _ value: T) {
        self.key(key)
        value.writeJSON(to: &self)
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        depth += 1
        empty = true
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !empty { newline(depth) }
        bytes.append(bracket)
        empty = false
    }

    private mutating func newline(_ depth: Int) {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string: `"` `\` and control characters escaped, everything else as UTF-8.
    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                switch b {
                case 0x22: out.append(contentsOf: [92, 34])
                case 0x5C: out.append(contentsOf: [92, 92])
                case 0x0A: out.append(contentsOf: [92, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [92, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
                default: out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
                }
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// A value that writes itself as JSON, exactly as its `encode(to:)` does through
/// ``OrderedJSONEncoder`` (which takes this path when the value has it).
public protocol JSONWritable {
    func writeJSON(to writer: inout JSONWriter)
}

extension String: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) { writer.string(self) }
}

extension Int: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) { writer.number(self) }
}

extension Bool: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) { writer.bool(self) }
}

extension Optional: JSONWritable where Wrapped: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        if let self { self.writeJSON(to: &writer) } else { writer.null() }
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginArray()
        for e in self {
            writer.element()
            e.writeJSON(to: &writer)
        }
        writer.endArray()
    }
}
