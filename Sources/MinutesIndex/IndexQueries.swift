import Foundation
import GRDB

/// A query's answer: one or more named tables (`person` gives a timeline, the titles held and
/// why the mentions were joined).
public typealias QueryAnswer = [(name: String, table: QueryTable)]

/// The questions `minutes query` answers (docs/index.md lists the SQL views that answer the same).
extension CorpusIndex {
    /// A person's timeline (date, titles, meeting, role), the titles held, and each mention with
    /// the evidence that joined it. Persons of the name are told apart by `person` (their id).
    public func person(_ name: String) throws -> QueryAnswer {
        try read { db in
            [
                ("timeline", try QueryTable(db, sql: """
                    SELECT person_id AS person, date, (SELECT group_concat(value, '、') FROM json_each(titles)) AS titles,
                           meeting, role, article
                    FROM person_timeline WHERE name = ? ORDER BY person_id, date, meeting_id, role
                    """, arguments: [name])),
                ("titles", try QueryTable(db, sql: """
                    SELECT person_id AS person, title, office, place, first_seen, last_seen, articles
                    FROM title_holders WHERE name = ? ORDER BY person_id, first_seen, title
                    """, arguments: [name])),
                ("mentions", try QueryTable(db, sql: """
                    SELECT p.id AS person, a.date, a.key AS article,
                           (SELECT group_concat(t.title || COALESCE('@' || t.place, ''), '、') FROM mention_titles t WHERE t.mention_id = m.id) AS titles,
                           m.evidence
                    FROM persons p JOIN mentions m ON m.person_id = p.id JOIN articles a ON a.id = m.article_id
                    WHERE p.name = ? ORDER BY p.id, a.date, a.key
                    """, arguments: [name])),
            ]
        }
    }

    /// Meetings by date, filtered by chair name, date range and place (a prefix: 青川 finds 青川县).
    public func meetings(chair: String? = nil, from: String? = nil, to: String? = nil, place: String? = nil,
                         limit: Int = 100) throws -> QueryAnswer {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let chair {
            conditions.append("""
                meeting_id IN (SELECT ap.meeting_id FROM mentions m JOIN appearances ap ON ap.mention_id = m.id
                               WHERE m.name = ? AND ap.role = 'chair')
                """)
            arguments += [chair]
        }
        if let from {
            conditions.append("date >= ?")
            arguments += [DateBound.start(from)]
        }
        if let to {
            conditions.append("date <= ?")
            arguments += [DateBound.end(to)]
        }
        if let place {
            conditions.append("place >= ? AND place < ?")
            arguments += [place, place + "\u{10FFFF}"]
        }
        arguments += [limit]
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            [("meetings", try QueryTable(db, sql: """
                SELECT date, meeting, kind, place, chair, attendees, article FROM meeting_list \(filter)
                ORDER BY date, meeting_id LIMIT ?
                """, arguments: arguments))]
        }
    }

    /// Who attended meetings with the persons of this name, how often, first and last time.
    public func coattendance(_ name: String, limit: Int = 100) throws -> QueryAnswer {
        try read { db in
            [("coattendance", try QueryTable(db, sql: """
                SELECT p.id AS person, o.name AS other, o.id AS other_person, count(DISTINCT a1.meeting_id) AS meetings,
                       min(mt.date) AS first_date, max(mt.date) AS last_date
                FROM persons p
                JOIN mentions m1 ON m1.person_id = p.id
                JOIN appearances a1 ON a1.mention_id = m1.id
                JOIN appearances a2 ON a2.meeting_id = a1.meeting_id AND a2.mention_id <> a1.mention_id
                JOIN mentions m2 ON m2.id = a2.mention_id
                JOIN persons o ON o.id = m2.person_id AND o.id <> p.id
                JOIN meetings mt ON mt.id = a1.meeting_id
                WHERE p.name = ?
                GROUP BY p.id, o.id ORDER BY p.id, meetings DESC, o.name LIMIT ?
                """, arguments: [name, limit]))]
        }
    }

    /// Who held a title (as written without its place: 县委书记), where and when; `place` is a
    /// prefix (青川 finds 青川县), `on` a date, month or year the holding must cover.
    public func holders(_ title: String, place: String? = nil, on: String? = nil) throws -> QueryAnswer {
        var conditions = ["(office = ? OR title = ?)"]
        var arguments: StatementArguments = [title, title]
        if let place {
            conditions.append("place >= ? AND place < ?")
            arguments += [place, place + "\u{10FFFF}"]
        }
        if let on {
            conditions.append("first_seen <= ? AND last_seen >= ?")
            arguments += [DateBound.end(on), DateBound.start(on)]
        }
        return try read { db in
            [("holders", try QueryTable(db, sql: """
                SELECT name, person_id AS person, title, place, first_seen, last_seen, articles FROM title_holders
                WHERE \(conditions.joined(separator: " AND ")) ORDER BY place, first_seen, name
                """, arguments: arguments))]
        }
    }

    /// Row counts and the date range, as of the end of the last indexing run.
    public func stats() throws -> QueryAnswer {
        try read { db in
            [("stats", try QueryTable(db, sql: "SELECT key, value FROM index_stats ORDER BY key"))]
        }
    }
}

/// The first and last day a date, month or year (`2022-06-15`, `2022-06`, `2022`) covers, as
/// ISO text for comparing with stored dates.
enum DateBound {
    static func start(_ d: String) -> String {
        switch d.count {
        case 4: return d + "-01-01"
        case 7: return d + "-01"
        default: return d
        }
    }

    static func end(_ d: String) -> String {
        switch d.count {
        case 4: return d + "-12-31"
        case 7: return d + "-31"
        default: return d
        }
    }
}
