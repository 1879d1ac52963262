import ICUText

/// Coreference: later mentions of a name found once (卢荣春指出) and a surname before a post (宋县长).
extension PersonScanner {
    // MARK: Later mentions

    /// Every further occurrence of a name already found (卢荣春指出), when it stands as a word.
    mutating func linkLaterMentions() {
        dropShortReadingsOfFoundNames()
        var covered = [Bool](repeating: false, count: n + 1)
        var found: [NameMention] = []
        for m in mentions where !m.surnameOnly && m.range.count >= 2 {
            for q in m.range { covered[q] = true }
            // only names found with context are looked for again
            guard m.strong || m.range.count >= 3 || m.rule == .cue || m.rule == .role else { continue }
            found.append(m)
        }
        for t in titles { for q in t.range { covered[q] = true } }
        // The names looked for, as ranges of a mention, by first unit and the longest first
        // (names of one length and first unit cannot both match at a position).
        var keys = distinctNames(found)
        guard !keys.isEmpty else { return }
        // A name joined by a dot is written again by its first or last part (罗宾·库克 … 库克说,
        // 阿不来提·阿不都热西提 … 阿不来提说): the parts are looked for too, as that person.
        var wholeOfPart: [ArraySlice<UInt16>: Range<Int>] = [:]
        for m in found where m.rule == .dotName {
            let key = m.range
            guard let firstDot = key.first(where: { Self.dots.contains(units[$0]) }),
                  let lastDot = key.last(where: { Self.dots.contains(units[$0]) }) else { continue }
            for part in [key.lowerBound..<firstDot, (lastDot + 1)..<key.upperBound] where part.count >= 2 && wholeOfPart[units[part]] == nil {
                wholeOfPart[units[part]] = key
                keys.append(part)
            }
        }
        keys.sort { units[$0.lowerBound] < units[$1.lowerBound] || units[$0.lowerBound] == units[$1.lowerBound] && $0.count > $1.count }
        let firstUnits = UnitSet(units: keys.map { units[$0.lowerBound] })
        var added: [NameMention] = []
        var p = firstUnits.next(in: units, from: 0)
        while p < n {
            guard !covered[p] else {
                p = firstUnits.next(in: units, from: p + 1)
                continue
            }
            var matched = false
            let first = keys.partitionPoint { units[$0.lowerBound] >= units[p] }
            for key in keys[first...] {
                guard units[key.lowerBound] == units[p] else { break }
                guard p + key.count <= n else { continue }
                let e = p + key.count
                guard units[p..<e].elementsEqual(units[key]), !(p..<e).contains(where: { covered[$0] }) else { continue }
                if e < n, model.termAfter.canStart(units[e]), model.termAfter.longestMatch(in: units, at: e) != nil { continue }
                if p > 0, Chars.isIdeograph(units[p - 1]), !words.isBoundary(p) { continue }
                let right = rightContext(e)
                // a place or organization inside the name (马长江: 长江) yields to the name found
                // before only where the surname stands outside it and a verb follows (马长江要求)
                if (p..<e).contains(where: { entityCover[$0] }), entityCover[p] || right != .cue { continue }
                if right == .han, !words.isBoundary(e) { continue }
                if key.count <= 3, words.isWord(p..<e) {
                    let left = leftContext(p)
                    var leftTitle = false
                    if case .title = left { leftTitle = true }
                    guard leftTitle || right == .cue || right == .honorific || { if case .title = right { return true } else { return false } }() else { continue }
                }
                var m = NameMention(range: p..<e, rule: .coreference, surnameLength: 0)
                m.key = wholeOfPart.isEmpty ? nil : wholeOfPart[units[key]]
                if case let .title(t) = leftContext(p) { m.titlesBefore = titleChain(endingWith: t) }
                if case let .title(t) = right, titles[t].features["kind"] != "group" { m.titleAfter = t }
                added.append(m)
                p = e
                matched = true
                break
            }
            p = firstUnits.next(in: units, from: matched ? p : p + 1)
        }
        mentions += added
        mentions.sort { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// A name found with a title (县委副书记任立海) written again where the scan read a shorter name
    /// without one (任立海在讲话中指出 read as 立海, 任 taken for a verb): the shorter reading goes,
    /// and the occurrence is linked as the name found.
    mutating func dropShortReadingsOfFoundNames() {
        let names = Set(mentions.filter { $0.strong && !$0.surnameOnly && $0.range.count >= 3 }.map { units[$0.range] })
        guard !names.isEmpty else { return }
        var previousEnd = 0
        mentions.removeAll { m in
            defer { previousEnd = max(previousEnd, m.range.upperBound) }
            guard !m.strong, m.titlesBefore.isEmpty, m.range.lowerBound > previousEnd else { return false }
            return names.contains(units[(m.range.lowerBound - 1)..<m.range.upperBound])
        }
    }

    /// The ranges of `mentions` that write distinct names (the first of each).
    func distinctNames(_ mentions: [NameMention]) -> [Range<Int>] {
        // slices of the text as keys: no array allocated per name
        var seen = Set<ArraySlice<UInt16>>()
        return mentions.compactMap { seen.insert(units[$0.range]).inserted ? $0.range : nil }
    }

    /// A surname right before a post or honorific (宋县长, 江总书记, 王先生): a mention of the
    /// one person found with that surname, or, for a common surname, of an unnamed person.
    mutating func linkSurnameTitles() {
        var covered = [Bool](repeating: false, count: n + 1)
        for m in mentions { for q in m.range { covered[q] = true } }
        var added: [NameMention] = []
        func consider(_ s: Int, titleIndex: Int?) {
            for sl in [2, 1] {
                let p = s - sl
                guard p >= 0, !(p..<s).contains(where: { covered[$0] || insideTitle[$0] }),
                      model.surnames.contains(units, p..<s) else { continue }
                guard leftBoundary(p, afterMention: p > 0 && covered[p - 1]) else { continue }
                let surname = units[p..<s]
                let same = mentions.filter { !$0.surnameOnly && $0.surnameLength == sl && $0.range.count > sl && units[$0.range.lowerBound..<($0.range.lowerBound + sl)].elementsEqual(surname) }
                let keys = distinctNames(same)
                if keys.isEmpty, model.isFunctionSurname(units, p..<s) { continue }
                if keys.isEmpty, model.isWeakSurname(units, p..<s), p > 0, Chars.isIdeograph(units[p - 1]),
                   !model.beforeName.contains(units[p - 1]) { continue }
                var m = NameMention(range: p..<s, rule: .surnameTitle, surnameLength: sl)
                m.surnameOnly = true
                m.titleAfter = titleIndex
                if keys.count == 1 {
                    m.key = keys[0]
                } else if keys.count > 1, let t = titleIndex {
                    let written = titles[t].range
                    let holders = same.filter { h in
                        (h.titlesBefore + (h.titleAfter.map { [$0] } ?? [])).contains { units[titles[$0].range].elementsEqual(units[written]) || units[titles[$0].range].reversed().starts(with: units[written].reversed()) }
                    }
                    let holderKeys = distinctNames(holders)
                    if holderKeys.count == 1 { m.key = holderKeys[0] }
                }
                added.append(m)
                for q in p..<s { covered[q] = true }
                return
            }
        }
        for (i, t) in titles.enumerated() where t.isBarePost {
            consider(t.range.lowerBound, titleIndex: i)
        }
        var p = model.honorifics.nextStart(in: units, from: 1)
        while p < n {
            if model.honorifics.longestMatch(in: units, at: p) != nil, !covered[p] {
                consider(p, titleIndex: nil)
            }
            p = model.honorifics.nextStart(in: units, from: p + 1)
        }
        mentions += added
        mentions.sort { $0.range.lowerBound < $1.range.lowerBound }
    }
}
