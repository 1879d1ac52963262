/// Credits as bylines write them: role words (记者, 特约记者, 通讯员, 编辑, 审核…; a role may carry
/// its outlet in front: 云浮融媒记者) followed by names, separated by spaces, 、, commas or
/// garbles. Names are runs of ideographs: a run of several names without spaces (周帅徐登科) is
/// split with the surname model, and single characters standing apart (明 睿) are one
/// space-padded two-character name.
struct CreditGrammar: Sendable {
    let rules: ArticleRules

    struct Name: Equatable {
        /// The name as written (may include the padding space: `明 睿`).
        var range: Range<Int>
        /// The role word as written (`云浮融媒记者`), nil for bare names.
        var role: Range<Int>?
        var isEditor: Bool
    }

    struct Parse {
        var names: [Name] = []
        var hasRole = false
        /// Where parsing stopped.
        var end: Int
        /// The byline closed with 摄 / 摄影 / 供图 (a photo credit).
        var isPhoto = false
        /// A closing word (报道, 摄…) followed the names.
        var hasTail = false
        /// The names followed the unit they write for (县政府办 王明, 某镇 王明, 某街道关工委王明报道).
        var hasUnit = false
    }

    static let middleDot: UInt16 = 0xB7
    static let slash: UInt16 = 0x2F
    static let colon: UInt16 = 0x3A
    static let she: UInt16 = 0x6444  // 摄
    static let pai: UInt16 = 0x62CD  // 拍
    static let tu: UInt16 = 0x56FE   // 图

    @inline(__always)
    static func isSeparator(_ u: UInt16) -> Bool {
        Chars.isSpace(u) || u == 0x7C /* | */ || u == 0x3F /* ? */ || u == 0x3001 /* 、 */ || u == 0x2C /* , */ || u == 0x3B /* ; */ || u == colon
    }

    /// Parses a byline in `r`. `strict`: every name must start with a known surname (for names
    /// without a role word, or bylines met in running text). `greedy`: stop at the first token
    /// that is neither a role nor a name (a byline running into the lead) instead of failing.
    func parse(_ units: [UInt16], _ r: Range<Int>, strict: Bool, greedy: Bool = false) -> Parse? {
        var out = Parse(end: r.lowerBound)
        var role: (range: Range<Int>, isEditor: Bool)?
        var single: Int?          // start of a one-character name waiting for its second half
        var p = r.lowerBound
        func fail() -> Parse? {
            guard greedy, single == nil, !out.names.isEmpty else { return nil }
            return out
        }
        while p < r.upperBound {
            if Self.isSeparator(units[p]) {
                p += 1
                continue
            }
            // A date before everything else ((2023年3月22日某街道王明报道)).
            if Chars.isDigit(units[p]), out.names.isEmpty, single == nil, role == nil, !out.hasUnit {
                var d = p
                while d < r.upperBound, Chars.isDigit(units[d]) || Self.dateUnits.contains(units[d]) { d += 1 }
                guard d - p >= 4, Self.dateUnits.contains(units[d - 1]) else { return fail() }
                p = d
                continue
            }
            var e = p
            while e < r.upperBound, Chars.isIdeograph(units[e]) || units[e] == Self.slash || units[e] == Self.middleDot { e += 1 }
            guard e > p else { return fail() }
            // A role word, at the token start or after its outlet (云浮融媒记者).
            if let m = roleWord(units, at: p, token: p..<e) {
                if single != nil { return fail() }
                role = (p..<m.end, rules.roleIsEditor[m.entry])
                out.hasRole = true
                p = m.end
                while p < r.upperBound, units[p] == Self.slash || units[p] == Self.colon { p += 1 }
                out.end = p
                continue
            }
            // A closing word: 报道, 摄, 等.
            if let t = rules.creditTail.longestMatch(in: units, at: p, limit: e), t.end == e {
                if single != nil { return fail() }
                // a token is ideographs, / and ·: one unit per character, no String to make
                if !out.names.isEmpty { out.hasTail = true }
                if units[p] == Self.she || units[p] == Self.pai || units[e - 1] == Self.tu {
                    out.isPhoto = true
                    if role == nil { for k in out.names.indices where out.names[k].role == nil { out.names[k].role = p..<e } }
                }
                p = e
                out.end = p
                continue
            }
            // Names, perhaps with a closing word glued on (王明摄).
            e = p
            while e < r.upperBound, Chars.isIdeograph(units[e]) || units[e] == Self.middleDot { e += 1 }
            guard e > p else { return fail() }
            var nameEnd = e
            var glued: Range<Int>?
            for k in stride(from: max(p + 1, e - 2), to: e, by: 1) {
                if let t = rules.creditTail.longestMatch(in: units, at: k, limit: e), t.end == e, e - p - (e - k) >= 2 {
                    nameEnd = k
                    glued = k..<e
                    break
                }
            }
            guard let pieces = split(units, p..<nameEnd, strict: strict)
                    ?? unitBeforeNames(units, p..<nameEnd, glued: glued != nil, out: &out, pending: single != nil || role != nil) else { return fail() }
            if glued != nil, !pieces.isEmpty { out.hasTail = true }
            for piece in pieces {
                if piece.count == 1 {
                    if let s = single {
                        out.names.append(Name(range: s..<piece.upperBound, role: role?.range, isEditor: role?.isEditor ?? false))
                        single = nil
                    } else {
                        guard !strict || isSurname(units, at: piece.lowerBound) else { return fail() }
                        single = piece.lowerBound
                    }
                } else {
                    if single != nil { return fail() }
                    out.names.append(Name(range: piece, role: role?.range, isEditor: role?.isEditor ?? false))
                }
            }
            if let g = glued, units[g.lowerBound] == Self.she { out.isPhoto = true }
            p = e
            if p < r.upperBound, units[p] == Self.slash { p += 1 }
            if single == nil { out.end = p }
        }
        if single != nil { return greedy && !out.names.isEmpty ? out : nil }
        return out.names.isEmpty ? nil : out
    }

    static let dateUnits: Set<UInt16> = [0x5E74, 0x6708, 0x65E5, 0x53F7, 0x2E, 0x2D]  // 年 月 日 号 . -

    /// The unit a byline names before its writer, ending like an office or a place (县政府办,
    /// 某某镇, 某街道关工委): standing alone before the names, or glued to one name that a closing
    /// word follows (某街道关工委王明报道). The names after it, or nil when `r` is no unit; `[]`
    /// when `r` is the unit alone. Only before the first name, without a role word.
    func unitBeforeNames(_ units: [UInt16], _ r: Range<Int>, glued: Bool, out: inout Parse, pending: Bool) -> [Range<Int>]? {
        guard !pending, !out.hasUnit, out.names.isEmpty, r.count >= 2, r.count <= 16 else { return nil }
        if isOffice(units, at: r.upperBound - 1) || endsLikeOutlet(units, r) {
            out.hasUnit = true
            return []
        }
        guard glued else { return nil }
        for k in stride(from: r.upperBound - 3, through: r.lowerBound + 1, by: -1) where isOffice(units, at: k) {
            let rest = (k + 1)..<r.upperBound
            guard rest.count <= 4, let names = split(units, rest, strict: true), names.count == 1, names[0].count >= 2 else { return nil }
            out.hasUnit = true
            return names
        }
        return nil
    }

    /// Whether `r` ends with a media unit's word of two characters or more (融媒体中心, 新闻网).
    func endsLikeOutlet(_ units: [UInt16], _ r: Range<Int>) -> Bool {
        guard r.count >= 3 else { return false }
        for k in max(r.lowerBound + 1, r.upperBound - 6)...(r.upperBound - 2) where rules.outletSuffixes.contains(units, k..<r.upperBound) {
            return true
        }
        return false
    }

    /// A role word at `at`, or after at most eight characters of outlet inside the same token.
    /// One-character roles (图, 文) count only standing alone or before `/` or `:`.
    func roleWord(_ units: [UInt16], at p: Int, token: Range<Int>) -> (end: Int, entry: Int)? {
        if rules.roles.canStart(units[p]), let m = rules.roles.longestMatch(in: units, at: p, limit: token.upperBound) {
            if m.end - p >= 2 || m.end < token.upperBound && (units[m.end] == Self.slash || units[m.end] == Self.colon)
                || m.end == token.upperBound && m.end < units.count && units[m.end] == Self.colon {
                return m
            }
            // Two one-character roles apart, the second before `:` or `/` (图 文：王明).
            if m.end == token.upperBound {
                var q = m.end
                while q < units.count, q - m.end < 3, Chars.isSpace(units[q]) { q += 1 }
                if q > m.end, q + 1 < units.count, rules.roles.canStart(units[q]),
                   let m2 = rules.roles.longestMatch(in: units, at: q, limit: q + 1), m2.end == q + 1,
                   units[q + 1] == Self.colon || units[q + 1] == Self.slash {
                    return m2
                }
            }
        }
        var i = p + 1
        while i < min(token.upperBound, p + 9) {
            // Only some roles name their outlet in front (新华社记者, 本报通讯员).
            if rules.roles.canStart(units[i]), let m = rules.roles.longestMatch(in: units, at: i, limit: token.upperBound),
               rules.roleTakesOutlet[m.entry] {
                return m
            }
            i += 1
        }
        return nil
    }

    /// Whether the character at `i` ends offices rather than names (局, 办, 县…).
    func isOffice(_ units: [UInt16], at i: Int) -> Bool {
        rules.notNameFinal.canStart(units[i]) && rules.notNameFinal.longestMatch(in: units, at: i, limit: i + 1) != nil
    }

    func isSurname(_ units: [UInt16], at i: Int) -> Bool {
        rules.surnames.canStart(units[i]) && rules.surnames.longestMatch(in: units, at: i, limit: i + 1) != nil
            || compoundSurname(units, at: i)
    }

    func compoundSurname(_ units: [UInt16], at i: Int) -> Bool {
        i + 2 <= units.count && rules.compoundSurnames.canStart(units[i])
            && rules.compoundSurnames.matches(in: units, at: i, limit: i + 2).contains { $0.end == i + 2 }
    }

    /// How plausible a surname is at `i`: 2 for an ordinary one, 1 for one that is also a
    /// common word (needs context), 0 for none.
    func surnameScore(_ units: [UInt16], at i: Int) -> Int {
        guard isSurname(units, at: i) else { return 0 }
        if rules.contextSurnames.canStart(units[i]), rules.contextSurnames.longestMatch(in: units, at: i, limit: i + 1) != nil { return 1 }
        return 2
    }

    /// Splits a run of ideographs into names: 2–3 characters (3–4 with a compound surname),
    /// the fewest names, each starting with a surname; one character stays alone (half of a
    /// space-padded name). Without `strict`, a run of 2–4 that is not split stays one name.
    func split(_ units: [UInt16], _ r: Range<Int>, strict: Bool) -> [Range<Int>]? {
        let n = r.count
        if n == 0 { return [] }
        if rules.notAName.contains(units, r) { return nil }
        if n == 1 { return [r] }
        if units[r].contains(Self.middleDot) {     // 阿不都热合曼·艾则孜
            return n <= 16 ? [r] : nil
        }
        if n <= 3 {
            // An office (县政府办, 区委办) is not a name; without a role word, or without a
            // surname, a run must not end like one.
            let office = isOffice(units, at: r.upperBound - 1)
            let surname = surnameScore(units, at: r.lowerBound)
            if surname > 0 { return office && (strict || surname == 1) ? nil : [r] }
            return !strict && !office ? [r] : nil
        }
        if n == 4, compoundSurname(units, at: r.lowerBound) { return [r] }
        if n > 12 { return nil }
        // Fewest pieces, then the most plausible surnames.
        var best: [(pieces: Int, score: Int, cut: Int)?] = Array(repeating: nil, count: n + 1)
        best[0] = (0, 0, 0)
        for i in 0..<n {
            guard let b = best[i] else { continue }
            let at = r.lowerBound + i
            let s = surnameScore(units, at: at)
            guard s > 0 else { continue }
            let lengths = compoundSurname(units, at: at) ? [3, 4] : [2, 3]
            for len in lengths where i + len <= n && !isOffice(units, at: at + len - 1) {
                let candidate = (pieces: b.pieces + 1, score: b.score + s, cut: i)
                if let cur = best[i + len], cur.pieces < candidate.pieces || (cur.pieces == candidate.pieces && cur.score >= candidate.score) { continue }
                best[i + len] = candidate
            }
        }
        if best[n] != nil {
            var cuts: [Range<Int>] = []
            var j = n
            while j > 0, let b = best[j] {
                cuts.append((r.lowerBound + b.cut)..<(r.lowerBound + j))
                j = b.cut
            }
            return cuts.reversed()
        }
        return nil
    }
}
