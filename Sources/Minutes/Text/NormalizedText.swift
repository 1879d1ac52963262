/// The text every later stage matches on, with a map back to the original input.
///
/// Built from the decoded input by folding each character (NFKC, Traditional→Simplified) and
/// dropping converter pinyin annotations (`協(xié)` → `協`). Stages work on `units` (UTF-16) and
/// report spans through ``originalRange(_:)``: code point offsets into the original input,
/// end exclusive. Nothing edits the original.
public struct NormalizedText: Sendable {
    /// The original decoded input.
    public let original: String
    /// The original input as Unicode scalars (code point offsets index this).
    public let originalScalars: [Unicode.Scalar]
    /// Normalized UTF-16 text.
    public let units: [UInt16]
    /// For each unit of `units`, the original code point range it came from.
    let sourceStart: [Int32]
    let sourceEnd: [Int32]
    /// Original code point ranges of the pinyin annotations that were dropped.
    public let droppedAnnotations: [Range<Int>]

    public init(_ original: String) {
        self.original = original
        let scalars = Array(original.unicodeScalars)
        originalScalars = scalars
        var starts: [Int32] = []
        var ends: [Int32] = []
        starts.reserveCapacity(scalars.count)
        ends.reserveCapacity(scalars.count)
        var dropped: [Range<Int>] = []
        units = Self.fold(scalars, dropped: { dropped.append($0) }, source: { i, n in
            for _ in 0..<n {
                starts.append(Int32(i))
                ends.append(Int32(i + 1))
            }
        })
        sourceStart = starts
        sourceEnd = ends
        droppedAnnotations = dropped
    }

    /// The normalized units of `s` alone, without the map back to it (lexicon entries).
    public static func units(_ s: String) -> [UInt16] {
        fold(Array(s.unicodeScalars), dropped: { _ in }, source: { _, _ in })
    }

    /// Folds each scalar and drops pinyin annotations, telling `dropped` the annotations left
    /// out and `source` how many units each original scalar gave.
    @inline(__always)
    private static func fold(_ scalars: [Unicode.Scalar], dropped: (Range<Int>) -> Void, source: (_ scalar: Int, _ units: Int) -> Void) -> [UInt16] {
        var units: [UInt16] = []
        units.reserveCapacity(scalars.count + scalars.count / 8)
        let folding = ScriptFolding.shared
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if (s == "(" || s == "（"), i > 0, let end = PinyinAnnotation.end(in: scalars, openingAt: i) {
                dropped(i..<end)
                i = end
                continue
            }
            source(i, folding.fold(s, into: &units))
            i += 1
        }
        return units
    }

    /// Number of code points in the original input.
    public var originalLength: Int { originalScalars.count }

    /// The original code point range of a normalized UTF-16 range.
    public func originalRange(_ r: Range<Int>) -> Range<Int> {
        guard !units.isEmpty else { return 0..<0 }
        if r.isEmpty {
            let p = r.lowerBound < units.count ? Int(sourceStart[r.lowerBound]) : originalScalars.count
            return p..<p
        }
        let lo = Int(sourceStart[max(0, min(r.lowerBound, units.count - 1))])
        let hi = Int(sourceEnd[max(0, min(r.upperBound - 1, units.count - 1))])
        return lo..<max(lo, hi)
    }

    /// The original text of a normalized range, exactly as written (annotations included).
    public func originalText(_ r: Range<Int>) -> String {
        let o = originalRange(r)
        var s = String.UnicodeScalarView()
        s.append(contentsOf: originalScalars[o])
        return String(s)
    }

    /// The original text of a normalized range with converter annotations left out:
    /// how names are reported (`盧榮(róng)春` → `盧榮春`).
    public func writtenText(_ r: Range<Int>) -> String {
        let o = originalRange(r)
        var s = String.UnicodeScalarView()
        var i = o.lowerBound
        var d = droppedAnnotations.partitionPoint { $0.upperBound > i }
        while i < o.upperBound {
            if d < droppedAnnotations.count, droppedAnnotations[d].lowerBound == i {
                i = droppedAnnotations[d].upperBound
                d += 1
                continue
            }
            s.append(originalScalars[i])
            i += 1
        }
        return String(s)
    }

    /// The normalized text of a range.
    public func text(_ r: Range<Int>) -> String {
        String(decoding: units[r.clamped(to: 0..<units.count)], as: UTF16.self)
    }

    /// The normalized position of an original code point offset (first unit at or after it).
    public func normalizedOffset(ofOriginal p: Int) -> Int {
        sourceStart.partitionPoint { Int($0) >= p }
    }
}

extension RandomAccessCollection {
    /// Index of the first element for which `predicate` is true, given the collection is
    /// partitioned (all false, then all true).
    func partitionPoint(where predicate: (Element) -> Bool) -> Index {
        var lo = startIndex
        var n = count
        while n > 0 {
            let half = n / 2
            let mid = index(lo, offsetBy: half)
            if predicate(self[mid]) {
                n = half
            } else {
                lo = index(after: mid)
                n -= half + 1
            }
        }
        return lo
    }
}

/// Pinyin that simplified→traditional converters insert after a character: `會(huì)`, `們(men)`.
enum PinyinAnnotation {
    private static let letters: Set<Unicode.Scalar> = Set("abcdefghijklmnopqrstuvwxyzāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ".unicodeScalars)
    private static let vowels: Set<Unicode.Scalar> = Set("aeiouvāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ".unicodeScalars)

    /// If `scalars[open]` opens a pinyin annotation after an ideograph (or a `?` garble),
    /// the index just past its closing parenthesis.
    static func end(in scalars: [Unicode.Scalar], openingAt open: Int) -> Int? {
        let previous = scalars[open - 1]
        guard isIdeograph(previous) || previous == "?" else { return nil }
        var j = open + 1
        var hasVowel = false
        while j < scalars.count, j - open <= 7, letters.contains(scalars[j]) {
            if vowels.contains(scalars[j]) { hasVowel = true }
            j += 1
        }
        let length = j - open - 1
        guard length >= 1, length <= 6, hasVowel, j < scalars.count, scalars[j] == ")" || scalars[j] == "）" else { return nil }
        return j + 1
    }

    static func isIdeograph(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v) || (0x20000...0x2FFFF).contains(v)
    }
}
