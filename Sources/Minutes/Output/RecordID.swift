import Foundation

/// A result's `id` as its input gave it: a file path or a JSONL record's string id, or a JSONL
/// record's numeric id, which goes back out as a number (`{"id": 7}` answers `"id": 7`, so Spark
/// and pandas users can join on it).
public enum RecordID: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    case text(String)
    /// A JSON number, kept as the decimal digits that stand for it (`7`, `-2.5`, up to 38 digits).
    case number(String)

    /// The id as text, whatever its JSON type: for messages, file names and lookups.
    public var description: String {
        switch self {
        case let .text(s), let .number(s): return s
        }
    }

    public init(stringLiteral value: String) { self = .text(value) }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            self = .text(s)
        } else if let n = try? c.decode(Int.self) {
            self = .number(String(n))
        } else {
            // Decimal keeps up to 38 digits as written (a Double would print 1.2345678901234568e+29).
            self = .number("\(try c.decode(Decimal.self))")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case let .text(s): try c.encode(s)
        case let .number(digits):
            if let n = Int(digits) { try c.encode(n) } else { try c.encode(Decimal(string: digits) ?? 0) }
        }
    }
}

extension RecordID: JSONWritable {
    public func writeJSON(to w: inout JSONWriter) {
        switch self {
        case let .text(s): w.string(s)
        case let .number(digits): w.number(digits: digits)
        }
    }
}
