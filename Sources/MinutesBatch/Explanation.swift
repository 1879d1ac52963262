import Foundation
import Minutes

/// An annotation with the rule that made it, as `minutes explain` prints it and `POST /v1/explain`
/// answers it. Offsets are code points into the original input, like the results'.
public struct ExplainedAnnotation: Encodable, Sendable {
    public let layer: String
    public let rule: String
    public let start: Int
    public let end: Int
    /// The text as written (line breaks kept).
    public let text: String
    public let features: [String: String]

    /// Layers that only structure the text: left out unless asked for.
    public static let structural: Set<String> = ["line", "sentence"]

    /// The annotations of `document` in `wanted` layers (nil: all but the structural ones), in
    /// text order (longer first at the same start).
    public static func all(in document: Document, layers wanted: Set<String>?) -> [ExplainedAnnotation] {
        var out: [ExplainedAnnotation] = []
        for (type, annotations) in document.layers {
            if let wanted {
                guard wanted.contains(type.rawValue) else { continue }
            } else if structural.contains(type.rawValue) {
                continue
            }
            for a in annotations {
                let o = document.text.originalRange(a.range)
                out.append(ExplainedAnnotation(layer: type.rawValue, rule: a.rule, start: o.lowerBound, end: o.upperBound,
                                               text: document.text.writtenText(a.range),
                                               features: a.features))
            }
        }
        return out.sorted { ($0.start, -$0.end, $0.layer, $0.rule) < ($1.start, -$1.end, $1.layer, $1.rule) }
    }
}

/// The answer of `POST /v1/explain`.
public struct Explanation: Encodable, Sendable {
    public let id: String?
    public let referenceDate: String?
    public let warnings: [String]
    public let annotations: [ExplainedAnnotation]

    enum CodingKeys: String, CodingKey { case id, referenceDate = "reference_date", warnings, annotations }

    public init(_ document: Document, layers: Set<String>? = nil) {
        id = document.id
        referenceDate = document.referenceDate
        warnings = document.warnings
        annotations = ExplainedAnnotation.all(in: document, layers: layers)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(referenceDate, forKey: .referenceDate)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(annotations, forKey: .annotations)
    }
}
