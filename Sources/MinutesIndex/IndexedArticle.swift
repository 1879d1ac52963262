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
        let home = titles.homePlaces(result)
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

/// Writes articles' rows inside a transaction, with its statements prepared once for the batch
/// (looking a cached statement up hashes its SQL every time).
struct ArticleRows {
    let db: Database
    let pendOldNames: Statement
    let deleteArticle: Statement
    let insertArticle: Statement
    let insertReporter: Statement
    let insertMention: Statement
    let insertMentionTitle: Statement
    let insertMeeting: Statement
    let insertAppearance: Statement
    let insertVenue: Statement
    let insertDirective: Statement

    init(db: Database) throws {
        self.db = db
        // the old rows of an article indexed again go, and their names are resolved again
        pendOldNames = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO pending_names (name)
            SELECT m.name FROM mentions m JOIN articles a ON a.id = m.article_id WHERE a.key = ?
            """)
        deleteArticle = try db.cachedStatement(sql: "DELETE FROM articles WHERE key = ?")
        insertArticle = try db.cachedStatement(sql: "INSERT INTO articles (key, url, headline, published, outlet, date) VALUES (?, ?, ?, ?, ?, ?)")
        insertReporter = try db.cachedStatement(sql: "INSERT INTO reporters (article_id, name, role, kind) VALUES (?, ?, ?, ?)")
        insertMention = try db.cachedStatement(sql: "INSERT INTO mentions (article_id, name) VALUES (?, ?)")
        insertMentionTitle = try db.cachedStatement(sql: "INSERT INTO mention_titles (mention_id, seq, title, place, office, family) VALUES (?, ?, ?, ?, ?, ?)")
        insertMeeting = try db.cachedStatement(sql: """
            INSERT INTO meetings (article_id, seq, name, kind, date, date_text, part_of_day, place, start, "end")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertAppearance = try db.cachedStatement(sql: """
            INSERT INTO appearances (meeting_id, mention_id, role, titles, venue, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        insertVenue = try db.cachedStatement(sql: "INSERT INTO venues (meeting_id, name, kind) VALUES (?, ?, ?)")
        insertDirective = try db.cachedStatement(sql: """
            INSERT INTO directives (meeting_id, parent_id, marker, number, text, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Writes `article`; `replacing`: an article with its key may be in the database already.
    func insert(_ article: IndexedArticle, replacing: Bool) throws {
        let r = article.result
        if replacing {
            try pendOldNames.execute(arguments: [article.key])
            try deleteArticle.execute(arguments: [article.key])
        }
        let url = article.key.hasPrefix("http://") || article.key.hasPrefix("https://") ? article.key : nil
        try insertArticle.execute(arguments: [article.key, url, r.article.headline, r.article.published, r.article.outlet, article.date])
        let articleID = db.lastInsertedRowID
        for c in r.article.reporters { try insertReporter.execute(arguments: [articleID, c.name, c.role, "reporter"]) }
        for c in r.article.editors { try insertReporter.execute(arguments: [articleID, c.name, c.role, "editor"]) }

        var mentionIDs: [String: Int64] = [:]
        for m in article.mentions {
            try insertMention.execute(arguments: [articleID, m.name])
            let id = db.lastInsertedRowID
            mentionIDs[m.name] = id
            for (seq, t) in m.titles.enumerated() {
                try insertMentionTitle.execute(arguments: [id, seq, t.title, t.place, t.office, t.family])
            }
        }

        for (seq, m) in r.meetings.enumerated() {
            try insertMeeting.execute(arguments: [articleID, seq, m.name, article.meetingKinds[seq], m.date?.value ?? article.date, m.date?.text,
                                                  m.date?.partOfDay, article.meetingPlaces[seq], m.start, m.end])
            let meetingID = db.lastInsertedRowID
            for (role, attendees) in [("chair", m.chair), ("participant", m.participants)] {
                for a in attendees {
                    try insertAppearance.execute(arguments: [meetingID, mentionIDs[a.name], role, JSONText.array(a.titles), a.venue, a.start, a.end])
                }
            }
            for s in m.speakers {
                let titles = article.mentions.first { $0.name == s }?.titles.map(\.title) ?? []
                try insertAppearance.execute(arguments: [meetingID, mentionIDs[s], "speaker", JSONText.array(titles), nil, nil, nil])
            }
            for v in m.venues { try insertVenue.execute(arguments: [meetingID, v.name, v.kind.rawValue]) }
            try insertDirectives(m.directives, meetingID: meetingID, parentID: nil)
        }
    }

    private func insertDirectives(_ items: [Directive], meetingID: Int64, parentID: Int64?) throws {
        for d in items {
            try insertDirective.execute(arguments: [meetingID, parentID, d.marker, d.number, d.text, d.start, d.end])
            let id = db.lastInsertedRowID
            if !d.items.isEmpty { try insertDirectives(d.items, meetingID: meetingID, parentID: id) }
        }
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
