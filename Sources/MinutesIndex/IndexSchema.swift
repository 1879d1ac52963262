import GRDB

/// The corpus database's tables and views (docs/index.md), as migrations: a database made by an
/// older `minutes` is brought up to date when it is opened, and one made by a newer one is refused.
enum IndexSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // .immediate: foreign keys stay on, as no migration here rewrites a table; GRDB's deferred
        // check (foreign keys off, then a check of every table) was ~10 % of opening a new database
        migrator.registerMigration("v1", foreignKeyChecks: .immediate, migrate: createV1)
        migrator.registerMigration("v2", foreignKeyChecks: .immediate, migrate: indexesV2)
        return migrator
    }

    /// Indexes the queries need (EXPLAIN QUERY PLAN): `holders` matches `office = ? OR title = ?`,
    /// which without an index on `title` scans every title held.
    private static func indexesV2(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX titles_held_title ON titles_held(title, place)")
    }

    private static func createV1(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            url TEXT,
            headline TEXT,
            published TEXT,
            outlet TEXT,
            date TEXT
        );
        CREATE TABLE reporters (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            role TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('reporter', 'editor'))
        );
        CREATE INDEX reporters_article ON reporters(article_id);
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            name TEXT,
            kind TEXT,
            date TEXT,
            date_text TEXT,
            part_of_day TEXT,
            place TEXT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL
        );
        CREATE INDEX meetings_article ON meetings(article_id);
        CREATE INDEX meetings_date ON meetings(date);
        CREATE INDEX meetings_place ON meetings(place, date);
        CREATE TABLE venues (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL
        );
        CREATE INDEX venues_meeting ON venues(meeting_id);
        CREATE TABLE directives (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            parent_id INTEGER REFERENCES directives(id) ON DELETE CASCADE,
            marker TEXT NOT NULL,
            number INTEGER NOT NULL,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL
        );
        CREATE INDEX directives_meeting ON directives(meeting_id);
        CREATE INDEX directives_parent ON directives(parent_id);
        CREATE TABLE persons (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            first_seen TEXT,
            last_seen TEXT,
            articles INTEGER NOT NULL
        );
        CREATE INDEX persons_name ON persons(name);
        -- AUTOINCREMENT: ids are never reused, so a batch's new mentions are those above the
        -- largest id before it
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            person_id INTEGER REFERENCES persons(id) ON DELETE SET NULL,
            evidence TEXT
        );
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE INDEX mentions_name ON mentions(name);
        CREATE INDEX mentions_person ON mentions(person_id);
        CREATE TABLE mention_titles (
            mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            title TEXT NOT NULL,
            place TEXT,
            office TEXT NOT NULL,
            family TEXT NOT NULL,
            PRIMARY KEY (mention_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE appearances (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('chair', 'participant', 'speaker')),
            titles TEXT NOT NULL,
            venue TEXT,
            start INTEGER,
            "end" INTEGER
        );
        CREATE INDEX appearances_meeting ON appearances(meeting_id);
        CREATE INDEX appearances_mention ON appearances(mention_id);
        CREATE TABLE titles_held (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            office TEXT NOT NULL,
            place TEXT,
            first_seen TEXT,
            last_seen TEXT,
            articles INTEGER NOT NULL
        );
        CREATE INDEX titles_held_person ON titles_held(person_id);
        CREATE INDEX titles_held_office ON titles_held(office, place);
        -- names whose persons must be worked out again (their mentions changed); emptied at the
        -- end of each run, and a killed run's leftovers are finished by the next
        CREATE TABLE pending_names (name TEXT PRIMARY KEY) WITHOUT ROWID;
        -- counts for `minutes query stats`, refreshed at the end of each run
        CREATE TABLE index_stats (key TEXT PRIMARY KEY, value) WITHOUT ROWID;

        CREATE VIEW person_timeline AS
            SELECT p.id AS person_id, p.name AS name, mt.date AS date,
                   ap.titles AS titles, ap.role AS role, mt.name AS meeting, mt.id AS meeting_id,
                   a.key AS article
            FROM persons p
            JOIN mentions m ON m.person_id = p.id
            JOIN appearances ap ON ap.mention_id = m.id
            JOIN meetings mt ON mt.id = ap.meeting_id
            JOIN articles a ON a.id = mt.article_id;
        CREATE VIEW meeting_list AS
            SELECT mt.id AS meeting_id, mt.date AS date, mt.name AS meeting,
                   mt.kind AS kind, mt.place AS place,
                   (SELECT group_concat(m.name, '、') FROM appearances ap JOIN mentions m ON m.id = ap.mention_id
                    WHERE ap.meeting_id = mt.id AND ap.role = 'chair') AS chair,
                   (SELECT count(*) FROM appearances ap WHERE ap.meeting_id = mt.id) AS attendees,
                   a.key AS article
            FROM meetings mt JOIN articles a ON a.id = mt.article_id;
        CREATE VIEW coattendance AS
            SELECT m1.person_id AS person_id, m2.person_id AS other_id, count(DISTINCT a1.meeting_id) AS meetings,
                   min(mt.date) AS first_date, max(mt.date) AS last_date
            FROM appearances a1
            JOIN mentions m1 ON m1.id = a1.mention_id
            JOIN appearances a2 ON a2.meeting_id = a1.meeting_id AND a2.mention_id <> a1.mention_id
            JOIN mentions m2 ON m2.id = a2.mention_id
            JOIN meetings mt ON mt.id = a1.meeting_id
            WHERE m1.person_id IS NOT NULL AND m2.person_id IS NOT NULL AND m1.person_id <> m2.person_id
            GROUP BY m1.person_id, m2.person_id;
        CREATE VIEW title_holders AS
            SELECT t.office AS office, t.place AS place, t.title AS title, p.name AS name, p.id AS person_id,
                   t.first_seen AS first_seen, t.last_seen AS last_seen, t.articles AS articles
            FROM titles_held t JOIN persons p ON p.id = t.person_id;
        """)
    }
}
