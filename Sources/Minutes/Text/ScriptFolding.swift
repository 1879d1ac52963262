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

    /// Folds one Unicode scalar into `out`: NFKC, then Simplified. Returns the number of units written.
    @inline(__always)
    func fold(_ scalar: Unicode.Scalar, into out: inout [UInt16]) -> Int {
        let v = scalar.value
        if v < 0x80 {
            out.append(UInt16(v))
            return 1
        }
        if v >= 0x4E00 && v <= 0x9FFF {
            out.append(simplify(UInt16(v)))
            return 1
        }
        if v >= 0xFF01 && v <= 0xFF5E {  // full-width ASCII
            out.append(UInt16(v - 0xFEE0))
            return 1
        }
        if v < UInt32(symbols.count), symbols[Int(v)] != 0 {
            out.append(symbols[Int(v)])
            return 1
        }
        // Everything else through ICU NFKC (rare in this text: compatibility forms).
        let units = Array(String(scalar).utf16)
        let folded = NFKC.normalize(units)
        for u in folded { out.append(simplify(u)) }
        return folded.count
    }
}
