/// Venues (Rules/meeting/venues.yaml): layer `.venue`, feature `kind` = main | branch | site |
/// video_link. A site counts only next to a held meeting's name (…会议在X召开 / 在X召开…会议).
///
/// Reads: `meeting`, `chrome`. Writes: `venue`.
struct VenuePhase: Phase {
    let name = "venues"
    var produces: [AnnotationType] { [.venue] }

    let rules: [CompiledRule]
    let triggerStarts: TriggerStarts
    let separators: Lexicon

    init(_ ruleSet: RuleSet) throws {
        rules = try ruleSet.meetingRules(.venue)
        triggerStarts = TriggerStarts(rules, ruleSet: ruleSet)
        separators = ruleSet.lexicon("meeting", "video_link_separators")
    }

    func run(_ document: Document) throws {
        let units = document.text.units
        let meetings = document.annotations(.meeting)
        var found: [Annotation] = []
        var taken: [Range<Int>] = []
        let starts = triggerStarts.positions(in: document)
        for rule in rules {
            let kind = rule.string("kind") ?? "site"
            for m in try rule.matches(in: units, triggerStarts: starts) where !document.isChrome(m.range) {
                let r = (m.groups.count > 1 ? m.groups[1] : nil) ?? m.range
                if rule.flag("linked_to_meeting"), !Self.isNextToMeeting(m.range, meetings, units),
                   !Self.namesHeldMeeting(after: m.range.upperBound, before: m.range.lowerBound, units) { continue }
                // 主、分会场 also reads as a branch venue 、分会场: the first rule to claim a span keeps it.
                if taken.contains(where: { $0.overlaps(r) }) { continue }
                let parts = kind == "video_link" ? split(r, units) : [r]
                for part in parts where !part.isEmpty {
                    var features = ["kind": kind]
                    if rule.flag("both") { features["both"] = "true" }
                    found.append(Annotation(.venue, part, rule: rule.id, features: features))
                }
                taken.append(r)
            }
        }
        document.add(found)
    }

    /// 在X召开 right after a subject-form name (a date may stand between) or right before an
    /// object-form name.
    static func isNextToMeeting(_ r: Range<Int>, _ meetings: [Annotation], _ units: [UInt16]) -> Bool {
        meetings.contains { m in
            if m.range.lowerBound >= r.upperBound {
                // 在X召开(了)?NAME
                return m.range.lowerBound - r.upperBound <= 1
            }
            // NAME在X召开, or NAME暨…签约仪式在X举行 (a ceremony joined to the name)
            let joined = m.range.upperBound < units.count && units[m.range.upperBound] == 0x66A8 /* 暨 */
            guard m.range.upperBound <= r.lowerBound, r.lowerBound - m.range.upperBound <= (joined ? 24 : 8) else { return false }
            return !units[m.range.upperBound..<r.lowerBound].contains { MeetingText.endsClause($0) }
        }
    }

    /// 在X召开 followed by the clause that names the meeting (在X召开出席…的党员会议): the clause
    /// after 召开/举行 ends its first clause with 会 or 会议, and nothing before 在 in the clause
    /// says the meeting is still to come (将, 拟, 计划).
    static func namesHeldMeeting(after end: Int, before start: Int, _ units: [UInt16]) -> Bool {
        var p = end
        if p < units.count, units[p] == 0x4E86 /* 了 */ { p += 1 }
        var e = p
        while e < units.count, e - p < 60, !MeetingText.endsClause(units[e]), units[e] != 0x0A, units[e] != 0x5E76 /* 并 */ { e += 1 }
        guard e - p >= 2, units[e - 1] == 0x4F1A /* 会 */ || units[e - 2] == 0x4F1A && units[e - 1] == 0x8BAE /* 会议 */ else { return false }
        var s = start
        while s > 0, start - s < 30, !MeetingText.endsClause(units[s - 1]), units[s - 1] != 0x0A { s -= 1 }
        let future: Set<UInt16> = [0x5C06 /* 将 */, 0x62DF /* 拟 */, 0x8BA1 /* 计 */]
        return !units[s..<start].contains { future.contains($0) }
    }

    /// Video-link targets split at 、 and 及.
    func split(_ r: Range<Int>, _ units: [UInt16]) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = r.lowerBound
        var i = r.lowerBound
        while i < r.upperBound {
            if separators.canStart(units[i]), let s = separators.longestMatch(in: units, at: i, limit: r.upperBound) {
                parts.append(MeetingText.trimmed(start..<i, in: units))
                start = s.end
                i = s.end
                continue
            }
            i += 1
        }
        parts.append(MeetingText.trimmed(start..<r.upperBound, in: units))
        return parts
    }
}
