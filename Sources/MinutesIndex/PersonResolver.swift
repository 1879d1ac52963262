import Minutes

/// One article's mention of a written name, with what the index can tell of it.
public struct MentionFacts: Sendable {
    public var id: Int64
    public var article: String
    /// The article's date (yyyy-MM-dd), or nil.
    public var date: String?
    public var titles: [TitleReading]

    public init(id: Int64, article: String, date: String?, titles: [TitleReading]) {
        self.id = id
        self.article = article
        self.date = date
        self.titles = titles
    }
}

/// The mentions of one written name that the index takes for one person, and why.
public struct ResolvedPerson: Sendable {
    public var mentions: [(id: Int64, evidence: String)] = []
    /// The (place, family) pairs of its titles: what a later mention must share to join.
    var careers: Set<Career> = []
    public var first: String?
    public var last: String?
    public var articles: Set<String> = []
}

struct Career: Hashable, Sendable {
    var place: String
    var family: String
}

/// Decides which mentions of one written name are one person (docs/index.md, "Who is the same
/// person"). Conservative: a mention joins a person only when one of its titles belongs to the
/// same place and the same career as one of the person's, its date is within `maxGapDays` of
/// the person's known period, and exactly one person qualifies; otherwise it starts a person of
/// its own. Splitting one person in two is a smaller harm than merging two.
public struct PersonResolver: Sendable {
    public var maxGapDays: Int

    public init(maxGapDays: Int) { self.maxGapDays = maxGapDays }

    /// `mentions` of one name; the result does not depend on their order.
    public func resolve(_ mentions: [MentionFacts]) -> [ResolvedPerson] {
        let ordered = mentions.sorted { ($0.date ?? "~", $0.article, $0.id) < ($1.date ?? "~", $1.article, $1.id) }
        var persons: [ResolvedPerson] = []
        // dates are read only when a period must be compared, and each one once
        var days: [String: Int] = [:]
        func day(_ date: String?) -> Int? {
            guard let date else { return nil }
            if let known = days[date] { return known }
            let number = CivilDate(iso: date)?.dayNumber
            days[date] = number
            return number
        }
        func within(_ date: String?, _ person: ResolvedPerson) -> Bool {
            guard let d = day(date), let first = day(person.first), let last = day(person.last) else { return false }
            return d >= first - maxGapDays && d <= last + maxGapDays
        }
        for mention in ordered {
            let careers = Set(mention.titles.compactMap { t in t.place.map { Career(place: $0, family: t.family) } })
            var evidence: String
            var joined: Int?
            if careers.isEmpty {
                evidence = mention.titles.isEmpty ? "no title: kept apart" : "no title with a known place: kept apart"
            } else if mention.date == nil {
                evidence = "no date: kept apart"
            } else {
                let candidates = persons.indices.filter { i in
                    !persons[i].careers.isDisjoint(with: careers) && within(mention.date, persons[i])
                }
                if candidates.count == 1 {
                    joined = candidates[0]
                    let person = persons[candidates[0]]
                    let shared = careers.intersection(person.careers).sorted { ($0.place, $0.family) < ($1.place, $1.family) }
                    evidence = "joined: " + shared.map { "\($0.place) \($0.family)" }.joined(separator: ", ")
                        + "; \(mention.date!) within \(maxGapDays) days of \(person.first ?? "?")…\(person.last ?? "?")"
                } else if candidates.isEmpty {
                    evidence = persons.isEmpty ? "first mention" : "no person of this name shares a place and career in time: a person of its own"
                } else {
                    evidence = "agrees with \(candidates.count) persons of this name: kept apart"
                }
            }
            let index = joined ?? persons.count
            if joined == nil { persons.append(ResolvedPerson()) }
            persons[index].mentions.append((mention.id, evidence))
            persons[index].careers.formUnion(careers)
            persons[index].articles.insert(mention.article)
            if let d = mention.date {
                if persons[index].first.map({ d < $0 }) ?? true { persons[index].first = d }
                if persons[index].last.map({ d > $0 }) ?? true { persons[index].last = d }
            }
        }
        return persons
    }
}
