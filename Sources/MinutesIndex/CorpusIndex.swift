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
            var rows = try ArticleRows(db: db)
            let before = try Int64.fetchOne(db, sql: "SELECT max(id) FROM mentions") ?? 0
            // only an id indexed before (or earlier in this batch) has old rows to replace: one
            // look-up for the batch instead of two statements per article
            var indexed = Set(try String.fetchAll(db, sql: "SELECT key FROM articles WHERE key IN (SELECT value FROM json_each(?))",
                                                  arguments: [JSONText.array(results.map(\.key))]))
            // runs of articles without a repeated id: a run's old rows go, then its rows are written
            var start = 0
            while start < results.count {
                var keys = Set<String>()
                var end = start
                while end < results.count, keys.insert(results[end].key).inserted { end += 1 }
                for article in results[start..<end] where indexed.contains(article.key) { try rows.delete(key: article.key) }
                try rows.startRun()
                for article in results[start..<end] { rows.add(article) }
                try rows.write()
                indexed.formUnion(keys)
                start = end
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
        var statements = try PersonRows(db: db)
        var name: String?
        var facts: [MentionFacts] = []
        while let row = try rows.next() {
            let rowName: String = row[0]
            if rowName != name {
                if let name { add(name, facts, resolver: resolver, to: &statements) }
                name = rowName
                facts.removeAll(keepingCapacity: true)
            }
            let id: Int64 = row[1]
            if facts.last?.id != id { facts.append(MentionFacts(id: id, article: row[2], date: row[3], titles: [])) }
            if let title: String = row[4] {
                facts[facts.count - 1].titles.append(TitleReading(title: title, place: row[5], office: row[6], family: row[7]))
            }
        }
        if let name { add(name, facts, resolver: resolver, to: &statements) }
        try statements.write(db)
    }

    /// The rows that persons add, gathered for the transaction and written in bulk (``BulkRows``);
    /// persons' ids count on from the largest, as SQLite would give them.
    private struct PersonRows {
        var nextPerson: Int64
        var persons = BulkRows("INSERT INTO persons (id, name, first_seen, last_seen, articles)", columns: 5)
        var mentions = BulkRows("UPDATE mentions SET person_id = v.column2, evidence = v.column3 FROM (",
                                columns: 3, tail: ") AS v WHERE mentions.id = v.column1")
        var titles = BulkRows("INSERT INTO titles_held (person_id, title, office, place, first_seen, last_seen, articles)", columns: 7)

        init(db: Database) throws {
            nextPerson = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM persons") ?? 0) + 1
        }

        mutating func write(_ db: Database) throws {
            try persons.write(db)
            try mentions.write(db)
            try titles.write(db)
        }
    }

    /// Gathers the persons of one name, the mentions' person and evidence, and the titles held.
    private static func add(_ name: String, _ facts: [MentionFacts], resolver: PersonResolver, to rows: inout PersonRows) {
        let byID = Dictionary(uniqueKeysWithValues: facts.map { ($0.id, $0) })
        struct Held { var office: String; var first: String?; var last: String?; var articles: Set<String> }
        struct Key: Hashable { var title: String; var place: String? }
        for person in resolver.resolve(facts) {
            let personID = rows.nextPerson
            rows.nextPerson += 1
            rows.persons.add(.int(personID), .text(name), BulkValue(person.first), BulkValue(person.last), .int(Int64(person.articles.count)))
            var held: [Key: Held] = [:]
            var order: [Key] = []
            for (mentionID, evidence) in person.mentions {
                rows.mentions.add(.int(mentionID), .int(personID), .text(evidence))
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
                rows.titles.add(.int(personID), .text(key.title), .text(h.office), BulkValue(key.place), BulkValue(h.first), BulkValue(h.last),
                                .int(Int64(h.articles.count)))
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
