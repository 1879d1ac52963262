import ICUText

/// Numbered directives (Rules/meeting/directives.yaml): `document.directiveLists`, the lists in
/// text order with their nesting, and layer "directive", one annotation per item over its text
/// (marker excluded) with features `marker`, `number`, `list` and `parent` (list.item) for
/// `minutes explain`.
///
/// Reads: `chrome`. Writes: `directive`, `document.directiveLists`.
struct DirectivePhase: Phase {
    static let layer: AnnotationType = "directive"
    let name = "directives"
    var produces: [AnnotationType] { [Self.layer] }

    /// How a style's markers give their numbers (`numbering:` of a directive rule).
    enum Numbering: String, CaseIterable {
        /// 一…九十九
        case chinese
        /// 1…99
        case arabic
        /// the marker's place in `sequence:` (首先 其次 再次 最后)
        case sequence
    }

    struct Style {
        let rule: CompiledRule
        let numbering: Numbering
        let sequence: [String]
        let needsRequirement: Bool
        /// Words read as number 1 (首先 in 首先，…第二，…).
        let firstWords: [[UInt16]]
        /// A lone marker numbered N may follow N-1 unnumbered items.
        let implicitItems: Bool
        /// Markers written as circled digits (①, which the normalized text reads as 1).
        let circled: Bool
        /// Arabic digits read as well as Chinese numerals (1）and 一）).
        let arabicToo: Bool
    }

    struct Marker {
        let range: Range<Int>
        let number: Int
    }

    struct List {
        let style: Int
        var markers: [Marker]
        var items: [Range<Int>] = []
        var parent: (list: Int, item: Int)?
    }

    let styles: [Style]
    /// The units the styles' markers start with, looked up once per article for all of them.
    let markerStarts: CandidateIndex.Plan
    let notIntro: [ICUPattern]
    let notItemStart: Lexicon
    let requirementIntro: Lexicon
    let itemStoppers: Lexicon
    let speechTurns: Lexicon
    let factsOpeners: Lexicon
    /// Units allowed between two consecutive markers of a list.
    static let maxGap = 1500

    init(_ ruleSet: RuleSet) throws {
        let rules = try ruleSet.meetingRules(Self.layer)
        notIntro = rules.filter { $0.flag("intro") }.map(\.pattern)
        styles = try rules.filter { $0.rule.string("numbering") != nil }.map { rule in
            let written = rule.rule.string("numbering") ?? ""
            guard let numbering = Numbering(rawValue: written) else {
                throw rule.rule.file.error("rule \(rule.id): unknown numbering `\(written)` (one of: \(Numbering.allCases.map(\.rawValue).joined(separator: ", ")))",
                                           at: rule.rule.node["numbering"])
            }
            return Style(rule: rule, numbering: numbering, sequence: rule.rule.list("sequence"),
                  needsRequirement: rule.flag("needs_requirement"), firstWords: rule.rule.list("first_words").map(NormalizedText.units),
                  implicitItems: rule.flag("implicit_items"), circled: rule.flag("circled"), arabicToo: rule.flag("arabic_too"))
        }
        markerStarts = CandidateIndex.Plan(styles.map(\.rule.pattern.regex))
        notItemStart = ruleSet.lexicon("meeting", "not_directive_item_start")
        requirementIntro = ruleSet.lexicon("meeting", "requirement_intro")
        itemStoppers = ruleSet.lexicon("meeting", "item_stoppers")
        speechTurns = ruleSet.lexicon("meeting", "speech_turns")
        factsOpeners = ruleSet.lexicon("meeting", "facts_openers")
    }

    func run(_ document: Document) throws {
        let units = document.text.units
        var lists: [List] = []
        let index = CandidateIndex(units, plan: markerStarts)
        // Circled digits read as 1 2 3 once normalized: without one in the original, that style finds nothing.
        let hasCircled = styles.contains(where: \.circled) && document.text.originalScalars.contains { Self.circledDigits.contains($0.value) }
        for (s, style) in styles.enumerated() where index.mayMatch(style.rule.pattern.regex) && (!style.circled || hasCircled) {
            var markers: [Marker] = []
            for m in try style.rule.matches(in: units, index: index) where !document.isChrome(m.range) {
                let numeral = (m.groups.count > 1 ? m.groups[1] : nil) ?? m.range
                if style.circled, !writtenCircled(m.range, document.text) { continue }
                if style.firstWords.contains(where: { units[m.range].starts(with: $0) }) {
                    markers.append(Marker(range: m.range, number: 1))
                } else if let n = number(units[numeral], style) { markers.append(Marker(range: m.range, number: n)) }
            }
            let found = runs(of: markers, style: s, sequenceLength: style.sequence.count)
            lists += found
            if style.implicitItems {
                let listed = Set(found.flatMap { $0.markers.map(\.range.lowerBound) })
                for m in markers where !listed.contains(m.range.lowerBound) && followsImplicitItems(m, units) {
                    lists.append(List(style: s, markers: [m]))
                }
            }
        }
        lists = lists.compactMap { list in
            var list = list
            list.items = items(of: list, units)
            return accepts(list, units) ? list : nil
        }
        lists.sort { $0.markers[0].range.lowerBound < $1.markers[0].range.lowerBound }
        // Two styles may read the same markers (首先，…第二，… and 首先…最后): the longer list keeps them.
        lists = lists.filter { b in
            !lists.contains { a in
                a.markers.count > b.markers.count
                    && b.markers.contains { mb in a.markers.contains { $0.range.overlaps(mb.range) } }
            }
        }
        nest(&lists, units)
        var out: [Annotation] = []
        document.directiveLists = lists.enumerated().map { l, list in
            let items = list.items.enumerated().map { i, item in
                // 首先…其次…最后: 最后 is the third item when there is no 再次.
                DirectiveList.Item(marker: list.markers[i].range, text: item,
                                   number: styles[list.style].numbering == .sequence ? i + 1 : list.markers[i].number)
            }
            for item in items {
                var features = ["marker": document.normalized(item.marker), "number": "\(item.number)", "list": "\(l)"]
                if let p = list.parent { features["parent"] = "\(p.list).\(p.item)" }
                out.append(Annotation(Self.layer, item.text, rule: styles[list.style].rule.id, features: features))
            }
            return DirectiveList(items: items, parent: list.parent)
        }
        document.add(out)
    }

    /// ① … ⑳.
    static let circledDigits: ClosedRange<UInt32> = 0x2460...0x2473

    /// `r` is one circled digit in the original text.
    func writtenCircled(_ r: Range<Int>, _ text: NormalizedText) -> Bool {
        let o = text.originalRange(r)
        guard o.count == 1, o.lowerBound < text.originalScalars.count else { return false }
        return Self.circledDigits.contains(text.originalScalars[o.lowerBound].value)
    }

    /// The number a marker gives: 一…九十九, 1…99, or a word's place in the sequence.
    func number(_ numeral: ArraySlice<UInt16>, _ style: Style) -> Int? {
        if style.arabicToo, let u = numeral.first, (0x30...0x39).contains(u) {
            return number(numeral, Style(rule: style.rule, numbering: .arabic, sequence: [], needsRequirement: false, firstWords: [], implicitItems: false, circled: false, arabicToo: false))
        }
        switch style.numbering {
        case .arabic:
            var n = 0
            for u in numeral {
                guard (0x30...0x39).contains(u) else { return nil }
                n = min(n, 100_000_000) * 10 + Int(u - 0x30)   // saturate on absurd digit runs
            }
            return numeral.isEmpty ? nil : n
        case .sequence:
            let word = String(decoding: numeral, as: UTF16.self)
            return style.sequence.firstIndex(of: word).map { $0 + 1 }
        case .chinese:
            return Numerals.counting(Array(numeral))
        }
    }

    /// Runs of markers numbered 1, 2, 3…; in a sequence style the last word (最后) closes a run
    /// whatever its count.
    func runs(of markers: [Marker], style: Int, sequenceLength: Int) -> [List] {
        var out: [List] = []
        var current: [Marker] = []
        func close() {
            if current.count >= 2 { out.append(List(style: style, markers: current)) }
            current = []
        }
        for m in markers {
            if let last = current.last, m.range.lowerBound - last.range.upperBound <= Self.maxGap,
               m.number == last.number + 1 || (sequenceLength > 0 && m.number == sequenceLength && m.number > last.number) {
                current.append(m)
                if sequenceLength > 0, m.number == sequenceLength { close() }
            } else if m.number == 1 {
                close()
                current = [m]
            }
        }
        close()
        return out
    }

    /// Item texts: to the next marker; the last to the end of its sentence, its line (line-start
    /// lists), or its paragraph when the other items hold several sentences.
    func items(of list: List, _ units: [UInt16]) -> [Range<Int>] {
        let markers = list.markers
        var out: [Range<Int>] = []
        for i in 0..<(markers.count - 1) {
            out.append(MeetingText.trimmed(markers[i].range.upperBound..<markers[i + 1].range.lowerBound, in: units))
        }
        let last = markers[markers.count - 1].range.upperBound
        let atLineStarts = markers.allSatisfy { m in
            let ls = MeetingText.lineStart(before: m.range.lowerBound, in: units)
            return units[ls..<m.range.lowerBound].allSatisfy(MeetingText.isSpace)
        }
        let lineEnd = MeetingText.lineEnd(after: last, in: units)
        var end: Int
        if atLineStarts {
            end = lineEnd
        } else {
            end = MeetingText.sentence(around: last, in: units).upperBound
            let multiSentence = out.contains { r in r.dropLast().contains { MeetingText.endsSentence(units[$0]) } }
            if multiSentence {
                // Further sentences of the paragraph, up to one that turns to something else.
                while end < lineEnd {
                    var next = end + 1
                    while next < lineEnd, MeetingText.isSpace(units[next]) { next += 1 }
                    if next >= lineEnd || (itemStoppers.canStart(units[next]) && itemStoppers.longestMatch(in: units, at: next, limit: lineEnd) != nil)
                        || opensWithSpeechTurn(next, lineEnd, units) { break }
                    end = MeetingText.sentence(around: next, in: units).upperBound
                }
            }
        }
        out.append(MeetingText.trimmed(last..<min(end, units.count), in: units))
        return out
    }

    /// The sentence at `p` opens with a clause that ends in a speech verb (书记强调：…): a new turn.
    func opensWithSpeechTurn(_ p: Int, _ limit: Int, _ units: [UInt16]) -> Bool {
        var end = p
        while end < limit, !MeetingText.endsClause(units[end]) { end += 1 }
        guard end < limit, units[end] == MeetingText.comma || units[end] == MeetingText.colon else { return false }
        return endsWithSpeechTurn(p..<end, units)
    }

    /// `r` ends with a speech verb (…强调, …要求).
    func endsWithSpeechTurn(_ r: Range<Int>, _ units: [UInt16]) -> Bool {
        for k in max(r.lowerBound, r.upperBound - 4)..<r.upperBound where speechTurns.canStart(units[k]) {
            if speechTurns.matches(in: units, at: k, limit: r.upperBound).contains(where: { $0.end == r.upperBound }) { return true }
        }
        return false
    }

    /// A list of requirements, not an agenda, a list of duties or facts, or minutes' headings.
    func accepts(_ list: List, _ units: [UInt16]) -> Bool {
        let first = list.markers[0].range.lowerBound
        let intro = introClause(before: first, units)
        // a requirement that ends its sentence before the list announces no facts (…指出，要把成果
        //转化为实际成效。一要…), though a statement does (取得了明显成效。一是…)
        // (also when 要 opens an earlier clause of that sentence: 会议强调，要抓好…，巩固住…成果。一是…)
        let requirementBefore = !intro.isEmpty && (intro.upperBound..<first).contains { MeetingText.endsSentence(units[$0]) }
            && opensRequirement(MeetingText.sentence(around: intro.lowerBound, in: units).lowerBound..<intro.upperBound, units)
        if !intro.isEmpty, !requirementBefore, notIntro.contains(where: { !((try? $0.matches(in: units, range: intro)) ?? []).isEmpty }) { return false }
        // 今年以来，全县经济稳中有进，一是…: a report of a period's results, not requirements
        // (unless the list is announced as requirements or its items are).
        var opening = MeetingText.sentence(around: first, in: units).lowerBound
        while opening < first, MeetingText.isSpace(units[opening]) { opening += 1 }
        if opening < first, factsOpeners.canStart(units[opening]), factsOpeners.longestMatch(in: units, at: opening, limit: first) != nil,
           !MeetingText.containsAny(requirementIntro, in: units, opening..<first),
           list.items.filter({ units[$0].contains(Self.yao) }).count * 2 < list.items.count { return false }
        let headings = list.items.filter { !$0.isEmpty && notItemStart.canStart(units[$0.lowerBound]) && notItemStart.longestMatch(in: units, at: $0.lowerBound, limit: $0.upperBound) != nil }
        if headings.count * 2 >= list.items.count { return false }
        if styles[list.style].needsRequirement {
            let startsWithYao = list.items.first.map { !$0.isEmpty && units[$0.lowerBound] == Self.yao } ?? false
            var lo = intro.lowerBound
            // The requirement may be announced in the sentence before: …提出三点要求。首先，…
            if lo > 0 { lo = MeetingText.sentence(around: max(0, lo - 1), in: units).lowerBound }
            if !startsWithYao && !MeetingText.containsAny(requirementIntro, in: units, lo..<first) { return false }
        }
        return true
    }

    static let yao: UInt16 = 0x8981  // 要

    /// Whether a clause of `range` opens with 要 (a requirement).
    func opensRequirement(_ range: Range<Int>, _ units: [UInt16]) -> Bool {
        range.contains { k in
            units[k] == Self.yao && (k == range.lowerBound || MeetingText.endsClause(units[k - 1]))
        }
    }

    /// A lone marker numbered N ≥ 2 whose sentence, after the colon (or the speech verb and its
    /// comma) that opens the list, holds exactly N-1 clauses separated by ；, each a requirement
    /// (containing 要): 会议要求：要…；各单位要…；三是要… — the writer numbered only the last item.
    func followsImplicitItems(_ m: Marker, _ units: [UInt16]) -> Bool {
        guard m.number >= 2 else { return false }
        let sentence = MeetingText.sentence(around: m.range.lowerBound, in: units)
        guard let colon = (sentence.lowerBound..<m.range.lowerBound).reversed().first(where: { k in
            units[k] == MeetingText.colon || (units[k] == MeetingText.comma && endsWithSpeechTurn(sentence.lowerBound..<k, units))
        }) else { return false }
        var clauses: [Range<Int>] = []
        var start = colon + 1
        for k in (colon + 1)..<m.range.lowerBound where units[k] == MeetingText.semicolon {
            clauses.append(start..<k)
            start = k + 1
        }
        // the marker itself must open a clause
        guard units[start..<m.range.lowerBound].allSatisfy(MeetingText.isSpace) else { return false }
        return clauses.count == m.number - 1 && clauses.allSatisfy { c in c.count >= 4 && units[c].contains(Self.yao) }
    }

    /// The clause that introduces a list: from the previous clause end to the first marker
    /// (the previous line's last clause when the marker starts a line).
    func introClause(before p: Int, _ units: [UInt16]) -> Range<Int> {
        var hi = p
        while hi > 0, MeetingText.isSpace(units[hi - 1]) || MeetingText.endsClause(units[hi - 1]) { hi -= 1 }
        let lo = MeetingText.clauseStart(before: hi, in: units)
        return lo..<hi
    }

    /// Sets the parent of each list that starts inside an item of another (the smallest such item).
    func nest(_ lists: inout [List], _ units: [UInt16]) {
        for b in lists.indices {
            let start = lists[b].markers[0].range.lowerBound
            var best: (list: Int, item: Int, size: Int)?
            for a in lists.indices where a != b {
                for (i, item) in lists[a].items.enumerated() where item.contains(start) {
                    if best == nil || item.count < best!.size { best = (a, i, item.count) }
                }
            }
            if let best {
                lists[b].parent = (best.list, best.item)
                // The nested list ends with its parent item (一是…二是…；二要… — 二要 is the parent's).
                let limit = lists[best.list].items[best.item].upperBound
                let inside = lists[b].items.prefix { $0.lowerBound < limit }.count
                lists[b].items = lists[b].items.prefix(inside).map { MeetingText.trimmed($0.lowerBound..<max($0.lowerBound, min($0.upperBound, limit)), in: units) }
                lists[b].markers = Array(lists[b].markers.prefix(inside))
            }
        }
    }
}

/// A numbered list of directives as the directive phase found it, for the meeting frame.
struct DirectiveList: Sendable {
    struct Item: Sendable {
        /// The marker as written (一要, （二）), and the item's text after it.
        let marker: Range<Int>
        let text: Range<Int>
        let number: Int
    }

    var items: [Item]
    /// The list and item this list is nested under (一是… inside 首先…).
    var parent: (list: Int, item: Int)?
}
