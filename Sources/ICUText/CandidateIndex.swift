/// One scan of a text for several patterns: the positions holding a unit one of them starts
/// with (or, for a pattern without known first units, may follow). Each pattern then tries only
/// these positions instead of reading the text itself: ten patterns over one article read it
/// once instead of ten times (twenty with the required-unit test).
public struct CandidateIndex: Sendable {
    /// The patterns an index serves and the units it records (made once, with the phase).
    public struct Plan: Sendable {
        let regexes: [ICURegex]
        let units: UnitSet

        public init(_ regexes: [ICURegex]) {
            self.regexes = regexes.filter { $0.facts.scanUnits != nil }
            units = UnitSet(union: self.regexes.compactMap(\.facts.scanUnits))
        }
    }

    let plan: Plan
    /// Length of the indexed text: a slice given with its offset must lie inside it.
    let count: Int
    /// Ascending positions of the text holding a unit of `plan.units`.
    let positions: [Int]

    public init(_ text: UnsafeBufferPointer<UInt16>, plan: Plan) {
        self.plan = plan
        count = text.count
        positions = plan.units.positions(in: text)
    }

    public init(_ text: [UInt16], plan: Plan) {
        self = text.withUnsafeBufferPointer { CandidateIndex($0, plan: plan) }
    }

    /// Whether the index holds every position where `regex` may be tried in a slice of
    /// `length` units at `offset` of the indexed text.
    func serves(_ regex: ICURegex, offset: Int, length: Int) -> Bool {
        offset >= 0 && offset + length <= count && plan.regexes.contains { $0 === regex }
    }

    /// The first indexed position from `start` of the slice `text` (at `offset` in the
    /// indexed text) whose unit is in `set` (`text.count` if none).
    func next(_ set: UnitSet, in text: UnsafeBufferPointer<UInt16>, offset: Int, from start: Int) -> Int {
        let target = offset + max(start, 0)
        var lo = 0, hi = positions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if positions[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        for k in lo..<positions.count {
            let p = positions[k] - offset
            if p >= text.count { break }
            if set.contains(text[p]) { return p }
        }
        return text.count
    }
}
