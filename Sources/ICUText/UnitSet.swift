/// A set of UTF-16 code units as a 65,536-bit map (8 KB: cheap to build per document, one load
/// per membership test; a [Bool] table of 64 KB crowded the caches). Used by the regex
/// pre-filter here and by the lexicon and phase scanners of Minutes.
public struct UnitSet: Sendable {
    public private(set) var bits = [UInt64](repeating: 0, count: 1024)

    /// A set of units as they are (already normalized).
    // @inlinable: specialized in the caller (scanners build small sets per document; the
    // unspecialized generic loop cost more than the 8 KB map)
    @inlinable
    public init<S: Sequence>(units: S) where S.Element == UInt16 {
        for u in units { insert(u) }
    }

    /// The units of any of `sets`.
    public init(union sets: [UnitSet]) {
        for set in sets {
            for w in 0..<bits.count { bits[w] |= set.bits[w] }
        }
    }

    /// The units of both sets.
    public func intersection(_ other: UnitSet) -> UnitSet {
        var out = self
        for w in 0..<bits.count { out.bits[w] &= other.bits[w] }
        return out
    }

    @usableFromInline
    mutating func insert(_ u: UInt16) { bits[Int(u >> 6)] |= 1 << UInt64(u & 63) }

    // @inlinable: Minutes's scanners call these per text unit, across the module boundary
    @inlinable @inline(__always)
    public func contains(_ u: UInt16) -> Bool { bits[Int(u >> 6)] & (1 << UInt64(u & 63)) != 0 }

    /// The first position from `start` whose unit is in the set (`limit` or `text.count` if
    /// none): a tight loop for scans where such positions are rare.
    @inlinable
    public func next(in text: UnsafeBufferPointer<UInt16>, from start: Int, limit: Int? = nil) -> Int {
        bits.withUnsafeBufferPointer { b in
            let end = min(limit ?? text.count, text.count)
            var i = max(start, 0)
            while i < end, b[Int(text[i] >> 6)] & (1 << UInt64(text[i] & 63)) == 0 { i += 1 }
            return i
        }
    }

    /// The same over an array.
    @inlinable
    public func next(in units: [UInt16], from start: Int, limit: Int? = nil) -> Int {
        units.withUnsafeBufferPointer { next(in: $0, from: start, limit: limit) }
    }

    /// All positions of `text` whose unit is in the set, ascending: one loop for scans where
    /// such positions are frequent (a call of ``next(in:from:limit:)`` per hit cost more).
    @inlinable
    public func positions(in text: UnsafeBufferPointer<UInt16>) -> [Int] {
        bits.withUnsafeBufferPointer { b in
            // Written in place (at most one position per unit): appending cost more than the test.
            [Int](unsafeUninitializedCapacity: text.count) { out, count in
                var n = 0, i = 0
                let end = text.count
                while true {
                    while i < end, b[Int(text[i] >> 6)] & (1 << UInt64(text[i] & 63)) == 0 { i += 1 }
                    guard i < end else { break }
                    out[n] = i
                    n += 1
                    i += 1
                }
                count = n
            }
        }
    }

    /// The same over an array.
    @inlinable
    public func positions(in units: [UInt16]) -> [Int] {
        units.withUnsafeBufferPointer { positions(in: $0) }
    }

    /// Those of `candidates` (positions of `text`, e.g. of a larger set) whose unit is in the
    /// set, in their order.
    @inlinable
    public func positions(in text: UnsafeBufferPointer<UInt16>, among candidates: [Int]) -> [Int] {
        bits.withUnsafeBufferPointer { b in
            candidates.filter { b[Int(text[$0] >> 6)] & (1 << UInt64(text[$0] & 63)) != 0 }
        }
    }

    /// The same over an array.
    @inlinable
    public func positions(in units: [UInt16], among candidates: [Int]) -> [Int] {
        units.withUnsafeBufferPointer { positions(in: $0, among: candidates) }
    }

    /// Whether every unit of the set is in `other`.
    public func isSubset(of other: UnitSet) -> Bool {
        zip(bits, other.bits).allSatisfy { $0 & ~$1 == 0 }
    }

    /// Whether any unit of `text` is in the set.
    @inlinable
    public func intersects(_ text: UnsafeBufferPointer<UInt16>) -> Bool {
        bits.withUnsafeBufferPointer { b in
            for u in text where b[Int(u >> 6)] & (1 << UInt64(u & 63)) != 0 { return true }
            return false
        }
    }
}
