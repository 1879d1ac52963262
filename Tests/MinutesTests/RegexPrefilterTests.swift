import XCTest
@testable import ICUText
@testable import Minutes

/// ICURegex tries a pattern only where the text holds one of its first units (read off the
/// pattern): it must find exactly what ICU's own scan finds.
final class RegexPrefilterTests: XCTestCase {
    func firstUnits(_ pattern: String) throws -> String? {
        try ICURegex(pattern).facts.first.map(describe)
    }

    func requiredUnits(_ pattern: String) throws -> String? {
        try ICURegex(pattern).facts.required.map(describe)
    }

    func describe(_ set: ICUText.UnitSet) -> String {
        String(decoding: (0...0xFFFF).map(UInt16.init).filter { set.contains($0) }, as: UTF16.self)
    }

    func testFirstUnitsReadOffThePattern() throws {
        XCTAssertEqual(try firstUnits("([一二三]{1,3})要"), "一三二")  // code unit order
        XCTAssertEqual(try firstUnits("(?:指出|强调)[,:]"), "强指")
        XCTAssertEqual(try firstUnits("第?([1-3])[.]"), "123第")
        XCTAssertEqual(try firstUnits("(?<=在)(?!的)\\(x|y"), "(y")
        XCTAssertEqual(try firstUnits("(?m)^a*b"), "ab")
        XCTAssertEqual(try firstUnits("[:]x"), ":")
        XCTAssertEqual(try firstUnits("[:>]x"), ":>")
        XCTAssertEqual(try firstUnits("(?:[\\u3000 ]|\\x{4E00}|\\x41)"), " A\u{3000}一")
        XCTAssertEqual(try ICURegex("一(?=[ \\u3000]?\\p{Han})").facts.first.map(describe), "一")
        // Unknown or possibly empty: no pre-filter.
        for pattern in ["\\U0001F600x", "\\x{1F600}x", "a*", "a|", "\\p{Han}+", ".x", "[^a]", "[[a]--[b]]", "\\dx", "(?i)a", "\\Gx", "(?:a|b?)", "[:Han:]x", "[[:Han:]]x", "\\Qab\\E"] {
            XCTAssertNil(try firstUnits(pattern), pattern)
        }
    }

    func testUnitsBeforeReadOffThePattern() throws {
        XCTAssertEqual(try ICURegex("(?<=[,。]|强调)(?!的)\\p{Han}").facts.before.map(describe), ",。调")
        XCTAssertEqual(try ICURegex("(?m)(?:^|(?<=[,\\s]))\\p{Han}").facts.before.map { $0.contains(0x0A) && $0.contains(0x3000) && $0.contains(0x2C) }, true)
        for pattern in ["(?<!a)\\p{Han}", "(?<=a?)b", "(?<=\\p{Han})b", "b(?<=b)", "(?:(?<=a)|b)c"] {
            XCTAssertNil(try ICURegex(pattern).facts.before, pattern)
        }
    }

    func testMaxLengthReadOffThePattern() throws {
        XCTAssertEqual(try ICURegex("(?<=x)([一二三]{1,3})要(?!求)").facts.maxLength, 4)
        XCTAssertEqual(try ICURegex("(?:首先|最后)[,:]?\\p{Han}{2}").facts.maxLength, 7)
        XCTAssertNil(try ICURegex("a+b").facts.maxLength)
        XCTAssertNil(try ICURegex("a{2,}").facts.maxLength)
    }

    func testBranchesOfAnOpeningAlternation() throws {
        // 作 may be followed by anything, but only where 课 follows within the branch's reach.
        let facts = try ICURegex("(?:指出|作了?(?:(?![,。])[^的]){0,4}?党课|说(?=[,:]))(?!的)").facts
        XCTAssertEqual(facts.branches?.keys.sorted(), [0x4F5C, 0x6307, 0x8BF4])  // 作 指 说
        XCTAssertEqual(facts.branches?[0x4F5C]?.first?.required.map { String(decoding: $0, as: UTF16.self) }, "课")
        XCTAssertEqual(facts.branches?[0x8BF4]?.first?.second.map { String(decoding: $0.sorted(), as: UTF16.self) }, ",:")
        // Branches inside a quantified group, past the first item or of unknown first units: none.
        for pattern in ["(?:指出|强调)?说", "(?:指出|强调)+", "x(?:指出|强调)", "(?:\\p{Han}|b)x"] {
            XCTAssertNil(try ICURegex(pattern).facts.branches, pattern)
        }
    }

    func testSecondUnitsReadOffThePattern() throws {
        func second(_ pattern: String) throws -> String? { try ICURegex(pattern).facts.second.map(describe) }
        XCTAssertEqual(try second("(?:指出|强调|说(?=[,:]))(?!的)"), ",:出调")
        XCTAssertEqual(try second("([一二三]{1,3})要(?![求])"), "一三二要")
        XCTAssertEqual(try second("第([一二三]{1,3})[,、]"), "一三二")
        XCTAssertEqual(try second("a?bc"), "bc")
        XCTAssertEqual(try second("ab?(?=x)"), "bx")
        XCTAssertEqual(try second("(?:ab)+"), "b")
        XCTAssertEqual(try second("a{2,}"), "a")
        XCTAssertEqual(try second("(?:a|bc)(?=[xy])"), "cxy")
        XCTAssertEqual(try second("(?m)^[,;]?(?:\\d|a)b"), nil)
        XCTAssertEqual(try second("(?:\\.{3,}|。{3,})\\s*$"), ".。")
        // A match may be one unit with nothing asserted after it, or hold anything there.
        for pattern in ["说", "说$", "说(?!的)", "说(?=[,:]|$)", "a?b", "ab?", "a+", "\\p{Han}要", "a(?=b?)", "(?:a|bc)", "a[^b]", "a(?:b|c*)", "(?:a(?=x))?b"] {
            XCTAssertNil(try second(pattern), pattern)
        }
    }

    func testRequiredUnitsReadOffThePattern() throws {
        XCTAssertEqual(try requiredUnits("^(新华社|\\p{Han}{2,10}?(?:社|网))(\\d{1,2}月\\d{1,2}日)电|^(新华社)(\\p{Han}{2,8}?)?电"), "电")
        XCTAssertEqual(try requiredUnits("\\p{Han}{1,3}(?:讯|消息)"), "息讯")
        XCTAssertEqual(try requiredUnits("[^,]*[ab]x?"), "ab")
        for pattern in ["\\p{Han}+", "a?b*", "(?:a|\\d)", "(?i)a", "a\\Qb\\E"] {
            XCTAssertNil(try requiredUnits(pattern), pattern)
        }
    }

    func testSameMatchesAsICUScan() throws {
        let patterns = ["([一二三四五六七八九十]{1,3})要(?![求素点闻务件])", "^\\p{Han}{1,3}?(?:讯|消息)",
                        "(?m)(?:^|(?<=[,。\\s)]))(\\p{Han}{1,8}?会议?)", "(?m)(?<=在|于|、|^)([[\\p{Han}]--[在于]]{0,8}?主会场)", "(?<=[,。])(首先|其次)[,:]?", "\\(([1-9][0-9]?)\\)",
                        "(?:召开|举行)了?(会议)?", "第([一二三]{1,3})[,、:]", "(?m)^x|y$", "(?:指出|说(?=[,:]))(?!的)", "ab?(?=x)",
                        "(?:ab)+c?", "x{2,}", "(?:a|bc)(?=[xy])", "([一二三])(?=[ \\u3000]?(?![是要])\\p{Han})",
                        "(?:指出|作了?(?:(?![,。])[^的]){0,4}?党课|说(?=[,:]))(?!的)", "(?<=[,。])(?:上午|作报告)|(?:讲|作)话"]
        let texts = ["一要抓好二要落实,三要求真", "。一\u{3000}抓好 二 落实三是", "他作了一堂党课,说:作的党课指出的作话,上午作报告讲话说", "会议强调,一是二是,(1)(12)(123)", "首先,其次:首先", "xy\nxa\ny", "第一,第二、第三:",
                     "召开了会议举行召开", "本报讯", "本报消息", "他指出,说:说的,说", "axabxab", "ababcxxxbcy", "县委召开全县会议。市长在主会场\n全体会议,在县主会场、于分主会场", ""]
        for pattern in patterns {
            let regex = try ICURegex(pattern)
            XCTAssertTrue(regex.facts.first != nil || regex.facts.required != nil || regex.facts.before != nil, pattern)
            for text in texts + [texts.joined()] {
                try compare(regex, Array(NormalizedText(text).units), pattern)
            }
        }
    }

    /// The rule examples (each alone) and the patterns of every rule file.
    func ruleTextsAndPatterns() -> (texts: [[UInt16]], patterns: [(String, ICUPattern)]) {
        // With a rules directory (here empty) patterns compile as they are made, so a key whose
        // text is no pattern fails here and is skipped.
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-rules-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let rules = try! RuleSet.load(overrides: empty)
        var texts: [[UInt16]] = []
        var patterns: [(String, ICUPattern)] = []
        for file in rules.files {
            var sets = [RuleExamples(file.root["examples"])]
            sets += file.rules.map(\.examples)
            for examples in sets {
                for marked in examples.match { texts.append(NormalizedText(RuleExamples.parse(marked).text).units) }
                for text in examples.noMatch { texts.append(NormalizedText(text).units) }
            }
            for rule in file.rules {
                for key in rule.node.mapping?.compactMap(\.key.string) ?? [] where rule.string(key) != nil {
                    guard key != "description", key != "id", let pattern = try? rules.pattern(rule, key: key) else { continue }
                    patterns.append(("\(rule.id).\(key)", pattern))
                }
            }
        }
        return (texts, patterns)
    }

    /// Every pattern of every rule file over every rule example (each alone and all in one text).
    func testSameMatchesForEveryRulePattern() throws {
        let (texts, patterns) = ruleTextsAndPatterns()
        let all = texts.reduce(into: [UInt16]()) { $0 += $1 + [0x0A] }
        var prefiltered = 0
        for (what, pattern) in patterns {
            if pattern.regex.facts.first != nil || pattern.regex.facts.required != nil { prefiltered += 1 }
            for text in texts + [all] { try compare(pattern.regex, text, what) }
        }
        print("RegexPrefilterTests: \(patterns.count) rule patterns compared, \(prefiltered) with a pre-filter")
        XCTAssertGreaterThan(prefiltered, 0)
    }

    /// A rule's pattern tried only after the units its `preceded_by` may end with keeps every
    /// match the rule keeps: over the rule examples, the matches after a unit a context match
    /// can end with (or at the start) are the same, and the last units are read off right.
    func testTriedAfterContextKeepsTheMatchesAContextAllows() throws {
        XCTAssertEqual(try ICURegex("(?:强调|要求)$").lastUnits.map(describe), "求调")
        XCTAssertEqual(try ICURegex("[，。]$").lastUnits.map(describe), "。，")
        XCTAssertNil(try ICURegex("x\\p{Han}").lastUnits)
        let (texts, _) = ruleTextsAndPatterns()
        let ruleSet = try RuleSet.load(overrides: nil)
        let rules = try [DirectivePhase.layer, SpeakerPhase.layer, .venue, .meeting].flatMap { try ruleSet.meetingRules($0) }
        var narrowed = 0
        for rule in rules {
            guard let context = rule.precededBy?.regex.lastUnits else { continue }
            narrowed += 1
            let plain = try ICURegex(rule.pattern.regex.pattern)
            for text in texts {
                let keep = { (m: ICURegex.Match) in m.range.lowerBound == 0 || context.contains(text[m.range.lowerBound - 1]) }
                let all = try text.withUnsafeBufferPointer { try plain.matches(in: $0) }.filter(keep).map { $0.range }
                let tried = try text.withUnsafeBufferPointer { try rule.pattern.regex.matches(in: $0) }.map { $0.range }
                // Tried only after the context, a match is never lost; one the plain scan's earlier
                // (rejected) match overlapped may be found in addition.
                XCTAssertTrue(Set(all).isSubset(of: Set(tried)), "\(rule.rule.id): \(String(decoding: text, as: UTF16.self))")
                XCTAssertTrue(tried.allSatisfy { $0.lowerBound == 0 || context.contains(text[$0.lowerBound - 1]) }, rule.rule.id)
            }
        }
        XCTAssertGreaterThan(narrowed, 5)
    }

    /// The match at a slice's start is the first match of the scan when that starts there, for
    /// every rule pattern over the rule examples, sliced at every unit of the first few hundred.
    func testPrefixMatchIsTheScansFirstMatchAtTheStart() throws {
        let (texts, patterns) = ruleTextsAndPatterns()
        let all = texts.reduce(into: [UInt16]()) { $0 += $1 + [0x0A] }
        var found = 0
        for (what, pattern) in patterns {
            for lo in stride(from: 0, to: min(all.count, 600), by: 1) {
                let range = lo..<min(all.count, lo + 80)
                let first = try pattern.matches(in: all, range: range).first
                let prefix = try pattern.prefixMatch(in: all, range: range)
                let expected = first?.range.lowerBound == lo ? first : nil
                XCTAssertEqual(prefix?.range, expected?.range, "\(what) at \(lo)")
                XCTAssertEqual(prefix?.groups, expected?.groups, "\(what) at \(lo)")
                if prefix != nil { found += 1 }
            }
        }
        XCTAssertGreaterThan(found, 20)
    }

    /// With one index for all rule patterns, each finds what ICU's own scan finds, in the whole
    /// text and in slices of it (as phases read windows and trigger spans).
    func testSameMatchesWithSharedIndex() throws {
        let (texts, patterns) = ruleTextsAndPatterns()
        let all = texts.reduce(into: [UInt16]()) { $0 += $1 + [0x0A] }
        let plan = CandidateIndex.Plan(patterns.map(\.1.regex))
        XCTAssertGreaterThan(plan.regexes.count, 10)
        let index = CandidateIndex(all, plan: plan)
        XCTAssertTrue(plan.regexes.allSatisfy { index.mask(for: $0, offset: 0, length: all.count) != nil })
        XCTAssertLessThan(plan.sets.count, plan.regexes.count)
        let cuts = [0, 1, 7, all.count / 3, all.count / 2, all.count - 5].filter { $0 >= 0 && $0 <= all.count }
        for (what, pattern) in patterns {
            if !index.mayMatch(pattern.regex) {
                XCTAssertEqual(try all.withUnsafeBufferPointer { try pattern.regex.matches(in: $0, prefilter: false) }.count, 0, what)
            }
            for lo in cuts {
                for hi in [all.count, min(all.count, lo + 300)] where lo <= hi {
                    try compare(pattern.regex, all, what, range: lo..<hi, index: index)
                }
            }
        }
        // An index of another text or of other patterns is not used.
        let other = CandidateIndex(Array("一要二要".utf16), plan: plan)
        let regex = try ICURegex("([一二三]{1,3})要")
        XCTAssertNil(other.mask(for: regex, offset: 0, length: 4))
        XCTAssertNil(other.mask(for: plan.regexes[0], offset: 0, length: 5))
        let directive = try ICURegex("第([一二三]{1,3})[,、]")
        let one = CandidateIndex(Array("第一,第二、".utf16), plan: CandidateIndex.Plan([directive, regex]))
        XCTAssertTrue(one.mayMatch(directive))
        XCTAssertFalse(CandidateIndex(Array("一,二、".utf16), plan: CandidateIndex.Plan([directive, regex])).mayMatch(directive))
        try compare(regex, Array("一要,二要,三要,四要".utf16), "other patterns", range: 0..<8, index: other)
        try compare(plan.regexes[0], all, "other text", range: 0..<all.count, index: other)
    }

    /// The time limit covers a whole call, not each of the pre-filter's tries: many tries that
    /// each stay under it still run out of time together, as ICU's own scan does.
    func testTimeLimitCoversAllTries() throws {
        let regex = try ICURegex("x(?:a+)+y")
        XCTAssertNotNil(regex.facts.first)
        let text = Array((String(repeating: "x" + String(repeating: "a", count: 14) + "z", count: 60) + "y").utf16)
        try text.withUnsafeBufferPointer { buffer in
            for prefilter in [true, false] {
                XCTAssertThrowsError(try regex.matches(in: buffer, timeLimit: 20, prefilter: prefilter)) {
                    XCTAssertTrue("\($0)".contains("TIME_OUT"), "\($0)")
                }
            }
            // One try alone stays within the limit.
            let one = Array(("x" + String(repeating: "a", count: 14) + "zy").utf16)
            XCTAssertEqual(try one.withUnsafeBufferPointer { try regex.matches(in: $0, timeLimit: 20) }.count, 0)
        }
    }

    func compare(_ regex: ICURegex, _ units: [UInt16], _ what: String, range: Range<Int>? = nil, index: CandidateIndex? = nil) throws {
        try units.withUnsafeBufferPointer { whole in
            let buffer = range.map { UnsafeBufferPointer(rebasing: whole[$0]) } ?? whole
            let fast = try regex.matches(in: buffer, prefilter: true, index: index, offset: range?.lowerBound ?? 0)
            let slow = try regex.matches(in: buffer, prefilter: false)
            XCTAssertEqual(fast.map(\.range), slow.map(\.range), "\(what) in «\(String(decoding: buffer, as: UTF16.self))»")
            XCTAssertEqual(fast.map { $0.groups.map { $0.map { [$0.lowerBound, $0.upperBound] } ?? [] } },
                           slow.map { $0.groups.map { $0.map { [$0.lowerBound, $0.upperBound] } ?? [] } }, what)
        }
    }
}
