import ICUText

/// Sentence boundaries by the rules of UAX #29 (SB1–SB998), the rules ICU's sentence break
/// iterator implements, read straight off the Sentence_Break property.
///
/// Why not ICU's iterator: each call resets it and runs its state machine over every unit, ~8K
/// instructions per line of news text, and it has to be asked once per line. Breaks can only
/// follow a terminator (., 。, ?, !…) or a paragraph separator, so this scan classifies each
/// unit with one table lookup and looks closer only there. `SentenceBoundaryTests` compares it
/// with ICU on the samples, PD1998 when present, and random text of every property class.
enum SentenceBoundaries {
    typealias Class = SentenceBreakProperty

    /// Boundaries of `units[range]`: `range.lowerBound`, every break inside, `range.upperBound`.
    static func boundaries(_ units: UnsafeBufferPointer<UInt16>, in range: Range<Int>) -> [Int] {
        var out = [range.lowerBound]
        guard !range.isEmpty else { return out } // no sentence, as ICU
        basicPlane.withUnsafeBufferPointer { table in
            Scanner(units: units, end: range.upperBound, table: table).scan(from: range.lowerBound) { out.append($0) }
        }
        out.append(range.upperBound)
        return out
    }

    /// The property of every code point of the Basic Multilingual Plane (raw values), from the
    /// runs embed-rules asked ICU for at build time.
    static let basicPlane: [UInt8] = {
        var runs: [(start: Int, value: UInt8)] = []
        for scalar in EmbeddedRules.sentenceBreakRuns.unicodeScalars {
            if scalar.value >= 0x10000 {
                runs.append((Int(scalar.value - 0x10000), 0))
            } else if !runs.isEmpty {
                runs[runs.count - 1].value = UInt8(scalar.value) - UInt8(ascii: "A")
            }
        }
        var table = [UInt8](repeating: 0, count: 0x10000)
        for (k, run) in runs.enumerated() {
            let end = k + 1 < runs.count ? runs[k + 1].start : 0x10000
            for i in run.start..<end { table[i] = run.value }
        }
        return table
    }()

    /// One pass over the text. An item is a code point with the Extend and Format code points
    /// that follow it (SB5: they join what precedes them, except at the start and after a
    /// separator); the rules look at items.
    private struct Scanner {
        let units: UnsafeBufferPointer<UInt16>
        let end: Int
        let table: UnsafeBufferPointer<UInt8>

        /// The class of the code point at `i` and the offset after it.
        @inline(__always)
        func codePoint(at i: Int) -> (Class, Int) {
            let u = units[i]
            if u >= 0x4E00 && u <= 0x9FFF { return (.oLetter, i + 1) } // ideographs, most of the text
            if u & 0xFC00 == 0xD800, i + 1 < end, units[i + 1] & 0xFC00 == 0xDC00 {
                return (Class(icu: 0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(units[i + 1]) - 0xDC00)), i + 2)
            }
            return (Class(rawValue: table[Int(u)]) ?? .other, i + 1)
        }

        /// The offset after the Extend and Format code points from `i` on.
        func skipExtend(_ i: Int) -> Int {
            var i = i
            while i < end {
                let (c, next) = codePoint(at: i)
                guard c == .extend || c == .format else { break }
                i = next
            }
            return i
        }

        /// The class of the item at `i` and the offset of the next item.
        func item(at i: Int) -> (Class, Int) {
            let (c, next) = codePoint(at: i)
            return (c, Self.isParaSep(c) ? next : skipExtend(next))
        }

        static func isParaSep(_ c: Class) -> Bool { c == .sep || c == .cr || c == .lf }
        static func isSATerm(_ c: Class) -> Bool { c == .sTerm || c == .aTerm }

        /// Calls `emit` with the offset of each break strictly inside the text.
        func scan(from start: Int, _ emit: (Int) -> Void) {
            var i = start
            var previous: Class? = nil // class of the item before `i` (nil at the start)
            while i < end {
                let (c, afterC) = codePoint(at: i)
                var next = afterC
                if c == .oLetter || c == .other || c == .lower || c == .upper || c == .numeric || c == .sContinue || c == .close || c == .sp {
                    previous = c
                    i = next
                    continue
                }
                if c == .extend || c == .format {
                    if let p = previous, !Self.isParaSep(p) { i = next; continue } // SB5
                    previous = c
                    i = next
                    continue
                }
                if Self.isParaSep(c) {
                    next = afterSeparator(c, next)
                    if next < end { emit(next) } // SB4
                    previous = .lf
                    i = next
                    continue
                }
                // a terminator: SB6–SB11
                var j = skipExtend(next)
                var last = c
                if c == .aTerm, j < end {
                    let (n, _) = item(at: j)
                    // SB6, SB7
                    if n == .numeric || (n == .upper && (previous == .upper || previous == .lower)) {
                        previous = c
                        i = j
                        continue
                    }
                }
                var (n, after) = j < end ? item(at: j) : (Class.other, j)
                while j < end, n == .close { last = n; j = after; (n, after) = j < end ? item(at: j) : (.other, j) }
                while j < end, n == .sp { last = n; j = after; (n, after) = j < end ? item(at: j) : (.other, j) }
                guard j < end else { return }
                if Self.isParaSep(n) { // SB9, SB10; SB11 breaks after the separator
                    let k = afterSeparator(n, j + 1)
                    if k < end { emit(k) }
                    previous = .lf
                    i = k
                    continue
                }
                // SB8, SB8a: no break; else SB11
                if !(c == .aTerm && lowerFollows(from: j)) && n != .sContinue && !Self.isSATerm(n) { emit(j) }
                previous = last
                i = j
            }
        }

        /// The offset after a separator that ends before `next` (SB3: CR LF is one).
        func afterSeparator(_ c: Class, _ next: Int) -> Int {
            guard c == .cr, next < end, units[next] == 0x0A else { return next }
            return next + 1
        }

        /// SB8: whether a lowercase letter comes next, past anything but letters, separators and terminators.
        func lowerFollows(from start: Int) -> Bool {
            var i = start
            while i < end {
                let (c, next) = codePoint(at: i)
                switch c {
                case .lower: return true
                case .oLetter, .upper, .sep, .cr, .lf, .sTerm, .aTerm: return false
                default: i = next
                }
            }
            return false
        }
    }
}
