import Foundation

/// The kind of an annotation layer. Open: a phase may define its own.
public struct AnnotationType: Hashable, Sendable, RawRepresentable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    /// A small number per distinct raw value, given when a type is first made: documents index
    /// their layers by it, and comparing two types compares two integers (phases look layers up
    /// hundreds of times per article).
    let number: Int
    public init(rawValue: String) {
        self.rawValue = rawValue
        number = Self.numbers.number(of: rawValue)
    }
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var description: String { rawValue }
    public static func == (a: AnnotationType, b: AnnotationType) -> Bool { a.number == b.number }
    public func hash(into hasher: inout Hasher) { hasher.combine(number) }

    /// The numbers given so far (types are made once, as static constants: the lock is rare).
    private final class Numbers: @unchecked Sendable {
        private let lock = NSLock()
        private var byName: [String: Int] = [:]
        func number(of name: String) -> Int {
            lock.lock()
            defer { lock.unlock() }
            if let n = byName[name] { return n }
            byName[name] = byName.count
            return byName.count - 1
        }
    }
    private static let numbers = Numbers()

    // Layout
    public static let line: AnnotationType = "line"
    public static let chrome: AnnotationType = "chrome"
    public static let body: AnnotationType = "body"
    public static let headline: AnnotationType = "headline"
    public static let sentence: AnnotationType = "sentence"
    // Entities (the `entities` of the output)
    public static let person: AnnotationType = "person"
    public static let title: AnnotationType = "title"
    public static let organization: AnnotationType = "organization"
    public static let place: AnnotationType = "place"
    public static let date: AnnotationType = "date"
    public static let venue: AnnotationType = "venue"
    public static let meeting: AnnotationType = "meeting"
    // Internal
    /// Places written as part of an organization's name (云浮 in 云浮市委): not places of their
    /// own, but the place prefix of a title (云浮市委书记).
    public static let placeInOrganization: AnnotationType = "place_in_organization"
}

/// One annotation: a span of the normalized text, the rule that made it, and features.
public struct Annotation: Sendable, Equatable {
    public var type: AnnotationType
    /// UTF-16 range in ``NormalizedText/units``.
    public var range: Range<Int>
    /// Id of the rule that produced it (`title.chain`, `person.after-title`…).
    public var rule: String
    /// Rule-specific values, e.g. `value` of a date, `kind` of a venue.
    public var features: [String: String]

    public init(_ type: AnnotationType, _ range: Range<Int>, rule: String, features: [String: String] = [:]) {
        self.type = type
        self.range = range
        self.rule = rule
        self.features = features
    }
}

/// One article as it moves through the pipeline (GATE style): the normalized text never
/// changes; each phase reads layers and adds its own.
public final class Document {
    public let id: String?
    public let text: NormalizedText
    /// The reference date for relative dates (`yyyy-MM-dd`), from the caller or the article.
    public var referenceDate: String?
    /// The layers by type.
    public var layers: [AnnotationType: [Annotation]] {
        var out: [AnnotationType: [Annotation]] = [:]
        for (type, annotations) in zip(layerTypes, layerAnnotations) { if let type { out[type] = annotations } }
        return out
    }
    /// Layers stored by their type's number (nil: no such layer).
    private var layerTypes: [AnnotationType?] = []
    private var layerAnnotations: [[Annotation]] = []
    /// Typed results of the article and meeting phases.
    public var article = Article()
    public var meetings: [Meeting] = []
    public var persons: [Person] = []
    /// The titles attached to each person mention (chain before it, post after it), by the
    /// mention's start (PersonPhase); the meeting phases read them from here, typed.
    var personMentionTitles: [Int: [String]] = [:]
    /// The numbered lists of directives, in text order (DirectivePhase).
    var directiveLists: [DirectiveList] = []
    public var warnings: [String] = []
    /// Positions of the text several phases look for alike, found once (see ``positions(_:_:)``).
    private var sharedPositions: [(key: String, positions: [Int])] = []

    public init(id: String?, text: NormalizedText, referenceDate: String? = nil) {
        self.id = id
        self.text = text
        self.referenceDate = referenceDate
    }

    /// The positions stored under `key` (what was looked for), found by `find` the first time:
    /// phases that scan the text for the same units share one scan.
    func positions(_ key: String, _ find: () -> [Int]) -> [Int] {
        if let known = sharedPositions.first(where: { $0.key == key }) { return known.positions }
        let found = find()
        sharedPositions.append((key, found))
        return found
    }

    public func annotations(_ type: AnnotationType) -> [Annotation] {
        type.number < layerAnnotations.count ? layerAnnotations[type.number] : []
    }

    /// The index of a layer, made empty when new.
    private func layerIndex(_ type: AnnotationType) -> Int {
        let i = type.number
        if i >= layerTypes.count {
            layerTypes += repeatElement(nil, count: i + 1 - layerTypes.count)
            layerAnnotations += repeatElement([], count: i + 1 - layerAnnotations.count)
        }
        if layerTypes[i] == nil { layerTypes[i] = type }
        return i
    }

    /// Adds annotations to a layer, keeping each layer sorted by start (then longest first).
    public func add(_ annotations: [Annotation]) {
        guard let type = annotations.first?.type else { return }
        // A phase adds one layer at a time, mostly in order: append in one go, and sort only
        // when needed (the sort is stable, so skipping it on sorted input changes nothing).
        if annotations.allSatisfy({ $0.type == type }) {
            let i = layerIndex(type)
            layerAnnotations[i].append(contentsOf: annotations)
            Self.sortIfNeeded(&layerAnnotations[i])
            return
        }
        var touched: [Int] = []
        for a in annotations {
            let i = layerIndex(a.type)
            layerAnnotations[i].append(a)
            if !touched.contains(i) { touched.append(i) }
        }
        for i in touched { Self.sortIfNeeded(&layerAnnotations[i]) }
    }

    private static func sortIfNeeded(_ layer: inout [Annotation]) {
        let before = { (a: Annotation, b: Annotation) in
            a.range.lowerBound != b.range.lowerBound ? a.range.lowerBound < b.range.lowerBound : a.range.upperBound > b.range.upperBound
        }
        for i in layer.indices.dropFirst() where before(layer[i], layer[i - 1]) {
            layer.sort(by: before)
            return
        }
    }

    public func add(_ annotation: Annotation) { add([annotation]) }

    /// Replaces a whole layer (for phases that refine their own earlier output).
    public func replace(_ type: AnnotationType, with annotations: [Annotation]) {
        layerAnnotations[layerIndex(type)] = []
        add(annotations)
    }

    /// Annotations of a type that lie inside `range`.
    public func annotations(_ type: AnnotationType, in range: Range<Int>) -> [Annotation] {
        annotations(type).filter { $0.range.lowerBound >= range.lowerBound && $0.range.upperBound <= range.upperBound }
    }
}

/// A stage of the pipeline: reads layers of a document and adds its own.
public protocol Phase: Sendable {
    /// Short name for `minutes explain` and diagnostics.
    var name: String { get }
    /// The annotation layers this phase adds (rule examples of these layers are checked).
    var produces: [AnnotationType] { get }
    func run(_ document: Document) throws
}

extension Phase {
    public var produces: [AnnotationType] { [] }
}
