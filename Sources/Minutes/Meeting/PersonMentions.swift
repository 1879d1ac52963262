/// The person and title layers (made by the persons phases) as the meeting phases query them:
/// mentions in order, what stands between a mention and a cue once titles are left out, and
/// the lists of names around a cue.
struct PersonMentions {
    /// `.person` annotations, by start.
    let mentions: [Annotation]
    /// `.title` annotations, by start.
    let titles: [Annotation]
    let units: [UInt16]
    /// Written forms of the group labels (titles of kind `group`) of the article.
    let groupLabels: Set<String>
    /// The titles of each mention, by its start (`document.personMentionTitles`).
    let titlesByStart: [Int: [String]]

    init(_ document: Document) {
        // A "name" inside a venue or a meeting's name (罗定分会场, 创建文明城市…推进会) is a word there.
        let words = document.annotations(.venue) + document.annotations(.meeting)
        // A surname alone before a post that names no one of the article (卢书记, and no 卢… found)
        // is no person a meeting can list.
        let unresolved = { (m: Annotation) in
            m.rule == PersonRule.surnameTitle.rawValue && m.features["name"] == document.text.writtenText(m.range)
        }
        mentions = document.annotations(.person).filter { m in !words.contains { $0.range.overlaps(m.range) } && !unresolved(m) }
        titles = document.annotations(.title)
        units = document.text.units
        groupLabels = Set(titles.filter { $0.features["kind"] == "group" }.map { document.text.writtenText($0.range) })
        titlesByStart = document.personMentionTitles
    }

    var isEmpty: Bool { mentions.isEmpty }

    /// Canonical name of a mention (feature `name`, else its text).
    func name(_ m: Annotation, _ document: Document) -> String {
        m.features["name"] ?? document.text.writtenText(m.range)
    }

    /// Index of the last mention that ends at or before `p` and starts at or after `lo`.
    func last(before p: Int, from lo: Int) -> Int? {
        var i = mentions.partitionPoint { $0.range.upperBound > p } - 1
        while i >= 0 {
            if mentions[i].range.lowerBound >= lo { return i }
            i -= 1
        }
        return nil
    }

    /// Indexes of the mentions inside `r`.
    func indexes(in r: Range<Int>) -> [Int] {
        let from = mentions.partitionPoint { $0.range.lowerBound >= r.lowerBound }
        var out: [Int] = []
        var i = from
        while i < mentions.count, mentions[i].range.lowerBound < r.upperBound {
            if mentions[i].range.upperBound <= r.upperBound { out.append(i) }
            i += 1
        }
        return out
    }

    /// The units of `r` that no title (nor any range in `also`) covers, as one string: what
    /// a bridge pattern checks.
    func residual(_ r: Range<Int>, also: [Range<Int>] = []) -> [UInt16] {
        guard !r.isEmpty else { return [] }
        var covered = [Bool](repeating: false, count: r.count)
        let from = titles.partitionPoint { $0.range.upperBound > r.lowerBound }
        var i = from
        while i < titles.count, titles[i].range.lowerBound < r.upperBound {
            for k in titles[i].range.clamped(to: r) { covered[k - r.lowerBound] = true }
            i += 1
        }
        for a in also { for k in a.clamped(to: r) { covered[k - r.lowerBound] = true } }
        var out: [UInt16] = []
        for k in r where !covered[k - r.lowerBound] && !MeetingText.isSpace(units[k]) { out.append(units[k]) }
        return out
    }

    /// Titles attached to a mention.
    func mentionTitles(_ m: Annotation) -> [String] {
        titlesByStart[m.range.lowerBound] ?? []
    }

    /// The mention's group label (市领导, 县领导…: a title of kind `group`), if it has one.
    func groupLabel(of m: Annotation) -> String? {
        mentionTitles(m).first { groupLabels.contains($0) }
    }

    /// Whether a title lies (at least partly) inside `r`.
    func hasTitle(in r: Range<Int>) -> Bool {
        let i = titles.partitionPoint { $0.range.upperBound > r.lowerBound }
        return i < titles.count && titles[i].range.lowerBound < r.upperBound
    }
}

/// Runs a compiled pattern over a few units (a gap between a name and a cue) and says whether it
/// matches all of them.
extension ICUPattern {
    func matchesWhole(_ units: [UInt16]) -> Bool {
        guard let m = try? matches(in: units).first else { return false }
        return m.range == 0..<units.count
    }
}
