/// Who spoke (Rules/meeting/speakers.yaml): layer "speaker" over the speaker's name mention,
/// feature `name`.
///
/// Reads: `person`, `title`, `organization`, `venue`, `meeting`, `chrome`, `chair`, `participant`. Writes: `speaker`.
struct SpeakerPhase: Phase {
    static let layer: AnnotationType = "speaker"
    let name = "speakers"
    var produces: [AnnotationType] { [Self.layer] }

    struct Cue {
        let rule: CompiledRule
        let bridge: ICUPattern?
        let afterPerson: ICUPattern?
        let needsBefore: [UInt16]?
    }

    let cues: [Cue]
    /// What opens a quote inside a sentence (…指出，): names after it are quoted.
    let quoteOpeners: [ICUPattern]
    /// What marks instructions given elsewhere (作出重要批示): their author is no speaker here.
    let instructions: [ICUPattern]
    /// A mention whose clause relays a speech (传达学习了X在…的讲话精神): (relaying verb before, speech after).
    let relayed: [(before: ICUPattern, after: ICUPattern)]
    let relay: Lexicon
    let separators: Lexicon
    /// Co-verbs that open a clause standing between a subject and its verb (结合…, 围绕…).
    let coverbs: Lexicon
    /// Pronouns that open a sentence for the person opening the one before (他, 她).
    let pronouns: Lexicon
    let triggerStarts: TriggerStarts

    init(_ ruleSet: RuleSet) throws {
        let rules = try ruleSet.meetingRules(Self.layer)
        quoteOpeners = rules.filter { $0.flag("quote") }.map(\.pattern)
        instructions = rules.filter { $0.string("kind") == "instruction" }.map(\.pattern)
        relayed = try rules.filter { $0.string("kind") == "relayed" }.compactMap { rule in
            try ruleSet.pattern(rule.rule, key: "preceded_by").map { ($0, rule.pattern) }
        }
        cues = try rules.filter { !$0.flag("quote") && $0.string("kind") == nil }.map { rule in
            Cue(rule: rule, bridge: try ruleSet.pattern(rule.rule, key: "bridge"),
                afterPerson: try ruleSet.pattern(rule.rule, key: "after_person"),
                needsBefore: rule.rule.string("needs_before").map { NormalizedText($0).units })
        }
        triggerStarts = TriggerStarts(rules, ruleSet: ruleSet)
        relay = ruleSet.lexicon("meeting", "relay_context")
        separators = ruleSet.lexicon("meeting", "name_separators")
        coverbs = ruleSet.lexicon("meeting", "speaker_coverbs")
        pronouns = ruleSet.lexicon("meeting", "pronouns")
    }

    func run(_ document: Document) throws {
        let persons = PersonMentions(document)
        guard !persons.isEmpty else { return }
        let units = document.text.units
        var out: [Annotation] = []
        var seen = Set<Range<Int>>()
        func add(_ i: Int, _ rule: String) {
            let m = persons.mentions[i]
            if seen.insert(m.range).inserted {
                out.append(Annotation(Self.layer, m.range, rule: rule, features: ["name": persons.name(m, document)]))
            }
        }
        let organizations = document.annotations(.organization).map(\.range)
        let starts = triggerStarts.positions(in: document)
        for cue in cues {
            for match in try cue.rule.matches(in: units, triggerStarts: starts) where !document.isChrome(match.range) {
                let p = match.range.lowerBound
                let sentence = MeetingText.sentence(around: p, in: units)
                if let needed = cue.needsBefore, let afterPerson = cue.afterPerson {
                    // 听取了X作的汇报: every name between 听取 and the cue followed by 作的/关于/就.
                    guard let heard = Self.find(needed, in: units, sentence.lowerBound..<p) else { continue }
                    for i in persons.indexes(in: heard..<p) {
                        let after = Array(persons.residual(persons.mentions[i].range.upperBound..<p).prefix(8))
                        if let m = try afterPerson.matches(in: after).first, m.range.lowerBound == 0 { add(i, cue.rule.id) }
                    }
                    continue
                }
                guard let last = persons.last(before: p, from: sentence.lowerBound) else {
                    if let (pronoun, i) = referent(of: p, sentence, persons, cue), seen.insert(pronoun).inserted {
                        out.append(Annotation(Self.layer, pronoun, rule: cue.rule.id, features: ["name": persons.name(persons.mentions[i], document)]))
                    }
                    continue
                }
                let gap = persons.residual(persons.mentions[last].range.upperBound..<p)
                let i: Int
                if gap.isEmpty || cue.bridge?.matchesWhole(gap) == true {
                    i = last
                } else if let bridge = cue.bridge, let s = subject(before: p, sentence, persons, bridge) {
                    i = s
                } else {
                    continue
                }
                let m = persons.mentions[i]
                let clause = MeetingText.clauseStart(before: m.range.lowerBound, in: units)
                // (the titles and organizations there left out: 市大数据局局长, 理论学习中心组成员 relay nothing)
                let before = persons.residual(clause..<m.range.lowerBound, also: organizations)
                if MeetingText.containsAny(relay, in: before, 0..<before.count) { continue }
                if isQuoted(m.range.lowerBound, from: sentence.lowerBound, units) { continue }
                if instructions.contains(where: { !((try? $0.matches(in: units, range: m.range.upperBound..<p)) ?? []).isEmpty }) { continue }
                add(i, cue.rule.id)
                // A、B、C作交流发言: the names listed before, with only titles and separators between.
                var j = i - 1
                while j >= 0, persons.mentions[j].range.lowerBound >= sentence.lowerBound {
                    let between = persons.residual(persons.mentions[j].range.upperBound..<persons.mentions[j + 1].range.lowerBound)
                    guard between.allSatisfy({ separators.canStart($0) }),
                          MeetingText.containsAny(separators, in: between, 0..<between.count) || between.isEmpty else { break }
                    add(j, cue.rule.id)
                    j -= 1
                }
            }
        }
        // Leaders whose speech the meeting relayed are quoted after that, not speaking, unless a
        // chair or attendance cue puts them at this meeting (a speech made here and then studied,
        // 作了重要讲话…全会认真学习了X的讲话, comes first).
        let relayedAt = self.relayedNames(persons, document)
        if !relayedAt.isEmpty {
            let present = Set((document.annotations(ChairPhase.layer) + document.annotations(AttendancePhase.layer)).compactMap { $0.features["name"] })
            out.removeAll { a in
                guard let name = a.features["name"], let p = relayedAt[name] else { return false }
                return p < a.range.lowerBound && !present.contains(name)
            }
        }
        document.add(out)
    }

    /// 他强调: a pronoun opening the sentence before the cue (only the bridge between) and the
    /// person who opens the sentence before it, in the same paragraph: (the pronoun, that person).
    func referent(of p: Int, _ sentence: Range<Int>, _ persons: PersonMentions, _ cue: Cue) -> (Range<Int>, Int)? {
        let units = persons.units
        var lo = sentence.lowerBound
        while lo < p, MeetingText.isSpace(units[lo]) { lo += 1 }
        guard lo > 0, units[lo - 1] == MeetingText.ideographicFullStop, pronouns.canStart(units[lo]),
              let m = pronouns.longestMatch(in: units, at: lo, limit: p) else { return nil }
        let gap = persons.residual(m.end..<p)
        guard gap.isEmpty || cue.bridge?.matchesWhole(gap) == true else { return nil }
        let previous = MeetingText.sentence(around: lo - 1, in: units)
        guard let i = persons.indexes(in: previous).first else { return nil }
        return (lo..<m.end, i)
    }

    /// Names mentioned as the author of a relayed speech (after a relaying verb in their clause,
    /// titles and organizations left out, with the speech later in the clause), each with the
    /// start of its first such mention.
    func relayedNames(_ persons: PersonMentions, _ document: Document) -> [String: Int] {
        guard !relayed.isEmpty else { return [:] }
        let units = persons.units
        let organizations = document.annotations(.organization).map(\.range)
        var out: [String: Int] = [:]
        // The clause is read within a window each side of the name: the relaying verb and the
        // speech stand near it, and a list of thousands of names must not cost their square.
        let window = 120
        for m in persons.mentions {
            let clause = MeetingText.clauseStart(before: m.range.lowerBound, in: units, within: window)
            var end = m.range.upperBound
            while end < units.count, end - m.range.upperBound < window, !MeetingText.endsClause(units[end]) { end += 1 }
            let near = organizations[organizations.partitionPoint { $0.lowerBound >= clause - 64 }..<organizations.partitionPoint { $0.lowerBound >= m.range.lowerBound }]
            let before = persons.residual(clause..<m.range.lowerBound, also: Array(near))
            let after = Array(units[m.range.upperBound..<end])
            for r in relayed where (try? r.before.matches(in: before).first) != nil {
                if let a = try? r.after.matches(in: after).first, a.range.lowerBound == 0 {
                    let name = persons.name(m, document)
                    if out[name] == nil { out[name] = m.range.lowerBound }
                    break
                }
            }
        }
        return out
    }

    /// 副市长A、B结合分管工作，联系实际，围绕…作交流发言: the names that open the sentence (only
    /// titles before them in their clause) are the subject of a verb several clauses on, when
    /// each clause in between opens with a co-verb (结合, 联系, 聚焦, 围绕…: names inside them are
    /// objects) and the verb's own clause is a bridge. The last name of the subject's list.
    func subject(before p: Int, _ sentence: Range<Int>, _ persons: PersonMentions, _ bridge: ICUPattern) -> Int? {
        let units = persons.units
        let cueClause = MeetingText.clauseStart(before: p, in: units)
        guard cueClause > sentence.lowerBound, bridge.matchesWhole(persons.residual(cueClause..<p)),
              var k = persons.indexes(in: sentence.lowerBound..<cueClause).first else { return nil }
        let first = persons.mentions[k].range
        guard persons.residual(MeetingText.clauseStart(before: first.lowerBound, in: units)..<first.lowerBound).isEmpty else { return nil }
        // A、B和C: the list of names that opens the clause.
        while k + 1 < persons.mentions.count, persons.mentions[k + 1].range.upperBound <= cueClause {
            let between = persons.residual(persons.mentions[k].range.upperBound..<persons.mentions[k + 1].range.lowerBound)
            guard !between.isEmpty, between.allSatisfy({ separators.canStart($0) }),
                  MeetingText.containsAny(separators, in: between, 0..<between.count) else { break }
            k += 1
        }
        var pos = persons.mentions[k].range.upperBound
        let comrade = Array("同志".utf16)
        if pos + 2 <= cueClause, units[pos..<(pos + 2)].elementsEqual(comrade) { pos += 2 }
        // Every clause up to the verb's opens with a co-verb.
        while pos < cueClause {
            while pos < cueClause, MeetingText.isSpace(units[pos]) { pos += 1 }
            guard pos < cueClause, coverbs.canStart(units[pos]), coverbs.longestMatch(in: units, at: pos, limit: cueClause) != nil else { return nil }
            while pos < cueClause, !MeetingText.endsClause(units[pos]) { pos += 1 }
            pos += 1
        }
        return k
    }

    /// Whether an earlier 指出，/强调： in the sentence opens a quote that holds `p`.
    func isQuoted(_ p: Int, from lo: Int, _ units: [UInt16]) -> Bool {
        guard p > lo else { return false }
        return quoteOpeners.contains { !((try? $0.matches(in: units, range: lo..<p)) ?? []).isEmpty }
    }

    static func find(_ needle: [UInt16], in units: [UInt16], _ r: Range<Int>) -> Int? {
        guard !needle.isEmpty, r.count >= needle.count else { return nil }
        var i = r.lowerBound
        while i + needle.count <= r.upperBound {
            if units[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
