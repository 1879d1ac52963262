/// One scan of a text for several patterns: the positions holding a unit one of them starts
/// with (or, for a pattern without known first units, may follow), each marked with the
/// distinct sets of such units it belongs to. Each pattern then tries only its positions instead of reading the text itself:
/// ten patterns over one article read it once instead of ten times (twenty with the
/// required-unit test). A class: each pattern's call takes it along.
public final class CandidateIndex: Sendable {
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

    public convenience init(_ text: UnsafeBufferPointer<UInt16>, plan: Plan) {
        let positions = plan.units.positions(in: text)
        let masks = positions.map { p in
            var mask: Mask = 0
            for (i, set) in plan.sets.enumerated() where set.contains(text[p]) { mask |= 1 << Mask(i) }
            return mask
        }
        self.init(plan: plan, count: text.count, positions: positions, masks: masks)
    }

    public convenience init(_ text: [UInt16], plan: Plan) {
        let (positions, masks) = text.withUnsafeBufferPointer { buffer in
            let index = CandidateIndex(buffer, plan: plan)
            return (index.positions, index.masks)
        }
        self.init(plan: plan, count: text.count, positions: positions, masks: masks)
    }

    private init(plan: Plan, count: Int, positions: [Int], masks: [Mask]) {
        self.plan = plan
        self.count = count
        self.positions = positions
        self.masks = masks
    }

    /// Where `regex` may be tried: the bit of its set, when the index serves it and a slice
    /// of `length` units at `offset` of the indexed text.
    func mask(for regex: ICURegex, offset: Int, length: Int) -> Mask? {
        guard offset >= 0, offset + length <= count, let i = plan.regexes.firstIndex(where: { $0 === regex }) else { return nil }
        return 1 << Mask(plan.slots[i])
    }

    /// Whether any position may start `regex` (false: it finds nothing in this text).
    public func mayMatch(_ regex: ICURegex) -> Bool {
        guard let mask = mask(for: regex, offset: 0, length: count) else { return true }
        return masks.contains { $0 & mask != 0 }
    }

    /// The first position from `start` of a slice of `length` units at `offset` whose unit is
    /// in the set of `mask`, relative to the slice (`length` if none). `cursor`: where the last
    /// call of a walk with growing `start` stopped in `positions` (-1 at first).
    func next(_ mask: Mask, offset: Int, length: Int, from start: Int, cursor: inout Int) -> Int {
        let target = offset + max(start, 0)
        var k = cursor
        if k < 0 {
            var hi = positions.count
            k = 0
            while k < hi {
                let mid = (k + hi) / 2
                if positions[mid] < target { k = mid + 1 } else { hi = mid }
            }
        }
        while k < positions.count, positions[k] < target { k += 1 }
        defer { cursor = k }
        while k < positions.count, positions[k] - offset < length {
            if masks[k] & mask != 0 { return positions[k] - offset }
            k += 1
        }
        return length
    }
}
