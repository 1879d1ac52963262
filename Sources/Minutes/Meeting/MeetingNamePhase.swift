/// Finds the meetings an article reports as held, by name as written (Rules/meeting/names.yaml):
/// layer `.meeting`, features `form` (object | subject) and `watched` ("true" for 收听收看).
///
/// Reads: `chrome`. Writes: `meeting`.
struct MeetingNamePhase: Phase {
    let name = "meeting-names"
    var produces: [AnnotationType] { [.meeting] }

    let rules: [CompiledRule]
    let triggerStarts: TriggerStarts
    let prefix: ICUPattern?
    let heads: Lexicon
    let generic: Lexicon
    let badStarts: Lexicon
    let joiners: Lexicon
    let earlier: Lexicon
    let attendeeStarts: Lexicon
    /// 党的 inside a name (党的群众路线教育实践活动动员大会): a term, not a description.
    let possessiveTerms: Lexicon
    /// 收听收看 before a name: the meeting was watched, not held here.
    let watchedCues: Lexicon

    init(_ ruleSet: RuleSet) throws {
        let all = try ruleSet.meetingRules(.meeting)
        rules = all.filter { $0.string("form") != nil }
        triggerStarts = TriggerStarts(rules, ruleSet: ruleSet)
        prefix = all.first { $0.id == "meeting.name-prefix" }?.pattern
        heads = ruleSet.lexicon("meeting", "heads")
        generic = ruleSet.lexicon("meeting", "generic_names")
        badStarts = ruleSet.lexicon("meeting", "bad_starts")
        joiners = ruleSet.lexicon("meeting", "joiners")
        watchedCues = ruleSet.lexicon("meeting", "watched_cues")
        earlier = ruleSet.lexicon("meeting", "earlier_cues")
        attendeeStarts = ruleSet.lexicon("meeting", "attendee_starts")
        possessiveTerms = ruleSet.lexicon("meeting", "possessive_terms")
    }

    func run(_ document: Document) throws {
        let units = document.text.units
        var found: [Annotation] = []
        let starts = triggerStarts.positions(in: document)
        for rule in rules {
            let nameGroup = rule.int("name_group", default: 1)
            for m in try rule.matches(in: units, triggerStarts: starts) {
                guard nameGroup < m.groups.count, var name = m.groups[nameGroup],
                      !tellsOfAnEarlierMeeting(m.range.lowerBound, units) else { continue }
                let subject = rule.string("form") == "subject"
                if document.isChrome(m.range) {
                    guard subject, let rest = afterLeadingChrome(name, m.range, document, units) else { continue }
                    name = rest
                }
                if subject { name = try strippingPrefix(name, units) }
                let watched = watchedCues.longestMatch(in: units, at: m.range.lowerBound) != nil
                for part in split(name, units) where isName(part, units) {
                    found.append(Annotation(.meeting, part, rule: rule.id,
                                            features: ["form": rule.string("form") ?? "", "watched": watched ? "true" : "false"]))
                }
            }
        }
        // One annotation per span (both forms may find the same name).
        var seen = Set<Range<Int>>()
        document.add(found.filter { seen.insert($0.range).inserted })
    }

    /// 前不久，…召开…会议: the sentence tells of an earlier meeting.
    func tellsOfAnEarlierMeeting(_ p: Int, _ units: [UInt16]) -> Bool {
        var k = MeetingText.sentence(around: p, in: units).lowerBound
        while k < p, MeetingText.isSpace(units[k]) { k += 1 }
        return k < p && earlier.canStart(units[k]) && earlier.longestMatch(in: units, at: k, limit: p) != nil
    }

    /// A subject-form name that a dateline opens (本报讯(记者X)全市…会昨日召开): the name after
    /// the chrome, when all chrome of the match ends before the name's last characters; nil otherwise.
    func afterLeadingChrome(_ name: Range<Int>, _ match: Range<Int>, _ document: Document, _ units: [UInt16]) -> Range<Int>? {
        let ends = document.annotations(.chrome).filter { $0.range.overlaps(match) }.map(\.range.upperBound)
        guard var lo = ends.max(), lo > name.lowerBound, lo + 2 < name.upperBound else { return nil }
        while lo < name.upperBound, units[lo] == MeetingText.comma || MeetingText.isSpace(units[lo]) { lo += 1 }
        return lo + 2 <= name.upperBound ? lo..<name.upperBound : nil
    }

    /// A subject-form name without what precedes the name proper (a date, a bare place name).
    func strippingPrefix(_ r: Range<Int>, _ units: [UInt16]) throws -> Range<Int> {
        guard let prefix, let m = try prefix.matches(in: units, range: r).first, m.range.lowerBound == r.lowerBound,
              m.range.upperBound < r.upperBound else { return r }
        var lo = m.range.upperBound
        while lo < r.upperBound, units[lo] == MeetingText.comma || MeetingText.isSpace(units[lo]) { lo += 1 }
        return lo..<r.upperBound
    }

    /// Splits 甲会议和乙会议 at a joiner that follows a meeting head.
    func split(_ r: Range<Int>, _ units: [UInt16]) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = r.lowerBound
        var i = r.lowerBound + 1
        // 出席甲会议、乙会议的党员会议: the meetings before 的 are not split off.
        if let de = attendeeClauseEnd(r, units) { i = de + 1 }
        while i < r.upperBound {
            if joiners.canStart(units[i]), let j = joiners.longestMatch(in: units, at: i, limit: r.upperBound),
               endsWithHead(start..<i, units), j.end < r.upperBound {
                parts.append(start..<i)
                start = j.end
                i = j.end + 1
                continue
            }
            i += 1
        }
        parts.append(start..<r.upperBound)
        return parts
    }

    func endsWithHead(_ r: Range<Int>, _ units: [UInt16]) -> Bool {
        // “民营经济圆桌会”: a quoted name ends in its head before the closing quote.
        if r.count >= 3, Self.closingQuotes.contains(units[r.upperBound - 1]) { return endsWithHead(r.lowerBound..<(r.upperBound - 1), units) }
        for k in max(r.lowerBound, r.upperBound - 6)..<r.upperBound where heads.canStart(units[k]) {
            if heads.matches(in: units, at: k, limit: r.upperBound).contains(where: { $0.end == r.upperBound }) { return true }
        }
        // 常委(扩大)会: a bracketed qualifier inside the head.
        guard r.count >= 4, let close = r.reversed().first(where: { units[$0] == Self.closeParen }), r.upperBound - close <= 3,
              let open = (r.lowerBound..<close).reversed().first(where: { units[$0] == Self.openParen }), close - open <= 8 else { return false }
        let folded = Array(units[r.lowerBound..<open] + units[(close + 1)..<r.upperBound])
        guard folded.count >= 2, folded.count < r.count else { return false }
        return endsWithHead(0..<folded.count, folded)
    }

    static let openParen: UInt16 = 0x28, closeParen: UInt16 = 0x29
    static let closingQuotes = UnitSet(["”」』"])

    /// The end (the 的) of 出席…会议的 that opens a name, if it does.
    func attendeeClauseEnd(_ r: Range<Int>, _ units: [UInt16]) -> Int? {
        guard attendeeStarts.canStart(units[r.lowerBound]), attendeeStarts.longestMatch(in: units, at: r.lowerBound, limit: r.upperBound) != nil,
              let de = r.first(where: { units[$0] == Self.de }), de > r.lowerBound + 2, endsWithHead(r.lowerBound..<de, units) else { return nil }
        return de
    }

    static let de: UInt16 = 0x7684  // 的

    /// Whether a term of `possessive_terms` (党的) ends at `end`, starting at or after `lowerBound`.
    func endsPossessiveTerm(_ end: Int, _ lowerBound: Int, _ units: [UInt16]) -> Bool {
        (2...4).contains { end - $0 >= lowerBound && possessiveTerms.contains(units, (end - $0)..<end) }
    }

    /// A real name: ends in a head, is not just "a meeting", does not start like 一次/有关.
    func isName(_ r: Range<Int>, _ units: [UInt16]) -> Bool {
        guard r.count >= 2, endsWithHead(r, units) else { return false }
        if generic.contains(units, r) { return false }
        // 部署反腐败工作的会议 describes a meeting, it does not name one.
        // 出席…会议的党员会议 names the meeting by the meetings its members attend.
        let body = attendeeClauseEnd(r, units).map { ($0 + 1)..<r.upperBound } ?? r
        if body.isEmpty || body.contains(where: { units[$0] == Self.de && !endsPossessiveTerm($0 + 1, body.lowerBound, units) }) { return false }
        if badStarts.canStart(units[r.lowerBound]), badStarts.longestMatch(in: units, at: r.lowerBound, limit: r.upperBound) != nil { return false }
        // Brackets and quotes alone do not name a meeting: （扩大）会议.
        let letters = units[r].filter { Chars.isIdeograph($0) || (0x30...0x39).contains($0) }
        let bare = String(decoding: letters, as: UTF16.self)
        return !generic.contains(bare)
    }
}
