/// Finds titles (职务) with the grammar of Rules/titles: `[place|level] [organ…] [modifier…] post`
/// (市委副书记, 市疫情防控指挥部总指挥, 常务副县长) and group labels (市领导, 班子成员). One
/// annotation per title as written; chains joined by 、 and 兼 stay separate titles.
///
/// Features: `kind` = `title` | `group`; `bare` = `yes` for a post standing alone (书记, 县长),
/// which PersonPhase attaches only next to a name.
///
/// A title whose organ word ends a named institution (恒力集团 + 董事长, 某某大学 + 党委书记: the
/// grammar sees only 集团董事长) starts where the institution's name does, for the organization
/// rules listed under `name_organizations`.
///
/// Reads: `place`, `place_in_organization`, `organization`, `chrome`, word breaks. Writes: `title`.
struct TitlePhase: Phase {
    let name = "titles"
    var produces: [AnnotationType] { [.title] }
    let grammar: TitleGrammar

    init(_ rules: RuleSet) {
        grammar = TitleGrammar(rules)
    }

    func run(_ document: Document) throws {
        let units = document.text.units
        let places = PlaceIndex(document)
        var chrome = ChromeSkipper(document)
        var scratch = TitleGrammar.Scratch()
        let words = WordBreaks(document)
        let institutions = document.annotations(.organization).filter { grammar.nameOrganizations.contains($0.rule) }
        var out: [Annotation] = []
        var p = 0
        while p < units.count {
            // most positions start no title: skip them in one tight loop, then chrome
            p = chrome.skip(grammar.nextStart(units, from: p, places: places))
            guard p < units.count else { break }
            guard grammar.mayStart(units, at: p, places: places) else {
                p += 1
                continue
            }
            if var t = grammar.parse(units, at: p, places: places, words: words, scratch: &scratch) {
                let after = out.last?.range.upperBound ?? 0
                var start = t.rule == "title.grammar" ? grammar.zoneNameStart(units, zoneAt: p, after: after) : p
                if start == p, let q = grammar.quotedOrganStart(units, before: p, after: after) {
                    // a quoted organ before the post (“街区联合党委”委员)
                    start = q
                    t.rule = "title.grammar"
                    t.features = TitleGrammar.titleFeatures
                }
                if start == p, t.rule == "title.grammar",
                   let name = institutions.first(where: { $0.range.lowerBound < p && $0.range.contains(p) && $0.range.upperBound <= t.end }),
                   name.range.lowerBound >= after {
                    start = name.range.lowerBound
                }
                out.append(Annotation(.title, start..<t.end, rule: t.rule, features: t.features))
                p = t.end
            } else {
                p += 1
            }
        }
        document.add(out)
    }
}

/// Place annotations by start (also those inside an organization's name), for the grammar's place prefix.
struct PlaceIndex {
    /// End of the longest place starting at each position (0: none); empty without places.
    private var ends: [Int32] = []

    init(_ document: Document) {
        let places = document.annotations(.place)
        let inOrganizations = document.annotations(.placeInOrganization)
        guard !places.isEmpty || !inOrganizations.isEmpty else { return }
        ends = [Int32](repeating: 0, count: document.text.units.count + 1)
        for a in [places, inOrganizations].joined() where Int(ends[a.range.lowerBound]) < a.range.upperBound {
            ends[a.range.lowerBound] = Int32(a.range.upperBound)
        }
    }

    var isEmpty: Bool { ends.isEmpty }

    /// Whether a place starts at `position` (which must be a text position).
    @inline(__always)
    func starts(at position: Int) -> Bool { !ends.isEmpty && ends[position] > 0 }

    /// End of the longest place starting at `position`.
    @inline(__always)
    func end(at position: Int) -> Int? {
        guard position < ends.count, ends[position] > 0 else { return nil }
        return Int(ends[position])
    }
}

/// The title grammar compiled from the `title` dimension's lexicons.
struct TitleGrammar: Sendable {
    struct Tag {
        static let level: UInt32 = 1 << 0
        static let prefix: UInt32 = 1 << 1
        static let organ: UInt32 = 1 << 2
        static let openOrgan: UInt32 = 1 << 3
        static let domain: UInt32 = 1 << 4
        static let post: UInt32 = 1 << 5
        static let modifier: UInt32 = 1 << 6
        static let groupHeadLevel: UInt32 = 1 << 7
        static let groupHead: UInt32 = 1 << 8
        static let taskOrgan: UInt32 = 1 << 9
        static let zone: UInt32 = 1 << 10
    }

    struct Match {
        var end: Int
        var rule: String
        var features: [String: String]
    }

    let tokens: TaggedLexicon
    let postNotBefore: UnitSet
    let groupNotBefore: UnitSet
    let gapStop: UnitSet
    /// Organization rules whose names may stand before a title's organ (`name_organizations`).
    let nameOrganizations: Set<String>
    /// Characters of `gapStop` that a long run before a task-force organ may hold (新型冠状病毒感染的肺炎).
    let longGapAllow: UnitSet
    /// Words after a post that belong to the title (副主席候选人).
    let postSuffix: Lexicon
    /// First units of posts and levels, and of open organs (the free run's pre-checks).
    let postOrLevelStart: UnitSet
    let openOrganStart: UnitSet
    let taskOrganStart: UnitSet
    let postStart: UnitSet
    /// Level characters that begin level posts such as 市长 (checked against ICU words).
    let levelStart: UnitSet
    /// First characters of surnames (a name may follow a bare post).
    let surnameStart: UnitSet
    static let maxLength = 32

    init(_ rules: RuleSet) {
        tokens = TaggedLexicon(rules, dimension: "title",
                               names: ["level", "prefix", "organ", "open_organ", "domain", "post", "modifier",
                                       "group_head_level", "group_head", "task_organ", "zone"])
        postNotBefore = UnitSet(rules.lexiconEntries("title", "post_not_before"))
        groupNotBefore = UnitSet(rules.lexiconEntries("title", "group_not_before"))
        gapStop = UnitSet(rules.lexiconEntries("title", "gap_stop"))
        longGapAllow = UnitSet(rules.lexiconEntries("title", "long_gap_allow"))
        nameOrganizations = Set(rules.lexiconEntries("title", "name_organizations"))
        postSuffix = rules.lexicon("title", "post_suffix")
        postOrLevelStart = tokens.startUnits(mask: Tag.post | Tag.level)
        openOrganStart = tokens.startUnits(mask: Tag.openOrgan)
        taskOrganStart = tokens.startUnits(mask: Tag.taskOrgan)
        postStart = tokens.startUnits(mask: Tag.post)
        levelStart = UnitSet(rules.lexiconEntries("title", "level").filter { $0.count == 1 })
        var surnames: [String] = []
        for file in rules.files("person") {
            surnames += (RuleFile.words(file.root["single"]) + RuleFile.words(file.root["compound"])).compactMap { $0.first.map(String.init) }
        }
        surnameStart = UnitSet(surnames)
    }

    /// Whether a title could start at this unit (a cheap pre-check).
    @inline(__always)
    func canStart(_ u: UInt16) -> Bool { tokens.canStart(u) }

    /// Whether a title could start at `start`: a place starts there or a token starts there and
    /// may match (the pair filter; a parse that starts with neither finds nothing).
    @inline(__always)
    func mayStart(_ units: [UInt16], at start: Int, places: PlaceIndex) -> Bool {
        places.end(at: start) != nil || tokens.canStart(units[start]) && tokens.mayMatch(in: units, at: start)
    }

    /// The first position from `start` where a title may start (`units.count` if none): the
    /// start units first, then ``mayStart(_:at:places:)``.
    func nextStart(_ units: [UInt16], from start: Int, places: PlaceIndex) -> Int {
        var i = start
        while i < units.count {
            if places.isEmpty {
                i = tokens.lexicon.nextStart(in: units, from: i)
            } else {
                while i < units.count, !tokens.canStart(units[i]), !places.starts(at: i) { i += 1 }
            }
            if i == units.count || mayStart(units, at: i, places: places) { return i }
            i += 1
        }
        return i
    }

    /// The longest title or group label starting at `start`.
    /// Buffers reused across parses of one document.
    struct Scratch {
        var frontier: [(pos: Int, stage: Int, core: Bool)] = []
    }

    /// The states one parse has visited, as bits on the stack (a state is a position less than
    /// `maxLength` after the start, a stage 0…5 and the core flag: fewer than 384).
    struct VisitedStates {
        private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
        private(set) var count = 0

        /// Adds a state; false when it was visited already.
        mutating func insert(offset: Int, stage: Int, core: Bool) -> Bool {
            let state = offset * 12 + stage * 2 + (core ? 1 : 0)
            let bit: UInt64 = 1 << UInt64(state & 63)
            let added = withUnsafeMutableBytes(of: &words) { raw in
                let w = raw.bindMemory(to: UInt64.self)
                if w[state >> 6] & bit != 0 { return false }
                w[state >> 6] |= bit
                return true
            }
            if added { count += 1 }
            return added
        }
    }

    func parse(_ units: [UInt16], at start: Int, places: PlaceIndex, words: WordBreaks, scratch: inout Scratch) -> Match? {
        guard mayStart(units, at: start, places: places) else { return nil }
        let limit = min(units.count, start + Self.maxLength)
        var best: (end: Int, composite: Bool, group: Bool)?

        // Explore token sequences depth first: state = (position, stage, whether a level, place or
        // organ came before). Stage 0 start, 1 after prefix/place, 5 after a level, 2 after
        // domain, 3 after organ, 4 after modifier. After a level no level post follows (市市长).
        // Take the buffers out of the scratch so they are uniquely referenced: clearing a
        // buffer the scratch still holds would copy it (an allocation per position).
        var frontier = scratch.frontier
        scratch.frontier = []
        if !frontier.isEmpty { frontier.removeAll(keepingCapacity: true) }  // empty unless a parse gave up
        var seen = VisitedStates()
        frontier.append((start, 0, false))
        defer { scratch.frontier = frontier }
        while let (pos, stage, core) = frontier.popLast() {
            if seen.count > 64 { break }
            guard pos < limit else { continue }
            guard seen.insert(offset: pos - start, stage: stage, core: core) else { continue }
            let afterPrefix = stage <= 1 || stage == 5
            // a place that ends or starts inside a word starts no title (与会同志: not the county
            // 会同; 老同志家园街道: not the town 志家园街道)
            if afterPrefix, stage != 5, let e = places.end(at: pos), e <= limit,
               e == units.count || tokens.canStart(units[e]) || !Chars.isIdeograph(units[e]) || words.isBoundary(e),
               pos > start || start == 0 || !Chars.isIdeograph(units[start - 1]) || words.isBoundary(start) {
                frontier.append((e, 1, true))
            }
            // A free run of Han characters between a prefix and an open organ: 市发展和改革局.
            if stage == 1 || stage == 5 {
                var q = pos
                while q < min(limit, pos + 8), Chars.isIdeograph(units[q]), !gapStop.contains(units[q]),
                      !postOrLevelStart.contains(units[q]) || tokens.longest(in: units, at: q, mask: Tag.post | Tag.level, limit: limit) == nil {
                    q += 1
                    if q < limit, openOrganStart.contains(units[q]),
                       let e = tokens.longest(in: units, at: q, mask: Tag.openOrgan, limit: limit), q - pos >= 2 || e - q >= 2 {
                        frontier.append((e, 3, true))
                    }
                }
            }
            // A session between a level or place and its organ: 市十六届人大常委会, 县第九届政协.
            if stage == 1 || stage == 5, let e = Self.sessionEnd(units, at: pos, limit: limit) {
                frontier.append((e, stage, core))
            }
            // A sitting of a congress after its organ: 全国政协十三届一次会议主席团常务主席,
            // 县人大三次会议副秘书长 (the sitting's presidium and officers).
            if stage == 3, let e = Self.sittingEnd(units, at: pos, limit: limit) {
                frontier.append((e, 3, core))
            }
            // The organ named again in brackets after it: 县卫健局（县医保局）局长.
            if stage == 3, let e = organAsideEnd(units, at: pos, limit: limit) {
                frontier.append((e, 3, core))
            }
            // A long run before a task-force organ (领导小组, 指挥部, 工作专班, 指导组): the name of a
            // disease, campaign or project, quoted slogans included, after a prefix or an organ
            // (市新型冠状病毒肺炎疫情防控工作领导小组, 县委“…”专项行动第三指导组).
            if stage == 1 || stage == 5 || stage == 3 {
                longRun(units, from: pos, limit: limit) { frontier.append(($0, 3, true)) }
            }
            guard tokens.canStart(units[pos]) else { continue }
            tokens.forEachMatch(in: units, at: pos, limit: limit) { end, t in
                let m = (end: end, tags: t)
                if t & Tag.prefix != 0, stage == 0 { frontier.append((m.end, 0, true)) }
                if t & Tag.level != 0, stage <= 1 { frontier.append((m.end, 5, true)) }
                if t & Tag.zone != 0, stage <= 1 || stage == 5 { frontier.append((m.end, 5, true)) }
                if t & Tag.domain != 0, stage <= 3 || stage == 5 { frontier.append((m.end, 2, true)) }
                if t & Tag.organ != 0, stage != 4 { frontier.append((m.end, 3, true)) }
                if t & Tag.modifier != 0, stage != 2 { frontier.append((m.end, 4, core)) }
                // after a level no level post (市县长), but after an autonomous one (自治州州长)
                if t & Tag.post != 0, !(stage == 5 && levelStart.contains(units[pos]) && !(pos >= start + 3 && units[pos - 3] == 0x81EA && units[pos - 2] == 0x6CBB)) {
                    var end = m.end
                    if end < units.count, postSuffix.canStart(units[end]), let s = postSuffix.longestMatch(in: units, at: end) { end = s.end }
                    if postEnds(units, at: end), best == nil || end > best!.end { best = (end, core, false) }
                }
                if t & Tag.groupHeadLevel != 0, stage == 1 || stage == 5, groupEnds(units, at: m.end) {
                    if best == nil || m.end > best!.end { best = (m.end, true, true) }
                }
                if t & Tag.groupHead != 0, afterPrefix, groupEnds(units, at: m.end) {
                    if best == nil || m.end > best!.end { best = (m.end, true, true) }
                }
            }
        }
        guard let b = best else { return nil }
        if b.group {
            return Match(end: b.end, rule: "title.group", features: Self.groupFeatures)
        }
        if !b.composite {
            // A bare level post (市长, 县长) must be a word of its own: not 城市长远, 全市长期.
            let previousHan = start > 0 && Chars.isIdeograph(units[start - 1])
            let nextHan = b.end < units.count && Chars.isIdeograph(units[b.end])
            if levelStart.contains(units[start]), previousHan || nextHan {
                // 区长长夏, 县长柏: ICU joins a name's first character to 长; a name after the post is fine
                if nextHan, !surnameStart.contains(units[b.end]), !words.isBoundary(b.end) { return nil }
                if previousHan, !words.isBoundary(start) { return nil }
            }
            return Match(end: b.end, rule: "title.post", features: Self.bareFeatures)
        }
        return Match(end: b.end, rule: "title.grammar", features: Self.titleFeatures)
    }

    /// Where the name of a zone starts whose kind (园区, 高新区, 经开区) begins a title at `p`: two
    /// to four Han characters before it (临港产业园区党工委书记) that stand after punctuation, a
    /// function character or the previous title (`after`), or two to six after a level word that
    /// does (县先进制造业开发区党工委书记: the title starts with the level); `p` when there are none.
    func zoneNameStart(_ units: [UInt16], zoneAt p: Int, after: Int) -> Int {
        guard p >= 2, tokens.longest(in: units, at: p, mask: Tag.zone) != nil else { return p }
        func standsApart(_ k: Int) -> Bool { k == 0 || k == after || !Chars.isIdeograph(units[k - 1]) || gapStop.contains(units[k - 1]) }
        var s = p
        while s > after, p - s < 6, Chars.isIdeograph(units[s - 1]), !gapStop.contains(units[s - 1]) { s -= 1 }
        guard p - s >= 2 else { return p }
        if p - s <= 4, standsApart(s) { return s }
        // a level word (县, 自治县) of one to three characters before a name of two to six
        for name in stride(from: p - 2, through: s, by: -1) {
            for b in stride(from: name - 1, through: max(s, name - 3), by: -1) where standsApart(b) {
                if tokens.longest(in: units, at: b, mask: Tag.level, limit: name) == name { return b }
            }
        }
        return p
    }

    /// The start of a quoted organ's name right before `p` (“街区联合党委”委员, “两新”工委书记): two to
    /// eight Han characters in quotes that end with an organ or stand before the title's organ,
    /// after `after`; nil when there is none.
    func quotedOrganStart(_ units: [UInt16], before p: Int, after: Int) -> Int? {
        guard p >= 4, units[p - 1] == 0x201D else { return nil }
        var q = p - 2
        while q > after, p - 1 - q <= 9, Chars.isIdeograph(units[q]) { q -= 1 }
        guard q >= after, units[q] == 0x201C, (2...8).contains(p - 2 - q) else { return nil }
        // the quoted name qualifies the organ after it (“两新”工委书记) or ends with one (“街区联合党委”委员)
        if tokens.canStart(units[p]), let e = tokens.longest(in: units, at: p, mask: Tag.organ), e > p { return q }
        for k in (q + 1)..<(p - 1) {
            if tokens.canStart(units[k]), let e = tokens.longest(in: units, at: k, mask: Tag.organ, limit: p - 1), e == p - 1 { return q }
        }
        return nil
    }

    /// End of a bracketed second name of the organ before `p` (县卫健局（县医保局）局长,
    /// 县委办（县政府办）主任: one office under two names): two to twelve Han characters in
    /// brackets that end with an organ.
    func organAsideEnd(_ units: [UInt16], at p: Int, limit: Int) -> Int? {
        guard p < limit, units[p] == 0x28 || units[p] == 0xFF08 else { return nil }  // ( （
        let close: UInt16 = units[p] == 0x28 ? 0x29 : 0xFF09
        var q = p + 1
        while q < limit, q - p <= 13, Chars.isIdeograph(units[q]) { q += 1 }
        guard q < limit, units[q] == close, (2...12).contains(q - p - 1) else { return nil }
        for k in (p + 1)..<q where tokens.canStart(units[k]) {
            if let e = tokens.longest(in: units, at: k, mask: Tag.organ | Tag.openOrgan, limit: q), e == q { return q + 1 }
        }
        return nil
    }

    /// End of a session ordinal at `p` (十六届, 第九届), if one starts there.
    static func sessionEnd(_ units: [UInt16], at p: Int, limit: Int) -> Int? {
        var q = p
        if q < limit, units[q] == 0x7B2C { q += 1 }  // 第
        let digits = q
        while q < limit, q - digits < 4, Numerals.chineseDigit(units[q]) != nil || units[q] == 0x5341 || units[q] == 0x767E { q += 1 }
        guard q > digits, q < limit, units[q] == 0x5C4A else { return nil }  // 届
        return q + 1
    }

    /// End of a congress sitting at `p` (十三届一次会议, 第三次会议, 三次全体会议), if one starts there.
    static func sittingEnd(_ units: [UInt16], at p: Int, limit: Int) -> Int? {
        var q = sessionEnd(units, at: p, limit: limit) ?? p
        if q < limit, units[q] == 0x7B2C { q += 1 }  // 第
        let digits = q
        while q < limit, q - digits < 3, Numerals.chineseDigit(units[q]) != nil || units[q] == 0x5341 { q += 1 }
        guard q > digits, q < limit, units[q] == 0x6B21 else { return nil }  // 次
        q += 1
        if q + 1 < limit, units[q] == 0x5168, units[q + 1] == 0x4F53 { q += 2 }  // 全体
        guard q + 1 < limit, units[q] == 0x4F1A && units[q + 1] == 0x8BAE || units[q] == 0x5927 && units[q + 1] == 0x4F1A else { return nil }  // 会议, 大会
        return q + 2
    }

    /// Calls `found` with the end of each task-force organ that a run of 2–20 characters from
    /// `pos` reaches: Han characters but function characters (some allowed), quoted stretches
    /// (“…”, 《…》) whole, stopping at a post.
    private func longRun(_ units: [UInt16], from pos: Int, limit: Int, _ found: (Int) -> Void) {
        var q = pos
        let runLimit = min(limit, pos + 20)
        while q < runLimit {
            let u = units[q]
            if q - pos >= 2, taskOrganStart.contains(u), let e = tokens.longest(in: units, at: q, mask: Tag.taskOrgan, limit: limit) {
                found(e)
            }
            if let close = Self.closingQuote(u) {
                var j = q + 1
                while j < runLimit, units[j] != close, Chars.isIdeograph(units[j]) || units[j] == 0x3001 || units[j] == 0xB7 { j += 1 }
                guard j < runLimit, units[j] == close, j > q + 1 else { return }
                q = j + 1
                continue
            }
            guard Chars.isIdeograph(u), !gapStop.contains(u) || q > pos && longGapAllow.contains(u) else { return }
            if postStart.contains(u), tokens.longest(in: units, at: q, mask: Tag.post, limit: limit) != nil { return }
            q += 1
        }
    }

    /// The closing quote of an opening one (“ 《 「 『 ‘), if `u` is one.
    @inline(__always)
    static func closingQuote(_ u: UInt16) -> UInt16? {
        switch u {
        case 0x201C: return 0x201D
        case 0x300A: return 0x300B
        case 0x300C: return 0x300D
        case 0x300E: return 0x300F
        case 0x2018: return 0x2019
        default: return nil
        }
    }

    // built once: a dictionary literal per title cost more than the parse's bookkeeping
    static let groupFeatures = ["kind": "group"]
    static let bareFeatures = ["kind": "title", "bare": "true"]
    static let titleFeatures = ["kind": "title"]

    @inline(__always)
    private func postEnds(_ units: [UInt16], at end: Int) -> Bool {
        end >= units.count || !postNotBefore.contains(units[end])
    }

    @inline(__always)
    private func groupEnds(_ units: [UInt16], at end: Int) -> Bool {
        end >= units.count || !groupNotBefore.contains(units[end])
    }
}

extension Annotation {
    /// A title annotation that is a post alone, with no organ or place before it (书记, 主任).
    var isBarePost: Bool { features["bare"] == "true" }
}
