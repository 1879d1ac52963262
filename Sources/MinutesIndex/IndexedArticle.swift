import Foundation
import GRDB
import Minutes

/// One result made ready for the database: its titles read, its date and its meetings' kinds
/// and places worked out. Made in the workers, so the one writer only writes.
public struct IndexedArticle: Sendable {
    public var key: String
    public var result: MinutesResult
    /// The publish date, else the first meeting's date (yyyy-MM-dd).
    var date: String?
    /// One per distinct written name: the article's persons, then attendees it does not list.
    var mentions: [(name: String, titles: [TitleReading])]
    var meetingKinds: [String?]
    var meetingPlaces: [String?]
}

/// Makes ``IndexedArticle``s. Built once from the rules; safe to use from many threads.
public struct ArticlePreparer: Sendable {
    public let titles: TitleReader
    /// Meeting heads (`Rules/meeting/names.yaml`, `heads`), reversed: a meeting's kind is the
    /// longest its name ends with.
    let reversedHeads: Lexicon
    public let resolver: PersonResolver

    public init(rules: RuleSet) throws {
        titles = TitleReader(rules: rules)
        reversedHeads = Lexicon(name: "heads", entries: rules.files("meeting").flatMap { $0.lexicon("heads")?.entries ?? [] }
            .map { String($0.reversed()) })
        resolver = PersonResolver(maxGapDays: try rules.intSetting("index", "max_gap_days", default: 1096))
    }

    public func prepare(_ result: MinutesResult, key: String) -> IndexedArticle {
        // the home places serve only to read titles, and most articles write none
        let writesTitles = result.persons.contains { !$0.titles.isEmpty }
            || result.meetings.contains { m in (m.chair + m.participants).contains { !$0.titles.isEmpty } }
        let home = writesTitles ? titles.homePlaces(result) : [:]
        var mentions: [(name: String, titles: [TitleReading])] = []
        var seen: [String: Int] = [:]
        func mention(_ name: String, _ written: [String]) {
            if let i = seen[name] {
                for t in written where !mentions[i].titles.contains(where: { $0.title == t }) {
                    mentions[i].titles.append(titles.read(t, homePlaces: home))
                }
                return
            }
            seen[name] = mentions.count
            mentions.append((name, written.map { titles.read($0, homePlaces: home) }))
        }
        for person in result.persons { mention(person.name, person.titles) }
        for meeting in result.meetings {
            for a in meeting.chair + meeting.participants { mention(a.name, a.titles) }
            for s in meeting.speakers { mention(s, []) }
        }
        let published = result.article.published.flatMap { CivilDate(iso: $0)?.iso }
        let date = published ?? result.meetings.compactMap { $0.date?.value }.min()
        let kinds = result.meetings.map { m -> String? in
            guard let name = m.name else { return nil }
            let units = Array(name.utf16)
            return reversedHeads.longestMatch(backwardFrom: units.count, in: units).map { String(decoding: units[$0.start...], as: UTF16.self) }
        }
        let places = result.meetings.map { m -> String? in
            for a in m.chair + m.participants {
                if let place = mentions[seen[a.name]!].titles.lazy.compactMap(\.place).first(where: { $0 != "全国" }) { return place }
            }
            return nil
        }
        return IndexedArticle(key: key, result: result, date: date, mentions: mentions, meetingKinds: kinds, meetingPlaces: places)
    }
}

/// Writes articles' rows inside a transaction: each table's rows of a run of articles gathered and
/// written in a few multi-row statements (``BulkRows``), the ids that rows of other tables refer to
/// given here, counting on from the largest in the table (as SQLite would give them).
struct ArticleRows {
    let db: Database
    let pendOldNames: Statement
    let deleteArticle: Statement
    var articles = BulkRows("INSERT INTO articles (id, key, url, headline, published, outlet, date)", columns: 7)
    var reporters = BulkRows("INSERT INTO reporters (article_id, name, role, kind)", columns: 4)
    var mentions = BulkRows("INSERT INTO mentions (id, article_id, name)", columns: 3)
    var mentionTitles = BulkRows("INSERT INTO mention_titles (mention_id, seq, title, place, office, family)", columns: 6)
    var meetings = BulkRows("""
        INSERT INTO meetings (id, article_id, seq, name, kind, date, date_text, part_of_day, place, start, "end")
        """, columns: 11)
    var appearances = BulkRows("INSERT INTO appearances (meeting_id, mention_id, role, titles, venue, start, \"end\")", columns: 7)
    var venues = BulkRows("INSERT INTO venues (meeting_id, name, kind)", columns: 3)
    var directives = BulkRows("INSERT INTO directives (id, meeting_id, parent_id, marker, number, text, start, \"end\")", columns: 8)
    /// The next ids of the tables whose rows others refer to.
    var nextArticle: Int64 = 0, nextMention: Int64 = 0, nextMeeting: Int64 = 0, nextDirective: Int64 = 0

    init(db: Database) throws {
        self.db = db
        // the old rows of an article indexed again go, and their names are resolved again
        pendOldNames = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO pending_names (name)
            SELECT m.name FROM mentions m JOIN articles a ON a.id = m.article_id WHERE a.key = ?
            """)
        deleteArticle = try db.cachedStatement(sql: "DELETE FROM articles WHERE key = ?")
    }

    /// Deletes the rows of an article indexed before under `key`, and pends its names.
    func delete(key: String) throws {
        try pendOldNames.execute(arguments: [key])
        try deleteArticle.execute(arguments: [key])
    }

    /// Reads the next ids: after deletions, before the rows of a run of articles are added.
    mutating func startRun() throws {
        func next(_ sql: String) throws -> Int64 { (try Int64.fetchOne(db, sql: sql) ?? 0) + 1 }
        nextArticle = try next("SELECT max(id) FROM articles")
        nextMeeting = try next("SELECT max(id) FROM meetings")
        nextDirective = try next("SELECT max(id) FROM directives")
        // AUTOINCREMENT: above any id ever given, deleted ones included
        nextMention = try next("SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'mentions'), 0), coalesce((SELECT max(id) FROM mentions), 0))")
    }

    /// Gathers the rows of `article` (written by ``write()``).
    mutating func add(_ article: IndexedArticle) {
        let r = article.result
        let url = article.key.hasPrefix("http://") || article.key.hasPrefix("https://") ? article.key : nil
        let articleID = nextArticle
        nextArticle += 1
        articles.add(.int(articleID), .text(article.key), BulkValue(url), BulkValue(r.article.headline), BulkValue(r.article.published),
                     BulkValue(r.article.outlet), BulkValue(article.date))
        for c in r.article.reporters { reporters.add(.int(articleID), .text(c.name), BulkValue(c.role), .text("reporter")) }
        for c in r.article.editors { reporters.add(.int(articleID), .text(c.name), BulkValue(c.role), .text("editor")) }

        var mentionIDs: [String: Int64] = [:]
        for m in article.mentions {
            let id = nextMention
            nextMention += 1
            mentions.add(.int(id), .int(articleID), .text(m.name))
            mentionIDs[m.name] = id
            for (seq, t) in m.titles.enumerated() {
                mentionTitles.add(.int(id), .int(Int64(seq)), .text(t.title), BulkValue(t.place), .text(t.office), .text(t.family))
            }
        }

        for (seq, m) in r.meetings.enumerated() {
            let meetingID = nextMeeting
            nextMeeting += 1
            meetings.add(.int(meetingID), .int(articleID), .int(Int64(seq)), BulkValue(m.name), BulkValue(article.meetingKinds[seq]),
                         BulkValue(m.date?.value ?? article.date), BulkValue(m.date?.text), BulkValue(m.date?.partOfDay),
                         BulkValue(article.meetingPlaces[seq]), .int(Int64(m.start)), .int(Int64(m.end)))
            for (role, attendees) in [("chair", m.chair), ("participant", m.participants)] {
                for a in attendees {
                    appearances.add(.int(meetingID), BulkValue(mentionIDs[a.name]), .text(role), .text(JSONText.array(a.titles)),
                                    BulkValue(a.venue), BulkValue(a.start), BulkValue(a.end))
                }
            }
            for s in m.speakers {
                let titles = article.mentions.first { $0.name == s }?.titles.map(\.title) ?? []
                appearances.add(.int(meetingID), BulkValue(mentionIDs[s]), .text("speaker"), .text(JSONText.array(titles)), .null, .null, .null)
            }
            for v in m.venues { venues.add(.int(meetingID), .text(v.name), .text(v.kind.rawValue)) }
            addDirectives(m.directives, meetingID: meetingID, parentID: nil)
        }
    }

    private mutating func addDirectives(_ items: [Directive], meetingID: Int64, parentID: Int64?) {
        for d in items {
            let id = nextDirective
            nextDirective += 1
            directives.add(.int(id), .int(meetingID), BulkValue(parentID), .text(d.marker), .int(Int64(d.number)), .text(d.text),
                           .int(Int64(d.start)), .int(Int64(d.end)))
            if !d.items.isEmpty { addDirectives(d.items, meetingID: meetingID, parentID: id) }
        }
    }

    /// Writes the rows gathered, parents before the rows that refer to them.
    mutating func write() throws {
        try articles.write(db)
        try reporters.write(db)
        try mentions.write(db)
        try mentionTitles.write(db)
        try meetings.write(db)
        try appearances.write(db)
        try venues.write(db)
        try directives.write(db)
    }
}

/// JSON text for the few values the index writes and prints as JSON, written as the results are
/// (``JSONWriter``: the same escaping), without the tree of nodes an encoder builds per value.
public enum JSONText {
    public static func quote(_ s: String) -> String {
        var writer = JSONWriter(capacity: s.utf8.count + 2)
        writer.string(s)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    public static func array(_ strings: [String]) -> String {
        var writer = JSONWriter(capacity: strings.reduce(2) { $0 + $1.utf8.count + 3 })
        writer.beginArray()
        for s in strings {
            writer.element()
            writer.string(s)
        }
        writer.endArray()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
