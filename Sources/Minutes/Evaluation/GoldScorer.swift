/// Scores one extraction result against its gold annotation, field by field.
///
/// The ten fields of /work/shared/tools/score_gold.py (chair … persons) are counted exactly as
/// that script counts them, so the figures agree with it; docs/gold-schema.md describes every
/// field, including the ones the script does not score (date_value, outlet, published,
/// meetings) and how `other_meetings` are aligned with the result's further meetings.
public struct GoldScorer: Sendable {
    public init() {}

    /// Scores `result` (nil: no result, everything expected is missed).
    public func score(_ result: MinutesResult?, against gold: GoldAnnotation, id: String) -> ArticleScore {
        var score = ArticleScore(id: id)
        let meetings = result?.meetings ?? []
        let frames = gold.meetings
        if frames.count == 1 {
            // One annotated meeting: every predicted meeting's people, directives and venues are
            // pooled against it; name and date come from the first predicted meeting.
            scoreFrame(frames[0], meetings, first: meetings.first, label: nil, into: &score)
            score.record(.meetings, tp: meetings.isEmpty ? 0 : 1,
                         missed: meetings.isEmpty ? [frames[0].name ?? "the meeting"] : [],
                         wrong: meetings.dropFirst().map(Self.describe))
        } else {
            let pairs = Self.align(frames, meetings)
            var used = Set<Int>()
            var missedFrames: [String] = []
            for (g, frame) in frames.enumerated() {
                let label = "meeting \(g + 1)"
                if let p = pairs[g] {
                    used.insert(p)
                    scoreFrame(frame, [meetings[p]], first: meetings[p], label: label, into: &score)
                } else {
                    scoreFrame(frame, [], first: nil, label: label, into: &score)
                    missedFrames.append(frame.name ?? label)
                }
            }
            var extra: [String] = []
            for (p, m) in meetings.enumerated() where !used.contains(p) {
                scoreFrame(GoldMeeting.none, [m], first: m, label: "extra meeting \(p + 1)", into: &score)
                extra.append(Self.describe(m))
            }
            score.record(.meetings, tp: used.count, missed: missedFrames, wrong: extra)
        }
        scoreArticle(result, gold, into: &score)
        return score
    }

    // MARK: Meeting frames

    private func scoreFrame(_ g: GoldMeeting, _ ms: [Meeting], first: Meeting?, label: String?, into score: inout ArticleScore) {
        func record(_ field: EvalField, _ m: (tp: Int, missed: [String], wrong: [String])) {
            score.record(field, tp: m.tp, missed: m.missed, wrong: m.wrong, meeting: label)
        }
        let predictedChair = ms.flatMap(\.chair)
        let predictedParticipants = ms.flatMap(\.participants)
        if let chair = g.chair {
            record(.chair, Self.match(chair.map(Expected.init), predictedChair.compactMap { Candidate($0.name) }))
        }
        if let participants = g.participants {
            record(.participants, Self.match(participants.map(Expected.init), predictedParticipants.compactMap { Candidate($0.name) }))
        }
        if g.chair != nil || g.participants != nil {
            // (person, title) pairs as sets, the gold side under the canonical name only.
            let goldPeople = (g.chair ?? []) + (g.participants ?? [])
            let expected = goldPeople.flatMap { p in p.titles.map { Pair(name: p.name, title: $0) } }
            let predictedPeople = (g.chair != nil ? predictedChair : []) + (g.participants != nil ? predictedParticipants : [])
            let predicted = predictedPeople.flatMap { p in p.titles.map { Pair(name: p.name, title: $0) } }
            record(.titles, Self.matchSets(expected, predicted))
        }
        if let speakers = g.speakers {
            record(.speakers, Self.match(speakers.map(Expected.init), ms.flatMap(\.speakers).compactMap { Candidate($0) }))
        }
        if let directives = g.directives {
            record(.directives, Self.matchDirectives(directives, ms))
        }
        if let venues = g.venues {
            let links = Set(g.videoLinks.map(EvalText.key))
            let expected = venues.map { Expected(display: $0, keys: [EvalText.key($0)]) }
            // A predicted video-link target is neither rewarded nor punished.
            let predicted = ms.flatMap(\.venues).compactMap { Candidate($0.name) }.filter { v in
                !links.contains(v.key) || expected.contains { $0.keys.contains(v.key) }
            }
            record(.venues, Self.match(expected, predicted))
        }
        record(.meeting, Self.matchOne(expected: g.name.map { [$0] + g.nameAlternatives } ?? [], predicted: first?.name))
        record(.date, Self.matchOne(expected: g.date.map { [$0] + g.dateAlternatives } ?? [], predicted: first?.date?.text))
        if g.hasDateValue || g.hasPartOfDay {
            record(.dateValue, Self.matchDateValue(g, first?.date))
        }
    }

    /// Pairs gold frames with predicted meetings, most similar first (shared chair and
    /// participant names, directives, name, date); leftovers pair in order. nil: no meeting left.
    static func align(_ frames: [GoldMeeting], _ meetings: [Meeting]) -> [Int?] {
        var candidates: [(similarity: Int, g: Int, p: Int)] = []
        for (g, frame) in frames.enumerated() {
            for (p, m) in meetings.enumerated() {
                var s = 0
                s += match(((frame.chair ?? []) + (frame.participants ?? [])).map(Expected.init),
                           (m.chair + m.participants).compactMap { Candidate($0.name) }).tp
                if let d = frame.directives { s += matchDirectives(d, [m]).tp }
                s += 2 * matchOne(expected: frame.name.map { [$0] + frame.nameAlternatives } ?? [], predicted: m.name).tp
                s += matchOne(expected: frame.date.map { [$0] + frame.dateAlternatives } ?? [], predicted: m.date?.text).tp
                candidates.append((s, g, p))
            }
        }
        candidates.sort { ($1.similarity, $0.g, $0.p) < ($0.similarity, $1.g, $1.p) }
        var pairs = [Int?](repeating: nil, count: frames.count)
        var taken = Set<Int>()
        for c in candidates where pairs[c.g] == nil && !taken.contains(c.p) {
            pairs[c.g] = c.p
            taken.insert(c.p)
        }
        return pairs
    }

    static func describe(_ m: Meeting) -> String {
        m.name ?? "unnamed meeting at \(m.start)"
    }

    // MARK: Article fields

    private func scoreArticle(_ result: MinutesResult?, _ gold: GoldAnnotation, into score: inout ArticleScore) {
        let article = result?.article ?? Article()
        let reporters = Self.match(gold.reporters.map(Expected.init), article.reporters.compactMap { Candidate($0.name) })
        score.record(.reporters, tp: reporters.tp, missed: reporters.missed, wrong: reporters.wrong)

        // Everyone named: attending, mentioned, bylines; one entry per person (by their
        // smallest spelling, as score_gold.py keys them).
        var people: [(key: [UInt32], person: Expected)] = []
        let frames = gold.meetings
        let named = (frames[0].chair ?? []) + (frames[0].participants ?? [])
            + frames.dropFirst().flatMap { ($0.chair ?? []) + ($0.participants ?? []) }
            + gold.mentionedPersons + gold.reporters
        for p in named {
            let e = Expected(p)
            let key = e.keys.map { Array($0.unicodeScalars.map(\.value)) }.min { $0.lexicographicallyPrecedes($1) } ?? []
            if let i = people.firstIndex(where: { $0.key == key }) {
                people[i].person.keys = e.keys
            } else {
                people.append((key, e))
            }
        }
        var seen = Set<String>()
        let predicted = (result?.persons ?? []).compactMap { Candidate($0.name) }.filter { seen.insert($0.key).inserted }
        let persons = Self.match(people.map(\.person), predicted)
        score.record(.persons, tp: persons.tp, missed: persons.missed, wrong: persons.wrong)

        let outlet = Self.matchOne(expected: gold.source.map { [$0] } ?? [], predicted: article.outlet)
        score.record(.outlet, tp: outlet.tp, missed: outlet.missed, wrong: outlet.wrong)
        let published = Self.matchPublished(gold.publishDate, article.published)
        score.record(.published, tp: published.tp, missed: published.missed, wrong: published.wrong)
    }

    // MARK: Matching

    /// A gold item: its display form and every accepted comparison key.
    struct Expected {
        var display: String
        var keys: Set<String>

        init(display: String, keys: Set<String>) {
            self.display = display
            self.keys = keys
        }

        init(_ p: GoldPerson) {
            self.init(display: p.name, keys: Set(p.spellings.map(EvalText.key)))
        }
    }

    /// A predicted item: as output and its comparison key.
    struct Candidate {
        var display: String
        var key: String

        /// nil for an empty string (not a prediction).
        init?(_ s: String?) {
            guard let s, !s.isEmpty else { return nil }
            display = s
            key = EvalText.key(s)
        }
    }

    /// Greedy one-to-one matching: each gold item takes the first unused prediction it accepts.
    static func match(_ expected: [Expected], _ predicted: [Candidate]) -> (tp: Int, missed: [String], wrong: [String]) {
        var used = [Bool](repeating: false, count: predicted.count)
        var missed: [String] = []
        for e in expected {
            if let i = predicted.indices.first(where: { !used[$0] && e.keys.contains(predicted[$0].key) }) {
                used[i] = true
            } else {
                missed.append(e.display)
            }
        }
        let wrong = predicted.indices.filter { !used[$0] }.map { predicted[$0].display }
        return (expected.count - missed.count, missed, wrong)
    }

    /// A (person, title) pair.
    struct Pair {
        var name: String
        var title: String
        var key: [String] { [EvalText.key(name), EvalText.key(title)] }
        var display: String { "\(name)/\(title)" }
    }

    /// Set semantics: duplicates count once.
    static func matchSets(_ expected: [Pair], _ predicted: [Pair]) -> (tp: Int, missed: [String], wrong: [String]) {
        func unique(_ pairs: [Pair]) -> [(key: [String], display: String)] {
            var seen = Set<[String]>()
            return pairs.map { ($0.key, $0.display) }.filter { seen.insert($0.key).inserted }
        }
        let e = unique(expected), p = unique(predicted)
        let eKeys = Set(e.map(\.key)), pKeys = Set(p.map(\.key))
        return (e.filter { pKeys.contains($0.key) }.count,
                e.filter { !pKeys.contains($0.key) }.map(\.display),
                p.filter { !eKeys.contains($0.key) }.map(\.display))
    }

    /// Directives: the marker must match and the predicted text must start with the first six
    /// characters of the gold `starts`. Predicted items are taken meeting by meeting, each list
    /// breadth first (top-level items, then their sub-items).
    static func matchDirectives(_ gold: [GoldDirective], _ ms: [Meeting]) -> (tp: Int, missed: [String], wrong: [String]) {
        var predicted: [(marker: String, text: String, display: String)] = []
        for m in ms {
            var queue = m.directives[...]
            while let d = queue.popFirst() {
                predicted.append((EvalText.key(d.marker), EvalText.key(d.text),
                                  d.marker + EvalText.prefix(d.text, 12) + (d.text.unicodeScalars.count > 12 ? "…" : "")))
                queue.append(contentsOf: d.items)
            }
        }
        var used = [Bool](repeating: false, count: predicted.count)
        var missed: [String] = []
        for d in gold {
            let marker = EvalText.key(d.marker)
            let start = EvalText.prefix(EvalText.key(d.starts), 6)
            if let i = predicted.indices.first(where: {
                !used[$0] && predicted[$0].marker == marker && predicted[$0].text.unicodeScalars.starts(with: start.unicodeScalars)
            }) {
                used[i] = true
            } else {
                missed.append(d.marker + d.starts)
            }
        }
        let wrong = predicted.indices.filter { !used[$0] }.map { predicted[$0].display }
        return (gold.count - missed.count, missed, wrong)
    }

    /// One value with accepted alternatives (`expected` empty: nothing expected).
    static func matchOne(expected: [String], predicted: String?) -> (tp: Int, missed: [String], wrong: [String]) {
        let keys = Set(expected.map(EvalText.key))
        guard let p = Candidate(predicted) else { return (0, expected.prefix(1).map { $0 }, []) }
        if keys.contains(p.key) { return (1, [], []) }
        return (0, expected.prefix(1).map { $0 }, [p.display])
    }

    /// The resolved date and part of day, each compared where the gold gives its key.
    static func matchDateValue(_ g: GoldMeeting, _ date: MeetingDate?) -> (tp: Int, missed: [String], wrong: [String]) {
        var expected: [String?] = [], predicted: [String?] = []
        if g.hasDateValue {
            expected.append(g.dateValue)
            predicted.append(date?.value)
        }
        if g.hasPartOfDay {
            expected.append(g.partOfDay)
            predicted.append(date?.partOfDay)
        }
        func show(_ parts: [String?]) -> String { parts.map { $0 ?? "-" }.joined(separator: " ") }
        let hasExpected = expected.contains { $0 != nil }, hasPredicted = predicted.contains { $0 != nil }
        if hasExpected && expected == predicted { return (1, [], []) }
        return (0, hasExpected ? [show(expected)] : [], hasPredicted ? [show(predicted)] : [])
    }

    /// The publish date: same day (and year and time, where the gold gives them).
    static func matchPublished(_ gold: String?, _ predicted: String?) -> (tp: Int, missed: [String], wrong: [String]) {
        guard let predicted = Candidate(predicted) else { return (0, gold.map { [$0] } ?? [], []) }
        guard let gold else { return (0, [], [predicted.display]) }
        let ok: Bool
        if let g = DateStamp(gold), let p = DateStamp(predicted.display) {
            ok = g.accepts(p)
        } else {
            ok = EvalText.key(gold) == predicted.key
        }
        return ok ? (1, [], []) : (0, [gold], [predicted.display])
    }
}

extension GoldMeeting {
    /// A frame that expects nothing (what an extra predicted meeting is scored against).
    static let none: GoldMeeting = {
        var m = GoldMeeting()
        m.chair = []
        m.participants = []
        m.speakers = []
        m.directives = []
        m.venues = []
        return m
    }()
}
