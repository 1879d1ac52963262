/// Finds organizations (layer `organization`): listed organs, places followed by an organ, level
/// organs and departments, names with an institution suffix, each extended by sub-organs. The
/// grammar is documented in Rules/organizations/organizations.yaml.
///
/// A place written inside an organization's name (中国 in 中国政府, 云浮 in 云浮市委) is part of
/// that name, so this phase drops such places from the `place` layer.
///
/// Reads: `place`, `chrome`. Writes: `organization`, `place_in_organization`; it also rewrites `place` (the one phase that changes an earlier layer: a place inside an organization's name moves to `place_in_organization`).
struct OrganizationPhase: Phase {
    let name = "organizations"
    var produces: [AnnotationType] { [.organization, .placeInOrganization] }

    enum Rules {
        static let national = "organization.national", international = "organization.international"
        static let media = "organization.media", placeOrgan = "organization.place-organ"
        static let levelOrgan = "organization.level-organ", department = "organization.department"
        static let suffix = "organization.suffix", subOrgan = "organization.sub-organ"
        static let shortForm = "organization.short-form"
        static let all = [national, international, media, placeOrgan, levelOrgan, department, suffix, subOrgan, "organization.foreign-organ", shortForm]
        static let foreign = "organization.foreign-organ"
        static let listed: [(lexicon: String, rule: String)] = [("national", national), ("international", international), ("media", media),
                                                                ("foreign", foreign)]
    }

    let listed: Lexicon
    let listedRule: [String]
    /// Entries of `listed` from index `firstShortForm` on are short forms (民进): they count only
    /// as a word of their own (not 民进 in 人民进行).
    let firstShortForm: Int
    let organ: Lexicon
    let levelOrgan: Lexicon
    let field: Lexicon
    let department: Lexicon
    let institution: Lexicon
    let subOrgan: Lexicon
    let branch: Lexicon
    /// Suffixes of named units inside an organization (综合司, 法学院), and characters that end
    /// such a name (posts and persons: 长, 员).
    let subUnit: Lexicon
    let subUnitStop: UnitSet
    let subUnitNot: Lexicon
    let stop: UnitSet
    /// Words that hold a stop character and still belong to a name (音像 in 某某音像出版社).
    let notStop: Lexicon
    /// Elected bodies: a session ordinal before them is part of the name (第九届 + 全国人民代表大会).
    let electedBody: Lexicon
    /// Departments written as one word of field and department (教委, 外办): they follow a level
    /// or a place without a field (市教委, 国务院外办).
    let shortDepartment: Lexicon
    /// Stop words, reversed (matched backwards from a position).
    let stopWords: Lexicon
    let generic: Lexicon
    let weakInstitution: Lexicon
    let notInstitution: Lexicon
    let placedInstitution: Lexicon
    /// Words ending in an institution suffix that are not names, reversed.
    let notInstitutionWords: Lexicon
    let nationalPrefix: Lexicon
    /// Words before a level organ that make it generic (各级党委, 地方政府), reversed.
    let genericBefore: Lexicon
    let maxName: Int
    /// Where the scans have anything to do, found in one pass: first where a listed name or a
    /// level organ may match, or 中 (of 中共) or a level character stands (the scan also stops at
    /// places), then where an institution suffix may match (公司, 大学: common characters start them).
    let scanStarts: StartFilters

    /// Characters of an administrative level (省 市 县…), and organ endings that take 长 to make
    /// a title (部长, 局长…): the `level_characters` and `headed_organs` lexicons.
    let levelChars: UnitSet
    let headedBy: UnitSet
    static let zhonggong: [UInt16] = Array("中共".utf16)
    static let zhu: UInt16 = 0x9A7B  // 驻
    static let bu: UInt16 = 0x90E8, zhang: UInt16 = 0x957F, men: UInt16 = 0x95E8  // 部 长 门
    static let guojia: [UInt16] = Array("国家".utf16)
    static let jie: UInt16 = 0x5C4A, di: UInt16 = 0x7B2C  // 届 第
    static let dashes: Set<UInt16> = [0x2014, 0x2013, 0xFF0D, 0x2D]  // — – － -

    init(rules: RuleSet) throws {
        let known = Set(rules.rules("organization").map(\.id))
        for id in Rules.all where !known.contains(id) {
            throw MinutesError.badRule(file: "Rules/organizations", line: nil, problem: "missing rule \(id) (the organization phase reports it)")
        }
        levelChars = UnitSet(rules.lexiconEntries("organization", "level_characters"))
        headedBy = UnitSet(rules.lexiconEntries("organization", "headed_organs"))
        // A word listed twice keeps its first rule: lookups return its first entry (no Set of
        // Strings to drop the others: hashing them cost more than the trie).
        var words: [String] = []
        var ruleOf: [String] = []
        for (lexicon, rule) in Rules.listed {
            let entries = rules.lexiconEntries("organization", lexicon)
            words += entries
            ruleOf += repeatElement(rule, count: entries.count)
        }
        firstShortForm = words.count
        words += try Self.shortForms(rules, listed: Lexicon(name: "organization.listed", entries: words))
        ruleOf += repeatElement(Rules.shortForm, count: words.count - firstShortForm)
        listed = Lexicon(name: "organization.listed", entries: words)
        listedRule = ruleOf
        let levelOrgans = rules.lexiconEntries("organization", "level_organ")
        organ = Lexicon(name: "organization.organ", entries: rules.lexiconEntries("organization", "organ") + levelOrgans)
        levelOrgan = Lexicon(name: "organization.level_organ", entries: levelOrgans)
        field = rules.lexicon("organization", "field")
        department = rules.lexicon("organization", "department")
        institution = rules.lexicon("organization", "institution")
        subOrgan = rules.lexicon("organization", "sub_organ")
        branch = rules.lexicon("organization", "branch")
        subUnit = rules.lexicon("organization", "sub_unit")
        subUnitStop = UnitSet(rules.lexiconEntries("organization", "sub_unit_stop"))
        subUnitNot = rules.lexicon("organization", "sub_unit_not")
        stop = UnitSet(rules.lexiconEntries("organization", "stop").filter { $0.count == 1 })
        notStop = rules.lexicon("organization", "not_stop")
        electedBody = rules.lexicon("organization", "elected_body")
        shortDepartment = rules.lexicon("organization", "short_department")
        stopWords = Lexicon(name: "organization.stop_words", entries: rules.lexiconEntries("organization", "stop_words").map { String($0.reversed()) })
        generic = rules.lexicon("organization", "generic")
        genericBefore = Lexicon(name: "organization.generic_before", entries: rules.lexiconEntries("organization", "generic_before").map { String($0.reversed()) })
        weakInstitution = rules.lexicon("organization", "weak_institution")
        notInstitution = rules.lexicon("organization", "not_institution")
        placedInstitution = rules.lexicon("organization", "placed_institution")
        notInstitutionWords = Lexicon(name: "organization.not_institution_words",
                                      entries: rules.lexiconEntries("organization", "not_institution_words").map { String($0.reversed()) })
        nationalPrefix = rules.lexicon("organization", "national_prefix")
        maxName = try rules.intSetting("organization", "max_name", default: 10)
        scanStarts = StartFilters(StartFilter([listed, levelOrgan], units: Self.zhonggong.prefix(1) + levelChars.members),
                                  institution.startFilter)
    }

    /// The short forms of the `short_forms` lexicon (written short=full): each must be formed
    /// from its full name, a listed organization, by keeping some of its characters in order.
    static func shortForms(_ rules: RuleSet, listed: Lexicon) throws -> [String] {
        try rules.lexiconEntries("organization", "short_forms").map { entry in
            let parts = entry.split(separator: "=").map(String.init)
            guard parts.count == 2, let short = parts.first, let full = parts.last, listed.contains(full),
                  short.count >= 2, short.count < full.count, Self.keepsInOrder(full, short) else {
                throw MinutesError.badRule(file: "Rules/organizations", line: nil,
                                           problem: "short form \(entry): write short=full, with full a listed organization and short some of its characters in order")
            }
            return short
        }
    }

    /// Whether `short` is `full` with some characters left out.
    static func keepsInOrder(_ full: String, _ short: String) -> Bool {
        var rest = Substring(full)
        for c in short {
            guard let i = rest.firstIndex(of: c) else { return false }
            rest = rest[rest.index(after: i)...]
        }
        return true
    }

    struct Candidate {
        var range: Range<Int>
        var rule: String
    }

    func run(_ document: Document) throws {
        let units = document.text.units
        let places = document.annotations(.place)
        let placeEnd = PlaceEnds(places, count: units.count)

        let starts = scanStarts.positions(in: units)
        let skipper = ChromeSkipper(document, keeping: ChromeSkipper.articleText)
        let words = WordBreaks(document)
        var orgs = scan(units, skipper, starts.0, places, placeEnd, words)
        addInstitutions(units, skipper, starts.1, placeEnd, &orgs)
        orgs.sortIfNeeded { ($0.range.lowerBound, -$0.range.count) < ($1.range.lowerBound, -$1.range.count) }
        var kept: [Candidate] = []
        for c in orgs {
            if let last = kept.last, last.range.overlaps(c.range) { continue }
            kept.append(c)
        }
        document.add(kept.map { Annotation(.organization, $0.range, rule: $0.rule) })
        // Places inside an organization's name are part of it; the title grammar still reads
        // them as a place prefix (云浮市委书记).
        var k = 0
        var outside: [Annotation] = [], inside: [Annotation] = []
        outside.reserveCapacity(places.count)
        for p in places {
            while k < kept.count, kept[k].range.upperBound <= p.range.lowerBound { k += 1 }
            if k < kept.count && kept[k].range.lowerBound <= p.range.lowerBound && p.range.upperBound <= kept[k].range.upperBound {
                inside.append(Annotation(.placeInOrganization, p.range, rule: p.rule))
            } else {
                outside.append(p)
            }
        }
        if !inside.isEmpty {
            document.replace(.place, with: outside)
            document.add(inside)
        }
    }

    // MARK: - Listed names, place + organ, level organs, departments

    func scan(_ units: [UInt16], _ skipper: ChromeSkipper, _ starts: StartPositions, _ places: [Annotation], _ placeEnd: PlaceEnds,
              _ words: WordBreaks) -> [Candidate] {
        var out: [Candidate] = []
        var skipper = skipper
        var starts = starts
        let n = units.count
        var i = 0
        var nextPlace = 0  // the first place starting at i or later (places are sorted by start)
        while i < n {
            while nextPlace < places.count, places[nextPlace].range.lowerBound < i { nextPlace += 1 }
            let next = min(starts.next(from: i, end: n), nextPlace < places.count ? places[nextPlace].range.lowerBound : n)
            i = skipper.skip(next)
            guard i < n else { break }
            guard i == next else { continue }  // moved by chrome: the next start from there
            var best: Candidate?
            if listed.canStart(units[i]), let m = listed.longestMatch(in: units, at: i),
               m.entry < firstShortForm || words.isBoundary(i) && words.isBoundary(m.end) {
                best = Candidate(range: i..<m.end, rule: listedRule[m.entry])
            }
            // places, then an organ or a department (中共 + places too)
            var chainStart: Int?
            if placeEnd[i] != nil {
                chainStart = i
            } else if Chars.hasPrefix(units, at: i, Self.zhonggong), placeEnd[i + 2] != nil {
                chainStart = i + 2
            }
            if let cs = chainStart {
                var end = placeEnd[cs]!
                while let e = placeEnd[end] { end = e }
                // 中国驻波兰大使馆: places, 驻, places
                if end < n, units[end] == Self.zhu, var e2 = placeEnd[end + 1] {
                    while let e = placeEnd[e2] { e2 = e }
                    if organ.longestMatch(in: units, at: e2) != nil { end = e2 }
                }
                if let m = listed.longestMatch(in: units, at: end), m.entry < firstShortForm || words.isBoundary(m.end) {
                    // 中国国务院, 中国全国人大: a place and a listed organization
                    if m.end > (best?.range.upperBound ?? i) { best = Candidate(range: i..<m.end, rule: Rules.placeOrgan) }
                } else if let m = organ.longestMatch(in: units, at: end) {
                    if m.end > (best?.range.upperBound ?? i) { best = Candidate(range: i..<m.end, rule: Rules.placeOrgan) }
                } else if let e = departmentEnd(units, at: end, levelOptional: true), e > (best?.range.upperBound ?? i) {
                    best = Candidate(range: i..<e, rule: Rules.department)
                }
            }
            // a level organ or department without a place (市委, 县政府, 市气象局)
            if best == nil, levelChars.contains(units[i]) || levelOrgan.canStart(units[i]),
               genericBefore.longestMatch(backwardFrom: i, in: units, lowerBound: max(0, i - 3)) == nil {
                if let m = levelOrgan.longestMatch(in: units, at: i) {
                    best = Candidate(range: i..<m.end, rule: Rules.levelOrgan)
                }
                if levelChars.contains(units[i]), let e = departmentEnd(units, at: i, levelOptional: false),
                   e > (best?.range.upperBound ?? i) {
                    best = Candidate(range: i..<e, rule: Rules.department)
                }
            }
            // 国防部长, 公安局长 are titles and 地质部门 a department: a name ending in 部/局/厅… and then 长 or 门
            if let c = best, headedBy.contains(units[c.range.upperBound - 1]), c.range.upperBound < n,
               units[c.range.upperBound] == Self.zhang || (units[c.range.upperBound] == Self.men && units[c.range.upperBound - 1] == Self.bu) {
                best = nil
            }
            // 中共北方局: 中共 before a listed organ
            if let c = best, c.range.lowerBound == i, c.rule != Rules.placeOrgan, i >= 2, Chars.hasSuffix(units, before: i, Self.zhonggong),
               !(out.last.map { $0.range.upperBound > i - 2 } ?? false) {
                best!.range = (i - 2)..<c.range.upperBound
            }
            if var c = best {
                c.range = c.range.lowerBound..<extend(units, c.range.upperBound, placeEnd)
                if c.range.upperBound > best!.range.upperBound { c.rule = Rules.subOrgan }
                if Self.wordStart(electedBody, units, endingAt: c.range, maxLength: 6) != nil,
                   let s = sessionStart(units, before: c.range.lowerBound, lowerBound: out.last?.range.upperBound ?? 0) {
                    c.range = s..<c.range.upperBound
                }
                out.append(c)
                i = c.range.upperBound
            } else {
                i += 1
            }
        }
        return out
    }

    /// End of [level] field… department at `p` (气象局, 市委宣传部 → 委 + 宣传部 is handled by
    /// sub-organs), or nil.
    func departmentEnd(_ units: [UInt16], at p: Int, levelOptional: Bool) -> Int? {
        var q = p
        if q < units.count, levelChars.contains(units[q]) {
            q += 1
        } else if Chars.hasPrefix(units, at: q, Self.guojia) {
            q += 2  // 国家核安全局
        } else if !levelOptional {
            return nil
        }
        if let d = shortDepartment.longestMatch(in: units, at: q) { return d.end }
        var fields = 0
        while let f = field.longestMatch(in: units, at: q) {
            q = f.end
            fields += 1
            if fields == 3 { break }
        }
        guard fields > 0, let d = department.longestMatch(in: units, at: q) else { return nil }
        return d.end
    }

    /// Extends an organization over the sub-organs and branches that follow it.
    func extend(_ units: [UInt16], _ end: Int, _ placeEnd: PlaceEnds) -> Int {
        var e = end
        while true {
            if let m = subOrgan.longestMatch(in: units, at: e) {
                e = m.end
            } else if let d = departmentEnd(units, at: e, levelOptional: true), d - e <= 6, !levelChars.contains(units[e]) {
                e = d
            } else if let pe = placeEnd[e], let b = branch.longestMatch(in: units, at: pe) {
                e = b.end
            } else if let u = subUnitEnd(units, after: e, placeEnd: placeEnd) {
                e = u
            } else {
                return e
            }
        }
    }


    /// End of a named unit right after an organization (国家体委 + 综合司, 某大学 + 法学院, 某剧院 +
    /// 芭蕾舞团): a few Han characters, no stop character or verb, then a unit suffix.
    func subUnitEnd(_ units: [UInt16], after e: Int, placeEnd: PlaceEnds) -> Int? {
        let n = units.count
        // places after an organization: a branch (中国人民银行 + 江西金溪县 + 支行), else another
        // name or a dateline (新华社莫斯科…电)
        if var pe = placeEnd[e] {
            while let next = placeEnd[pe] { pe = next }
            return branch.longestMatch(in: units, at: pe)?.end
        }
        var q = e  // the gap is e..<q, a suffix may start at q
        while q < n, q - e <= 6 {
            if q > e {
                let u = units[q - 1]
                guard Chars.isIdeograph(u), !stop.contains(u), !subUnitStop.contains(u) else { return nil }
                if stopWords.longestMatch(backwardFrom: q, in: units, lowerBound: max(e, q - 6)) != nil { return nil }
            }
            // words that hold a unit suffix without being a unit (代表团, 司令, 科学, 处理)
            if let w = subUnitNot.longestMatch(in: units, at: q), w.end > (subUnit.longestMatch(in: units, at: q)?.end ?? q) {
                q = w.end
                continue
            }
            if q > e, subUnit.canStart(units[q]), let m = subUnit.longestMatch(in: units, at: q),
               notInstitution.longestMatch(in: units, at: q) == nil,
               m.end >= n || !subUnitStop.contains(units[m.end]) {
                return m.end
            }
            q += 1
        }
        return nil
    }

    // MARK: - Names with an institution suffix

    func addInstitutions(_ units: [UInt16], _ skipper: ChromeSkipper, _ starts: StartPositions, _ placeEnd: PlaceEnds, _ orgs: inout [Candidate]) {
        orgs.sortIfNeeded { $0.range.lowerBound < $1.range.lowerBound }
        var oi = 0
        var previousEnd = 0
        var skipper = skipper
        var starts = starts
        var added: [Candidate] = []
        var merged = Set<Int>()
        let n = units.count
        var i = 1
        while i < n {
            i = skipper.skip(starts.next(from: i, end: n))
            guard i < n else { break }
            while oi < orgs.count, orgs[oi].range.upperBound <= i {
                previousEnd = max(previousEnd, orgs[oi].range.upperBound)
                oi += 1
            }
            if oi < orgs.count, orgs[oi].range.lowerBound <= i {
                i = orgs[oi].range.upperBound
                continue
            }
            guard institution.canStart(units[i]), let m = institution.longestMatch(in: units, at: i),
                  notInstitution.longestMatch(in: units, at: i) == nil else {
                i += 1
                continue
            }
            let lower = max(previousEnd, (added.last?.range.upperBound ?? 0))
            let suffix = i..<m.end
            if notInstitutionWords.longestMatch(backwardFrom: m.end, in: units, lowerBound: max(0, m.end - 4)) != nil {
                i = m.end
                continue
            }
            if let start = nameStart(units, suffix: i, lowerLimit: lower, placeEnd),
               !weakInstitution.contains(units, suffix) || strongName(units, start..<i, placeEnd),
               !placedInstitution.contains(units, suffix) || placedName(units, start..<i, placeEnd) {
                var c = Candidate(range: start..<m.end, rule: Rules.suffix)
                // right after another organization: one name (国务院 + 发展研究中心)
                if start == previousEnd, let k = orgs.lastIndex(where: { $0.range.upperBound == start }), start - orgs[k].range.lowerBound > 0 {
                    c.range = orgs[k].range.lowerBound..<m.end
                    c.rule = Rules.subOrgan
                    merged.insert(k)
                }
                c.range = c.range.lowerBound..<extend(units, c.range.upperBound, placeEnd)
                added.append(c)
                i = c.range.upperBound
            } else if i == previousEnd, !weakInstitution.contains(units, suffix), !placedInstitution.contains(units, suffix),
                      let k = orgs.lastIndex(where: { $0.range.upperBound == i }) {
                // an organization right before an institution suffix names it (人民日报 + 出版社)
                let c = Candidate(range: orgs[k].range.lowerBound..<extend(units, m.end, placeEnd), rule: Rules.subOrgan)
                if added.last.map({ !$0.range.overlaps(c.range) }) ?? true {
                    added.append(c)
                    merged.insert(k)
                }
                i = max(c.range.upperBound, i + 1)
            } else {
                i = m.end
            }
        }
        if !merged.isEmpty { orgs = orgs.enumerated().filter { !merged.contains($0.offset) }.map(\.element) }
        orgs += added
    }

    /// Where the name before an institution suffix at `s` starts: back to punctuation, a function
    /// word or a verb, within `maxName` characters; nil when there is no such boundary or the
    /// name is generic words only.
    func nameStart(_ units: [UInt16], suffix s: Int, lowerLimit: Int, _ placeEnd: PlaceEnds) -> Int? {
        var p = s
        while p > lowerLimit, s - p < maxName {
            // a place is taken whole (鄂尔多斯市: 多 alone would end the name)
            if let ps = placeEnd.start(endingAt: p), ps >= lowerLimit {
                p = ps
                continue
            }
            let u = units[p - 1]
            // 奥地利—中国友好协会: a dash between two places joins them in one name
            if Self.dashes.contains(u), p - 1 > lowerLimit, placeEnd[p] != nil, placeEnd.start(endingAt: p - 1) != nil {
                p -= 1
                continue
            }
            guard Chars.isIdeograph(u) || Chars.isLatinLetter(u), !stop.contains(u) || holdsStop(units, at: p - 1, limit: s) else { break }
            if stopWords.longestMatch(backwardFrom: p, in: units, lowerBound: max(0, p - 6)) != nil { break }
            p -= 1
        }
        if s - p >= maxName, p > lowerLimit {
            // no boundary close enough: start at a place within the window, if any
            guard let q = (p..<s).first(where: { placeEnd[$0] != nil }) else { return nil }
            p = q
        }
        guard s - p >= 2 else { return nil }
        // a place (or places) and the suffix: 中国交响乐团
        var e = p
        while let pe = placeEnd[e], pe <= s { e = pe }
        if e == s { return p }
        // the name must say more than generic words (大型企业集团, 有关部门)
        var q = p
        while q < s, let g = generic.longestMatch(in: units, at: q, limit: s) { q = g.end }
        var r = s
        while r > q, let g = Self.wordStart(generic, units, endingAt: q..<r) { r = g }
        return r - q >= 2 || (r - q >= 1 && placeEnd[p] != nil) ? p : nil
    }

    /// Whether a name is strong enough for a weak suffix (中心, 委员会): it begins with a place,
    /// a level or a national prefix, or has three characters or more.
    func strongName(_ units: [UInt16], _ r: Range<Int>, _ placeEnd: PlaceEnds) -> Bool {
        if placeEnd[r.lowerBound] != nil {
            // after the places, something that is not a generic word (山东宝元队, not 俄罗斯军队)
            var q = r.lowerBound
            while let e = placeEnd[q], e <= r.upperBound { q = e }
            while q < r.upperBound, let g = generic.longestMatch(in: units, at: q, limit: r.upperBound) { q = g.end }
            return q < r.upperBound || r.upperBound == placeEnd[r.lowerBound]
        }
        return levelChars.contains(units[r.lowerBound])
            || nationalPrefix.longestMatch(in: units, at: r.lowerBound, limit: r.upperBound) != nil || r.count >= 3
    }

    /// Whether a name may take a placed suffix (队, 局): it begins with a place, a level or a
    /// national prefix, and says more than generic words.
    func placedName(_ units: [UInt16], _ r: Range<Int>, _ placeEnd: PlaceEnds) -> Bool {
        (placeEnd[r.lowerBound] != nil || levelChars.contains(units[r.lowerBound])
            || nationalPrefix.longestMatch(in: units, at: r.lowerBound, limit: r.upperBound) != nil)
            && strongName(units, r, placeEnd)
    }

    /// The start of the longest word of `lexicon` (at most `maxLength` long) that ends at
    /// `range.upperBound` inside `range`, if any.
    static func wordStart(_ lexicon: Lexicon, _ units: [UInt16], endingAt range: Range<Int>, maxLength: Int = 4) -> Int? {
        for len in stride(from: min(maxLength, range.count), through: 1, by: -1) {
            let a = range.upperBound - len
            if lexicon.contains(units, a..<range.upperBound) { return a }
        }
        return nil
    }

    /// Whether the stop character at `p` lies inside a `not_stop` word that ends by `limit`
    /// (音像, 和平: a name goes on through them).
    func holdsStop(_ units: [UInt16], at p: Int, limit: Int) -> Bool {
        for a in max(0, p - 3)...p {
            if let m = notStop.longestMatch(in: units, at: a, limit: limit), m.end > p { return true }
        }
        return false
    }

    /// Start of a session ordinal ending right before `i` (第九届, 八届, 第１０届), not before
    /// `lowerBound`, or nil.
    func sessionStart(_ units: [UInt16], before i: Int, lowerBound: Int) -> Int? {
        guard i - 2 >= lowerBound, units[i - 1] == Self.jie else { return nil }
        var j = i - 1
        while j > lowerBound, Numerals.isNumeral(units[j - 1]) { j -= 1 }
        guard j < i - 1 else { return nil }
        if j > lowerBound, units[j - 1] == Self.di { j -= 1 }
        return j
    }
}

/// Where the place starting at each position ends: an array, since the organization grammar asks
/// at every position.
struct PlaceEnds {
    private var ends: [Int32]
    private var starts: [Int32]

    init(_ places: [Annotation], count: Int) {
        ends = [Int32](repeating: 0, count: count + 1)
        starts = [Int32](repeating: -1, count: count + 1)
        for p in places {
            ends[p.range.lowerBound] = Int32(p.range.upperBound)
            starts[p.range.upperBound] = Int32(p.range.lowerBound)
        }
    }

    /// The end of the place starting at `i`.
    @inline(__always)
    subscript(i: Int) -> Int? { i >= 0 && i < ends.count && ends[i] > 0 ? Int(ends[i]) : nil }

    /// The start of the place ending at `i`.
    @inline(__always)
    func start(endingAt i: Int) -> Int? { i >= 0 && i < starts.count && starts[i] >= 0 ? Int(starts[i]) : nil }
}
