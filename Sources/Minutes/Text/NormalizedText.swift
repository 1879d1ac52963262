/// The text every later stage matches on, with a map back to the original input.
///
/// Built from the decoded input by folding each character (NFKC, Traditional→Simplified) and
/// dropping converter pinyin annotations (`協(xié)` → `協`) and markup left in plain text
/// (``LeftoverMarkup``: `<p>` reads as a line break). Stages work on `units` (UTF-16) and
/// report spans through ``originalRange(_:)``: code point offsets into the original input,
/// end exclusive. Nothing edits the original.
public struct NormalizedText: Sendable {
    /// The original decoded input.
    public let original: String
    /// The original input as Unicode scalars (code point offsets index this).
    public let originalScalars: [Unicode.Scalar]
    /// Normalized UTF-16 text.
    public let units: [UInt16]
    /// For each unit of `units`, the original code point it came from (each unit comes from
    /// exactly one code point, so its original range is `sourceStart[k] ..< sourceStart[k] + 1`).
    let sourceStart: [Int32]
    /// Original code point ranges of the pinyin annotations and inline tags that were dropped.
    public let droppedAnnotations: [Range<Int>]

    public init(_ original: String) {
        self.original = original
        let scalars = Self.scalars(of: original)
        originalScalars = scalars
        var dropped: [Range<Int>] = []
        (units, sourceStart) = Self.fold(scalars, dropped: &dropped)
        droppedAnnotations = dropped
    }

    /// The normalized units of `s` alone, without the map back to it (lexicon entries).
    public static func units(_ s: String) -> [UInt16] { foldedUnits(s).units }

    /// ``units(_:)`` and whether they are the UTF-16 of `s` as it is (most lexicon entries
    /// fold to themselves: the lexicon then keeps the String instead of making one).
    static func foldedUnits(_ s: String) -> (units: [UInt16], unchanged: Bool) {
        var units: [UInt16] = []
        let unchanged = fold(s, into: &units)
        return (units, unchanged)
    }

    /// ``foldedUnits(_:)`` appended to `units` (a buffer kept across entries: no array per
    /// entry); returns `unchanged`.
    static func fold(_ s: String, into units: inout [UInt16]) -> Bool {
        // Nearly every entry is characters that fold to one unit without ICU, and no
        // parenthesis (a pinyin annotation): folded here in one pass, no scalar array.
        let folding = ScriptFolding.shared
        let start = units.count
        var unchanged = true
        for scalar in s.unicodeScalars {
            let v = scalar.value
            let unit = folding.singleUnit(v)
            guard unit != 0, v != 0x28, v != 0xFF08 else {
                units.removeSubrange(start...)
                let slowly = foldedUnitsSlowly(s)
                units += slowly.units
                return slowly.unchanged
            }
            if UInt32(unit) != v { unchanged = false }
            units.append(unit)
        }
        return unchanged
    }

    /// ``foldedUnits(_:)`` of any entry.
    private static func foldedUnitsSlowly(_ s: String) -> (units: [UInt16], unchanged: Bool) {
        var dropped: [Range<Int>] = []
        let scalars = Array(s.unicodeScalars)  // for entries of a few characters, cheaper than scalars(of:)
        let units = fold(scalars, dropped: &dropped, mapping: false).units
        var unchanged = units.count == scalars.count
        if unchanged {
            for k in 0..<units.count where UInt32(units[k]) != scalars[k].value {
                unchanged = false
                break
            }
        }
        return (units, unchanged)
    }

    /// The scalars of `s`, decoded in one pass over its UTF-8 into an array of the exact size
    /// (`Array(s.unicodeScalars)` walks the string twice and grows the array).
    private static func scalars(of s: String) -> [Unicode.Scalar] {
        var s = s
        return s.withUTF8 { utf8 in
            // Every byte but the continuation bytes (10xxxxxx) starts a scalar; counted 8 bytes at a time.
            var count = utf8.count
            var k = 0
            if let base = utf8.baseAddress {
                while k + 8 <= utf8.count {
                    let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: k, as: UInt64.self)
                    count -= (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                    k += 8
                }
            }
            while k < utf8.count {
                if utf8[k] & 0xC0 == 0x80 { count -= 1 }
                k += 1
            }
            return [Unicode.Scalar](unsafeUninitializedCapacity: count) { out, initialized in
                // A Swift string is valid UTF-8: each lead byte tells the sequence length.
                var i = 0, n = 0
                while i < utf8.count {
                    let b = UInt32(utf8[i])
                    var v: UInt32
                    if b < 0x80 {
                        v = b
                        i += 1
                    } else if b < 0xE0 {
                        v = (b & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
                        i += 2
                    } else if b < 0xF0 {
                        v = (b & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
                        i += 3
                    } else {
                        v = (b & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6 | UInt32(utf8[i + 3] & 0x3F)
                        i += 4
                    }
                    out[n] = unsafeBitCast(v, to: Unicode.Scalar.self)  // valid: decoded from a String
                    n += 1
                }
                initialized = n
            }
        }
    }

    /// Folds each scalar and drops pinyin annotations (told to `dropped`); returns the units
    /// and, for each unit, the index of the scalar it came from.
    /// `mapping: false` leaves `source` empty (lexicon entries need no map back).
    /// Articles take two passes over the scalars; lexicon entries one.
    private static func fold(_ scalars: [Unicode.Scalar], dropped: inout [Range<Int>], mapping: Bool = true) -> (units: [UInt16], source: [Int32]) {
        let folding = ScriptFolding.shared
        return scalars.withUnsafeBufferPointer { scalars in
            guard mapping else {
                // lexicon entries, a few characters each: one pass
                var units: [UInt16] = []
                units.reserveCapacity(scalars.count + scalars.count / 8)
                var i = 0
                while i < scalars.count {
                    if (scalars[i] == "(" || scalars[i] == "（"), i > 0, let end = PinyinAnnotation.end(in: scalars, openingAt: i) {
                        dropped.append(i..<end)
                        i = end
                        continue
                    }
                    _ = folding.fold(scalars[i], into: &units)
                    i += 1
                }
                return (units, [])
            }
            // Pass 1 finds what is not one unit known without ICU (pinyin annotations, ICU
            // folds) and the exact length; pass 2 writes the units into arrays of that length
            // (an append per unit costs more than the fold itself).
            var special: [(range: Range<Int>, units: [UInt16])] = []
            var count = 0
            var i = 0
            while i < scalars.count {
                let s = scalars[i]
                // a comma right before 、, another comma or 。 is a mirror site's garble (常委,、部长;
                // 议程,,日程): dropped, so that a list reads as written
                if s == "," || s == "，", i + 1 < scalars.count, Self.garbledCommaFollowers.contains(scalars[i + 1]) {
                    dropped.append(i..<(i + 1))
                    special.append((i..<(i + 1), []))
                    i += 1
                    continue
                }
                // a full stop typed as an ASCII period between two ideographs (…会议.市委书记…)
                // ends the sentence as 。 does
                if s == ".", i > 0, i + 1 < scalars.count, PinyinAnnotation.isIdeograph(scalars[i - 1]), PinyinAnnotation.isIdeograph(scalars[i + 1]) {
                    special.append((i..<(i + 1), [Self.ideographicFullStop]))
                    count += 1
                    i += 1
                    continue
                }
                if s != "(", s != "（", s != "<", s != "&", folding.isSingleUnit(s.value) {
                    count += 1
                    i += 1
                    continue
                }
                if s == "<" || s == "&", let markup = LeftoverMarkup.end(in: scalars, at: i) {
                    if markup.reading == .lineBreak {
                        special.append((i..<markup.end, [0x0A]))
                        count += 1
                    } else {
                        dropped.append(i..<markup.end)
                        special.append((i..<markup.end, []))
                    }
                    i = markup.end
                    continue
                }
                if (s == "(" || s == "（"), i > 0, let end = PinyinAnnotation.end(in: scalars, openingAt: i) {
                    dropped.append(i..<end)
                    special.append((i..<end, []))
                    i = end
                    continue
                }
                var folded: [UInt16] = []
                _ = folding.fold(s, into: &folded)
                count += folded.count
                special.append((i..<(i + 1), folded))
                i += 1
            }
            var source = [Int32](repeating: 0, count: count)
            var units = [UInt16](repeating: 0, count: count)
            units.withUnsafeMutableBufferPointer { units in
                source.withUnsafeMutableBufferPointer { source in
                    var n = 0, i = 0
                    for k in 0...special.count {
                        let stop = k < special.count ? special[k].range.lowerBound : scalars.count
                        while i < stop {
                            units[n] = folding.singleUnit(scalars[i].value)
                            source[n] = Int32(i)
                            n += 1
                            i += 1
                        }
                        guard k < special.count else { break }
                        for u in special[k].units {
                            units[n] = u
                            source[n] = Int32(i)
                            n += 1
                        }
                        i = special[k].range.upperBound
                    }
                }
            }
            return (units, source)
        }
    }

    /// What a garbled comma stands before (see `fold`).
    static let garbledCommaFollowers: Set<Unicode.Scalar> = ["、", ",", "，", "。"]

    static let ideographicFullStop: UInt16 = 0x3002

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
        let hi = Int(sourceStart[max(0, min(r.upperBound - 1, units.count - 1))]) + 1
        return lo..<max(lo, hi)
    }

    /// The original text of a normalized range, exactly as written (annotations included).
    public func originalText(_ r: Range<Int>) -> String {
        let o = originalRange(r)
        return originalScalars.withUnsafeBufferPointer { Self.string(UnsafeBufferPointer(rebasing: $0[o])) }
    }

    /// The original text of a normalized range with converter annotations left out:
    /// how names are reported (`盧榮(róng)春` → `盧榮春`).
    public func writtenText(_ r: Range<Int>) -> String {
        let o = originalRange(r)
        var d = droppedAnnotations.partitionPoint { $0.upperBound > o.lowerBound }
        if d == droppedAnnotations.count || droppedAnnotations[d].lowerBound >= o.upperBound {
            return originalText(r)  // no annotation inside: the common case
        }
        var kept: [Unicode.Scalar] = []
        kept.reserveCapacity(o.count)
        var i = o.lowerBound
        while i < o.upperBound {
            if d < droppedAnnotations.count, droppedAnnotations[d].lowerBound == i {
                i = droppedAnnotations[d].upperBound
                d += 1
                continue
            }
            kept.append(originalScalars[i])
            i += 1
        }
        return kept.withUnsafeBufferPointer { Self.string($0) }
    }

    /// The normalized text of a range.
    public func text(_ r: Range<Int>) -> String {
        let r = r.clamped(to: 0..<units.count)
        return units.withUnsafeBufferPointer { Self.string(UnsafeBufferPointer(rebasing: $0[r])) }
    }

    /// A string of UTF-16 units, transcoded here: `String(decoding:as: UTF16.self)` of a slice
    /// took the generic slow path, thousands of instructions for a short name. A lone surrogate
    /// becomes U+FFFD, as with `String(decoding:as:)`.
    static func string(_ units: UnsafeBufferPointer<UInt16>) -> String {
        String(unsafeUninitializedCapacity: units.count * 3) { out in
            var n = 0
            var i = 0
            while i < units.count {
                var v = UInt32(units[i])
                i += 1
                if v >= 0xD800 && v < 0xE000 {
                    if v < 0xDC00, i < units.count, units[i] & 0xFC00 == 0xDC00 {
                        v = 0x10000 + (v - 0xD800) << 10 + (UInt32(units[i]) - 0xDC00)
                        i += 1
                    } else {
                        v = 0xFFFD
                    }
                }
                n += encodeUTF8(v, into: out, at: n)
            }
            return n
        }
    }

    /// A string of scalars, encoded here (faster than appending to a `String.UnicodeScalarView`).
    static func string(_ scalars: UnsafeBufferPointer<Unicode.Scalar>) -> String {
        String(unsafeUninitializedCapacity: scalars.count * 4) { out in
            var n = 0
            for s in scalars { n += encodeUTF8(s.value, into: out, at: n) }
            return n
        }
    }

    @inline(__always)
    private static func encodeUTF8(_ v: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at n: Int) -> Int {
        if v < 0x80 {
            out[n] = UInt8(v)
            return 1
        }
        if v < 0x800 {
            out[n] = UInt8(0xC0 | v >> 6)
            out[n + 1] = UInt8(0x80 | v & 0x3F)
            return 2
        }
        if v < 0x10000 {
            out[n] = UInt8(0xE0 | v >> 12)
            out[n + 1] = UInt8(0x80 | v >> 6 & 0x3F)
            out[n + 2] = UInt8(0x80 | v & 0x3F)
            return 3
        }
        out[n] = UInt8(0xF0 | v >> 18)
        out[n + 1] = UInt8(0x80 | v >> 12 & 0x3F)
        out[n + 2] = UInt8(0x80 | v >> 6 & 0x3F)
        out[n + 3] = UInt8(0x80 | v & 0x3F)
        return 4
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
    static func end(in scalars: UnsafeBufferPointer<Unicode.Scalar>, openingAt open: Int) -> Int? {
        let previous = scalars[open - 1]
        guard isIdeograph(previous) || previous == "?" else { return nil }
        var j = open + 1
        var hasVowel = false
        while j < scalars.count, j - open <= 7, letters.contains(scalars[j]) {
            if vowels.contains(scalars[j]) { hasVowel = true }
            j += 1
        }
        let length = j - open - 1
        // some converters leave a space before the closing parenthesis: 會(huì )
        var close = j
        if close < scalars.count, scalars[close] == " " { close += 1 }
        guard length >= 1, length <= 6, hasVowel, close < scalars.count, scalars[close] == ")" || scalars[close] == "）" else { return nil }
        return close + 1
    }

    static func isIdeograph(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v) || (0x20000...0x2FFFF).contains(v)
    }
}
