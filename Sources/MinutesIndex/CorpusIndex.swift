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
    /// Bytes of the file read through memory mapping (SQLite caps it at its own maximum).
    static let mappedBytes = 1 << 32

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
            // pages read in place from the mapped file, not copied into the page cache: a query
            // that visits a few thousand scattered rows of a large database reads them faster
            try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA mmap_size = \(Self.mappedBytes)")
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
            let writer = try ArticleRows(db: db)
            let before = try Int64.fetchOne(db, sql: "SELECT max(id) FROM mentions") ?? 0
            // only an id indexed before (or earlier in this batch) has old rows to replace: one
            // look-up for the batch instead of two statements per article
            var indexed = Set(try String.fetchAll(db, sql: "SELECT key FROM articles WHERE key IN (SELECT value FROM json_each(?))",
                                                  arguments: [JSONText.array(results.map(\.key))]))
            for article in results {
                try writer.insert(article, replacing: indexed.contains(article.key))
                indexed.insert(article.key)
            }
            // the batch's names wait for resolvePersons (mention ids are never reused)
            try db.execute(sql: "INSERT OR IGNORE INTO pending_names (name) SELECT name FROM mentions WHERE id > ?", arguments: [before])
        }
    }

    /// Works out the persons of every pending name, a few thousand names per transaction.
    /// Returns how many names were resolved.
    @discardableResult
    public func resolvePersons(resolver: PersonResolver, namesPerTransaction: Int = 2000) throws -> Int {
        var done = 0
        while true {
            let count = try queue.write { db -> Int in
                try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS resolving (name TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM resolving")
                try db.execute(sql: "INSERT INTO resolving SELECT name FROM pending_names ORDER BY name LIMIT ?", arguments: [namesPerTransaction])
                let count = db.changesCount
                guard count > 0 else { return 0 }
                try db.execute(sql: "DELETE FROM persons WHERE name IN (SELECT name FROM resolving)")
                try Self.resolveNames(resolver: resolver, db: db)
                try db.execute(sql: "DELETE FROM pending_names WHERE name IN (SELECT name FROM resolving)")
                return count
            }
            if count == 0 { return done }
            done += count
        }
    }

    /// The persons of the names in the temporary table `resolving`, whose old persons are gone.
    private static func resolveNames(resolver: PersonResolver, db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT m.name, m.id, a.key, a.date, t.title, t.place, t.office, t.family
            FROM resolving r CROSS JOIN mentions m ON m.name = r.name JOIN articles a ON a.id = m.article_id
            LEFT JOIN mention_titles t ON t.mention_id = m.id
            ORDER BY m.name, m.id, t.seq
            """)
        let statements = try PersonRows(db: db)
        var name: String?
        var facts: [MentionFacts] = []
        while let row = try rows.next() {
            let rowName: String = row[0]
            if rowName != name {
                if let name { try write(name, facts, resolver: resolver, into: statements) }
                name = rowName
                facts.removeAll(keepingCapacity: true)
            }
            let id: Int64 = row[1]
            if facts.last?.id != id { facts.append(MentionFacts(id: id, article: row[2], date: row[3], titles: [])) }
            if let title: String = row[4] {
                facts[facts.count - 1].titles.append(TitleReading(title: title, place: row[5], office: row[6], family: row[7]))
            }
        }
        if let name { try write(name, facts, resolver: resolver, into: statements) }
    }

    /// The statements that write persons, prepared once per transaction.
    private struct PersonRows {
        let db: Database
        let insertPerson: Statement
        let updateMention: Statement
        let insertTitle: Statement

        init(db: Database) throws {
            self.db = db
            insertPerson = try db.cachedStatement(sql: "INSERT INTO persons (name, first_seen, last_seen, articles) VALUES (?, ?, ?, ?)")
            updateMention = try db.cachedStatement(sql: "UPDATE mentions SET person_id = ?, evidence = ? WHERE id = ?")
            insertTitle = try db.cachedStatement(sql: """
                INSERT INTO titles_held (person_id, title, office, place, first_seen, last_seen, articles) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        }
    }

    /// Writes the persons of one name, the mentions' person and evidence, and the titles held.
    private static func write(_ name: String, _ facts: [MentionFacts], resolver: PersonResolver, into rows: PersonRows) throws {
        let db = rows.db
        let byID = Dictionary(uniqueKeysWithValues: facts.map { ($0.id, $0) })
        struct Held { var office: String; var first: String?; var last: String?; var articles: Set<String> }
        struct Key: Hashable { var title: String; var place: String? }
        for person in resolver.resolve(facts) {
            try rows.insertPerson.execute(arguments: [name, person.first, person.last, person.articles.count])
            let personID = db.lastInsertedRowID
            var held: [Key: Held] = [:]
            var order: [Key] = []
            for (mentionID, evidence) in person.mentions {
                try rows.updateMention.execute(arguments: [personID, evidence, mentionID])
                guard let fact = byID[mentionID] else { continue }
                for t in fact.titles {
                    let key = Key(title: t.title, place: t.place)
                    if held[key] == nil {
                        order.append(key)
                        held[key] = Held(office: t.office, first: nil, last: nil, articles: [])
                    }
                    if let d = fact.date {
                        if held[key]!.first.map({ d < $0 }) ?? true { held[key]!.first = d }
                        if held[key]!.last.map({ d > $0 }) ?? true { held[key]!.last = d }
                    }
                    held[key]!.articles.insert(fact.article)
                }
            }
            for key in order {
                let h = held[key]!
                try rows.insertTitle.execute(arguments: [personID, key.title, h.office, key.place, h.first, h.last, h.articles.count])
            }
        }
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
