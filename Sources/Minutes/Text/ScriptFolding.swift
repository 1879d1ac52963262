import ICUText
import Foundation

/// Per-character folding used for matching: NFKC and Traditional→Simplified.
///
/// ICU's `Traditional-Simplified` transliterator is not thread-safe and slow per call, so it is
/// run once over the whole CJK Unified Ideographs block to build a lookup table that every
/// thread then reads.
final class ScriptFolding: @unchecked Sendable {
    static let shared = ScriptFolding()

    private static let cjkRange: ClosedRange<UInt16> = 0x4E00...0x9FFF
    /// Simplified form of each ideograph in `cjkRange` (itself when it has none).
    private let simplified: [UInt16]

    private init() {
        let block = Array(Self.cjkRange)
        var table = block
        if let t = try? Transliterator(id: "Traditional-Simplified") {
            // Convert in slices; a slice whose length changes (a phrase rule fired) is redone per character.
            let slice = 512
            var i = 0
            while i < block.count {
                let part = Array(block[i..<min(i + slice, block.count)])
                if let out = try? t.apply(part), out.count == part.count {
                    for (k, u) in out.enumerated() where Self.cjkRange.contains(u) { table[i + k] = u }
                } else {
                    for (k, u) in part.enumerated() {
                        if let out = try? t.apply([u]), out.count == 1, Self.cjkRange.contains(out[0]) { table[i + k] = out[0] }
                    }
                }
                i += slice
            }
        }
        simplified = table
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
        // Everything else through ICU NFKC (rare in this text: punctuation, compatibility forms).
        let units = Array(String(scalar).utf16)
        let folded = NFKC.normalize(units)
        for u in folded { out.append(simplify(u)) }
        return folded.count
    }
}
