import Foundation
import GRDB

/// A query's answer: named columns and rows, printed as an aligned table, JSON or CSV.
public struct QueryTable: Sendable {
    public enum Format: String, CaseIterable, Sendable { case table, json, csv }

    public var columns: [String]
    public var rows: [[DatabaseValue]]

    public init(columns: [String], rows: [[DatabaseValue]]) {
        self.columns = columns
        self.rows = rows
    }

    init(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws {
        let statement = try db.makeStatement(sql: sql)
        columns = statement.columnNames
        // values read straight off the statement's current row: `Row.fetchAll` would copy each
        // row first, which is most of the time of a query answering thousands of rows
        var rows: [[DatabaseValue]] = []
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try cursor.next() { rows.append(Array(row.databaseValues)) }
        self.rows = rows
    }

    /// The values of one column, as text (null as nil).
    public func strings(_ column: String) -> [String?] {
        guard let i = columns.firstIndex(of: column) else { return [] }
        return rows.map { Self.text($0[i]) }
    }

    static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: return nil
        case let .int64(n): return String(n)
        case let .double(d): return String(d)
        case let .string(s): return s
        case let .blob(b): return b.base64EncodedString()
        }
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .table: return table()
        case .json: return json()
        case .csv: return csv()
        }
    }

    private func json() -> String {
        let lines = rows.map { row in
            "  {" + zip(columns, row).map { column, value in
                let v: String
                switch value.storage {
                case .null: v = "null"
                case let .int64(n): v = String(n)
                case let .double(d): v = String(d)
                case let .string(s): v = JSONText.quote(s)
                case let .blob(b): v = JSONText.quote(b.base64EncodedString())
                }
                return JSONText.quote(column) + ": " + v
            }.joined(separator: ", ") + "}"
        }
        return lines.isEmpty ? "[]\n" : "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    private func csv() -> String {
        func field(_ s: String?) -> String {
            guard let s else { return "" }
            if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return s
        }
        var out = columns.map(field).joined(separator: ",") + "\r\n"
        for row in rows { out += row.map { field(Self.text($0)) }.joined(separator: ",") + "\r\n" }
        return out
    }

    private func table() -> String {
        let cells = [columns] + rows.map { $0.map { Self.text($0) ?? "" } }
        var widths = [Int](repeating: 0, count: columns.count)
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], Self.width(c)) } }
        var out = ""
        for (n, row) in cells.enumerated() {
            out += row.enumerated().map { i, c in
                i == row.count - 1 ? c : c + String(repeating: " ", count: widths[i] - Self.width(c))
            }.joined(separator: "  ") + "\n"
            if n == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out + "(\(rows.count) row\(rows.count == 1 ? "" : "s"))\n"
    }

    /// Columns a string takes on a terminal: two for East Asian wide characters.
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return n + (wide ? 2 : 1)
        }
    }
}
