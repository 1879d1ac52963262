/// The surname model and given-name constraints of Rules/persons, compiled for scanning.
/// A class: the scanner calls its non-mutating helpers per position, and a struct this size
/// inside the scanner was copied on each such call.
final class NameModel: Sendable {
    /// Single and compound surnames.
    let surnames: Lexicon
    /// Surnames that are also common words (于, 和, 高…): a name with one needs stronger context.
    let needsContext: Lexicon
    /// Given-name class per UTF-16 unit: 0 (rare or unknown) … 4 (very common in given names).
    let givenClass: [UInt8]
    let neverGiven: UnitSet
    let neverFinal: UnitSet
    /// Characters that never begin a given name (关|于: 总书记关于疫情).
    let neverFirstGiven: UnitSet
    let cues: Lexicon
    let honorifics: Lexicon
    let credits: Lexicon
    /// Longer words ending in a credit word (工作者): no credit.
    let notCredits: Lexicon
    /// Last characters of the credit words (a cheap pre-check before looking one up).
    let creditEnd: UnitSet
    let listEnd: Lexicon
    /// Collectives after 等 that make a list one of units or places (等单位, 等地), and the
    /// words for people that, after such a collective, make it one of persons again (等单位负责人).
    let nonPersonCollectives: Lexicon
    let peopleAfterCollective: Lexicon
    /// Editors' role words (Rules/article/credits.yaml): a name alone on the line after one is an editor.
    let editorRoles: Lexicon
    /// Characters after which 老X, 小X, X某 are no name (某些, 小王国).
    let familiarNotAfter: UnitSet
    /// Last characters and first words of a bracket at the end of a paragraph that is no byline
    /// (（张三摄）, （图片）, （本报专电）).
    let bylineNotEnd: UnitSet
    let bylineNot: Lexicon
    /// Common Japanese family names.
    let japanese: Lexicon
    /// Words of occupation or kinship that often stand before a name (选手, 农民, 女儿).
    let roles: Lexicon
    /// Last characters of the role words.
    let roleEnd: UnitSet
    /// Posts that, standing alone, are often plain nouns (委员, 主任).
    let nounPosts: Lexicon
    /// Characters of transliterated foreign names.
    let transliteration: UnitSet
    /// Words that make a preceding name part of a term (邓小平理论).
    let termAfter: Lexicon
    /// Words of a note on how a list of names is ordered (笔划, 姓氏): a run of names follows it.
    let listOrderNotes: Lexicon
    /// 在X召开: X between a place preposition and a verb of holding is a place.
    let placeBefore: UnitSet
    let placeVerbs: Lexicon
    /// Last characters of a given name that, as a word (村镇, 家乡), make a town, not a name.
    let placeWordEnds: UnitSet
    /// Function characters that may stand right before a name (由, 向, 和…).
    let beforeName: UnitSet
    /// 老 and 小 of 老张, 小王.
    let familiarPrefixes: UnitSet
    /// 某 of 李某, 王某某.
    let anonymizedMarks: UnitSet
    /// Surnames that are also prepositions or conjunctions (和, 向, 于…).
    let functionSurnames: Lexicon
    /// Units that may begin a name with a surname, a transliterated or Japanese name, or a
    /// familiar form (老张, 小王): the scanner's per-position pre-check.
    let nameStart: UnitSet
    /// First units of honorifics, list ends and cues: what the context after a name may begin with.
    let afterNameStart: UnitSet

    init(_ rules: RuleSet) {
        var surnames: [String] = []
        var needs: [String] = []
        for file in rules.files("person") {
            surnames += RuleFile.words(file.root["single"]) + RuleFile.words(file.root["compound"])
            needs += RuleFile.words(file.root["needs_context"])
        }
        self.surnames = Lexicon(name: "person.surnames", entries: surnames)
        needsContext = Lexicon(name: "person.needs_context", entries: needs)
        var classes = [UInt8](repeating: 0, count: 65_536)
        for level in 1...4 {
            for entry in rules.lexiconEntries("person", "given_\(level)") {
                for u in entry.utf16 where classes[Int(u)] < level { classes[Int(u)] = UInt8(level) }
            }
        }
        givenClass = classes
        neverGiven = UnitSet(rules.lexiconEntries("person", "never_given"))
        neverFinal = UnitSet(rules.lexiconEntries("person", "never_final"))
        neverFirstGiven = UnitSet(rules.lexiconEntries("person", "never_first_given"))
        cues = rules.lexicon("person", "cue_after")
        honorifics = rules.lexicon("person", "honorific")
        credits = rules.lexicon("person", "credit")
        notCredits = rules.lexicon("person", "not_credit")
        creditEnd = UnitSet(credits.entries.compactMap { $0.last.map(String.init) })
        listEnd = rules.lexicon("person", "list_end")
        nonPersonCollectives = rules.lexicon("person", "non_person_collectives")
        peopleAfterCollective = rules.lexicon("person", "people_after_collective")
        editorRoles = rules.lexicon("article", "editor_role")
        familiarNotAfter = UnitSet(rules.lexiconEntries("person", "familiar_not_before"))
        bylineNotEnd = UnitSet(rules.lexiconEntries("person", "byline_not_end"))
        bylineNot = rules.lexicon("person", "byline_not")
        japanese = rules.lexicon("person", "japanese_surnames")
        roles = rules.lexicon("person", "role_before")
        roleEnd = UnitSet(roles.entries.compactMap { $0.last.map(String.init) })
        termAfter = rules.lexicon("person", "term_after")
        listOrderNotes = rules.lexicon("person", "list_order_notes")
        placeBefore = UnitSet(rules.lexiconEntries("person", "place_before"))
        placeVerbs = rules.lexicon("person", "place_verbs")
        placeWordEnds = UnitSet(rules.lexiconEntries("person", "place_word_ends"))
        nounPosts = rules.lexicon("person", "noun_posts")
        transliteration = UnitSet(rules.lexiconEntries("person", "transliteration"))
        beforeName = UnitSet(rules.lexiconEntries("person", "before_name") + rules.lexiconEntries("person", "never_given"))
        functionSurnames = rules.lexicon("person", "function_surnames")
        afterNameStart = UnitSet(units: honorifics.startUnits + listEnd.startUnits + cues.startUnits)
        let familiar = rules.lexiconEntries("person", "familiar_prefixes")
        familiarPrefixes = UnitSet(familiar)
        anonymizedMarks = UnitSet(rules.lexiconEntries("person", "anonymized_marks"))
        nameStart = UnitSet(units: self.surnames.startUnits + japanese.startUnits + familiar.flatMap { NormalizedText.units($0) }
                            + rules.lexiconEntries("person", "transliteration").flatMap { NormalizedText.units($0) })
    }

    /// Whether `units[range]` is a surname that needs context.
    func isWeakSurname(_ units: [UInt16], _ range: Range<Int>) -> Bool {
        needsContext.contains(units, range)
    }

    /// Whether `units[range]` is a surname that is also a preposition or conjunction.
    func isFunctionSurname(_ units: [UInt16], _ range: Range<Int>) -> Bool {
        functionSurnames.contains(units, range)
    }

    /// Whether a unit may stand in a given name.
    @inline(__always)
    func mayBeGiven(_ u: UInt16) -> Bool { Chars.isIdeograph(u) && !neverGiven.contains(u) }

    /// Whether some lexicon entry ends exactly at `end` (looking back at most `maxLength` units).
    static func entryEnds(_ lexicon: Lexicon, _ units: [UInt16], at end: Int, maxLength: Int = 5) -> Bool {
        var k = 1
        while k <= maxLength, end - k >= 0 {
            if lexicon.canStart(units[end - k]), lexicon.contains(units, (end - k)..<end) { return true }
            k += 1
        }
        return false
    }
}
