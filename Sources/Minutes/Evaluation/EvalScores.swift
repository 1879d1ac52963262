import Foundation

/// True positives, false positives and false negatives of one field.
public struct Counts: Sendable, Equatable, Codable {
    public var tp = 0
    public var fp = 0
    public var fn = 0

    public init(tp: Int = 0, fp: Int = 0, fn: Int = 0) {
        self.tp = tp
        self.fp = fp
        self.fn = fn
    }

    public static func + (a: Counts, b: Counts) -> Counts { Counts(tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn) }
    public static func += (a: inout Counts, b: Counts) { a = a + b }

    /// Precision, recall and F1. Meeting fields follow score_gold.py: with nothing predicted,
    /// precision is 1 when nothing was expected either; with nothing expected, recall is 1.
    /// Entity spans follow score_pd1998.py: an empty denominator gives 0.
    public func scores(_ convention: Convention) -> (precision: Double, recall: Double, f1: Double) {
        let p: Double, r: Double
        switch convention {
        case .meetingFields:
            p = tp + fp > 0 ? Double(tp) / Double(tp + fp) : (fn == 0 ? 1 : 0)
            r = tp + fn > 0 ? Double(tp) / Double(tp + fn) : 1
        case .entitySpans:
            p = tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0
            r = tp + fn > 0 ? Double(tp) / Double(tp + fn) : 0
        }
        return (p, r, p + r > 0 ? 2 * p * r / (p + r) : 0)
    }

    public enum Convention: Sendable { case meetingFields, entitySpans }
}

/// The fields the meeting scorer counts (docs/gold-schema.md says what each one compares).
public enum EvalField: String, CaseIterable, Sendable, Codable {
    case chair, participants, titles, speakers, directives, venues, meeting, date, reporters, persons
    case dateValue = "date_value", outlet, published, meetings

    /// A field with one value per meeting or article (the others are lists).
    public var isSingleValued: Bool { [.meeting, .date, .dateValue, .outlet, .published].contains(self) }
}

/// What one field of one article got wrong: expected items not found, predicted items not expected.
public struct FieldDifference: Sendable, Equatable {
    public var field: EvalField
    /// Which meeting, when the article annotates several (`meeting 2`, `extra meeting 3`);
    /// nil for article fields and single-meeting articles.
    public var meeting: String?
    public var missed: [String]
    public var wrong: [String]
}

/// The score of one article.
public struct ArticleScore: Sendable {
    public var id: String
    public var counts: [EvalField: Counts] = [:]
    public var differences: [FieldDifference] = []
    /// Why the article has no extraction result (`--results` without this article), if so.
    public var error: String?

    public init(id: String) { self.id = id }

    /// True when every field matched its annotation exactly.
    public var isExact: Bool { differences.isEmpty }

    mutating func record(_ field: EvalField, tp: Int, missed: [String], wrong: [String], meeting: String? = nil) {
        counts[field, default: Counts()] += Counts(tp: tp, fp: wrong.count, fn: missed.count)
        if !missed.isEmpty || !wrong.isEmpty {
            differences.append(FieldDifference(field: field, meeting: meeting, missed: missed, wrong: wrong))
        }
    }

    /// One line per difference, in field order: `chair: missed 卢荣春; wrong 李庆新`, and for
    /// single values `date: expected 10月6日晚, got 近日`.
    public var differenceLines: [String] {
        let order = Dictionary(uniqueKeysWithValues: EvalField.allCases.enumerated().map { ($1, $0) })
        let sorted = differences.enumerated().sorted { (order[$0.element.field]!, $0.offset) < (order[$1.element.field]!, $1.offset) }
        return sorted.map(\.element).map { d in
            let field = d.meeting.map { "\(d.field.rawValue) (\($0))" } ?? d.field.rawValue
            if d.field.isSingleValued {
                return "\(field): expected \(d.missed.first ?? "nothing"), got \(d.wrong.first ?? "nothing")"
            }
            var parts: [String] = []
            if !d.missed.isEmpty { parts.append("missed " + d.missed.joined(separator: ", ")) }
            if !d.wrong.isEmpty { parts.append("wrong " + d.wrong.joined(separator: ", ")) }
            return "\(field): " + parts.joined(separator: "; ")
        }
    }
}

/// Micro-averaged scores of one corpus.
public struct EvalReport: Sendable {
    /// How the corpus is named in the output (its directory as given).
    public var corpus: String
    public var articles: [ArticleScore]
    /// Problems met while loading or scoring (unpaired files, bad gold, missing results).
    public var problems: [String]

    public init(corpus: String, articles: [ArticleScore], problems: [String] = []) {
        self.corpus = corpus
        self.articles = articles
        self.problems = problems
    }

    public var totals: [EvalField: Counts] {
        var t: [EvalField: Counts] = [:]
        for field in EvalField.allCases { t[field] = Counts() }
        for a in articles { for (field, c) in a.counts { t[field, default: Counts()] += c } }
        return t
    }

    public var rows: [ScoreRow] {
        let totals = self.totals
        return EvalField.allCases.map { ScoreRow(field: $0.rawValue, counts: totals[$0] ?? Counts(), convention: .meetingFields) }
    }
}

/// One line of a score table.
public struct ScoreRow: Sendable, Encodable {
    public var field: String
    public var counts: Counts
    public var precision: Double
    public var recall: Double
    public var f1: Double

    public init(field: String, counts: Counts, convention: Counts.Convention) {
        self.field = field
        self.counts = counts
        (precision, recall, f1) = counts.scores(convention)
    }

    enum CodingKeys: String, CodingKey { case field, precision, recall, f1, tp, fp, fn }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(field, forKey: .field)
        try c.encode(Self.rounded(precision), forKey: .precision)
        try c.encode(Self.rounded(recall), forKey: .recall)
        try c.encode(Self.rounded(f1), forKey: .f1)
        try c.encode(counts.tp, forKey: .tp)
        try c.encode(counts.fp, forKey: .fp)
        try c.encode(counts.fn, forKey: .fn)
    }

    static func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

    /// A fixed-width table: field, P, R, F1, tp/fp/fn (the layout of score_gold.py).
    public static func table(_ rows: [ScoreRow]) -> String {
        func pad(_ s: String, _ n: Int, left: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, n - s.count))
            return left ? s + fill : fill + s
        }
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        var out = pad("field", 14, left: true) + pad("P", 7, left: false) + pad("R", 7, left: false)
            + pad("F1", 7, left: false) + "   tp/fp/fn\n"
        for r in rows {
            out += pad(r.field, 14, left: true) + pad(f(r.precision), 7, left: false) + pad(f(r.recall), 7, left: false)
                + pad(f(r.f1), 7, left: false) + "   \(r.counts.tp)/\(r.counts.fp)/\(r.counts.fn)\n"
        }
        return out
    }
}
