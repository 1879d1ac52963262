/// Finds places (layer `place`): division names from the gazetteer, countries, cities, regions
/// and geography from the world lexicons, towns/villages/zones by their suffixes, and doubtful
/// names confirmed by context. The policy is documented in Rules/places/places.yaml.
///
/// Reads: `chrome`. Writes: `place`.
struct PlacePhase: Phase {
    let name = "places"
    var produces: [AnnotationType] { [.place] }

    enum Confidence: Int, Comparable {
        /// Counts only with strong context (a common word used as a short name: 新兴 of 新兴县).
        case strongOnly
        /// Counts with any place context (a county's short name, a needs_context name).
        case doubtful
        case certain
        static func < (a: Confidence, b: Confidence) -> Bool { a.rawValue < b.rawValue }
    }

    /// One reading of a listed name.
    struct Reading {
        var rule: Rule
        var confidence: Confidence
        /// Index into the gazetteer's divisions, for division names.
        var division: Int?
        /// The full name of a division (ends in its level suffix).
        var isFull = false
        /// A short division name (may take another level's suffix: 锡山市).
        var isShort = false
        /// May be followed by 共和国/王国/特区 and stay one place.
        var takesForm = false
        /// May be followed by 地区 and stay one place (吕梁地区, 中条山地区).
        var takesRegionForm = false
        /// A world city, which may be followed by 市 (斯德哥尔摩市).
        var isCity = false
    }

    enum SuffixKind { case town, village, zone, facility }

    struct Suffix {
        var rule: Rule
        var kind: SuffixKind
    }

    /// The rules the phase reports (an enum, not the id Strings: candidates stay plain values,
    /// with nothing to retain or release).
    enum Rule: String, CaseIterable {
        case full = "place.division.full", short = "place.division.short", context = "place.division.context"
        case otherLevel = "place.division.other-level", countryForm = "place.world.country-form"
        case foreignState = "place.world.foreign-state"
        case country = "place.world.country", city = "place.world.city", region = "place.world.region"
        case geography = "place.geography"
        case town = "place.suffix.town", village = "place.suffix.village", zone = "place.suffix.zone"
        case facility = "place.suffix.facility"

        var isDivision: Bool { self == .full || self == .short || self == .context || self == .otherLevel }
        var isSuffix: Bool { self == .town || self == .village || self == .zone || self == .facility }
    }

    enum Rules {
        static let world: [(lexicon: String, rule: Rule)] = [
            ("country", .country), ("city", .city), ("region", .region), ("region_short", .region), ("geography", .geography),
        ]
        static let suffixes: [(rule: Rule, kind: SuffixKind)] = [
            (.town, .town), (.village, .village), (.zone, .zone), (.facility, .facility),
        ]
    }

    let gazetteer: Gazetteer
    let names: Lexicon
    let readings: NameReadings
    let suffixes: Lexicon
    let suffixInfo: [Suffix]
    let notSuffix: Lexicon
    let notBeforeSuffix: Lexicon
    let forms: Lexicon
    let regionForms: Lexicon
    let notPlaces: Lexicon
    let notBefore: Lexicon
    /// Titles that end right before a suffix name (部长黄镇东), reversed.
    let titleEnd: Lexicon
    let levelWords: Lexicon
    /// Level forms of several characters that end full names (自治区, 特别行政区), reversed: the
    /// level-word split does not cut them (香港特别行政区 + 政府, not 香港特别行政 + 区政府).
    let longLevelForms: Lexicon
    let contextAfter: Lexicon
    /// First characters of level organs and posts in `context_after` (省长, 县委) and the division
    /// levels each may follow (`level_marks`): 金山 (a district) before 省长 is no place there.
    let levelMarks: [UInt16: Set<Gazetteer.Level>]
    let contextAfterWeak: Lexicon
    let contextBefore: Lexicon
    /// Characters that end a suffix name to the left.
    let stop: UnitSet
    /// Characters of transliterated names (the persons' table), for states abroad (明尼苏达州).
    let transliteration: UnitSet
    /// Where the scans have anything to do, found in one pass: first where a name or a not-place
    /// may match or a transliteration character stands (the names start with most characters,
    /// so the filter looks at the first two), then where a suffix may match (机场, 大桥: common
    /// characters start them).
    let scanStarts: StartFilters

    /// A place found, before overlaps are resolved.
    struct Candidate {
        var range: Range<Int>
        var rule: Rule
        var confidence: Confidence
        /// The entry of `names` it was read from (-1 if none): its readings hold the divisions,
        /// for parent/sibling checks.
        var name: Int32 = -1
        var accepted: Bool
    }

    func run(_ document: Document) throws {
        let units = document.text.units
        let starts = scanStarts.positions(in: units)
        let skipper = ChromeSkipper(document, keeping: ChromeSkipper.articleText)
        var candidates = lexiconCandidates(units, skipper, starts.0)
        confirm(units, &candidates)
        addSuffixCandidates(units, skipper, starts.1, &candidates)
        confirm(units, &candidates)
        let places = Self.resolveOverlaps(candidates.filter(\.accepted))
        document.add(places.map { Annotation(.place, $0.range, rule: $0.rule.rawValue) })
    }

    // MARK: - Listed names

    func lexiconCandidates(_ units: [UInt16], _ skipper: ChromeSkipper, _ starts: StartPositions) -> [Candidate] {
        var out: [Candidate] = []
        var skipper = skipper
        var starts = starts
        var found: [(end: Int, entry: Int)] = []
        let n = units.count
        var i = 0
        while i < n {
            let next = starts.next(from: i, end: n)
            i = skipper.skip(next)
            guard i < n else { break }
            guard i == next else { continue }  // moved by chrome: the next start from there
            if notPlaces.canStart(units[i]), let skip = notPlaces.longestMatch(in: units, at: i) {
                i = skip.end
                continue
            }
            // 明尼苏达州, 西开普省: a transliterated name at a boundary, then 州 or 省
            if transliteration.contains(units[i]),
               i == 0 || !Chars.isIdeograph(units[i - 1]) || stop.contains(units[i - 1]) || out.last.map({ $0.accepted && $0.range.upperBound == i }) == true,
               let e = foreignStateEnd(units, at: i) {
                out.append(Candidate(range: i..<e, rule: .foreignState, confidence: .certain, accepted: true))
                i = e
                continue
            }
            guard names.mayMatch(in: units, at: i) else {
                i += 1
                continue
            }
            var chosen: Candidate?
            var doubtful: Candidate?
            names.matches(in: units, at: i, into: &found)
            for k in found.indices.reversed() {  // (found.reversed() would hold a copy: the next matches(into:) reallocates)
                let m = found[k]
                let rs = readings[m.entry]
                // 北京市委 is 北京 + 市委: a full name whose level suffix begins a level word stops before it.
                if rs.allSatisfy(\.isFull), levelWords.longestMatch(in: units, at: m.end - 1) != nil,
                   longLevelForms.longestMatch(backwardFrom: m.end, in: units, lowerBound: i) == nil { continue }
                // part of a transliterated name (…·华盛顿), an event (南昌起义) or an ethnic group (朝鲜族)
                if (i > 0 && units[i - 1] == Self.middleDot) || (m.end < n && units[m.end] == Self.middleDot) { continue }
                if notBefore.longestMatch(in: units, at: m.end) != nil { continue }
                let best = rs.max { $0.confidence < $1.confidence }!
                var c = Candidate(range: i..<m.end, rule: best.rule, confidence: best.confidence,
                                  name: Int32(m.entry), accepted: best.confidence == .certain)
                // 锡山市 (a short name with a level suffix the gazetteer does not list: renamed or historical)
                let leftBoundary = i == 0 || !Chars.isIdeograph(units[i - 1]) || stop.contains(units[i - 1])
                    || out.last.map { $0.accepted && $0.range.upperBound == i } == true
                if rs.contains(where: { $0.isShort && ($0.confidence == .certain || ($0.confidence == .doubtful && leftBoundary)) }),
                   m.end < n, Self.levelSuffixes.contains(units[m.end]),
                   levelWords.longestMatch(in: units, at: m.end) == nil,
                   !(m.end + 1 < n && Chars.isIdeograph(units[m.end + 1]) && names.longestMatch(in: units, at: m.end) != nil) {
                    c.range = i..<(m.end + 1)
                    c.rule = .otherLevel
                    c.confidence = .certain
                    c.accepted = true
                }
                if rs.contains(where: \.takesForm), let f = forms.longestMatch(in: units, at: c.range.upperBound) {
                    c.range = i..<f.end
                    c.rule = .countryForm
                } else if rs.contains(where: \.takesRegionForm), let f = regionForms.longestMatch(in: units, at: c.range.upperBound) {
                    c.range = i..<f.end
                } else if rs.contains(where: \.isCity), c.range.upperBound < n, Self.foreignLevels.contains(units[c.range.upperBound]),
                          levelWords.longestMatch(in: units, at: c.range.upperBound) == nil {
                    c.range = i..<(c.range.upperBound + 1)
                }
                if c.accepted {
                    chosen = c
                    break
                }
                if doubtful == nil { doubtful = c }
            }
            if let d = doubtful, d.range.upperBound > (chosen?.range.upperBound ?? i) { out.append(d) }
            if let c = chosen {
                out.append(c)
                i = c.range.upperBound
            } else {
                i += 1
            }
        }
        return out
    }

    static let middleDot: UInt16 = 0xB7
    /// 市 省 州 after a foreign city or region (斯德哥尔摩市, 魁北克省)
    static let foreignLevels = UnitSet(["市省州"])
    static let zhou: UInt16 = 0x5DDE, sheng: UInt16 = 0x7701  // 州 省

    /// 市 县 区 省 州 盟 旗
    static let levelSuffixes = UnitSet(["市县区省州盟旗"])

    // MARK: - Suffixes

    /// Towns, villages and zones: a name of two or three characters before the suffix, bounded on
    /// the left by a place, punctuation or a function word.
    func addSuffixCandidates(_ units: [UInt16], _ skipper: ChromeSkipper, _ starts: StartPositions, _ candidates: inout [Candidate]) {
        // boundaries: accepted places, and full division names even when doubtful (邱县 + a village)
        let certain = candidates.filter { $0.accepted || $0.rule == .full }.sortedIfNeeded { $0.range.lowerBound < $1.range.lowerBound }
        var ci = 0
        var skipper = skipper
        var starts = starts
        var lastCertain: Candidate?
        var removed: [Range<Int>] = []
        var added: [Candidate] = []
        var listedRanges: Set<Range<Int>>?  // the candidates' ranges, built at the first need
        let n = units.count
        var i = 1
        while i < n {
            i = skipper.skip(starts.next(from: i, end: n))
            guard i < n else { break }
            while ci < certain.count, certain[ci].range.upperBound <= i {
                lastCertain = certain[ci]
                ci += 1
            }
            let insidePlace = ci < certain.count && certain[ci].range.lowerBound <= i
            guard !insidePlace, suffixes.canStart(units[i]), let m = suffixes.longestMatch(in: units, at: i),
                  notSuffix.longestMatch(in: units, at: i) == nil else {
                i += 1
                continue
            }
            let info = suffixInfo[m.entry]
            if info.kind == .facility {
                // a place, then at most four name characters: 北京音乐厅, 上海大剧院
                if var c = candidates.last(where: { $0.accepted && $0.range.upperBound <= i && $0.range.upperBound >= i - 4
                        && ($0.rule.isDivision || $0.rule == .city) }),
                   (c.range.upperBound..<i).allSatisfy({ Chars.isIdeograph(units[$0]) && !stop.contains(units[$0]) }) {
                    removed.append(c.range)
                    // 南京 长江 大桥: the places before it too
                    while let b = candidates.last(where: { $0.accepted && $0.range.upperBound == c.range.lowerBound }) {
                        removed.append(b.range)
                        c = b
                    }
                    added.append(Candidate(range: c.range.lowerBound..<m.end, rule: info.rule, confidence: .certain, accepted: true))
                }
                i = m.end
                continue
            }
            if info.kind == .zone {
                // the zone's name is the place right before it (浦东新区, 云浮高新区)
                if let c = candidates.last(where: { $0.range.upperBound == i && ($0.accepted || $0.confidence >= .doubtful) }) {
                    removed.append(c.range)
                    added.append(Candidate(range: c.range.lowerBound..<m.end, rule: info.rule, confidence: .certain, accepted: true))
                }
                i = m.end
                continue
            }
            // The name runs back to a boundary (a place, punctuation, a function word); two or
            // three characters, or the last two when no boundary is that close.
            let boundary = max(lastCertain?.range.upperBound ?? 0, added.last?.range.upperBound ?? 0)
            var p = i
            while p > boundary, i - p < 4, Chars.isIdeograph(units[p - 1]), !stop.contains(units[p - 1]) { p -= 1 }
            let length = i - p >= 4 ? 2 : i - p
            let start = i - length
            let afterTitle = titleEnd.longestMatch(backwardFrom: start, in: units, lowerBound: max(0, start - 3)) != nil
            // a listed name before the suffix is a name even where its last character often ends
            // a word with it (东城街道: 城 as in 城镇)
            func listedName() -> Bool {
                if listedRanges == nil { listedRanges = Set(candidates.map(\.range)) }
                return listedRanges!.contains(start..<i)
            }
            if length >= 2, !afterTitle, notBeforeSuffix.longestMatch(backwardFrom: i, in: units, lowerBound: start) == nil || listedName() {
                added.append(Candidate(range: start..<m.end, rule: info.rule, confidence: .certain, accepted: true))
            } else if length == 1, boundary == start, boundary > 0, info.kind == .village,
                      let b = (added.last?.range.upperBound == start ? added.last : lastCertain), b.range.upperBound == start,
                      b.rule.isDivision || b.rule == .town,
                      notBeforeSuffix.longestMatch(backwardFrom: i, in: units, lowerBound: start) == nil {
                // 浇底乡西村: a one-character village name right after its town
                added.append(Candidate(range: start..<m.end, rule: info.rule, confidence: .certain, accepted: true))
            } else if length == 0, let l = lastCertain, l.accepted, l.range.upperBound == i, l.range.count == 2, l.rule != .full {
                // 黄山村: a listed two-character name as the village's name
                removed.append(l.range)
                added.append(Candidate(range: l.range.lowerBound..<m.end, rule: info.rule, confidence: .certain, accepted: true))
            }
            i = m.end
        }
        if !removed.isEmpty { candidates.removeAll { c in removed.contains(c.range) } }
        candidates += added
    }


    // MARK: - Context

    static let joiners = UnitSet(["、和与及—-－"])
    static let clauseEnd = UnitSet([",.;:!?、()\"'“”‘’《》【】 \n。的"])

    /// Accepts doubtful candidates that have place context.
    func confirm(_ units: [UInt16], _ candidates: inout [Candidate]) {
        candidates.sortIfNeeded { ($0.range.lowerBound, -$0.range.count) < ($1.range.lowerBound, -$1.range.count) }
        let n = units.count
        let index = CandidateIndex(candidates)
        for _ in 0..<2 {
            for k in candidates.indices where !candidates[k].accepted {
                let c = candidates[k]
                let end = c.range.upperBound
                var ok = false
                if contextAfter.longestMatch(in: units, at: end) != nil, levelFits(c, mark: units[end]) { ok = true }
                if !ok, c.confidence >= .doubtful {
                    if contextAfterWeak.longestMatch(in: units, at: end) != nil { ok = true }
                    // 来自顺德的…: a place word before, a clause boundary after
                    if !ok, end >= n || Self.clauseEnd.contains(units[end]) || Numerals.isASCIIDigit(units[end]) {
                        for len in 1...2 where c.range.lowerBound - len >= 0 {
                            if contextBefore.contains(units, (c.range.lowerBound - len)..<c.range.lowerBound) { ok = true }
                        }
                    }
                }
                // 山西沁源: right after its parent division
                if !ok, let prev = neighbour(units, candidates, index, before: k, gap: 0),
                   anyDivisions(c, prev, { $0.isInside($1) }) {
                    ok = true
                }
                // lists: 罗定、新兴、郁南 (siblings), or next to an accepted place
                func listedWith(_ other: Candidate?) -> Bool {
                    guard let other else { return false }
                    return anyDivisions(c, other, Self.siblings) || (other.accepted && c.confidence >= .doubtful)
                }
                if !ok, listedWith(neighbour(units, candidates, index, before: k, gap: 1))
                    || listedWith(neighbour(units, candidates, index, after: k, gap: 1)) {
                    ok = true
                }
                // 兴县水江头村: a division followed by one of its towns or villages
                if !ok, let next = neighbour(units, candidates, index, after: k, gap: 0), next.accepted, next.rule.isSuffix { ok = true }
                if ok { candidates[k].accepted = true }
            }
        }
        // One name, one reading per document: a doubtful name confirmed once counts everywhere.
        let confirmed = Set(candidates.filter { $0.accepted && $0.confidence < .certain }.map { units[$0.range] })
        if !confirmed.isEmpty {
            for k in candidates.indices where !candidates[k].accepted && candidates[k].confidence >= .doubtful
                && confirmed.contains(units[candidates[k].range]) {
                candidates[k].accepted = true
            }
        }
    }

    /// Whether a candidate may be a division of the level a level organ or post after it names
    /// (省长 after a province, 县委 after a county); true for other context words and non-divisions.
    func levelFits(_ c: Candidate, mark: UInt16) -> Bool {
        guard let levels = levelMarks[mark], c.name >= 0 else { return true }
        let divisions = readings[Int(c.name)].compactMap(\.division)
        return divisions.isEmpty || divisions.contains { levels.contains(gazetteer.divisions[$0].level) }
    }

    /// Whether a division `a` may be and a division `b` may be pass `test` (false when either is
    /// no division name).
    func anyDivisions(_ a: Candidate, _ b: Candidate, _ test: (Gazetteer.Division, Gazetteer.Division) -> Bool) -> Bool {
        guard a.name >= 0, b.name >= 0 else { return false }
        for ra in readings[Int(a.name)] {
            guard let d = ra.division else { continue }
            for rb in readings[Int(b.name)] {
                if let e = rb.division, test(gazetteer.divisions[d], gazetteer.divisions[e]) { return true }
            }
        }
        return false
    }

    /// Where candidates (sorted by start) start and end, searched by halving (cheaper than two
    /// dictionaries built per document).
    struct CandidateIndex {
        let starts: [Int]
        /// (end, candidate index), sorted.
        let ends: [(end: Int, k: Int)]

        init(_ cs: [Candidate]) {
            starts = cs.map(\.range.lowerBound)
            ends = cs.enumerated().map { ($0.element.range.upperBound, $0.offset) }.sortedIfNeeded { ($0.end, $0.k) < ($1.end, $1.k) }
        }

        /// The first candidate starting at `p`.
        func first(startingAt p: Int) -> Int? {
            let k = starts.partitionPoint { $0 >= p }
            return k < starts.count && starts[k] == p ? k : nil
        }

        /// The last candidate ending at `p`.
        func last(endingAt p: Int) -> Int? {
            let k = ends.partitionPoint { $0.end > p }
            return k > 0 && ends[k - 1].end == p ? ends[k - 1].k : nil
        }
    }

    /// The candidate ending `gap` characters before candidate `k` starts (a joiner in the gap).
    func neighbour(_ units: [UInt16], _ cs: [Candidate], _ index: CandidateIndex, before k: Int, gap: Int) -> Candidate? {
        let start = cs[k].range.lowerBound
        guard gap == 0 || (start - 1 >= 0 && Self.joiners.contains(units[start - 1])) else { return nil }
        return index.last(endingAt: start - gap).map { cs[$0] }
    }

    /// The candidate starting `gap` characters after candidate `k` ends (a joiner in the gap).
    func neighbour(_ units: [UInt16], _ cs: [Candidate], _ index: CandidateIndex, after k: Int, gap: Int) -> Candidate? {
        let end = cs[k].range.upperBound
        guard gap == 0 || (end < units.count && Self.joiners.contains(units[end])) else { return nil }
        return index.first(startingAt: end + gap).map { cs[$0] }
    }

    /// A state or province abroad at `i`: three to eight transliteration characters (a dash
    /// allowed inside: 夸—纳省) and 州 or 省; its end, or nil.
    func foreignStateEnd(_ units: [UInt16], at i: Int) -> Int? {
        var q = i
        while q < units.count, q - i < 9, transliteration.contains(units[q]) || (units[q] == 0x2014 && q > i) { q += 1 }
        while q > i, units[q - 1] == 0x2014 { q -= 1 }
        guard q - i >= 3, q < units.count, units[q] == Self.zhou || units[q] == Self.sheng else { return nil }
        // 恩古巴尼省长 is a person and a title; 省会, 州委 are words of their own
        if q + 1 < units.count, levelWords.longestMatch(in: units, at: q) != nil { return nil }
        return q + 1
    }

    static func siblings(_ a: Gazetteer.Division, _ b: Gazetteer.Division) -> Bool {
        a.code != b.code && a.level == b.level && (a.level == .county ? a.code / 100 == b.code / 100 : a.code / 10000 == b.code / 10000)
    }

    /// Keeps the longest of overlapping places (earlier first).
    static func resolveOverlaps(_ cs: [Candidate]) -> [Candidate] {
        let sorted = cs.sortedIfNeeded { ($0.range.lowerBound, -$0.range.count) < ($1.range.lowerBound, -$1.range.count) }
        var out: [Candidate] = []
        for c in sorted {
            if let last = out.last, last.range.overlaps(c.range) {
                if c.range.count > last.range.count, c.range.lowerBound == last.range.lowerBound { out[out.count - 1] = c }
                continue
            }
            out.append(c)
        }
        return out
    }
}
