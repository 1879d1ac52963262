import Yams

/// A node of a rule file's YAML as the rules read it: a scalar (its text and style), a mapping
/// (its pairs, in order) or a sequence, with the line it starts on (for error messages).
///
/// The built-in rule files are parsed at build time and embedded in this form (see
/// ``encoded`` and the `embed-rules` tool): reading them back takes a small part of what
/// parsing their YAML took at every start. User files (`--rules DIR`) are parsed with Yams and
/// converted (``init(_:)``), so both read alike.
public struct RuleNode: Equatable, Sendable {
    public enum Value: Equatable, Sendable {
        /// The text and Yams' `Node.Scalar.Style` (raw value).
        case scalar(String, style: UInt32)
        case mapping(keys: [RuleNode], values: [RuleNode])
        case sequence([RuleNode])
    }

    public let value: Value
    /// The line the node starts on, from 1.
    public let line: Int

    public init(_ value: Value, line: Int) {
        self.value = value
        self.line = line
    }

    /// The text of a scalar.
    public var string: String? {
        if case let .scalar(s, _) = value { return s }
        return nil
    }

    /// The items of a sequence.
    public var sequence: [RuleNode]? {
        if case let .sequence(items) = value { return items }
        return nil
    }

    /// The pairs of a mapping, in order.
    public var mapping: [(key: RuleNode, value: RuleNode)]? {
        if case let .mapping(keys, values) = value { return Array(zip(keys, values)) }
        return nil
    }

    /// The value of `key` in a mapping (the last pair with that key, as Yams looks it up); nil
    /// for a scalar or a sequence.
    public subscript(key: String) -> RuleNode? {
        guard case let .mapping(keys, values) = value else { return nil }
        for k in keys.indices.reversed() where keys[k].string == key { return values[k] }
        return nil
    }

    /// A scalar read as an integer, as Yams reads it.
    public var int: Int? { yamsScalar.flatMap(Int.construct) }

    /// A scalar read as a boolean, as Yams reads it (`true`, `yes`, `on`…).
    public var bool: Bool? { yamsScalar.flatMap(Bool.construct) }

    private var yamsScalar: Node.Scalar? {
        guard case let .scalar(s, style) = value else { return nil }
        // (not `.implicit`: that tag makes Yams compile its default resolver's regexes, ~9M instructions)
        return Node.Scalar(s, Tag(.implicit, .basic, .default), Node.Scalar.Style(rawValue: style) ?? .any)
    }
}

extension RuleNode {
    /// A node parsed by Yams (anchors and aliases already resolved; tags are not kept: the
    /// rules read every scalar as text).
    public init(_ node: Node) {
        switch node {
        case let .scalar(scalar):
            value = .scalar(scalar.string, style: scalar.style.rawValue)
        case let .mapping(mapping):
            value = .mapping(keys: mapping.map { RuleNode($0.key) }, values: mapping.map { RuleNode($0.value) })
        case let .sequence(sequence):
            value = .sequence(sequence.map(RuleNode.init))
        }
        line = node.mark?.line ?? 0
    }
}

extension RuleNode {
    /// The root of a YAML document as the rules read it (nil for an empty document). Parsed with
    /// Yams' basic resolver: no tag regexes, every scalar stays text.
    /// - Throws: Yams' `YamlError` for malformed YAML.
    public static func parse(yaml text: String) throws -> RuleNode? {
        try Yams.compose(yaml: text, .basic).map(RuleNode.init)
    }
}
