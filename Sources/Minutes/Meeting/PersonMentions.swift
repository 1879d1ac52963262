/// A meeting phase that assigns roles (chair, participant, speaker) to person mentions.
protocol PersonRolePhase: Phase {}

/// The person and title layers (made by the persons phases) as the meeting phases query them:
/// mentions in order, what stands between a mention and a cue once titles are left out, and
/// the lists of names around a cue.
struct PersonMentions {
    /// `.person` annotations, by start.
    let mentions: [Annotation]
    /// `.title` annotations, by start.
    let titles: [Annotation]
    let units: [UInt16]

    init(_ document: Document) {
        mentions = document.annotations(.person)
        titles = document.annotations(.title)
        units = document.text.units
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

    /// Titles attached to a mention (feature `titles`, joined by 、).
    func mentionTitles(_ m: Annotation) -> [String] {
        (m.features["titles"] ?? "").split(separator: "、").map(String.init).filter { !$0.isEmpty }
    }

    /// Whether a title annotation of kind `group` (市领导, 县领导…) is one of the mention's titles.
    func groupLabel(of m: Annotation, _ document: Document) -> String? {
        let own = Set(mentionTitles(m))
        guard !own.isEmpty else { return nil }
        let lo = max(0, m.range.lowerBound - 40)
        for t in titles where t.range.lowerBound >= lo && t.range.upperBound <= m.range.lowerBound && t.features["kind"] == "group" {
            let text = document.text.writtenText(t.range)
            if own.contains(text) { return text }
        }
        return nil
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
