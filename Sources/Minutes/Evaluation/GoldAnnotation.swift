import Foundation
import Yams

// The gold annotation of one article, as documented in docs/gold-schema.md (the schema of the
// dev corpus, plus the Samples' `date_value`, `part_of_day` and `other_meetings`).

/// A person in the gold: a chair, participant, speaker, mentioned person or byline.
public struct GoldPerson: Sendable, Equatable {
    /// The name, clean (no pinyin annotations).
    public var name: String
    /// Other accepted spellings (`name_variants`).
    public var nameVariants: [String]
    /// The raw form when it differs from `name` (`歐陽振國(guó)`).
    public var asWritten: String?
    /// Titles as written (pinyin annotations included), split on 、 and 兼.
    public var titles: [String]
    public var venue: String?
    /// `出席`, `列席`, … where the annotator gives it.
    public var role: String?

    public init(name: String, nameVariants: [String] = [], asWritten: String? = nil, titles: [String] = [],
                venue: String? = nil, role: String? = nil) {
        self.name = name
        self.nameVariants = nameVariants
        self.asWritten = asWritten
        self.titles = titles
        self.venue = venue
        self.role = role
    }

    /// Every accepted spelling: the name, its variants and the written form.
    public var spellings: [String] { [name] + nameVariants + (asWritten.map { [$0] } ?? []) }
}

/// A numbered directive: its marker and the first characters of its text.
public struct GoldDirective: Sendable, Equatable {
    public var marker: String
    public var starts: String
    /// Index of the parent item in the same list (nesting).
    public var parent: Int?
    /// Which of several separate lists the item belongs to.
    public var group: Int?
    /// The item is cut off by the end of the excerpt.
    public var truncated: Bool

    public init(marker: String, starts: String, parent: Int? = nil, group: Int? = nil, truncated: Bool = false) {
        self.marker = marker
        self.starts = starts
        self.parent = parent
        self.group = group
        self.truncated = truncated
    }
}

/// One meeting frame. In the main frame every list is present (a missing key means "none");
/// in an `other_meetings` frame a missing key is nil: not annotated, so not scored.
public struct GoldMeeting: Sendable, Equatable {
    public var name: String?
    public var nameAlternatives: [String] = []
    public var date: String?
    public var dateAlternatives: [String] = []
    /// `date_value`: the resolved ISO date; `hasDateValue` tells an explicit null from a missing key.
    public var dateValue: String?
    public var hasDateValue = false
    /// `part_of_day` (`morning`, `afternoon`, `evening`…); `hasPartOfDay` as above.
    public var partOfDay: String?
    public var hasPartOfDay = false
    public var chair: [GoldPerson]?
    public var participants: [GoldPerson]?
    public var speakers: [GoldPerson]?
    public var directives: [GoldDirective]?
    public var venues: [String]?
    /// 视频连线 targets: a predicted venue that names one is neither rewarded nor punished.
    public var videoLinks: [String] = []

    public init() {}
}

/// The gold annotation of one article.
public struct GoldAnnotation: Sendable, Equatable {
    /// The main meeting (the top-level keys).
    public var meeting: GoldMeeting
    /// Further meetings reported in the same article (`other_meetings`).
    public var otherMeetings: [GoldMeeting]
    public var mentionedPersons: [GoldPerson]
    public var reporters: [GoldPerson]
    public var editors: [GoldPerson]
    public var headline: String?
    public var headlineAlternatives: [String]
    /// As written (`2022-10-08 09:08`, `4月13日`).
    public var publishDate: String?
    /// The outlet as written.
    public var source: String?
    public var notes: String?

    public init(meeting: GoldMeeting, otherMeetings: [GoldMeeting] = [], mentionedPersons: [GoldPerson] = [],
                reporters: [GoldPerson] = [], editors: [GoldPerson] = [], headline: String? = nil,
                headlineAlternatives: [String] = [], publishDate: String? = nil, source: String? = nil, notes: String? = nil) {
        self.meeting = meeting
        self.otherMeetings = otherMeetings
        self.mentionedPersons = mentionedPersons
        self.reporters = reporters
        self.editors = editors
        self.headline = headline
        self.headlineAlternatives = headlineAlternatives
        self.publishDate = publishDate
        self.source = source
        self.notes = notes
    }

    /// The main meeting, then the others.
    public var meetings: [GoldMeeting] { [meeting] + otherMeetings }

    /// Parses a gold YAML document; `file` names it in errors.
    public init(yaml: String, file: String) throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw EvaluationError.badGold(file: file, problem: "not valid YAML: \(error)")
        }
        guard let root, root.mapping != nil else {
            throw EvaluationError.badGold(file: file, problem: "expected a mapping of annotation keys at top level")
        }
        let reader = GoldReader(file: file)
        meeting = try reader.meeting(root, path: "", annotatedByDefault: true)
        otherMeetings = try reader.list(root["other_meetings"], path: "other_meetings") { node, path in
            try reader.meeting(node, path: path, annotatedByDefault: false)
        } ?? []
        mentionedPersons = try reader.persons(root["mentioned_persons"], path: "mentioned_persons") ?? []
        reporters = try reader.persons(root["reporters"], path: "reporters") ?? []
        editors = try reader.persons(root["editors"], path: "editors") ?? []
        headline = try reader.string(root["headline"], path: "headline")
        headlineAlternatives = try reader.strings(root["headline_alt"], path: "headline_alt") ?? []
        publishDate = try reader.string(root["publish_date"], path: "publish_date")
        source = try reader.string(root["source"], path: "source")
        notes = try reader.string(root["notes"], path: "notes")
    }

    /// Reads and parses a gold file.
    public init(contentsOf url: URL) throws {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw EvaluationError.badGold(file: url.path, problem: "cannot read as UTF-8: \(error.localizedDescription)")
        }
        try self.init(yaml: text, file: url.path)
    }
}

/// Typed access to the YAML nodes of a gold file, with errors that name the key.
private struct GoldReader {
    let file: String

    func fail(_ path: String, _ problem: String) -> EvaluationError {
        .badGold(file: file, problem: "\(path): \(problem)")
    }

    /// A scalar as written (no YAML type resolution: `2023-09-05` stays a string); nil for null or a missing key.
    func string(_ node: Node?, path: String) throws -> String? {
        guard let node, node.null == nil else { return nil }
        guard let scalar = node.scalar else { throw fail(path, "expected a string") }
        return scalar.string.isEmpty ? nil : scalar.string
    }

    func int(_ node: Node?, path: String) throws -> Int? {
        guard let s = try string(node, path: path) else { return nil }
        guard let n = Int(s) else { throw fail(path, "expected an integer, got \(s)") }
        return n
    }

    /// A list (nil for a missing key, [] for null).
    func list<T>(_ node: Node?, path: String, _ item: (Node, String) throws -> T) throws -> [T]? {
        guard let node else { return nil }
        if node.null != nil { return [] }
        guard let sequence = node.sequence else { throw fail(path, "expected a list") }
        return try sequence.enumerated().map { try item($0.element, "\(path)[\($0.offset)]") }
    }

    func strings(_ node: Node?, path: String) throws -> [String]? {
        try list(node, path: path) { node, path in
            guard let s = try string(node, path: path) else { throw fail(path, "expected a string, got null") }
            return s
        }
    }

    /// A person: a bare name, or a mapping with `name` and optional `titles`, `venue`, `role`,
    /// `name_variants`, `as_written`.
    func person(_ node: Node, path: String) throws -> GoldPerson {
        if node.mapping == nil {
            guard let name = try string(node, path: path) else { throw fail(path, "expected a name, got null") }
            return GoldPerson(name: name)
        }
        guard let name = try string(node["name"], path: path + ".name") else { throw fail(path, "no name") }
        return GoldPerson(name: name,
                          nameVariants: try strings(node["name_variants"], path: path + ".name_variants") ?? [],
                          asWritten: try string(node["as_written"], path: path + ".as_written"),
                          titles: try strings(node["titles"], path: path + ".titles") ?? [],
                          venue: try string(node["venue"], path: path + ".venue"),
                          role: try string(node["role"], path: path + ".role"))
    }

    func persons(_ node: Node?, path: String) throws -> [GoldPerson]? {
        try list(node, path: path) { try person($0, path: $1) }
    }

    func directive(_ node: Node, path: String) throws -> GoldDirective {
        guard node.mapping != nil else { throw fail(path, "expected {marker, starts}") }
        guard let marker = try string(node["marker"], path: path + ".marker") else { throw fail(path, "no marker") }
        let truncated = try string(node["truncated"], path: path + ".truncated")
        return GoldDirective(marker: marker,
                             starts: try string(node["starts"], path: path + ".starts") ?? "",
                             parent: try int(node["parent"], path: path + ".parent"),
                             group: try int(node["group"], path: path + ".group"),
                             truncated: truncated.map { ["true", "yes", "True"].contains($0) } ?? false)
    }

    /// A meeting frame from the top level (`path` "") or from an `other_meetings` item, where the
    /// meeting name is under `meeting` as well.
    func meeting(_ node: Node, path: String, annotatedByDefault: Bool) throws -> GoldMeeting {
        guard node.mapping != nil else { throw fail(path, "expected a mapping") }
        let prefix = path.isEmpty ? "" : path + "."
        func lists<T>(_ key: String, _ read: (Node?, String) throws -> [T]?) throws -> [T]? {
            let value = try read(node[key], prefix + key)
            return value ?? (annotatedByDefault ? [] : nil)
        }
        var m = GoldMeeting()
        m.name = try string(node["meeting"], path: prefix + "meeting")
        m.nameAlternatives = try strings(node["meeting_alt"], path: prefix + "meeting_alt") ?? []
        m.date = try string(node["date"], path: prefix + "date")
        m.dateAlternatives = try strings(node["date_alt"], path: prefix + "date_alt") ?? []
        m.hasDateValue = node["date_value"] != nil
        m.dateValue = try string(node["date_value"], path: prefix + "date_value")
        m.hasPartOfDay = node["part_of_day"] != nil
        m.partOfDay = try string(node["part_of_day"], path: prefix + "part_of_day")
        m.chair = try lists("chair", persons(_:path:))
        m.participants = try lists("participants", persons(_:path:))
        m.speakers = try lists("speakers", persons(_:path:))
        m.directives = try lists("directives") { try list($0, path: $1) { try directive($0, path: $1) } }
        m.venues = try lists("venues", strings(_:path:))
        m.videoLinks = try strings(node["video_links"], path: prefix + "video_links") ?? []
        return m
    }
}
