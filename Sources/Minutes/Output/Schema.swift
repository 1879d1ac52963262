// The `minutes/1` output schema (documented in docs/schema.md). Every key is always present:
// optionals encode as null, never omitted, so each type spells out its encode(to:).

/// One article's extraction result, schema `minutes/1`.
public struct MinutesResult: Codable, Sendable, Equatable {
    public var schema: String = "minutes/1"
    /// The file path or JSONL record id the article came from.
    public var id: RecordID?
    public var article: Article
    public var meetings: [Meeting]
    public var persons: [Person]
    public var entities: [Entity]
    public var warnings: [String]

    public init(id: RecordID?, article: Article = Article(), meetings: [Meeting] = [], persons: [Person] = [],
                entities: [Entity] = [], warnings: [String] = []) {
        self.id = id
        self.article = article
        self.meetings = meetings
        self.persons = persons
        self.entities = entities
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey { case schema, id, article, meetings, persons, entities, warnings }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(id, forKey: .id)
        try c.encode(article, forKey: .article)
        try c.encode(meetings, forKey: .meetings)
        try c.encode(persons, forKey: .persons)
        try c.encode(entities, forKey: .entities)
        try c.encode(warnings, forKey: .warnings)
    }
}

/// Article metadata: headline, publish time, outlet and credits.
public struct Article: Codable, Sendable, Equatable {
    public var headline: String?
    /// ISO 8601 local time, `2022-10-08T09:08`, or a date alone when no time is given.
    public var published: String?
    public var outlet: String?
    public var reporters: [Credit]
    public var editors: [Credit]

    public init(headline: String? = nil, published: String? = nil, outlet: String? = nil,
                reporters: [Credit] = [], editors: [Credit] = []) {
        self.headline = headline
        self.published = published
        self.outlet = outlet
        self.reporters = reporters
        self.editors = editors
    }

    enum CodingKeys: String, CodingKey { case headline, published, outlet, reporters, editors }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(headline, forKey: .headline)
        try c.encode(published, forKey: .published)
        try c.encode(outlet, forKey: .outlet)
        try c.encode(reporters, forKey: .reporters)
        try c.encode(editors, forKey: .editors)
    }
}

/// A byline credit: `{"name": "周帅", "role": "云浮融媒记者"}`.
public struct Credit: Codable, Sendable, Equatable {
    public var name: String
    public var role: String?

    public init(name: String, role: String?) {
        self.name = name
        self.role = role
    }

    enum CodingKeys: String, CodingKey { case name, role }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(role, forKey: .role)
    }
}

/// One meeting reported in the article.
public struct Meeting: Codable, Sendable, Equatable {
    public var name: String?
    public var date: MeetingDate?
    public var chair: [Attendee]
    public var participants: [Attendee]
    public var speakers: [String]
    public var venues: [Venue]
    public var directives: [Directive]
    /// Span of the text that reports this meeting (code points into the original input).
    public var start: Int
    public var end: Int

    public init(name: String? = nil, date: MeetingDate? = nil, chair: [Attendee] = [], participants: [Attendee] = [],
                speakers: [String] = [], venues: [Venue] = [], directives: [Directive] = [], start: Int, end: Int) {
        self.name = name
        self.date = date
        self.chair = chair
        self.participants = participants
        self.speakers = speakers
        self.venues = venues
        self.directives = directives
        self.start = start
        self.end = end
    }

    enum CodingKeys: String, CodingKey { case name, date, chair, participants, speakers, venues, directives, start, end }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(date, forKey: .date)
        try c.encode(chair, forKey: .chair)
        try c.encode(participants, forKey: .participants)
        try c.encode(speakers, forKey: .speakers)
        try c.encode(venues, forKey: .venues)
        try c.encode(directives, forKey: .directives)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
    }
}

/// A date as written and resolved: `{"text": "10月6日晚", "value": "2022-10-06", "part_of_day": "evening"}`.
public struct MeetingDate: Codable, Sendable, Equatable {
    public var text: String
    /// ISO date, or null when it cannot be resolved (no reference date for 6日, or 近日).
    public var value: String?
    /// `early_morning`, `morning`, `noon`, `afternoon`, `evening`, `night`, or null.
    public var partOfDay: String?

    public init(text: String, value: String?, partOfDay: String?) {
        self.text = text
        self.value = value
        self.partOfDay = partOfDay
    }

    enum CodingKeys: String, CodingKey { case text, value, partOfDay = "part_of_day" }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(value, forKey: .value)
        try c.encode(partOfDay, forKey: .partOfDay)
    }
}

/// A chair or participant with every title the article gives them and the venue they attended from.
public struct Attendee: Codable, Sendable, Equatable {
    public var name: String
    public var titles: [String]
    public var venue: String?
    /// Span of the name mention that made this attendee (code points into the original input).
    public var start: Int
    public var end: Int

    public init(name: String, titles: [String], venue: String?, start: Int, end: Int) {
        self.name = name
        self.titles = titles
        self.venue = venue
        self.start = start
        self.end = end
    }

    enum CodingKeys: String, CodingKey { case name, titles, venue, start, end }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(titles, forKey: .titles)
        try c.encode(venue, forKey: .venue)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
    }
}

/// Where the meeting was held or watched.
public struct Venue: Codable, Sendable, Equatable {
    /// `main` (主会场), `branch` (分会场), `site` (a physical place), `video_link` (视频连线 target).
    public enum Kind: String, Codable, Sendable { case main, branch, site, videoLink = "video_link" }
    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// A numbered directive (一要…, 一是…, （一）…), with nested items.
public struct Directive: Codable, Sendable, Equatable {
    public var marker: String
    public var number: Int
    /// The item's text, marker excluded.
    public var text: String
    public var start: Int
    public var end: Int
    public var items: [Directive]

    public init(marker: String, number: Int, text: String, start: Int, end: Int, items: [Directive] = []) {
        self.marker = marker
        self.number = number
        self.text = text
        self.start = start
        self.end = end
        self.items = items
    }
}

/// A person with all titles and every mention.
public struct Person: Codable, Sendable, Equatable {
    public var name: String
    public var titles: [String]
    /// `[start, end]` code point spans into the original input.
    public var mentions: [[Int]]

    public init(name: String, titles: [String], mentions: [[Int]]) {
        self.name = name
        self.titles = titles
        self.mentions = mentions
    }
}

/// One annotation, with the id of the rule that produced it.
public struct Entity: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case person, title, organization, place, date, venue, meeting
    }
    public var type: Kind
    public var text: String
    public var start: Int
    public var end: Int
    public var rule: String

    public init(type: Kind, text: String, start: Int, end: Int, rule: String) {
        self.type = type
        self.text = text
        self.start = start
        self.end = end
        self.rule = rule
    }
}

/// What a batch line carries when its record could not be processed: `{"id": …, "error": …}`.
public struct RecordError: Codable, Sendable, Equatable {
    public var id: RecordID?
    public var error: String

    public init(id: RecordID?, error: String) {
        self.id = id
        self.error = error
    }

    enum CodingKeys: String, CodingKey { case id, error }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(error, forKey: .error)
    }
}
