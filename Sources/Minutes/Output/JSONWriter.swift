/// Writes JSON straight to bytes, keys in the order they are written, in the format of
/// ``OrderedJSONEncoder`` (compact, or pretty with two-space indents; Chinese as is, `/` not
/// escaped). The output types write themselves through ``JSONWritable``, which spares the
/// tree of nodes the Codable path builds per value.
public struct JSONWriter {
    /// The JSON written so far.
    public var bytes: [UInt8] { sink.bytes }
    let pretty: Bool
    private var sink: ByteSink
    private var depth = 0
    /// Whether the innermost open container has no element yet.
    private var empty = true

    public init(pretty: Bool = false, capacity: Int = 4096) {
        self.pretty = pretty
        sink = ByteSink(capacity: capacity)
    }

    /// Value semantics over a shared buffer: a copy of a writer gets its own bytes when written to.
    private mutating func unique() {
        if !isKnownUniquelyReferenced(&sink) { sink = sink.copy() }
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts an object member: the value written next is its value. Keys are plain ASCII
    /// names (nothing to escape), written as they are.
    public mutating func key(_ key: StaticString) {
        element()
        sink.appendKey(key, space: pretty)
    }

    /// Starts an array element.
    public mutating func element() {
        unique()
        if !empty { sink.append(UInt8(ascii: ",")) }
        empty = false
        newline(depth)
    }

    public mutating func null() {
        unique()
        sink.append(contentsOf: "null")
    }

    public mutating func string(_ s: String) {
        unique()
        Self.writeString(s, to: sink)
    }

    public mutating func number(_ n: Int) {
        unique()
        guard n >= 0 else {
            sink.append(contentsOf: String(n))
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
            sink.append(0x30 + UInt8(rest / scale))
            rest %= scale
            scale /= 10
        }
    }

    /// A number given as the JSON digits that stand for it (a numeric record id, as read).
    public mutating func number(digits: String) {
        unique()
        sink.append(contentsOf: digits)
    }

    public mutating func bool(_ b: Bool) {
        unique()
        sink.append(contentsOf: b ? "true" : "false")
    }

    /// `"key": value`.
    public mutating func field<T: JSONWritable>(_ key: StaticString, _ value: T) {
        self.key(key)
        value.writeJSON(to: &self)
    }

    private mutating func open(_ bracket: UInt8) {
        unique()
        sink.append(bracket)
        depth += 1
        empty = true
    }

    private mutating func close(_ bracket: UInt8) {
        unique()
        depth -= 1
        if !empty { newline(depth) }
        sink.append(bracket)
        empty = false
    }

    private mutating func newline(_ depth: Int) {
        guard pretty else { return }
        sink.append(UInt8(ascii: "\n"))
        for _ in 0..<(depth * 2) { sink.append(UInt8(ascii: " ")) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string: `"` `\` and control characters escaped, everything else as UTF-8.
    static func writeString(_ s: String, to out: inout [UInt8]) {
        let sink = ByteSink(capacity: s.utf8.count + 2)
        writeString(s, to: sink)
        out.append(contentsOf: sink.bytes)
    }

    private static func writeString(_ s: String, to out: ByteSink) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            if !JSONBytes.needsEscape(utf8) { return out.append(utf8) }  // nearly every string
            var start = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
                out.append(UnsafeBufferPointer(rebasing: utf8[start..<i]))
                switch b {
                case 0x22: out.append(contentsOf: "\\\"")
                case 0x5C: out.append(contentsOf: "\\\\")
                case 0x0A: out.append(contentsOf: "\\n")
                case 0x0D: out.append(contentsOf: "\\r")
                case 0x09: out.append(contentsOf: "\\t")
                default:
                    out.append(contentsOf: "\\u00")
                    out.append(hex[Int(b >> 4)])
                    out.append(hex[Int(b & 15)])
                }
                start = i + 1
            }
            out.append(UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Byte tests for reading and writing JSON strings, eight bytes at a time.
public enum JSONBytes {
    static let ones: UInt64 = 0x0101_0101_0101_0101

    /// Nonzero when some byte of `word` is a quote, a backslash or a control character (below
    /// 0x20): the bytes a JSON string cannot hold as they are.
    @inlinable @inline(__always)
    public static func special(_ word: UInt64) -> UInt64 {
        // some byte of x is zero ⇔ (x - ones) & ~x has a high bit set
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        return ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- ones &* 0x20) & ~word) & (ones &* 0x80)
    }

    /// Whether the writer must escape some byte (``special(_:)``, or DEL, which it also escapes).
    static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if let base = bytes.baseAddress {
            while i + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let delete = word ^ (ones &* 0x7F)
                if special(word) | ((delete &- ones) & ~delete & (ones &* 0x80)) != 0 { return true }
                i += 8
            }
        }
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F { return true }
            i += 1
        }
        return false
    }
}

/// A growable byte buffer: writes without an Array's uniqueness and capacity checks per byte.
final class ByteSink {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func copy() -> ByteSink {
        let copy = ByteSink(capacity: capacity)
        copy.append(UnsafeBufferPointer(start: base, count: count))
        return copy
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        if bytes.count <= 16 { // keys and most names: a loop beats a call to memmove
            for i in 0..<bytes.count { base[count + i] = source[i] }
        } else {
            (base + count).update(from: source, count: bytes.count)
        }
        count += bytes.count
    }

    /// `"key":` (and a space): one capacity check for the member's whole prefix.
    @inline(__always)
    func appendKey(_ key: StaticString, space: Bool) {
        let n = key.utf8CodeUnitCount
        if count + n + 4 > capacity { grow(to: count + n + 4) }
        let out = base + count, name = key.utf8Start
        out[0] = UInt8(ascii: "\"")
        for i in 0..<n { out[1 + i] = name[i] }
        out[n + 1] = UInt8(ascii: "\"")
        out[n + 2] = UInt8(ascii: ":")
        out[n + 3] = UInt8(ascii: " ")
        count += space ? n + 4 : n + 3
    }

    /// ASCII text known at compile time.
    @inline(__always)
    func append(contentsOf text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    func append(contentsOf text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
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
