import Minutes

/// A title as the index reads it: the place it belongs to, the office without that place, and
/// the office's family (the career it belongs to), which decide whether two mentions of one
/// written name can be one person (docs/index.md).
public struct TitleReading: Equatable, Sendable {
    /// The title as written (`青川县委书记`, `副市长`).
    public var title: String
    /// The place or body it belongs to: the place it names (`青川县`), the article's place of
    /// its level when it names none (`副市长` in an article about 云岭市: `云岭市`), `全国` for a
    /// national office, or nil when none can be told.
    public var place: String?
    /// The title without its place (`县委书记`, `副市长`).
    public var office: String
    /// The office's career: `县·党政` for the party committee and government posts of a county
    /// (县委书记, 县长, 副县长), otherwise the office without its modifiers (市公安局局长 for
    /// 市公安局副局长).
    public var family: String
}

/// Reads titles with the title grammar's lexicons (`Rules/titles/titles.yaml`: level, modifier,
/// prefix, organ, domain, gap_stop) and the index's own (`Rules/index/persons.yaml`).
public struct TitleReader: Sendable {
    let levels: Lexicon
    let modifiers: Lexicon
    let prefixes: Lexicon
    let organs: Lexicon
    /// Domain words (农业农村, 住房和城乡建设) and function characters: no place name holds them.
    let notInPlaceNames: Lexicon
    let national: Lexicon
    let leadership: Lexicon
    /// A place name before a level word has at least this many characters (青川县, not 副市).
    static let minPlaceName = 2
    static let maxPlaceName = 8

    public init(rules: RuleSet) {
        func lexicon(_ dimension: String, _ name: String) -> Lexicon {
            let entries = rules.files(dimension).flatMap { $0.lexicon(name)?.entries ?? [] }
            return Lexicon(name: name, entries: entries)
        }
        levels = lexicon("title", "level")
        modifiers = lexicon("title", "modifier")
        prefixes = lexicon("title", "prefix")
        organs = lexicon("title", "organ")
        notInPlaceNames = Lexicon(name: "not_in_place_names", entries: lexicon("title", "domain").entries + lexicon("title", "gap_stop").entries)
        national = lexicon("index", "national")
        leadership = lexicon("index", "leadership")
    }

    /// Reads `title`; `homePlaces` maps a level word (市, 县) to the article's place of that
    /// level, used when the title names no place.
    public func read(_ title: String, homePlaces: [String: String] = [:]) -> TitleReading {
        let units = Array(title.utf16)
        var start = 0
        while let p = prefixes.longestMatch(in: units, at: start) { start = p.end }
        // Places before a level word, outermost first (广东省云浮市委书记): the last one is the title's.
        var place: String?
        var officeStart = start
        var position = start
        while let found = placeAhead(units, from: position) {
            place = String(decoding: units[position..<found.levelEnd], as: UTF16.self)
            officeStart = found.nameEnd
            position = found.levelEnd
        }
        // a place the extractor did not know leaves its level word before the office (云岭市副市长
        // read as 市副市长): the office starts at the level word that is repeated
        if let l = levels.longestMatch(in: units, at: officeStart) {
            var next = l.end
            while let m = modifiers.longestMatch(in: units, at: next) { next = m.end }
            if let again = levels.longestMatch(in: units, at: next), units[next..<again.end] == units[officeStart..<l.end] {
                officeStart = l.end
            }
        }
        let office = String(decoding: units[officeStart...], as: UTF16.self)
        let bare = withoutModifiers(Array(office.utf16))
        var level: String?
        if let l = levels.longestMatch(in: bare, at: 0) { level = String(decoding: bare[0..<l.end], as: UTF16.self) }
        if place == nil {
            if national.longestMatch(in: bare, at: 0) != nil {
                place = "全国"
            } else if let level {
                place = homePlaces[level]
            }
        }
        var family = String(decoding: bare, as: UTF16.self)
        if let level, let l = levels.longestMatch(in: bare, at: 0),
           let organ = leadership.longestMatch(in: bare, at: l.end), isLeadership(bare, organEnd: organ.end) {
            family = level + "·党政"
        }
        return TitleReading(title: title, place: place, office: office, family: family)
    }

    /// A place name followed by a level word at `position`: the end of the name and of the level
    /// word. The name may hold no level word and no organ (县人民政府县长 names no place).
    private func placeAhead(_ units: [UInt16], from position: Int) -> (nameEnd: Int, levelEnd: Int)? {
        guard position < units.count, levels.longestMatch(in: units, at: position) == nil,
              modifiers.longestMatch(in: units, at: position) == nil else { return nil }
        var i = position + 1
        while i < units.count, i - position <= Self.maxPlaceName {
            // a level character inside a short name is part of it (泸州市, 贵州省)
            if i - position >= Self.minPlaceName, let level = levels.longestMatch(in: units, at: i) {
                guard !organs.occurs(in: units, position..<i), !notInPlaceNames.occurs(in: units, position..<i),
                      level.end < units.count else { return nil }
                return (i, level.end)
            }
            i += 1
        }
        return nil
    }

    /// The office without modifier words (副, 常务, 代…) anywhere in it.
    private func withoutModifiers(_ units: [UInt16]) -> [UInt16] {
        var out: [UInt16] = []
        var i = 0
        while i < units.count {
            if let m = modifiers.longestMatch(in: units, at: i), m.end < units.count {
                i = m.end
                continue
            }
            out.append(units[i])
            i += 1
        }
        return out
    }

    /// A leadership organ right after the level, then a post (市委书记, 市长, 县政府县长), not a
    /// department of it (市委宣传部部长: 宣传部 follows 委).
    private func isLeadership(_ units: [UInt16], organEnd: Int) -> Bool {
        if organEnd == units.count { return true }  // 市长
        return organs.longestMatch(in: units, at: organEnd) == nil
    }

    /// The article's place for each level word: the place entity ending with that level word
    /// that the article names most often (ties: none, the index does not guess).
    public func homePlaces(_ result: MinutesResult) -> [String: String] {
        var counts: [String: [String: Int]] = [:]
        for entity in result.entities where entity.type == .place {
            let units = Array(entity.text.utf16)
            guard units.count > Self.minPlaceName else { continue }
            // the longest level word the place ends with (自治县 before 县)
            for start in 1..<units.count {
                if let l = levels.longestMatch(in: units, at: start), l.end == units.count, start >= Self.minPlaceName {
                    let level = String(decoding: units[start...], as: UTF16.self)
                    counts[level, default: [:]][entity.text, default: 0] += 1
                    break
                }
            }
        }
        var home: [String: String] = [:]
        for (level, places) in counts {
            let sorted = places.sorted { $0.value > $1.value }
            if sorted.count == 1 || sorted[0].value > sorted[1].value { home[level] = sorted[0].key }
        }
        return home
    }
}
