import GRDB
import GRDBSQLite

/// A value of a row written in bulk.
enum BulkValue {
    case int(Int64)
    case text(String)
    case null

    init(_ value: Int64?) { self = value.map(BulkValue.int) ?? .null }
    init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
    init(_ value: String?) { self = value.map(BulkValue.text) ?? .null }
}

/// Rows for one statement of the form `… VALUES (?, …), (?, …) …`, gathered in a transaction and
/// written many at a time. A one-row statement through GRDB costs ~20 k instructions, a row of a
/// multi-row statement bound and stepped through SQLite's C interface about half; preparing such
/// a statement costs ~4.6 k per row it holds, so only a few sizes are prepared (and cached).
struct BulkRows {
    /// The SQL before the values, e.g. `INSERT INTO t (a, b)`.
    let head: String
    /// The SQL after them, e.g. `) AS v WHERE …` for an `UPDATE … FROM (VALUES …) AS v`.
    let tail: String
    let columns: Int
    /// The statement sizes, largest first: n rows are written as n / 32 statements of 32, then of 4, then of 1.
    static let rowsPerStatement = [32, 4, 1]
    private(set) var values: [BulkValue] = []

    init(_ head: String, columns: Int, tail: String = "") {
        (self.head, self.columns, self.tail) = (head, columns, tail)
    }

    var isEmpty: Bool { values.isEmpty }

    mutating func add(_ row: BulkValue...) {
        precondition(row.count == columns, "\(head): \(row.count) values for \(columns) columns")
        values.append(contentsOf: row)
    }

    /// Writes the rows gathered and forgets them.
    mutating func write(_ db: Database) throws {
        let rowCount = values.count / columns
        var start = 0
        for n in Self.rowsPerStatement where rowCount - start >= n {
            let statement = try db.cachedStatement(sql: sql(rows: n))
            while rowCount - start >= n {
                try run(statement, values[(start * columns)..<((start + n) * columns)])
                start += n
            }
        }
        values.removeAll(keepingCapacity: true)
    }

    private func sql(rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return head + " VALUES " + Array(repeating: row, count: rows).joined(separator: ", ") + tail
    }

    private func run(_ statement: Statement, _ values: ArraySlice<BulkValue>) throws {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        // every parameter is bound here, so none keeps a value from the statement's last use
        var index: Int32 = 1
        for value in values {
            switch value {
            case let .int(i): sqlite3_bind_int64(s, index, i)
            case var .text(t):
                // the UTF-8 in place, not a C string copied from it
                t.withUTF8 { utf8 in
                    _ = utf8.withMemoryRebound(to: CChar.self) { text in
                        if let base = text.baseAddress { sqlite3_bind_text(s, index, base, Int32(text.count), Self.transient) }
                        else { sqlite3_bind_text(s, index, "", 0, Self.transient) }
                    }
                }
            case .null: sqlite3_bind_null(s, index)
            }
            index += 1
        }
        let code = sqlite3_step(s)
        let message = code == SQLITE_DONE ? nil : String(cString: sqlite3_errmsg(sqlite3_db_handle(s)))
        sqlite3_reset(s)
        if let message { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql) }
    }

    /// SQLite copies the text before the call returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}
