import ICUText

/// A rule of the meeting dimension with its compiled pattern. Keys the phases share:
/// `triggers` (words near which the pattern is tried at all: the text is read only around
/// them, `reach` units each side), `preceded_by` / `not_preceded_by` (patterns the few units
/// before a match must / must not end with — cheaper than a lookbehind, which keeps ICU from
/// skipping ahead to the pattern's first characters).
///
/// A class: the phases loop over their rules per article, and copying one meant retaining all
/// it holds.
final class CompiledRule: @unchecked Sendable {
    let rule: Rule
    /// The rule's string settings, read once (a YAML node lookup per article cost more).
    let settings: [String: String]
    let pattern: ICUPattern
    let triggers: Lexicon?
    let precededBy: ICUPattern?
    let notPrecededBy: ICUPattern?
    let reach: Int

    init(rule: Rule, settings: [String: String], pattern: ICUPattern, triggers: Lexicon?, precededBy: ICUPattern?,
         notPrecededBy: ICUPattern?, reach: Int) {
        self.rule = rule
        self.settings = settings
        // A match is kept only after its preceded_by context: try it only there.
        self.pattern = precededBy.map(pattern.tried(after:)) ?? pattern
        self.triggers = triggers
        self.precededBy = precededBy
        self.notPrecededBy = notPrecededBy
        self.reach = reach
    }

    /// Longest stretch of text one pattern call sees: a longer text is read in overlapping
    /// windows, so the time limit (per call) never cuts a whole article short.
    static let window = 8192
    static let overlap = 512
    /// Units before a match that `preceded_by` patterns see.
    static let lookback = 6

    /// All matches in text order.
    /// `triggerStarts`: positions where the triggers may start (``TriggerStarts``), or nil to
    /// scan the text for them; `index`: where the patterns of the phase may start.
    func matches(in units: [UInt16], triggerStarts: [Int]? = nil, index: CandidateIndex? = nil) throws -> [ICURegex.Match] {
        var out: [ICURegex.Match] = []
        for (lo, hi) in spans(units, triggerStarts) {
            var from = lo
            while from < hi {
                let to = min(hi, from + Self.window)
                let own = to == hi ? to : to - Self.overlap
                for m in try pattern.matches(in: units, range: from..<to, index: index) where m.range.lowerBound < own {
                    // A cut inside the text is no boundary: a match that starts right at it may owe
                    // that to the cut (^, a lookbehind), and a true one would reach too far anyway.
                    if m.range.lowerBound == from, from > 0, !isBoundary(units[from - 1]) { continue }
                    if let last = out.last, last.range.lowerBound >= m.range.lowerBound { continue }
                    if !accepts(m.range.lowerBound, units) { continue }
                    out.append(m)
                }
                from = own
            }
        }
        return out
    }

    @inline(__always)
    func isBoundary(_ u: UInt16) -> Bool { MeetingText.endsClause(u) || MeetingText.isSpace(u) }

    /// The stretches to read: the whole text, or the text around each trigger word (merged).
    func spans(_ units: [UInt16], _ starts: [Int]? = nil) -> [(Int, Int)] {
        guard let triggers else { return units.isEmpty ? [] : [(0, units.count)] }
        var out: [(Int, Int)] = []
        var i = 0
        var k = 0
        while true {
            if let starts {
                while k < starts.count, starts[k] < i || !triggers.canStart(units[starts[k]]) { k += 1 }
                i = k < starts.count ? starts[k] : units.count
            } else {
                i = triggers.nextStart(in: units, from: i)
            }
            guard i < units.count else { break }
            if let t = triggers.longestMatch(in: units, at: i) {
                let lo = max(0, i - reach), hi = min(units.count, t.end + reach)
                if let last = out.last, lo <= last.1 { out[out.count - 1].1 = max(last.1, hi) } else { out.append((lo, hi)) }
                i = t.end
            } else {
                i += 1
            }
        }
        return out
    }

    /// `preceded_by` / `not_preceded_by` hold for a match starting at `p`.
    func accepts(_ p: Int, _ units: [UInt16]) -> Bool {
        guard precededBy != nil || notPrecededBy != nil else { return true }
        // A not_preceded_by context that cannot end with the unit before needs no run.
        if precededBy == nil, p > 0, let notPrecededBy, let last = notPrecededBy.regex.lastUnits, !last.contains(units[p - 1]) {
            return true
        }
        let before = Array(units[max(0, p - Self.lookback)..<p])
        if let precededBy, !(before.isEmpty || p == 0 || ((try? precededBy.matches(in: before)) ?? []).contains { $0.range.upperBound == before.count }) {
            return false
        }
        if let notPrecededBy, !before.isEmpty, ((try? notPrecededBy.matches(in: before)) ?? []).contains(where: { $0.range.upperBound == before.count }) {
            return false
        }
        return true
    }

    var id: String { rule.id }

    /// A string setting of the rule (`form: subject`).
    func string(_ key: String) -> String? { settings[key] }
    /// An integer setting of the rule (`name_group: 1`).
    func int(_ key: String, default value: Int) -> Int { string(key).flatMap { Int($0) } ?? value }
    func flag(_ key: String) -> Bool { string(key) == "true" }
}

/// Where any trigger of a phase's rules may start: one scan of the text for all of them,
/// instead of one per rule; and one for all meeting phases, each keeping the positions of its
/// own triggers.
struct TriggerStarts: Sendable {
    let units: UnitSet
    /// The units any trigger of the meeting rules starts with, and the key of their positions
    /// in a document (the units themselves: phases share a scan only for the same units).
    let shared: UnitSet?
    let key: String

    init(_ rules: [CompiledRule], ruleSet: RuleSet) {
        units = UnitSet(units: rules.flatMap { $0.triggers?.startUnits ?? [] })
        // the first units of the folded triggers (their lexicons' start units, without building the tries)
        let all = Set(ruleSet.rules("meeting").flatMap { $0.list("triggers").compactMap { Lexicon.fold($0)?.units[0] } }).sorted()
        let shared = UnitSet(units: all)
        self.shared = units.isSubset(of: shared) ? shared : nil
        key = "meeting.trigger-starts " + String(decoding: all, as: UTF16.self)
    }

    func positions(in document: Document) -> [Int] {
        let text = document.text.units
        guard let shared else { return units.positions(in: text) }
        return units.positions(in: text, among: document.positions(key) { shared.positions(in: text) })
    }
}

extension RuleSet {
    static func settings(_ rule: Rule) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in rule.node.mapping ?? [] {
            if let k = key.string, let v = value.string { out[k] = v }
        }
        return out
    }

    /// The rules of the meeting files that produce `layer`, each with its `pattern` compiled.
    func meetingRules(_ layer: AnnotationType) throws -> [CompiledRule] {
        try rules("meeting").filter { $0.file.layer == layer }.compactMap { rule in
            let triggers = rule.list("triggers")
            return try pattern(rule).map {
                CompiledRule(rule: rule, settings: Self.settings(rule), pattern: $0, triggers: triggers.isEmpty ? nil : Lexicon(name: rule.id, entries: triggers),
                             precededBy: try pattern(rule, key: "preceded_by"), notPrecededBy: try pattern(rule, key: "not_preceded_by"),
                             reach: rule.string("reach").flatMap { Int($0) } ?? 100)
            }
        }
    }
}
