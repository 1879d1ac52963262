/// One annotation as a person sees it: its layer, its span in code points of the original input,
/// the text as written, the rule that made it and its features. `minutes explain` lists these and
/// `minutes view` highlights them, so both show the same thing.
public struct ShownAnnotation: Sendable, Equatable {
    public var layer: String
    /// Code point offsets into the original input.
    public var start: Int
    public var end: Int
    /// The text as written, converter annotations left out.
    public var text: String
    public var rule: String
    /// Features sorted by key.
    public var features: [Feature]

    public struct Feature: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    /// `key=value …`, as `minutes explain` prints them.
    public var featureText: String { features.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }

    public func feature(_ key: String) -> String? { features.first { $0.key == key }?.value }
}

extension Document {
    /// Layers that only structure the text (lines, sentences): shown only when asked for.
    public static let structuralLayers: Set<String> = ["line", "sentence"]

    /// The annotations of the layers in `wanted` (every layer but the structural ones when nil),
    /// in text order: by start, the longer first, then by layer, rule and features.
    public func shownAnnotations(layers wanted: Set<String>? = nil) -> [ShownAnnotation] {
        var shown: [ShownAnnotation] = []
        for (type, annotations) in layers {
            if let wanted {
                guard wanted.contains(type.rawValue) else { continue }
            } else if Self.structuralLayers.contains(type.rawValue) {
                continue
            }
            for a in annotations {
                let o = text.originalRange(a.range)
                shown.append(ShownAnnotation(
                    layer: type.rawValue, start: o.lowerBound, end: o.upperBound, text: text.writtenText(a.range), rule: a.rule,
                    features: a.features.sorted { $0.key < $1.key }.map { ShownAnnotation.Feature(key: $0.key, value: $0.value) }))
            }
        }
        shown.sort { ($0.start, -$0.end, $0.layer, $0.rule, $0.featureText) < ($1.start, -$1.end, $1.layer, $1.rule, $1.featureText) }
        return shown
    }
}

extension ShownAnnotation: Encodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// `{"layer", "rule", "start", "end", "text", "features": {key: value, …}}`, features in key order.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(layer, forKey: Key("layer"))
        try c.encode(rule, forKey: Key("rule"))
        try c.encode(start, forKey: Key("start"))
        try c.encode(end, forKey: Key("end"))
        try c.encode(text, forKey: Key("text"))
        var f = c.nestedContainer(keyedBy: Key.self, forKey: Key("features"))
        for feature in features { try f.encode(feature.value, forKey: Key(feature.key)) }
    }
}
