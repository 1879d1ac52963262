import Foundation
import Minutes

/// The answer of `POST /v1/explain`.
public struct Explanation: Encodable, Sendable {
    public let id: String?
    public let referenceDate: String?
    public let warnings: [String]
    /// The annotations with the rule that made each, as `minutes explain` lists them.
    public let annotations: [ShownAnnotation]

    enum CodingKeys: String, CodingKey { case id, referenceDate = "reference_date", warnings, annotations }

    public init(_ document: Document, layers: Set<String>? = nil) {
        id = document.id
        referenceDate = document.referenceDate
        warnings = document.warnings
        annotations = document.shownAnnotations(layers: layers)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(referenceDate, forKey: .referenceDate)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(annotations, forKey: .annotations)
    }
}
