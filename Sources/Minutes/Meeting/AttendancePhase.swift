/// Who attended (Rules/meeting/participants.yaml): layer "participant" over each attendee's name
/// mention, features `name`, `role` (出席 | 列席), `venue`, `group` (a group label the name
/// takes from the head of its list), `occasion` (the cue took an 活动, not a meeting).
///
/// Reads: `person`, `title`, `venue`, `meeting`, `date`, `organization`, `chrome`. Writes: `participant`.
struct AttendancePhase: Phase {
    static let layer: AnnotationType = "participant"
    let name = "attendance"
    var produces: [AnnotationType] { [Self.layer] }

    let rules: [CompiledRule]
    /// Time phrases inside a list clause (在研究相关议题时): their words are no other cue.
    let timePhrases: [ICUPattern]
    let triggerStarts: TriggerStarts
    let stops: Lexicon
    let unnamed: Lexicon
    /// Cues of attending without a vote (列席): the role of their list.
    let nonvotingCues: [String]
    /// What a cue may take that is no meeting (参加活动).
    let occasions: Lexicon
    /// Longest stretch of other words a clause of a name list may hold (其他在家县委常委…).
    static let maxFiller = 14

    init(_ ruleSet: RuleSet) throws {
        let all = try ruleSet.meetingRules(Self.layer)
        rules = all.filter { $0.string("kind") == nil }
        timePhrases = all.filter { $0.string("kind") == "time_phrase" }.map(\.pattern)
        triggerStarts = TriggerStarts(rules, ruleSet: ruleSet)
        stops = ruleSet.lexicon("meeting", "attendance_stops")
        nonvotingCues = ruleSet.lexiconEntries("meeting", "nonvoting_cues")
        unnamed = ruleSet.lexicon("meeting", "unnamed_attendees")
        occasions = ruleSet.lexicon("meeting", "occasion_objects")
    }

    /// Whether the cue's object is an occasion (参加活动, 出席签约仪式): an occasion word after at
    /// most a few Han characters of its own (签约), before any punctuation.
    func takesOccasion(after end: Int, _ units: [UInt16]) -> Bool {
        var p = end
        while p < units.count, p - end <= Self.maxOccasionModifier {
            if occasions.canStart(units[p]), occasions.longestMatch(in: units, at: p) != nil { return true }
            guard Chars.isIdeograph(units[p]) else { return false }
            p += 1
        }
        return false
    }

    /// Longest modifier before an occasion word (签约 in 出席签约仪式).
    static let maxOccasionModifier = 4

    func run(_ document: Document) throws {
        let persons = PersonMentions(document)
        guard !persons.isEmpty else { return }
        let units = document.text.units
        // Where a person sat: a main or branch venue (a site is everyone's, a video link no one's seat).
        let venues = document.annotations(.venue).filter { $0.features["kind"] == "main" || $0.features["kind"] == "branch" }
        let dates = document.annotations(.date)
        let organizations = document.annotations(.organization)
        var out: [Annotation] = []
        var seen = Set<Range<Int>>()
        let starts = triggerStarts.positions(in: document)
        for rule in rules {
            let after = rule.string("list") == "after"
            for cue in try rule.matches(in: units, triggerStarts: starts) where !document.isChrome(cue.range) {
                let cueText = document.normalized(cue.range)
                let role = nonvotingCues.contains(where: cueText.contains) ? "列席" : "出席"
                let occasion = takesOccasion(after: cue.range.upperBound, units)
                let segment = after ? listAfter(cue.range, units) : listBefore(cue.range, persons, venues, organizations, dates)
                var group: String?
                for i in persons.indexes(in: segment) {
                    let m = persons.mentions[i]
                    var features = ["name": persons.name(m, document), "role": role]
                    if occasion { features["occasion"] = "true" }
                    if let label = persons.groupLabel(of: m) {
                        group = label
                    } else if persons.mentionTitles(m).isEmpty, let group {
                        features["group"] = group
                    } else {
                        group = nil
                    }
                    // The venue is the next 在…会场 after the name, before the next clause with other names.
                    if let v = venues.first(where: { $0.range.lowerBound >= m.range.upperBound && $0.range.upperBound <= segment.upperBound }) {
                        features["venue"] = document.text.writtenText(v.range)
                    }
                    guard seen.insert(m.range).inserted else { continue }
                    out.append(Annotation(Self.layer, m.range, rule: rule.id, features: features))
                }
            }
        }
        document.add(out)
    }

    /// 出席会议的还有：… — the names up to the end of the sentence (or a ;).
    func listAfter(_ cue: Range<Int>, _ units: [UInt16]) -> Range<Int> {
        var hi = cue.upperBound
        while hi < units.count, !MeetingText.endsSentence(units[hi]), units[hi] != MeetingText.semicolon { hi += 1 }
        return cue.upperBound..<hi
    }

    /// The list before a cue: clause by clause back from the cue while each clause holds only
    /// names, titles, venues and a few other words, and no other cue or date.
    func listBefore(_ cue: Range<Int>, _ persons: PersonMentions, _ venues: [Annotation], _ organizations: [Annotation], _ dates: [Annotation]) -> Range<Int> {
        let units = persons.units
        var floor = cue.lowerBound
        while floor > 0, !MeetingText.endsSentence(units[floor - 1]), units[floor - 1] != MeetingText.semicolon { floor -= 1 }
        var lo = cue.lowerBound
        var hi = cue.lowerBound
        while hi > floor {
            var start = hi
            while start > floor, units[start - 1] != MeetingText.comma, units[start - 1] != MeetingText.colon { start -= 1 }
            let clause = start..<hi
            if !isListClause(clause, persons, venues, organizations, dates) { break }
            lo = start
            hi = start - 1
        }
        return lo..<cue.lowerBound
    }

    func isListClause(_ clause: Range<Int>, _ persons: PersonMentions, _ venues: [Annotation], _ organizations: [Annotation], _ dates: [Annotation]) -> Bool {
        if dates.contains(where: { $0.range.overlaps(clause) }) { return false }
        let names = persons.indexes(in: clause).map { persons.mentions[$0].range }
        let places = (venues + organizations).filter { $0.range.overlaps(clause) }.map(\.range)
        let times = timePhrases.flatMap { ((try? $0.matches(in: persons.units, range: clause)) ?? []).map(\.range) }
        let rest = persons.residual(clause, also: names + places + times)
        if MeetingText.containsAny(stops, in: rest, 0..<rest.count) { return false }
        let hasTitle = persons.hasTitle(in: clause)
        let namesUnnamedAttendees = (1...3).contains { n in rest.count >= n && unnamed.contains(rest, (rest.count - n)..<rest.count) }
        return !names.isEmpty || hasTitle || rest.count <= Self.maxFiller || namesUnnamedAttendees
    }
}
