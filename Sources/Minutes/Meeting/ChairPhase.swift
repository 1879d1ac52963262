/// Who chaired (Rules/meeting/chair.yaml): layer "chair" over the chair's name mention, features
/// `name`, `venue` (when 在…会场 stands between the name and the cue).
///
/// Reads: `person`, `title`, `venue`, `meeting`, `chrome`. Writes: `chair`.
struct ChairPhase: Phase {
    static let layer: AnnotationType = "chair"
    let name = "chair"
    var produces: [AnnotationType] { [Self.layer] }

    let cues: [(rule: CompiledRule, bridge: ICUPattern?)]
    let exclusions: [CompiledRule]
    let openers: Lexicon
    let triggerStarts: TriggerStarts

    init(_ ruleSet: RuleSet) throws {
        let all = try ruleSet.meetingRules(Self.layer)
        cues = try all.filter { !$0.flag("excludes") }.map { ($0, try ruleSet.pattern($0.rule, key: "bridge")) }
        exclusions = all.filter { $0.flag("excludes") }
        openers = ruleSet.lexicon("meeting", "elided_subject_openers")
        triggerStarts = TriggerStarts(all, ruleSet: ruleSet)
    }

    func run(_ document: Document) throws {
        let persons = PersonMentions(document)
        guard !persons.isEmpty else { return }
        let units = document.text.units
        let starts = triggerStarts.positions(in: document)
        var excluded: [Range<Int>] = []
        for rule in exclusions { excluded += try rule.matches(in: units, triggerStarts: starts).map(\.range) }
        // Where a person sat: a main or branch venue (a site is everyone's, a video link no one's seat).
        let venues = document.annotations(.venue).filter { $0.features["kind"] == "main" || $0.features["kind"] == "branch" }
        var out: [Annotation] = []
        var seen = Set<Range<Int>>()
        for (rule, bridge) in cues {
            for cue in try rule.matches(in: units, triggerStarts: starts) where !document.isChrome(cue.range) {
                let sentence = MeetingText.sentence(around: cue.range.lowerBound, in: units)
                guard let i = chair(before: cue.range.lowerBound, sentence, persons, bridge, excluded) else { continue }
                let m = persons.mentions[i]
                guard seen.insert(m.range).inserted else { continue }
                var features = ["name": persons.name(m, document)]
                if let v = venues.first(where: { $0.range.lowerBound >= m.range.upperBound && $0.range.upperBound <= cue.range.lowerBound }) {
                    features["venue"] = document.text.writtenText(v.range)
                }
                out.append(Annotation(Self.layer, m.range, rule: rule.id, features: features))
            }
        }
        document.add(out)
    }

    /// The mention right before the cue (only a bridge between), or the sentence's subject when
    /// the cue opens its clause with the subject left out.
    func chair(before p: Int, _ sentence: Range<Int>, _ persons: PersonMentions, _ bridge: ICUPattern?, _ excluded: [Range<Int>]) -> Int? {
        let units = persons.units
        guard let i = persons.last(before: p, from: sentence.lowerBound) else { return nil }
        let m = persons.mentions[i]
        let isExcluded = { (k: Int) in excluded.contains { $0.contains(persons.mentions[k].range.lowerBound) } }
        let gap = persons.residual(m.range.upperBound..<p)
        if !isExcluded(i), gap.isEmpty || bridge?.matchesWhole(gap) == true { return i }
        // …，随后主持召开…: the clause has no subject of its own.
        let clause = MeetingText.clauseStart(before: p, in: units)
        guard clause > sentence.lowerBound, clause >= m.range.upperBound else { return nil }
        var k = clause
        while k < p, MeetingText.isSpace(units[k]) { k += 1 }
        let opened = k
        while k < p, openers.canStart(units[k]), let o = openers.longestMatch(in: units, at: k, limit: p) { k = o.end }
        // (…，并在县指挥部主持召开…: after an opener, a time, a place or an adverb of the bridge
        // may follow; without one the clause may have a subject of its own: 会议，今天在北京召开)
        guard k == p || k > opened && bridge?.matchesWhole(persons.residual(k..<p)) == true else { return nil }
        var j: Int? = i
        while let jj = j, isExcluded(jj) { j = jj > 0 && persons.mentions[jj - 1].range.lowerBound >= sentence.lowerBound ? jj - 1 : nil }
        return j
    }
}
