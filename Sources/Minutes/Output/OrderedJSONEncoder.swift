/// A JSON encoder that keeps keys in the order `encode(to:)` writes them (Foundation's
/// JSONEncoder on Linux does not), writes Chinese as is, and never escapes `/`.
/// Output is deterministic: the same result always gives the same bytes.
public struct OrderedJSONEncoder: Sendable {
    /// Indent nested values by two spaces per level.
    public var pretty: Bool

    public init(pretty: Bool = false) { self.pretty = pretty }

    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let box = JSONTreeEncoder()
        try value.encode(to: box)
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        box.root.value.write(to: &out, pretty: pretty, depth: 0)
        return out
    }
}

/// A JSON value with ordered object keys.
indirect enum JSONValue {
    case null, bool(Bool), number(String), string(String)
    case array([JSONRef])
    case object([(String, JSONRef)])

    func write(to out: inout [UInt8], pretty: Bool, depth: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, pretty, depth + 1)
                item.value.write(to: &out, pretty: pretty, depth: depth + 1)
            }
            Self.newline(&out, pretty, depth)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, pretty, depth + 1)
                Self.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                value.value.write(to: &out, pretty: pretty, depth: depth + 1)
            }
            Self.newline(&out, pretty, depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], _ pretty: Bool, _ depth: Int) {
        guard pretty else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case 0x0A: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x20, 0x7F:
                out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// A mutable slot in the tree being built (containers fill their slots after creation).
final class JSONRef {
    var value: JSONValue
    init(_ value: JSONValue) { self.value = value }

    // Each append first empties `value`, so the array taken out of it is uniquely referenced and
    // grows in place (otherwise every append copies it: quadratic for 100,000 entities).
    func append(key: String, _ ref: JSONRef) {
        guard case .object(var members) = value else { return }
        value = .null
        if let i = members.firstIndex(where: { $0.0 == key }) { members[i].1 = ref } else { members.append((key, ref)) }
        value = .object(members)
    }

    func append(_ ref: JSONRef) {
        guard case .array(var items) = value else { return }
        value = .null
        items.append(ref)
        value = .array(items)
    }
}

final class JSONTreeEncoder: Encoder {
    let root: JSONRef
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(root: JSONRef = JSONRef(.null)) { self.root = root }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = root.value {} else { root.value = .object([]) }
        return KeyedEncodingContainer(Keyed<Key>(ref: root))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .array = root.value {} else { root.value = .array([]) }
        return Unkeyed(ref: root)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { Single(ref: root) }

    static func encode<T: Encodable>(_ value: T) throws -> JSONRef {
        let ref = JSONRef(.null)
        try value.encode(to: JSONTreeEncoder(root: ref))
        return ref
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let ref: JSONRef
        var codingPath: [CodingKey] = []
        func put(_ v: JSONValue, _ key: Key) { ref.append(key: key.stringValue, JSONRef(v)) }
        mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { put(.number(String(value)), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { put(.number(String(value)), key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            ref.append(key: key.stringValue, try JSONTreeEncoder.encode(value))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = JSONRef(.object([]))
            ref.append(key: key.stringValue, child)
            return KeyedEncodingContainer(Keyed<NestedKey>(ref: child))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let child = JSONRef(.array([]))
            ref.append(key: key.stringValue, child)
            return Unkeyed(ref: child)
        }
        mutating func superEncoder() -> Encoder { JSONTreeEncoder(root: ref) }
        mutating func superEncoder(forKey key: Key) -> Encoder {
            let child = JSONRef(.null)
            ref.append(key: key.stringValue, child)
            return JSONTreeEncoder(root: child)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let ref: JSONRef
        var codingPath: [CodingKey] = []
        var count: Int {
            if case .array(let items) = ref.value { return items.count }
            return 0
        }
        mutating func encodeNil() throws { ref.append(JSONRef(.null)) }
        mutating func encode(_ value: Bool) throws { ref.append(JSONRef(.bool(value))) }
        mutating func encode(_ value: String) throws { ref.append(JSONRef(.string(value))) }
        mutating func encode(_ value: Double) throws { ref.append(JSONRef(.number(String(value)))) }
        mutating func encode(_ value: Int) throws { ref.append(JSONRef(.number(String(value)))) }
        mutating func encode<T: Encodable>(_ value: T) throws { ref.append(try JSONTreeEncoder.encode(value)) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let child = JSONRef(.object([]))
            ref.append(child)
            return KeyedEncodingContainer(Keyed<NestedKey>(ref: child))
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let child = JSONRef(.array([]))
            ref.append(child)
            return Unkeyed(ref: child)
        }
        mutating func superEncoder() -> Encoder {
            let child = JSONRef(.null)
            ref.append(child)
            return JSONTreeEncoder(root: child)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let ref: JSONRef
        var codingPath: [CodingKey] = []
        mutating func encodeNil() throws { ref.value = .null }
        mutating func encode(_ value: Bool) throws { ref.value = .bool(value) }
        mutating func encode(_ value: String) throws { ref.value = .string(value) }
        mutating func encode(_ value: Double) throws { ref.value = .number(String(value)) }
        mutating func encode(_ value: Float) throws { ref.value = .number(String(value)) }
        mutating func encode(_ value: Int) throws { ref.value = .number(String(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: JSONTreeEncoder(root: ref)) }
    }
}
