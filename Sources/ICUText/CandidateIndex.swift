/// One scan of a text for several patterns: the positions holding a unit one of them starts
/// with (or, for a pattern without known first units, may follow), each marked with the
/// distinct sets of such units it belongs to. Each pattern then tries only its positions instead of reading the text itself:
/// ten patterns over one article read it once instead of ten times (twenty with the
/// required-unit test).
public struct CandidateIndex: Sendable {
    /// The patterns an index serves and the units it records (made once, with the phase).
    public struct Plan: Sendable {
        let regexes: [ICURegex]
        /// For each pattern, its set in `sets`.
        let slots: [Int]
        /// The distinct sets of units the patterns are tried at.
        let sets: [UnitSet]
        let units: UnitSet

        public init(_ regexes: [ICURegex]) {
            var sets: [UnitSet] = []
            var served: [ICURegex] = []
            var slots: [Int] = []
            for regex in regexes {
                guard let set = regex.facts.scanUnits else { continue }
                let slot = sets.firstIndex { $0.bits == set.bits } ?? sets.count
                // A position's sets are the bits of a mask.
                guard slot < Mask.bitWidth else { continue }
                if slot == sets.count { sets.append(set) }
                served.append(regex)
                slots.append(slot)
            }
            self.regexes = served
            self.slots = slots
            self.sets = sets
            units = UnitSet(union: sets)
        }
    }

    let plan: Plan
    /// Length of the indexed text: a slice given with its offset must lie inside it.
    let count: Int
    typealias Mask = UInt64
    /// The ascending positions of the text holding a unit of some set of the plan.
    let positions: [Int]
    /// For each position, the sets its unit is in (bit i: `plan.sets[i]`).
    let masks: [Mask]

    public init(_ text: UnsafeBufferPointer<UInt16>, plan: Plan) {
        self.plan = plan
        count = text.count
        positions = plan.units.positions(in: text)
        masks = positions.map { p in
            var mask: Mask = 0
            for (i, set) in plan.sets.enumerated() where set.contains(text[p]) { mask |= 1 << Mask(i) }
            return mask
        }
    }

    public init(_ text: [UInt16], plan: Plan) {
        self = text.withUnsafeBufferPointer { CandidateIndex($0, plan: plan) }
    }

    /// Where `regex` may be tried: the bit of its set, when the index serves it and a slice
    /// of `length` units at `offset` of the indexed text.
    func mask(for regex: ICURegex, offset: Int, length: Int) -> Mask? {
        guard offset >= 0, offset + length <= count, let i = plan.regexes.firstIndex(where: { $0 === regex }) else { return nil }
        return 1 << Mask(plan.slots[i])
    }

    /// The first position from `start` of a slice of `length` units at `offset` whose unit is
    /// in the set of `mask`, relative to the slice (`length` if none).
    func next(_ mask: Mask, offset: Int, length: Int, from start: Int) -> Int {
        let target = offset + max(start, 0)
        var lo = 0, hi = positions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if positions[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        while lo < positions.count, positions[lo] - offset < length {
            if masks[lo] & mask != 0 { return positions[lo] - offset }
            lo += 1
        }
        return length
    }
}
