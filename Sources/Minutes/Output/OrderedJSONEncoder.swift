import Foundation

/// A JSON encoder that keeps keys in the order `encode(to:)` writes them (Foundation's
/// JSONEncoder on Linux does not), writes Chinese as is, and never escapes `/`.
/// Output is deterministic: the same result always gives the same bytes.
public struct OrderedJSONEncoder: Sendable {
    /// Indent nested values by two spaces per level.
    public var pretty: Bool

    public init(pretty: Bool = false) { self.pretty = pretty }

    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        // The output types write themselves (no tree of nodes per value); same bytes.
        if let value = value as? any JSONWritable {
            var writer = JSONWriter(pretty: pretty)
            value.writeJSON(to: &writer)
            return writer.bytes
        }
        return try encodeTree(value)
    }

    /// Through Codable: builds the tree of the value, then writes it.
    func encodeTree<T: Encodable>(_ value: T) throws -> [UInt8] {
        let box = JSONTreeEncoder()
        try value.encode(to: box)
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        box.root.write(to: &out, pretty: pretty, depth: 0)
        return out
    }
}

/// A node of the tree being built: a scalar, or a container whose children are appended in
/// place (a class, so appending never copies the siblings).
final class JSONRef {
    enum Kind { case null, bool, number, string, array, object }
    var kind: Kind
    var scalar = ""
    var flag = false
    var keys: [String] = []
    var children: [JSONRef] = []

    init(_ kind: Kind) { self.kind = kind }

    func set(_ kind: Kind, _ scalar: String = "", flag: Bool = false) {
        self.kind = kind
        self.scalar = scalar
        self.flag = flag
        keys.removeAll()
        children.removeAll()
    }

    func becomeContainer(_ kind: Kind) {
        if self.kind != kind { set(kind) }
    }

    func append(key: String, _ ref: JSONRef) {
        if let i = keys.lastIndex(of: key) {
            children[i] = ref
        } else {
            keys.append(key)
            children.append(ref)
        }
    }

    func append(_ ref: JSONRef) { children.append(ref) }

    func write(to out: inout [UInt8], pretty: Bool, depth: Int) {
        switch kind {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool: out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number: out.append(contentsOf: scalar.utf8)
        case .string: JSONWriter.writeString(scalar, to: &out)
        case .array, .object:
            let object = kind == .object
            if children.isEmpty { out.append(contentsOf: (object ? "{}" : "[]").utf8); return }
            out.append(UInt8(ascii: object ? "{" : "["))
            for (i, child) in children.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, pretty, depth + 1)
                if object {
                    JSONWriter.writeString(keys[i], to: &out)
                    out.append(UInt8(ascii: ":"))
                    if pretty { out.append(UInt8(ascii: " ")) }
                }
                child.write(to: &out, pretty: pretty, depth: depth + 1)
            }
            Self.newline(&out, pretty, depth)
            out.append(UInt8(ascii: object ? "}" : "]"))
        }
    }

    private static func newline(_ out: inout [UInt8], _ pretty: Bool, _ depth: Int) {
        guard pretty else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }
}

final class JSONTreeEncoder: Encoder {
    let root: JSONRef
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(root: JSONRef = JSONRef(.null)) { self.root = root }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        root.becomeContainer(.object)
        return KeyedEncodingContainer(Keyed<Key>(ref: root))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        root.becomeContainer(.array)
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
        func put(_ key: Key, _ kind: JSONRef.Kind, _ scalar: String = "", flag: Bool = false) {
            let r = JSONRef(kind)
            r.scalar = scalar
            r.flag = flag
            ref.append(key: key.stringValue, r)
        }
        mutating func encodeNil(forKey key: Key) throws { put(key, .null) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { put(key, .bool, flag: value) }
        mutating func encode(_ value: String, forKey key: Key) throws { put(key, .string, value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { put(key, .number, String(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { put(key, .number, String(value)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            ref.append(key: key.stringValue, try JSONTreeEncoder.encode(value))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = JSONRef(.object)
            ref.append(key: key.stringValue, child)
            return KeyedEncodingContainer(Keyed<NestedKey>(ref: child))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let child = JSONRef(.array)
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
        var count: Int { ref.children.count }
        func put(_ kind: JSONRef.Kind, _ scalar: String = "", flag: Bool = false) {
            let r = JSONRef(kind)
            r.scalar = scalar
            r.flag = flag
            ref.append(r)
        }
        mutating func encodeNil() throws { put(.null) }
        mutating func encode(_ value: Bool) throws { put(.bool, flag: value) }
        mutating func encode(_ value: String) throws { put(.string, value) }
        mutating func encode(_ value: Double) throws { put(.number, String(value)) }
        mutating func encode(_ value: Int) throws { put(.number, String(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { ref.append(try JSONTreeEncoder.encode(value)) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let child = JSONRef(.object)
            ref.append(child)
            return KeyedEncodingContainer(Keyed<NestedKey>(ref: child))
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let child = JSONRef(.array)
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
        mutating func encodeNil() throws { ref.set(.null) }
        mutating func encode(_ value: Bool) throws { ref.set(.bool, flag: value) }
        mutating func encode(_ value: String) throws { ref.set(.string, value) }
        mutating func encode(_ value: Double) throws { ref.set(.number, String(value)) }
        mutating func encode(_ value: Float) throws { ref.set(.number, String(value)) }
        mutating func encode(_ value: Int) throws { ref.set(.number, String(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            // Other integer widths and Decimal would come back here through their encode(to:) forever.
            if let n = value as? any BinaryInteger {
                ref.set(.number, "\(n)")
            } else if let d = value as? Decimal {
                ref.set(.number, "\(d)")
            } else {
                try value.encode(to: JSONTreeEncoder(root: ref))
            }
        }
    }
}
