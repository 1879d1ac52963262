/// A set of UTF-16 code units as a 65,536-bit map (8 KB): one load per membership test.
struct UnitBitmap: Sendable {
    private var bits = [UInt64](repeating: 0, count: 1024)

    init<S: Sequence>(_ units: S) where S.Element == UInt16 {
        for u in units { bits[Int(u >> 6)] |= 1 << UInt64(u & 63) }
    }

    @inline(__always)
    func contains(_ u: UInt16) -> Bool { bits[Int(u >> 6)] & (1 << UInt64(u & 63)) != 0 }

    /// Whether any unit of `text` is in the set.
    func intersects(_ text: UnsafeBufferPointer<UInt16>) -> Bool {
        bits.withUnsafeBufferPointer { b in
            for u in text where b[Int(u >> 6)] & (1 << UInt64(u & 63)) != 0 { return true }
            return false
        }
    }
}

/// What an ICU pattern's syntax tells about its matches, to skip text that cannot hold one:
/// - `first`: the units every match starts with;
/// - `required`: units of which every match holds at least one.
///
/// Read from literals, simple classes (`[一二三]`, `[0-9.]`), groups, alternations and
/// quantifiers; look-arounds and anchors take no text. What this reader does not know (`.`,
/// `\p{…}`, `\s`, negated or nested classes) counts as any unit; flags other than `m`/`s`,
/// comments and `\Q…\E` make it give up. Both sets are supersets of the truth, so the matches
/// found with them are the ones ICU finds alone.
struct RegexFacts {
    var first: UnitBitmap?
    var required: UnitBitmap?

    /// What one piece of a pattern tells: its first units (nil: any), whether it can match
    /// the empty string, units it surely holds (nil: none known).
    private struct Info {
        var first: [UInt16]?
        var nullable: Bool
        var required: [UInt16]?

        static let zeroWidth = Info(first: [], nullable: true, required: nil)
        static let anyUnit = Info(first: nil, nullable: false, required: nil)
        static let anyOrNone = Info(first: nil, nullable: true, required: nil)
    }

    private struct Failure: Error {}

    /// Nothing known.
    init() {}

    init(_ pattern: String) {
        var reader = Reader(p: Array(pattern.utf16))
        guard let info = try? reader.alternation(), reader.i == reader.p.count, !info.nullable else { return }
        first = info.first.map(UnitBitmap.init)
        required = info.required.map(UnitBitmap.init)
    }

    private struct Reader {
        let p: [UInt16]
        var i = 0

        static func u(_ c: Unicode.Scalar) -> UInt16 { UInt16(c.value) }

        var peek: UInt16? { i < p.count ? p[i] : nil }

        /// Branches separated by `|`, up to `)` or the end (not consumed).
        mutating func alternation() throws -> Info {
            var info = try sequence()
            while peek == Self.u("|") {
                i += 1
                let branch = try sequence()
                info.first = info.first.flatMap { a in branch.first.map { a + $0 } }
                info.nullable = info.nullable || branch.nullable
                info.required = info.required.flatMap { a in branch.required.map { a + $0 } }
            }
            return info
        }

        /// Items up to `|`, `)` or the end: the first units of the items up to the first one
        /// that must take text; of the units the items surely hold, the fewest (the later on a tie).
        mutating func sequence() throws -> Info {
            var info = Info(first: [], nullable: true, required: nil)
            while let c = peek, c != Self.u("|"), c != Self.u(")") {
                let item = try self.item()
                if info.nullable {
                    info.first = info.first.flatMap { a in item.first.map { a + $0 } }
                    info.nullable = item.nullable
                }
                if let r = item.required, r.count <= (info.required?.count ?? Int.max) { info.required = r }
            }
            return info
        }

        /// An atom and its quantifier.
        mutating func item() throws -> Info {
            var info = try atom()
            guard let c = peek else { return info }
            switch c {
            case Self.u("?"), Self.u("*"):
                i += 1
                info.nullable = true
            case Self.u("+"):
                i += 1
            case Self.u("{"):
                i += 1
                var min = 0, digits = 0
                while let d = peek, d >= 0x30, d <= 0x39 {
                    min = min * 10 + Int(d - 0x30)
                    digits += 1
                    i += 1
                }
                guard digits > 0, min < 100_000 else { throw Failure() }
                while let d = peek, d != Self.u("}") {
                    guard d == Self.u(",") || (d >= 0x30 && d <= 0x39) else { throw Failure() }
                    i += 1
                }
                guard peek == Self.u("}") else { throw Failure() }
                i += 1
                if min == 0 { info.nullable = true }
            default:
                return info
            }
            // Lazy and possessive forms.
            if peek == Self.u("?") || peek == Self.u("+") { i += 1 }
            if info.nullable { info.required = nil }
            return info
        }

        mutating func atom() throws -> Info {
            guard let c = peek else { throw Failure() }
            i += 1
            switch c {
            case Self.u("("):
                var zeroWidth = false
                if peek == Self.u("?") {
                    i += 1
                    guard let k = peek else { throw Failure() }
                    switch k {
                    case Self.u(":"), Self.u(">"):
                        i += 1
                    case Self.u("="), Self.u("!"):
                        i += 1
                        zeroWidth = true
                    case Self.u("<"):
                        i += 1
                        if peek == Self.u("=") || peek == Self.u("!") {
                            i += 1
                            zeroWidth = true
                        } else {
                            // A named group: (?<name>…)
                            while let n = peek, n != Self.u(">") {
                                guard (n >= 0x30 && n <= 0x39) || Self.isLetter(n) else { throw Failure() }
                                i += 1
                            }
                            guard peek == Self.u(">") else { throw Failure() }
                            i += 1
                        }
                    default:
                        // Flags: (?m) and (?s) change no unit a match starts with or holds;
                        // others (i, x, w…) might.
                        while let f = peek, f == Self.u("m") || f == Self.u("s") { i += 1 }
                        guard peek == Self.u(")") else { throw Failure() }
                        i += 1
                        return .zeroWidth
                    }
                }
                let inner = try alternation()
                guard peek == Self.u(")") else { throw Failure() }
                i += 1
                return zeroWidth ? .zeroWidth : inner
            case Self.u("["):
                guard let set = try charClass() else { return .anyUnit }
                return Info(first: set, nullable: false, required: set)
            case Self.u("^"), Self.u("$"):
                return .zeroWidth
            case Self.u("."):
                return .anyUnit
            case Self.u("\\"):
                if let e = peek, "bBAzZ".utf16.contains(e) {
                    i += 1
                    return .zeroWidth
                }
                return try escape().map { Info(first: [$0], nullable: false, required: [$0]) } ?? .anyUnit
            case Self.u("*"), Self.u("+"), Self.u("?"), Self.u("{"), Self.u(")"), Self.u("|"):
                throw Failure()
            default:
                guard !UTF16.isLeadSurrogate(c), !UTF16.isTrailSurrogate(c) else { return .anyUnit }
                return Info(first: [c], nullable: false, required: [c])
            }
        }

        /// After a `\`: the unit it stands for, or nil for a class (consumed all the same).
        mutating func escape() throws -> UInt16? {
            guard let e = peek else { throw Failure() }
            i += 1
            switch e {
            case Self.u("n"): return 0x0A
            case Self.u("r"): return 0x0D
            case Self.u("t"): return 0x09
            case Self.u("f"): return 0x0C
            case Self.u("a"): return 0x07
            case Self.u("e"): return 0x1B
            case Self.u("p"), Self.u("P"), Self.u("N"):
                // \p{Han}, \pL, \N{NAME}
                if peek == Self.u("{") {
                    while let c = peek, c != Self.u("}") { i += 1 }
                    guard peek == Self.u("}") else { throw Failure() }
                    i += 1
                } else {
                    guard peek != nil else { throw Failure() }
                    i += 1
                }
                return nil
            case Self.u("d"), Self.u("D"), Self.u("w"), Self.u("W"), Self.u("s"), Self.u("S"), Self.u("h"), Self.u("H"),
                 Self.u("v"), Self.u("V"):
                return nil
            default:
                // Other letters and digits (\b \B \A \z \Z \G \x \u \Q \1 …) have meanings this
                // reader does not follow; punctuation and symbols stand for themselves.
                if Self.isLetter(e) || (e >= 0x30 && e <= 0x39) || UTF16.isLeadSurrogate(e) || UTF16.isTrailSurrogate(e) {
                    throw Failure()
                }
                return e
            }
        }

        /// A class after its `[`: its units, or nil when it holds more than literals and
        /// ranges (a negation, a nested class, a property, `--`, `&&`); consumed either way.
        mutating func charClass() throws -> [UInt16]? {
            var set: [UInt16] = []
            var known = true
            if peek == Self.u("^") {
                known = false
                i += 1
            }
            if peek == Self.u("]") { throw Failure() }
            var previous: UInt16?
            while let c = peek, c != Self.u("]") {
                i += 1
                var unit: UInt16?
                switch c {
                case Self.u("["):
                    _ = try charClass()
                    known = false
                case Self.u("&"):
                    known = false
                case Self.u("\\"):
                    unit = try escape()
                    if unit == nil { known = false }
                case Self.u("-"):
                    // `--` is a set difference; a `-` between two literals a range; else a literal.
                    if peek == Self.u("-") {
                        i += 1
                        known = false
                        continue
                    }
                    if let lo = previous, let hi = peek, hi != Self.u("]"), hi != Self.u("["), hi != Self.u("&") {
                        i += 1
                        var top: UInt16? = hi
                        if hi == Self.u("\\") { top = try escape() }
                        if let top, lo <= top, !UTF16.isLeadSurrogate(top), !UTF16.isTrailSurrogate(top) {
                            set += lo...top
                        } else {
                            known = false
                        }
                        previous = nil
                        continue
                    }
                    unit = c
                default:
                    if UTF16.isLeadSurrogate(c) || UTF16.isTrailSurrogate(c) { known = false } else { unit = c }
                }
                if let unit { set.append(unit) }
                previous = unit
            }
            guard peek == Self.u("]") else { throw Failure() }
            i += 1
            return known ? set : nil
        }

        static func isLetter(_ u: UInt16) -> Bool { (u | 0x20) >= 0x61 && (u | 0x20) <= 0x7A || u >= 0x80 }
    }
}
