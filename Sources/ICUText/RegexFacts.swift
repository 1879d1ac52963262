/// What an ICU pattern's syntax tells about its matches, to skip text that cannot hold one:
/// - `first`: the units every match starts with;
/// - `required`: units of which every match holds at least one;
/// - `before`: the units that may stand right before a match (from a leading look-behind
///   or `^`), unless the match starts the text;
/// - `maxLength`: the longest a match can be, in units;
/// - `second`: the units that may stand right after a match's first unit (inside the match, or
///   required there by a lookahead such as `说(?=[,:])`);
/// - `last`: the units that may stand right before a match's end (its last unit, or what a
///   trailing look-behind requires);
/// - `branches`: for a pattern that opens with an alternation (`(?:指出|强调|作…党课)(?!的)`),
///   the facts of each branch by its first unit, since one branch's loose second unit or
///   required unit would otherwise loosen the test for all.
///
/// Read from literals, simple classes (`[一二三]`, `[0-9.]`), groups, alternations and
/// quantifiers; look-arounds and anchors take no text. What this reader does not know (`.`,
/// `\p{…}`, `\s`, negated or nested classes) counts as any unit; flags other than `m`/`s`,
/// comments and `\Q…\E` make it give up. Both sets are supersets of the truth, so the matches
/// found with them are the ones ICU finds alone.
struct RegexFacts {
    var first: UnitSet?
    var required: UnitSet?
    var before: UnitSet?
    var maxLength: Int?
    var second: UnitSet?
    var last: UnitSet?
    var branches: [UInt16: [Branch]]?

    /// What a match through one branch of the opening alternation holds: the unit after its
    /// first (nil: any), and one of `required` within its first `reach` units (nil: nothing known).
    struct Branch {
        var second: [UInt16]?
        var required: [UInt16]?
        var reach: Int

        /// A match through this branch may start at `p` (whose unit is one the branch starts with).
        @inline(__always)
        func admits(_ text: UnsafeBufferPointer<UInt16>, at p: Int) -> Bool {
            if let second, p + 1 >= text.count || !second.contains(text[p + 1]) { return false }
            if let required {
                let end = min(text.count, p + reach)
                var i = p
                while i < end, !required.contains(text[i]) { i += 1 }
                if i == end { return false }
            }
            return true
        }
    }

    /// The units the pre-filter scans for: those a match starts with, else those before it.
    var scanUnits: UnitSet? { first ?? before }

    /// What one piece of a pattern tells: its first and last units (nil: any), whether it can
    /// match the empty string or never takes text, units it surely holds, the units that may
    /// stand before it (nil: none known).
    private struct Info {
        var first: [UInt16]?
        var last: [UInt16]?
        var nullable: Bool
        var zeroWidth = false
        var required: [UInt16]?
        var before: [UInt16]?
        /// The longest match in units (nil: unbounded).
        var maxLength: Int? = 1
        /// Units at offset 1 of a match of two units or more ([]: there is none; nil: any).
        var second: [UInt16]? = []
        /// Whether it can match exactly one unit.
        var one = true
        /// What a one-unit match's own assertions require of the unit after it (nil: nothing).
        var afterOne: [UInt16]?
        /// What an empty match's assertions require of the unit at its place (nil: nothing).
        var atEmpty: [UInt16]?
        /// The branches of an alternation that opens every match (nil: none, or not known).
        var branches: [Info]?

        static let assertion = Info(first: [], last: [], nullable: true, zeroWidth: true, maxLength: 0, one: false)
        /// One code point: two units for a supplementary one.
        static let anyUnit = Info(first: nil, last: nil, nullable: false, maxLength: 2, second: nil)

        static func units(_ set: [UInt16]) -> Info { Info(first: set, last: set, nullable: false, required: set) }

        /// The unit right before the end of a match: its last unit, or what an assertion
        /// requires before it.
        var ends: [UInt16]? { zeroWidth ? before : nullable ? nil : last }
    }

    /// ICU's line terminators: what stands before a `^` that does not start the text.
    static let lineTerminators: [UInt16] = [0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029]
    /// What `\s` matches (White_Space and \p{Z}, with a few more to be safe: a superset is enough).
    static let spaces: [UInt16] = Array(0x09...0x0D) + [0x20, 0x85, 0xA0, 0x1680, 0x180E] + Array(0x2000...0x200B)
        + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF]

    private struct Failure: Error {}

    /// Units of either set (nil: any).
    private static func union(_ a: [UInt16]?, _ b: [UInt16]?) -> [UInt16]? { a.flatMap { a in b.map { a + $0 } } }
    /// Units of both sets (nil: any).
    private static func meet(_ a: [UInt16]?, _ b: [UInt16]?) -> [UInt16]? {
        guard let a else { return b }
        guard let b else { return a }
        return a.filter(b.contains)
    }

    /// Nothing known.
    init() {}

    init(_ pattern: String) {
        var reader = Reader(p: Array(pattern.utf16))
        guard let info = try? reader.alternation(), reader.i == reader.p.count, !info.nullable else { return }
        first = info.first.map({ UnitSet(units: $0) })
        required = info.required.map({ UnitSet(units: $0) })
        before = info.before.map({ UnitSet(units: $0) })
        maxLength = info.maxLength
        last = info.ends.map({ UnitSet(units: $0) })
        // A one-unit match leaves the next unit free unless its lookahead tells it.
        second = (info.one ? Self.union(info.second, info.afterOne) : info.second).map({ UnitSet(units: $0) })
        if let options = info.branches, options.allSatisfy({ $0.first != nil && !$0.nullable }) {
            var byFirst: [UInt16: [Branch]] = [:]
            for option in options {
                let branch = Branch(second: option.one ? Self.union(option.second, option.afterOne) : option.second,
                                    required: option.maxLength == nil ? nil : option.required, reach: option.maxLength ?? 0)
                for u in Set(option.first ?? []) { byFirst[u, default: []].append(branch) }
            }
            // Worth a test only where some first unit leads to a branch that tells something.
            if byFirst.values.contains(where: { $0.allSatisfy { $0.second != nil || $0.required != nil } }) { branches = byFirst }
        }
    }

    private struct Reader {
        let p: [UInt16]
        var i = 0
        /// Groups open around the reader: only the pattern's own alternation and that of a group
        /// at its top can open every match, so deeper ones keep no branches (copied at every step).
        var depth = 0

        static func u(_ c: Unicode.Scalar) -> UInt16 { UInt16(c.value) }

        var peek: UInt16? { i < p.count ? p[i] : nil }

        /// Branches separated by `|`, up to `)` or the end (not consumed).
        mutating func alternation() throws -> Info {
            var info = try sequence()
            let keepsBranches = depth <= 1
            var options = keepsBranches ? [info] : []
            while peek == Self.u("|") {
                i += 1
                let branch = try sequence()
                if keepsBranches { options.append(branch) }
                info.second = RegexFacts.union(info.second, branch.second)
                info.afterOne = info.one && branch.one ? RegexFacts.union(info.afterOne, branch.afterOne) : info.one ? info.afterOne : branch.afterOne
                info.atEmpty = info.nullable && branch.nullable ? RegexFacts.union(info.atEmpty, branch.atEmpty) : info.nullable ? info.atEmpty : branch.atEmpty
                info.one = info.one || branch.one
                info.first = info.first.flatMap { a in branch.first.map { a + $0 } }
                info.last = info.last.flatMap { a in branch.last.map { a + $0 } }
                info.nullable = info.nullable || branch.nullable
                info.zeroWidth = info.zeroWidth && branch.zeroWidth
                info.required = info.required.flatMap { a in branch.required.map { a + $0 } }
                info.before = info.before.flatMap { a in branch.before.map { a + $0 } }
                info.maxLength = info.maxLength.flatMap { a in branch.maxLength.map { max(a, $0) } }
            }
            if options.count > 1 { info.branches = options }
            return info
        }

        /// Items up to `|`, `)` or the end: the first units of the items up to the first one
        /// that must take text; of the units the items surely hold, the fewest (the later on a tie).
        mutating func sequence() throws -> Info {
            var info = Info.assertion
            var lastTaker: Info?
            while let c = peek, c != Self.u("|"), c != Self.u(")") {
                let item = try self.item()
                // The unit after the first: the second of the items so far, the first of this
                // item after a one-unit start, or this item's second after an empty start.
                var second = info.second
                if info.one { second = RegexFacts.union(second, item.first) }
                if info.nullable { second = RegexFacts.union(second, item.second) }
                var afterOne: [[UInt16]?] = []
                if info.one && item.nullable { afterOne.append(RegexFacts.meet(info.afterOne, item.atEmpty)) }
                if info.nullable && item.one { afterOne.append(item.afterOne) }
                info.second = second
                info.afterOne = afterOne.isEmpty ? nil : afterOne.dropFirst().reduce(afterOne[0], RegexFacts.union)
                info.atEmpty = RegexFacts.meet(info.atEmpty, item.atEmpty)
                info.one = (info.one && item.nullable) || (info.nullable && item.one)
                if info.nullable {
                    info.first = info.first.flatMap { a in item.first.map { a + $0 } }
                    info.nullable = item.nullable
                }
                // Assertions before the first unit tell what stands before the match (each must
                // hold: any one will do).
                if info.zeroWidth {
                    if info.before == nil { info.before = item.before }
                    // The first item taking text opens every match: its branches are the sequence's.
                    if !item.zeroWidth, !item.nullable { info.branches = item.branches }
                    info.zeroWidth = item.zeroWidth
                }
                if !item.zeroWidth { lastTaker = item }
                info.maxLength = info.maxLength.flatMap { a in item.maxLength.map { a + $0 } }
                if let r = item.required, r.count <= (info.required?.count ?? Int.max) { info.required = r }
            }
            // The last unit: that of the last item taking text, when it must take some.
            info.last = info.zeroWidth ? [] : lastTaker.flatMap { $0.nullable ? nil : $0.last }
            return info
        }

        /// An atom and its quantifier.
        mutating func item() throws -> Info {
            var info = try atom()
            guard let c = peek else { return info }
            let atom = info
            // How many times the atom may repeat (nil: unbounded).
            var times: (min: Int, max: Int?)
            switch c {
            case Self.u("?"):
                i += 1
                info.nullable = true
                times = (0, 1)
            case Self.u("*"):
                i += 1
                info.nullable = true
                info.maxLength = nil
                times = (0, nil)
            case Self.u("+"):
                i += 1
                info.maxLength = nil
                times = (1, nil)
            case Self.u("{"):
                i += 1
                var min = 0, digits = 0
                while let d = peek, d >= 0x30, d <= 0x39 {
                    min = min * 10 + Int(d - 0x30)
                    digits += 1
                    i += 1
                }
                guard digits > 0, min < 100_000 else { throw Failure() }
                var max: Int? = min
                if peek == Self.u(",") {
                    i += 1
                    max = nil
                    var m = 0
                    while let d = peek, d >= 0x30, d <= 0x39, m < 100_000 {
                        m = m * 10 + Int(d - 0x30)
                        max = m
                        i += 1
                    }
                }
                guard peek == Self.u("}") else { throw Failure() }
                i += 1
                if min == 0 { info.nullable = true }
                info.maxLength = info.maxLength.flatMap { a in max.map { a * $0 } }
                times = (min, max)
            default:
                return info
            }
            // A round may follow another: what its branches tell of a match's start no longer holds.
            info.branches = nil
            // A one-unit round followed by another: the second unit is a first one.
            let repeats = times.max.map { $0 >= 2 } ?? true
            if repeats, atom.one { info.second = RegexFacts.union(info.second, atom.first) }
            info.one = atom.one && (times.min <= 1 || atom.nullable)
            // After a one-unit round, an empty one may assert something else (or nothing).
            if repeats, atom.nullable { info.afterOne = nil }
            if times.min == 0 { info.atEmpty = nil }
            // Lazy and possessive forms.
            if peek == Self.u("?") || peek == Self.u("+") { i += 1 }
            if info.nullable {
                info.required = nil
                if info.zeroWidth { info.before = nil }  // an optional assertion asserts nothing
            }
            return info
        }

        mutating func atom() throws -> Info {
            guard let c = peek else { throw Failure() }
            i += 1
            switch c {
            case Self.u("("):
                var zeroWidth = false
                var lookbehind = false
                var lookahead = false
                if peek == Self.u("?") {
                    i += 1
                    guard let k = peek else { throw Failure() }
                    switch k {
                    case Self.u(":"), Self.u(">"):
                        i += 1
                    case Self.u("="), Self.u("!"):
                        lookahead = k == Self.u("=")
                        i += 1
                        zeroWidth = true
                    case Self.u("<"):
                        i += 1
                        if peek == Self.u("=") || peek == Self.u("!") {
                            lookbehind = peek == Self.u("=")
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
                        return .assertion
                    }
                }
                depth += 1
                let inner = try alternation()
                depth -= 1
                guard peek == Self.u(")") else { throw Failure() }
                i += 1
                guard zeroWidth else { return inner }
                var info = Info.assertion
                // (?<=…): the unit before is one its branches end with.
                if lookbehind { info.before = inner.ends }
                // (?=…): the unit here is one its branches start with (unless it may be empty).
                if lookahead, !inner.nullable { info.atEmpty = inner.first }
                return info
            case Self.u("["):
                guard let set = try charClass() else { return .anyUnit }
                return .units(set)
            case Self.u("^"):
                var info = Info.assertion
                info.before = RegexFacts.lineTerminators
                return info
            case Self.u("$"):
                return .assertion
            case Self.u("."):
                return .anyUnit
            case Self.u("\\"):
                if let e = peek, "bBAzZ".utf16.contains(e) {
                    i += 1
                    return .assertion
                }
                return try escape().map { .units($0) } ?? .anyUnit
            case Self.u("*"), Self.u("+"), Self.u("?"), Self.u("{"), Self.u(")"), Self.u("|"):
                throw Failure()
            default:
                guard !UTF16.isLeadSurrogate(c), !UTF16.isTrailSurrogate(c) else { return .anyUnit }
                return .units([c])
            }
        }

        /// After a `\`: the units it stands for, or nil for a class this reader does not
        /// spell out (consumed all the same).
        mutating func escape() throws -> [UInt16]? {
            guard let e = peek else { throw Failure() }
            i += 1
            switch e {
            case Self.u("n"): return [0x0A]
            case Self.u("r"): return [0x0D]
            case Self.u("t"): return [0x09]
            case Self.u("f"): return [0x0C]
            case Self.u("a"): return [0x07]
            case Self.u("e"): return [0x1B]
            case Self.u("s"): return RegexFacts.spaces
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
            case Self.u("d"), Self.u("D"), Self.u("w"), Self.u("W"), Self.u("S"), Self.u("h"), Self.u("H"),
                 Self.u("v"), Self.u("V"):
                return nil
            case Self.u("u"), Self.u("x"):
                // \uhhhh, \xhh, \x{h…}: one code point; one unit unless it is supplementary.
                let braced = e == Self.u("x") && peek == Self.u("{")
                if braced { i += 1 }
                var value = 0, digits = 0
                while let h = peek, let d = Self.hexValue(h), braced || digits < (e == Self.u("u") ? 4 : 2), value <= 0x10FFFF {
                    value = value * 16 + d
                    digits += 1
                    i += 1
                }
                if braced {
                    guard peek == Self.u("}") else { throw Failure() }
                    i += 1
                }
                guard digits == (e == Self.u("u") ? 4 : 2) || (braced && digits > 0), value <= 0x10FFFF else { throw Failure() }
                return value <= 0xFFFF && !(0xD800...0xDFFF).contains(value) ? [UInt16(value)] : nil
            default:
                // Other letters and digits (\b \B \A \z \Z \G \Q \1 …) have meanings this
                // reader does not follow; punctuation and symbols stand for themselves.
                if Self.isLetter(e) || (e >= 0x30 && e <= 0x39) || UTF16.isLeadSurrogate(e) || UTF16.isTrailSurrogate(e) {
                    throw Failure()
                }
                return [e]
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
            // `[]…]` and `[:Han:]` (a property, not the units : H a n) are beyond this reader;
            // `[:]` and `[:>]` are plain classes.
            if peek == Self.u("]") { throw Failure() }
            if peek == Self.u(":"), let close = p[i...].firstIndex(of: Self.u("]")), close > i + 1, p[close - 1] == Self.u(":") {
                throw Failure()
            }
            var previous: UInt16?
            while let c = peek, c != Self.u("]") {
                i += 1
                var unit: UInt16?
                var units: [UInt16]?
                switch c {
                case Self.u("["):
                    _ = try charClass()
                    known = false
                case Self.u("&"):
                    known = false
                case Self.u("\\"):
                    units = try escape()
                    if units == nil { known = false } else if units!.count == 1 { unit = units![0] }
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
                        if hi == Self.u("\\") {
                            let escaped = try escape()
                            top = escaped?.count == 1 ? escaped![0] : nil
                        }
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
                if let unit { set.append(unit) } else if let units { set += units }
                previous = unit
            }
            guard peek == Self.u("]") else { throw Failure() }
            i += 1
            return known ? set : nil
        }

        static func hexValue(_ u: UInt16) -> Int? {
            switch u {
            case 0x30...0x39: Int(u - 0x30)
            case 0x41...0x46, 0x61...0x66: Int(u | 0x20) - 0x61 + 10
            default: nil
            }
        }

        static func isLetter(_ u: UInt16) -> Bool { (u | 0x20) >= 0x61 && (u | 0x20) <= 0x7A || u >= 0x80 }
    }
}
