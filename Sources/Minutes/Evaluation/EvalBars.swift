import Foundation

/// Minimum F1 per field (`--fail-under chair=0.8,participants=0.6`, or the bars file of the
/// regression test).
public struct EvalBars: Sendable, Equatable {
    public var bars: [(field: String, f1: Double)]

    public init(_ bars: [(field: String, f1: Double)]) { self.bars = bars }

    public static func == (a: EvalBars, b: EvalBars) -> Bool {
        a.bars.map(\.field) == b.bars.map(\.field) && a.bars.map(\.f1) == b.bars.map(\.f1)
    }

    /// Field names a bar may name: the meeting fields and the entity types.
    public static let knownFields: [String] = EvalField.allCases.map(\.rawValue) + EntitySpanScorer.types.map(\.rawValue)

    /// Parses `FIELD=F1,FIELD=F1…`.
    /// - Throws: a message naming the bad item.
    public init(spec: String) throws {
        var bars: [(String, Double)] = []
        for item in spec.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw BarError("expected FIELD=F1, got \(item)") }
            guard Self.knownFields.contains(parts[0]) else {
                throw BarError("unknown field \(parts[0]) in \(item); fields: \(Self.knownFields.joined(separator: ", "))")
            }
            guard let f1 = Double(parts[1]), (0...1).contains(f1) else {
                throw BarError("the bar of \(parts[0]) must be a number from 0 to 1, got \(parts[1])")
            }
            bars.append((parts[0], f1))
        }
        self.bars = bars
    }

    /// One message per field of `rows` whose F1 is below its bar (fields `rows` lacks are skipped).
    public func failures(_ rows: [ScoreRow]) -> [String] {
        bars.compactMap { bar in
            guard let row = rows.first(where: { $0.field == bar.field }), row.f1 < bar.f1 else { return nil }
            return "\(bar.field) F1 \(String(format: "%.3f", row.f1)) is below its bar \(String(format: "%.3f", bar.f1))"
        }
    }

    public struct BarError: Error, CustomStringConvertible {
        public let description: String
        init(_ message: String) { description = message }
    }
}
