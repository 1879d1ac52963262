import ICUText
import Foundation

/// Per-character folding used for matching: NFKC and Traditional→Simplified.
///
/// ICU's `Traditional-Simplified` transliterator is not thread-safe, slow per call and slow to
/// open (~20 ms), so the `embed-rules` build tool runs it once over the whole CJK Unified
/// Ideographs block and the library reads the pairs that differ into a lookup table that every
/// thread then reads (a test checks the table against ICU).
final class ScriptFolding: @unchecked Sendable {
    static let shared = ScriptFolding()

    static let cjkRange: ClosedRange<UInt16> = 0x4E00...0x9FFF
    /// Simplified form of each ideograph in `cjkRange` (itself when it has none).
    private let simplified: [UInt16]
    /// The fold of the punctuation and symbol blocks below the ideographs that Chinese text
    /// uses (。、“”—《》·…), when it is one unit; 0 otherwise (then ICU folds per call).
    private let symbols: [UInt16]
    /// Blocks folded ahead: Latin-1, general punctuation, mathematical operators, geometric
    /// shapes, CJK symbols and punctuation.
    private static let symbolBlocks: [ClosedRange<UInt16>] = [0x0080...0x00FF, 0x2000...0x206F, 0x2200...0x22FF, 0x25A0...0x25FF, 0x3000...0x303F]

    private init() {
        var table = Array(Self.cjkRange)
        let pairs = Array(EmbeddedRules.simplifiedPairs.utf16)
        for k in stride(from: 0, to: pairs.count - 1, by: 2) { table[Int(pairs[k] - Self.cjkRange.lowerBound)] = pairs[k + 1] }
        simplified = table
        var symbols = [UInt16](repeating: 0, count: Int(Self.symbolBlocks.last!.upperBound) + 1)
        for (u, folded) in Self.foldedSymbols() where folded.count == 1 {
            let f = folded.first!
            symbols[Int(u)] = Self.cjkRange.contains(f) ? table[Int(f - Self.cjkRange.lowerBound)] : f
        }
        self.symbols = symbols
    }

    /// NFKC of each unit of the symbol blocks, in one ICU call (one call per unit cost ~0.5 ms
    /// at start-up): the units separated by U+0001, a starter that composes with nothing, so
    /// the output splits back into one fold per unit.
    private static func foldedSymbols() -> [(UInt16, ArraySlice<UInt16>)] {
        let all = symbolBlocks.flatMap { $0 }
        var batch: [UInt16] = []
        batch.reserveCapacity(all.count * 2)
        for u in all { batch += [u, 0x0001] }
        let folded = NFKC.normalize(batch)
        let parts = folded.split(separator: 0x0001, omittingEmptySubsequences: false).dropLast()
        guard parts.count == all.count else {
            return all.map { ($0, NFKC.normalize([$0])[...]) }  // not expected: fold one by one
        }
        return Array(zip(all, parts))
    }

    /// The Simplified form of one UTF-16 unit (only ideographs change).
    @inline(__always)
    func simplify(_ unit: UInt16) -> UInt16 {
        guard Self.cjkRange.contains(unit) else { return unit }
        return simplified[Int(unit - Self.cjkRange.lowerBound)]
    }

    /// The fold of a scalar when it is one unit known without ICU (ASCII, ideographs, full-width
    /// ASCII, the symbol blocks: nearly all of Chinese text); 0 when ICU must fold it.
    @inline(__always)
    func singleUnit(_ v: UInt32) -> UInt16 {
        if v < 0x80 { return UInt16(v) }
        if v >= 0x4E00 && v <= 0x9FFF { return simplified[Int(v - 0x4E00)] }
        if v >= 0xFF01 && v <= 0xFF5E { return UInt16(v - 0xFEE0) } // full-width ASCII
        if v < UInt32(symbols.count) { return symbols[Int(v)] }
        return 0
    }

    /// Whether ``singleUnit(_:)`` is not 0, without reading the ideograph table (a cache miss
    /// when asked of every character).
    @inline(__always)
    func isSingleUnit(_ v: UInt32) -> Bool {
        if v < 0x80 || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0xFF01 && v <= 0xFF5E) { return true }
        return v < UInt32(symbols.count) && symbols[Int(v)] != 0
    }

    /// Folds one Unicode scalar into `out`: NFKC, then Simplified. Returns the number of units written.
    @inline(__always)
    func fold(_ scalar: Unicode.Scalar, into out: inout [UInt16]) -> Int {
        let single = singleUnit(scalar.value)
        if single != 0 {
            out.append(single)
            return 1
        }
        // Everything else through ICU NFKC (rare in this text: compatibility forms).
        let folded = NFKC.normalize(Array(String(scalar).utf16))
        for u in folded { out.append(simplify(u)) }
        return folded.count
    }
}
