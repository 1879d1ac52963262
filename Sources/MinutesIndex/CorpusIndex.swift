import Foundation
import GRDB
import Minutes

/// Problems with a corpus database, each naming the file.
public enum IndexError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case newerSchema(path: String)
    case missing(path: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "\(path): cannot open as a corpus database: \(reason)"
        case let .newerSchema(path): return "\(path): made by a newer minutes (unknown schema migrations); use that version"
        case let .missing(path): return "\(path): no such database (make one with `minutes index`)"
        case let .cannotWrite(path, reason): return "\(path): cannot write: \(reason)"
        }
    }
}

/// A corpus database (docs/index.md): SQLite in WAL mode, written by one writer.
///
/// ``add(_:)`` stores a batch of results in one transaction, replacing the rows of any article
/// already indexed under the same id; ``resolvePersons()`` then works out the persons of the
/// names the batches touched. A run killed at any point leaves whole batches and a list of
/// names still to resolve, which the next run finishes.
public final class CorpusIndex {
    public let path: String
    let queue: DatabaseQueue

    /// Opens (and creates or migrates, unless `readOnly`) the database at `path`.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        if readOnly, !FileManager.default.fileExists(atPath: path) { throw IndexError.missing(path: path) }
        var config = Configuration()
        config.readonly = readOnly
        config.prepareDatabase { db in
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
            }
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            let migrator = IndexSchema.migrator
            try queue.read { db in
                if try migrator.hasBeenSuperseded(db) { throw IndexError.newerSchema(path: path) }
            }
            if !readOnly { try migrator.migrate(queue) }
        } catch let error as IndexError {
            throw error
        } catch let error as DatabaseError {
            throw IndexError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Stores `results` in one transaction: each replaces the rows of an article with the same
    /// id. The names they mention (and those of replaced rows) wait in `pending_names` for
    /// ``resolvePersons()``.
    public func add(_ results: [IndexedArticle]) throws {
        try queue.write { db in
            let writer = ArticleRows(db: db)
            for article in results { try writer.insert(article) }
        }
    }

    /// Works out the persons of every pending name, a few thousand names per transaction.
    /// Returns how many names were resolved.
    @discardableResult
    public func resolvePersons(resolver: PersonResolver, namesPerTransaction: Int = 2000) throws -> Int {
        var done = 0
        while true {
            let names = try queue.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM pending_names ORDER BY name LIMIT ?", arguments: [namesPerTransaction])
            }
            if names.isEmpty { return done }
            try queue.write { db in
                for name in names { try Self.resolve(name, resolver: resolver, db: db) }
            }
            done += names.count
        }
    }

    private static func resolve(_ name: String, resolver: PersonResolver, db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM persons WHERE name = ?").execute(arguments: [name])
        var facts: [MentionFacts] = []
        var titleRows: [Int64: [(title: String, office: String, place: String?)]] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT m.id, a.key, a.date, t.title, t.place, t.office, t.family
            FROM mentions m JOIN articles a ON a.id = m.article_id
            LEFT JOIN mention_titles t ON t.mention_id = m.id
            WHERE m.name = ? ORDER BY m.id, t.seq
            """), arguments: [name])
        while let row = try rows.next() {
            let id: Int64 = row[0]
            if facts.last?.id != id { facts.append(MentionFacts(id: id, article: row[1], date: row[2], titles: [])) }
            if let title: String = row[3] {
                let reading = TitleReading(title: title, place: row[4], office: row[5], family: row[6])
                facts[facts.count - 1].titles.append(reading)
                titleRows[id, default: []].append((title, reading.office, reading.place))
            }
        }
        let insertPerson = try db.cachedStatement(sql: "INSERT INTO persons (name, first_seen, last_seen, articles) VALUES (?, ?, ?, ?)")
        let updateMention = try db.cachedStatement(sql: "UPDATE mentions SET person_id = ?, evidence = ? WHERE id = ?")
        let insertTitle = try db.cachedStatement(sql: """
            INSERT INTO titles_held (person_id, title, office, place, first_seen, last_seen, articles) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let byID = Dictionary(uniqueKeysWithValues: facts.map { ($0.id, $0) })
        for person in resolver.resolve(facts) {
            try insertPerson.execute(arguments: [name, person.first, person.last, person.articles.count])
            let personID = db.lastInsertedRowID
            struct Held { var office: String; var first: String?; var last: String?; var articles: Set<String> }
            var held: [String: [String?: Held]] = [:]
            var order: [(String, String?)] = []
            for (mentionID, evidence) in person.mentions {
                try updateMention.execute(arguments: [personID, evidence, mentionID])
                guard let fact = byID[mentionID] else { continue }
                for t in titleRows[mentionID] ?? [] {
                    var h = held[t.title]?[t.place] ?? {
                        order.append((t.title, t.place))
                        return Held(office: t.office, first: nil, last: nil, articles: [])
                    }()
                    if let d = fact.date {
                        if h.first.map({ d < $0 }) ?? true { h.first = d }
                        if h.last.map({ d > $0 }) ?? true { h.last = d }
                    }
                    h.articles.insert(fact.article)
                    held[t.title, default: [:]][t.place] = h
                }
            }
            for (title, place) in order {
                guard let h = held[title]?[place] else { continue }
                try insertTitle.execute(arguments: [personID, title, h.office, place, h.first, h.last, h.articles.count])
            }
        }
        try db.cachedStatement(sql: "DELETE FROM pending_names WHERE name = ?").execute(arguments: [name])
    }

    /// The tables whose row counts `stats` reports.
    static let countedTables = ["articles", "meetings", "appearances", "mentions", "persons", "titles_held",
                                "directives", "venues", "reporters"]

    /// Counts the rows of each table into `index_stats` (read by `minutes query stats`).
    public func refreshStats() throws {
        try queue.write { db in
            for table in Self.countedTables {
                let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                try db.execute(sql: "INSERT OR REPLACE INTO index_stats (key, value) VALUES (?, ?)", arguments: [table, n])
            }
            try db.execute(sql: """
                INSERT OR REPLACE INTO index_stats (key, value)
                VALUES ('first_date', (SELECT min(date) FROM articles)), ('last_date', (SELECT max(date) FROM articles))
                """)
            try db.execute(sql: "INSERT OR REPLACE INTO index_stats (key, value) VALUES ('pending_names', (SELECT count(*) FROM pending_names))")
        }
    }

    /// Runs `body` on the database for reading.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.read(body)
    }

    /// Folds the WAL into the database file (end of a run).
    public func checkpoint() throws {
        try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }
}
