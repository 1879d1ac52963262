/// Who spoke (Rules/meeting/speakers.yaml): layer "speaker" over the speaker's name mention,
/// feature `name`.
///
/// Reads: `person`, `title`, `venue`, `meeting`, `chrome`. Writes: `speaker`.
struct SpeakerPhase: PersonRolePhase {
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
    let relay: Lexicon
    let separators: Lexicon
    let triggerStarts: TriggerStarts

    init(_ ruleSet: RuleSet) throws {
        let rules = try ruleSet.meetingRules(Self.layer)
        quoteOpeners = rules.filter { $0.flag("quote") }.map(\.pattern)
        cues = try rules.filter { !$0.flag("quote") }.map { rule in
            Cue(rule: rule, bridge: try ruleSet.pattern(rule.rule, key: "bridge"),
                afterPerson: try ruleSet.pattern(rule.rule, key: "after_person"),
                needsBefore: rule.rule.string("needs_before").map { NormalizedText($0).units })
        }
        triggerStarts = TriggerStarts(rules, ruleSet: ruleSet)
        relay = ruleSet.lexicon("meeting", "relay_context")
        separators = ruleSet.lexicon("meeting", "name_separators")
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
                guard let i = persons.last(before: p, from: sentence.lowerBound) else { continue }
                let m = persons.mentions[i]
                let gap = persons.residual(m.range.upperBound..<p)
                guard gap.isEmpty || cue.bridge?.matchesWhole(gap) == true else { continue }
                let clause = MeetingText.clauseStart(before: m.range.lowerBound, in: units)
                if MeetingText.containsAny(relay, in: units, clause..<m.range.lowerBound) { continue }
                if isQuoted(m.range.lowerBound, from: sentence.lowerBound, units) { continue }
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
        document.add(out)
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
