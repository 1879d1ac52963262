import ICUShim
import Foundation

/// A compiled ICU regular expression over UTF-16 text. The compiled pattern is immutable and
/// may be shared; each call matches with a clone of it taken from a small pool (cloning per
/// call cost more than matching a line), so it is safe from any thread.
public final class ICURegex: @unchecked Sendable {
    /// Where a pattern failed to compile.
    public struct CompileError: Error, CustomStringConvertible, Sendable {
        public let pattern: String
        public let offset: Int
        public let reason: String
        public var description: String { "invalid pattern at offset \(offset) (\(reason)): \(pattern)" }
    }

    public static let caseInsensitive: UInt32 = 2

    public let pattern: String
    private let flags: UInt32
    /// The compiled pattern: opened by the initializer, or at the first match for a pattern
    /// compiled lazily (then set once, under `lock`).
    private var handle: OpaquePointer?
    /// Units every match starts with and units every match holds one of, when the pattern
    /// tells (see ``RegexFacts``).
    let facts: RegexFacts
    /// Idle clones of `handle`, one per thread that matched at the same time at most.
    private var idle: [OpaquePointer] = []
    private let lock = NSLock()

    /// `lazily`: compile at the first match that gets past the pre-filter, not here (for
    /// patterns known to compile: ICU takes ~0.4 ms a pattern, and a short text needs few of
    /// them); a compile error is then thrown by that match.
    public init(_ pattern: String, flags: UInt32 = 0, lazily: Bool = false) throws {
        self.pattern = pattern
        self.flags = flags
        facts = flags == 0 ? RegexFacts(pattern) : RegexFacts()
        if !lazily { handle = try Self.open(pattern, flags: flags) }
    }

    /// The same pattern, tried only where one of `units` stands right before (or at the start of
    /// the text): for a caller that keeps only such matches, the ones it keeps, found faster.
    /// Compiled at its first match.
    public func tried(after units: UnitSet) -> ICURegex {
        var narrowed = facts
        narrowed.before = facts.before.map { $0.intersection(units) } ?? units
        return ICURegex(pattern: pattern, flags: flags, facts: narrowed)
    }

    private init(pattern: String, flags: UInt32, facts: RegexFacts) {
        self.pattern = pattern
        self.flags = flags
        self.facts = facts
    }

    /// The units that may stand right before a match's end (nil: any, or not known).
    public var lastUnits: UnitSet? { facts.last }

    private static func open(_ pattern: String, flags: UInt32) throws -> OpaquePointer {
        let units = Array(pattern.utf16)
        var status: Int32 = 0
        var offset: Int32 = 0
        // Property classes spelled out compile faster; an error is reported from the pattern as written.
        if flags == 0, case let spelled = PropertySets.spelledOut(units), spelled != units,
           let h = minutes_regex_open(spelled, Int32(spelled.count), flags, &offset, &status) {
            return h
        }
        guard let h = minutes_regex_open(units, Int32(units.count), flags, &offset, &status) else {
            throw CompileError(pattern: pattern, offset: Int(offset), reason: ICUError(code: status, operation: "uregex_open").name)
        }
        return h
    }

    deinit {
        for re in idle { minutes_regex_close(re) }
        if let handle { minutes_regex_close(handle) }
    }

    /// The compiled pattern, compiled now if it was made lazily (call with `lock` held).
    private func compiledHandle() throws -> OpaquePointer {
        if let handle { return handle }
        let compiled = try Self.open(pattern, flags: flags)
        handle = compiled
        return compiled
    }

    /// Runs `body` with a clone of the pattern no other thread is using.
    private func withMatcher<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        lock.lock()
        var re = idle.popLast()
        let original = re == nil ? Result { try compiledHandle() } : nil
        lock.unlock()
        if let original {
            var status: Int32 = 0
            re = minutes_regex_clone(try original.get(), &status)
            guard re != nil else { throw ICUError(code: status, operation: "uregex_clone") }
        }
        defer {
            lock.lock()
            idle.append(re!)
            lock.unlock()
        }
        return try body(re!)
    }

    /// The first position from `start` where a match may start, by the pattern's first units,
    /// the units it allows before and after them (`text.count` if none). `index`: where those
    /// units stand in the text `text` is the slice at `offset` of (`mask`: this pattern's),
    /// instead of a scan.
    private func nextCandidate(in text: UnsafeBufferPointer<UInt16>, from start: Int, index: CandidateIndex?, mask: CandidateIndex.Mask,
                               offset: Int) -> Int {
        // Where the walk of the index stands (positions only grow within a call).
        var cursor = -1
        @inline(__always) func next(_ set: UnitSet, from p: Int) -> Int {
            if let index { return index.next(mask, offset: offset, length: text.count, from: p, cursor: &cursor) }
            return set.next(in: text, from: p)
        }
        let first = facts.first, before = facts.before, second = facts.second
        let required = facts.maxLength == nil ? nil : facts.required, reach = facts.maxLength ?? 0
        var p = start
        while p < text.count {
            if let first {
                p = next(first, from: p)
                guard p < text.count else { return text.count }
            }
            if p > 0, let before, !before.contains(text[p - 1]) {
                // Without first units, jump to the next unit allowed before a match.
                p = first == nil ? next(before, from: p) + 1 : p + 1
                continue
            }
            // The unit after must be one a match may hold or look ahead to there.
            if let second, p + 1 >= text.count || !second.contains(text[p + 1]) {
                p += 1
                continue
            }
            // A short match must hold a required unit within its reach.
            if let required, required.next(in: text, from: p, limit: min(text.count, p + reach)) == min(text.count, p + reach) {
                p += 1
                continue
            }
            // Some branch of an opening alternation must allow the units here.
            if let branches = facts.branches, !(branches[text[p]]?.contains { $0.admits(text, at: p) } ?? false) {
                p += 1
                continue
            }
            return p
        }
        return text.count
    }

    /// A match: the UTF-16 range of the whole match and of each capture group (nil when unset).
    public struct Match: Sendable {
        public let range: Range<Int>
        public let groups: [Range<Int>?]

        public init(range: Range<Int>, groups: [Range<Int>?]) {
            self.range = range
            self.groups = groups
        }
    }

    /// All non-overlapping matches in `text`. `timeLimit` is in ICU match steps (~ a few ms per
    /// unit on this kind of machine); a pattern that exceeds it throws `U_REGEX_TIME_OUT`.
    /// With `prefilter` (the default), a text without any unit a match must hold is not read,
    /// and for a pattern whose first units are known only the positions holding one of them
    /// are tried (the same matches, found faster; the time limit covers all tries of the call).
    /// `index`: those positions found once for several patterns, when `text` is the slice at
    /// `offset` of the text it indexes (an index made for other patterns or text is not used).
    public func matches(in text: UnsafeBufferPointer<UInt16>, timeLimit: Int32 = 200, prefilter: Bool = true,
                        index: CandidateIndex? = nil, offset: Int = 0) throws -> [Match] {
        let mask = prefilter ? index?.mask(for: self, offset: offset, length: text.count) : nil
        let index = mask == nil ? nil : index
        // With an index and a bounded match, the test of each candidate's reach replaces the
        // reading of the whole text for a required unit.
        if prefilter, let required = facts.required, index == nil || facts.maxLength == nil, !required.intersects(text) { return [] }
        let scans = prefilter && facts.scanUnits != nil
        let firstCandidate = scans ? nextCandidate(in: text, from: 0, index: index, mask: mask ?? 0, offset: offset) : 0
        if scans, firstCandidate >= text.count { return [] }
        return try withMatcher { re in
            var status: Int32 = 0
            minutes_regex_set_time_limit(re, timeLimit, &status)
            // The limit holds for the whole call, however many tries the pre-filter makes.
            minutes_regex_set_budget(re, timeLimit, &status)
            let base = text.baseAddress ?? UnsafePointer(bitPattern: 1)!
            minutes_regex_set_text(re, base, Int32(text.count), &status)
            try ICUError.check(status, "uregex_setText")
            let groupCount = Int(minutes_regex_group_count(re, &status))
            var out: [Match] = []
            func record() { out.append(Self.currentMatch(re, groupCount: groupCount)) }
            if scans {
                // Non-overlapping like find: the next try starts after the last match (never
                // empty: such patterns have no facts).
                var p = firstCandidate
                while p < text.count {
                    if minutes_regex_looking_at(re, Int32(p), &status) == 1 {
                        record()
                        p = nextCandidate(in: text, from: max(out[out.count - 1].range.upperBound, p + 1), index: index, mask: mask ?? 0, offset: offset)
                        continue
                    }
                    try ICUError.check(status, "regex \(pattern)")
                    p = nextCandidate(in: text, from: p + 1, index: index, mask: mask ?? 0, offset: offset)
                }
            } else {
                while minutes_regex_find(re, -1, &status) == 1 {
                    record()
                    if let last = out.last, last.range.isEmpty, last.range.upperBound >= text.count { break }
                }
            }
            try ICUError.check(status, "regex \(pattern)")
            return out
        }
    }

    /// The match the matcher has just found.
    private static func currentMatch(_ re: OpaquePointer, groupCount: Int) -> Match {
        var status: Int32 = 0
        let s = Int(minutes_regex_start(re, 0, &status)), e = Int(minutes_regex_end(re, 0, &status))
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(groupCount + 1)
        for g in 0...groupCount {
            let gs = Int(minutes_regex_start(re, Int32(g), &status)), ge = Int(minutes_regex_end(re, Int32(g), &status))
            groups.append(gs >= 0 && ge >= gs ? gs..<ge : nil)
        }
        return Match(range: s..<e, groups: groups)
    }

    /// The match that starts where `text` starts, if any: the first of ``matches(in:timeLimit:prefilter:index:offset:)``
    /// when that one starts there (the leftmost match is found first), without reading further.
    public func prefixMatch(in text: UnsafeBufferPointer<UInt16>, timeLimit: Int32 = 200) throws -> Match? {
        // Whether a match may start at 0, as nextCandidate would say (without looking for the next candidate).
        if facts.scanUnits != nil, !text.isEmpty {
            if let first = facts.first, !first.contains(text[0]) { return nil }
            if let required = facts.required, let reach = facts.maxLength,
               required.next(in: text, from: 0, limit: min(text.count, reach)) == min(text.count, reach) { return nil }
        }
        return try withMatcher { re in
            var status: Int32 = 0
            minutes_regex_set_time_limit(re, timeLimit, &status)
            minutes_regex_set_budget(re, timeLimit, &status)
            minutes_regex_set_text(re, text.baseAddress ?? UnsafePointer(bitPattern: 1)!, Int32(text.count), &status)
            try ICUError.check(status, "uregex_setText")
            let groupCount = Int(minutes_regex_group_count(re, &status))
            let found = minutes_regex_looking_at(re, 0, &status) == 1
            try ICUError.check(status, "regex \(pattern)")
            return found ? Self.currentMatch(re, groupCount: groupCount) : nil
        }
    }
}
