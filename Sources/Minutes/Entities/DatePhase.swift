
/// Finds dates and times (layer `date`) and normalizes them against the document's reference
/// date. The grammar — year? month? day, then part of day and clock time — is here; the words
/// (relative days, parts of day, periods) and the year-inference setting are the `date` rules
/// (Rules/dates/dates.yaml, which documents the features and the year rule).
///
/// Reads: `line`, `chrome`, the reference date. Writes: `date`.
struct DatePhase: Phase {
    let name = "dates"
    var produces: [AnnotationType] { [.date] }

    enum Role: String {
        case relative, partOfDay = "part_of_day", period, yearWord = "year_word", monthWord = "month_word"
        case periodSuffix = "period_suffix"
    }

    /// What a listed word means.
    struct Word {
        var rule: String
        var role: Role
        /// Days (relative), years (year_word) or months (month_word) from the reference.
        var offset: Int?
        var partOfDay: String?
        var anaphoric = false
        var afterDateOnly = false
        var notPrecededBy: [[UInt16]] = []
        var notFollowedBy: [[UInt16]] = []
    }

    /// Rule ids of the grammar's own constructs.
    enum Construct {
        static let ymd = "date.ymd", md = "date.md", day = "date.day", iso = "date.iso"
        static let year = "date.year", month = "date.month"
        static let all = [ymd, md, day, iso, year, month]
    }

    let words: Lexicon
    let info: [Word]
    /// Units a date may start with: numerals and the first units of the words (the scan skips
    /// other units in a tight loop).
    let starts: UnitSet
    let futureDays: Int

    init(rules: RuleSet) throws {
        var entries: [String] = []
        var info: [Word] = []
        let known = Set(rules.rules("date").map(\.id))
        for id in Construct.all where !known.contains(id) {
            throw MinutesError.badRule(file: "Rules/dates", line: nil, problem: "missing rule \(id) (the date grammar reports it)")
        }
        for rule in rules.rules("date") {
            guard let roleName = rule.string("role") else { continue }
            guard let role = Role(rawValue: roleName) else {
                throw rule.file.error("rule \(rule.id): unknown role `\(roleName)`", at: rule.node["role"])
            }
            let template = Word(rule: rule.id, role: role, offset: try rule.int("offset"), partOfDay: rule.string("part_of_day"),
                                anaphoric: rule.flag("anaphoric"), afterDateOnly: rule.flag("after_date_only"),
                                notPrecededBy: rule.list("not_preceded_by").map { NormalizedText($0).units },
                                notFollowedBy: rule.list("not_followed_by").map { NormalizedText($0).units })
            if let seq = rule.node["words"]?.sequence, seq.contains(where: { $0.mapping != nil }) {
                // `- 今年: 0`: a word with its own offset
                for item in seq {
                    guard let pair = item.mapping?.first, let word = pair.key.string, let offset = pair.value.int else {
                        throw rule.file.error("rule \(rule.id): each word must be `- word: offset`", at: item)
                    }
                    var w = template
                    w.offset = offset
                    entries.append(word)
                    info.append(w)
                }
            } else {
                let list = rule.list("words")
                if list.isEmpty { throw rule.file.error("rule \(rule.id): a `role` rule needs `words`", at: rule.node) }
                for word in list {
                    entries.append(word)
                    info.append(template)
                }
            }
        }
        words = Lexicon(name: "date.words", entries: entries)
        starts = UnitSet(units: Numerals.numeralUnits + words.startUnits)
        self.info = info
        futureDays = try rules.intSetting("date", "future_days", default: 7)
    }

    /// A date found, before it becomes an annotation.
    struct Found {
        var range: Range<Int>
        var rule: String
        var kind: String
        var value: CivilDate?
        var partOfDay: String?
        var time: String?
    }

    /// What the scan remembers as it goes.
    struct Context {
        var reference: CivilDate?
        /// The last day resolved (for 当天).
        var lastDay: CivilDate?
        /// The last year written out (for dates without a year when there is no reference).
        var lastYear: Int?
        /// The last year and month written with a month on the current line (for 6日), and where that line ends.
        var lineMonth: (year: Int?, month: Int, lineEnd: Int)?
        /// End of the previous date (for a range's second day: 十月六日至八日).
        var previousEnd = -10
    }

    func run(_ document: Document) throws {
        let units = document.text.units
        var context = Context(reference: document.referenceDate.flatMap(CivilDate.init(iso:)))
        let lineEnds = document.annotations(.line).map(\.range.upperBound)
        var lineIndex = 0
        var skipper = ChromeSkipper(document)
        var found: [Annotation] = []
        var i = 0
        let n = units.count
        while i < n {
            i = skipper.skip(starts.next(in: units, from: i))
            guard i < n else { break }
            guard starts.contains(units[i]) else {  // after chrome
                i += 1
                continue
            }
            while lineIndex < lineEnds.count, lineEnds[lineIndex] <= i { lineIndex += 1 }
            let lineEnd = lineIndex < lineEnds.count ? lineEnds[lineIndex] : n
            if let f = match(units, at: i, limit: lineEnd, &context) {
                var features = ["kind": f.kind]
                if let v = f.value { features["value"] = v.iso }
                if let p = f.partOfDay { features["part_of_day"] = p }
                if let t = f.time { features["time"] = t }
                found.append(Annotation(.date, f.range, rule: f.rule, features: features))
                if let v = f.value, f.kind == "point" { context.lastDay = v }
                context.previousEnd = f.range.upperBound
                i = f.range.upperBound
            } else {
                i += 1
            }
        }
        document.add(found)
    }

    // MARK: - Grammar

    static let nian: UInt16 = 0x5E74, yue: UInt16 = 0x6708, ri: UInt16 = 0x65E5, hao: UInt16 = 0x53F7
    static let dai: UInt16 = 0x4EE3, ge: UInt16 = 0x4E2A, di: UInt16 = 0x7B2C
    static let inside: [[UInt16]] = ["内", "以内", "之内"].map { Array($0.utf16) }
    /// Characters between the two days of a range (至, 到, 、, -, —, ~, 和, 及).
    static let rangeJoiners = UnitSet(["至到、-—–~～和及"])

    func match(_ units: [UInt16], at i: Int, limit: Int, _ context: inout Context) -> Found? {
        if Numerals.isNumeral(units[i]) {
            if i > 0, Numerals.isNumeral(units[i - 1]) || units[i - 1] == 0x2E { return nil }  // inside a number
            if let f = isoDate(units, at: i, limit: limit, &context) { return f }
        }
        return writtenDate(units, at: i, limit: limit, &context)
    }

    /// 2022-10-08, 2022/10/8, 2022.10.08, optionally with a clock time.
    func isoDate(_ units: [UInt16], at i: Int, limit: Int, _ context: inout Context) -> Found? {
        guard let y = Numerals.read(units, at: i, limit: limit), !y.chinese, y.length == 4, y.end < limit else { return nil }
        let sep = units[y.end]
        guard sep == 0x2D || sep == 0x2F || sep == 0x2E,
              let m = Numerals.read(units, at: y.end + 1, limit: limit, maxDigits: 2), !m.chinese,
              m.end < limit, units[m.end] == sep,
              let d = Numerals.read(units, at: m.end + 1, limit: limit, maxDigits: 2), !d.chinese,
              !(d.end < limit && (Numerals.isASCIIDigit(units[d.end]) || units[d.end] == sep)),
              let date = CivilDate(y.value, m.value, d.value) else { return nil }
        var end = d.end
        var time: String?
        // " 09:08"
        let t = Chars.skipSpaces(units, end, limit)
        if t > end, let h = Numerals.read(units, at: t, limit: limit, maxDigits: 2), !h.chinese, h.value < 24,
           h.end < limit, units[h.end] == 0x3A, let mi = Numerals.read(units, at: h.end + 1, limit: limit, maxDigits: 2),
           !mi.chinese, mi.length == 2, mi.value < 60 {
            end = mi.end
            time = Self.clock(h.value, mi.value)
        }
        context.lastYear = date.year
        return Found(range: i..<end, rule: Construct.iso, kind: "point", value: date, partOfDay: nil, time: time)
    }

    /// Dates written with 年/月/日 (digits or Chinese numerals, stray spaces allowed), relative
    /// words, periods and parts of day.
    func writtenDate(_ units: [UInt16], at start: Int, limit: Int, _ context: inout Context) -> Found? {
        var p = start
        var year: Int?
        // Listed words by their entry in `info` (no copy of their settings per start).
        var yearWord: Int?
        var month: Int?
        var monthWord: Int?
        var day: Int?
        // What stands at the start, read once: a year, a month or a day (when nothing comes
        // before it) and a listed word all start there.
        let number = Numerals.read(units, at: start, limit: limit)
        // The same number as read with `maxDigits: 2` (a longer positional run is no number then).
        let shortNumber = number.flatMap { !$0.positional || $0.length <= 2 ? $0 : nil }
        let startWord = wordEntry(units, at: start, limit: limit)
        // Neither a number nor a listed word: no date starts here.
        if number == nil, startWord == nil { return nil }

        // Year: four digits + 年, or 今年/去年…
        if let r = number, r.length == 4, r.positional {
            let q = Chars.skipSpaces(units, r.end, limit)
            if q < limit, units[q] == Self.nian, (1100...2199).contains(r.value),
               !(q + 1 < limit && units[q + 1] == Self.dai) {
                year = r.value
                p = q + 1
            }
        } else if let (entry, end) = startWord, info[entry].role == .yearWord {
            yearWord = entry
            p = end
        }
        // Month: 1–12 + 月, or 本月/上月…
        let monthStart = year != nil || yearWord != nil ? Chars.skipSpaces(units, p, limit) : p
        if let r = monthStart == start ? shortNumber : Numerals.read(units, at: monthStart, limit: limit, maxDigits: 2), (1...12).contains(r.value),
           !(r.chinese && r.positional && r.length > 1) {
            let q = Chars.skipSpaces(units, r.end, limit)
            if q < limit, units[q] == Self.yue {
                month = r.value
                p = q + 1
            }
        } else if year == nil, yearWord == nil, let (entry, end) = startWord, info[entry].role == .monthWord {
            monthWord = entry
            p = end
        }
        // Day: 1–31 + 日 (or 号 after a month)
        let dayStart = month != nil || monthWord != nil ? Chars.skipSpaces(units, p, limit) : p
        if month != nil || monthWord != nil || (year == nil && yearWord == nil),
           let r = dayStart == start ? shortNumber : Numerals.read(units, at: dayStart, limit: limit, maxDigits: 2), (1...31).contains(r.value),
           !(r.chinese && r.positional && r.length > 1) {
            let q = Chars.skipSpaces(units, r.end, limit)
            if q < limit, units[q] == Self.ri || (units[q] == Self.hao && (month != nil || monthWord != nil)) {
                let alone = month == nil && monthWord == nil
                let afterDate = start - context.previousEnd <= 1 && start > 0 && Self.rangeJoiners.contains(units[start - 1])
                if alone {
                    // a day alone: 6日, but not 30日内 (a duration) nor 一日三餐 (Chinese numerals only in a range)
                    let duration = Self.inside.contains { Chars.hasPrefix(units, at: q + 1, $0) }
                    let guarded = (start > 0 && (units[start - 1] == Self.di || units[start - 1] == Self.ge))
                    if !duration, !guarded, !r.chinese || afterDate {
                        day = r.value
                        p = q + 1
                    }
                } else {
                    day = r.value
                    p = q + 1
                }
            }
        }

        if year == nil, yearWord == nil, month == nil, monthWord == nil, day == nil {
            return wordDate(units, at: start, limit: limit, word: startWord.map { (info[$0.entry], $0.end) }, &context)
        }
        if year == nil, yearWord == nil, month == nil, day == nil, monthWord != nil {
            // 本月 alone
            let end = periodSuffix(units, p, limit)
            return Found(range: start..<end, rule: info[monthWord!].rule, kind: "period")
        }
        if day == nil {
            // a year and/or month: a period (2022年, 2022年10月, 10月份, 今年)
            if month == nil, year == nil, let w = yearWord.map({ info[$0] }) {
                let end = periodSuffix(units, p, limit)
                return Found(range: start..<end, rule: w.rule, kind: "period")
            }
            if let y = year { context.lastYear = y }
            if let m = month { context.lineMonth = (resolvedYear(year, yearWord.map { info[$0] }, context), m, limit) }
            let end = periodSuffix(units, p, limit)
            return Found(range: start..<end, rule: month != nil && year == nil && yearWord == nil ? Construct.month : Construct.year,
                         kind: "period")
        }
        // A day: resolve it.
        var value: CivilDate?
        let rule: String
        if let m = month {
            rule = year != nil || yearWord != nil ? Construct.ymd : Construct.md
            if let y = resolvedYear(year, yearWord.map { info[$0] }, context) {
                value = CivilDate(y, m, day!)
            } else if let ref = context.reference {
                value = nearestBefore(ref, candidates: (-1...1).compactMap { CivilDate(ref.year + $0, m, day!) })
            } else if let y = context.lastYear {
                value = CivilDate(y, m, day!)
            }
            if year != nil { context.lastYear = year }
            context.lineMonth = (value?.year ?? resolvedYear(year, yearWord.map { info[$0] }, context), m, limit)
        } else if let w = monthWord.map({ info[$0] }) {
            rule = Construct.md
            if let ref = context.reference {
                let months = ref.year * 12 + ref.month - 1 + (w.offset ?? 0)
                value = CivilDate(months / 12, months % 12 + 1, day!)
            }
        } else {
            rule = Construct.day
            if let lm = context.lineMonth, lm.lineEnd == limit, let y = lm.year {
                value = CivilDate(y, lm.month, day!)
            } else if let ref = context.reference {
                let base = ref.year * 12 + ref.month - 1
                value = nearestBefore(ref, candidates: (-2...1).compactMap { CivilDate((base + $0) / 12, (base + $0) % 12 + 1, day!) })
            }
        }
        var found = Found(range: start..<p, rule: rule, kind: "point", value: value)
        timeOfDay(units, limit: limit, &found)
        return found
    }

    /// A relative day, a period or a part of day given by a listed word (`word`: the one at `start`).
    func wordDate(_ units: [UInt16], at start: Int, limit: Int, word: (Word, Int)?, _ context: inout Context) -> Found? {
        guard let (w, end) = word else { return nil }
        switch w.role {
        case .relative:
            var value: CivilDate?
            if w.anaphoric {
                value = context.lastDay
            } else if let offset = w.offset {
                value = context.reference?.adding(days: offset)
            }
            var found = Found(range: start..<end, rule: w.rule, kind: w.offset != nil || w.anaphoric ? "point" : "relative",
                              value: value, partOfDay: w.partOfDay)
            if w.offset != nil || w.anaphoric { timeOfDay(units, limit: limit, &found) }
            return found
        case .period:
            return Found(range: start..<end, rule: w.rule, kind: "period")
        case .partOfDay where !w.afterDateOnly:
            var found = Found(range: start..<start, rule: w.rule, kind: "relative")
            timeOfDay(units, limit: limit, &found)
            return found
        default:
            return nil
        }
    }

    /// Extends a day with a part of day (上午, 晚) and a clock time (9时30分, 3点半, 9:30).
    func timeOfDay(_ units: [UInt16], limit: Int, _ found: inout Found) {
        var p = Chars.skipSpaces(units, found.range.upperBound, limit)
        if let (w, end) = word(units, at: p, limit: limit), w.role == .partOfDay {
            found.partOfDay = w.partOfDay
            found.range = found.range.lowerBound..<end
            if found.rule.hasPrefix("date.part-of-day") || found.range.isEmpty { found.rule = w.rule }
            p = Chars.skipSpaces(units, end, limit)
        } else if found.range.isEmpty {
            return
        }
        // Clock time: digits, or Chinese numerals after a part of day; 时/点, then 分 or 半, then 许/左右.
        guard let h = Numerals.read(units, at: p, limit: limit, maxDigits: 2), h.value <= 24,
              !h.chinese || found.partOfDay != nil, h.end < limit else { return }
        var hour = h.value
        var minute = 0
        var end: Int
        if units[h.end] == 0x65F6 || units[h.end] == 0x70B9 {  // 时 点
            end = h.end + 1
            if end < limit, units[end] == 0x534A {  // 半
                minute = 30
                end += 1
            } else if let m = Numerals.read(units, at: end, limit: limit, maxDigits: 2), m.value < 60,
                      m.end < limit, units[m.end] == 0x5206 {  // 分
                minute = m.value
                end = m.end + 1
            }
        } else if !h.chinese, units[h.end] == 0x3A, let m = Numerals.read(units, at: h.end + 1, limit: limit, maxDigits: 2),
                  !m.chinese, m.length == 2, m.value < 60 {
            minute = m.value
            end = m.end
        } else {
            return
        }
        if end < limit, units[end] == 0x8BB8 { end += 1 }  // 许
        if let pod = found.partOfDay, ["afternoon", "evening", "night"].contains(pod), hour < 12, !(pod == "night" && hour < 5) { hour += 12 }
        found.time = Self.clock(hour % 24, minute)
        found.range = found.range.lowerBound..<end
    }

    /// Absorbs 底/初/中旬/份/以来… after a year or month alone.
    func periodSuffix(_ units: [UInt16], _ p: Int, _ limit: Int) -> Int {
        if let (w, end) = word(units, at: p, limit: limit), w.role == .periodSuffix || w.role == .period { return end }
        return p
    }

    /// The longest listed word at `p` whose context guards allow it.
    func word(_ units: [UInt16], at p: Int, limit: Int) -> (Word, Int)? {
        wordEntry(units, at: p, limit: limit).map { (info[$0.entry], $0.end) }
    }

    /// The same as its entry in `info` (no copy of the word's settings).
    func wordEntry(_ units: [UInt16], at p: Int, limit: Int) -> (entry: Int, end: Int)? {
        guard p < limit, words.canStart(units[p]) else { return nil }
        // matches come shortest first: the last one allowed is the longest (no array per call)
        var best: (entry: Int, end: Int)?
        words.forEachMatch(in: units, at: p, limit: limit) { end, entry in
            let w = info[entry]
            if w.notPrecededBy.contains(where: { Chars.hasSuffix(units, before: p, $0) }) { return }
            if w.notFollowedBy.contains(where: { end < limit && Chars.hasPrefix(units, at: end, $0) }) { return }
            best = (entry, end)
        }
        return best
    }

    func resolvedYear(_ year: Int?, _ word: Word?, _ context: Context) -> Int? {
        if let y = year { return y }
        if let w = word, let ref = context.reference { return ref.year + (w.offset ?? 0) }
        return nil
    }

    /// The latest candidate not after `reference` + `futureDays` (see the year rule in dates.yaml).
    func nearestBefore(_ reference: CivilDate, candidates: [CivilDate]) -> CivilDate? {
        let limit = reference.dayNumber + futureDays
        return candidates.filter { $0.dayNumber <= limit }.max()
    }

    static func clock(_ h: Int, _ m: Int) -> String {
        (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}
