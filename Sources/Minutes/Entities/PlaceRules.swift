/// Loading the place rules once from Rules/places and the gazetteer: the readings of each
/// listed name, the suffixes of towns, villages and zones, the level marks, and the start
/// filters of the scan.
extension PlacePhase {
    init(rules: RuleSet) throws {
        gazetteer = try Gazetteer(rules: rules)
        let known = Set(rules.rules("place").map(\.id))
        for id in Rule.allCases.map(\.rawValue) where !known.contains(id) {
            throw MinutesError.badRule(file: "Rules/places", line: nil, problem: "missing rule \(id) (the place phase reports it)")
        }
        let shortNeedsContext = WordSet(rules.lexiconEntries("place", "short_needs_context"))
        let worldNeedsContext = WordSet(rules.lexiconEntries("place", "needs_context"))

        // Every reading of every name; the names lexicon then merges a name's readings under
        // its first entry (cheaper at start-up than a dictionary of Strings).
        var words: [String] = []
        var wordReadings: [Reading] = []
        func add(_ word: String, _ r: Reading) {
            guard !word.isEmpty else { return }
            words.append(word)
            wordReadings.append(r)
        }
        for (i, d) in gazetteer.divisions.enumerated() {
            add(d.full, Reading(rule: .full, confidence: gazetteer.needsContext.contains(d.full) ? .doubtful : .certain,
                                division: i, isFull: true, takesForm: d.level == .province))
            if let s = d.short {
                let doubtful = d.level == .county || gazetteer.needsContext.contains(s) || shortNeedsContext.contains(s)
                add(s, Reading(rule: doubtful ? .context : .short, confidence: doubtful ? .doubtful : .certain,
                               division: i, isShort: true, takesForm: d.level == .province, takesRegionForm: true))
            } else if let s = Gazetteer.contextShort(d) {
                add(s, Reading(rule: .context, confidence: .strongOnly, division: i, isShort: true))
            }
        }
        for (lexicon, rule) in Rules.world {
            for w in rules.lexiconEntries("place", lexicon) {
                add(w, Reading(rule: rule, confidence: worldNeedsContext.contains(w) ? .doubtful : .certain,
                               takesForm: lexicon == "country", takesRegionForm: lexicon == "geography" || lexicon == "region",
                               isCity: lexicon == "city" || lexicon == "region"))
            }
        }
        var firstEqual: [Int32]? = []
        names = Lexicon(name: "place.names", entries: words, firstEqual: &firstEqual)
        // A non-empty word folds to a non-empty entry, so entries and words stay aligned.
        readings = NameReadings(wordReadings, under: firstEqual!)

        var suffixWords: [String] = []
        var suffixInfo: [Suffix] = []
        var notWords: [String] = []
        for (id, kind) in Rules.suffixes {
            guard let rule = rules.rule(id.rawValue) else { continue }
            for s in rule.list("suffixes") {
                suffixWords.append(s)
                suffixInfo.append(Suffix(rule: id, kind: kind))
            }
            notWords += rule.list("not_words")
        }
        suffixes = Lexicon(name: "place.suffixes", entries: suffixWords)
        self.suffixInfo = suffixInfo
        notSuffix = Lexicon(name: "place.not_words", entries: notWords)
        notBeforeSuffix = Lexicon(name: "place.not_before_suffix", entries: rules.lexiconEntries("place", "not_before_suffix").map { String($0.reversed()) })
        forms = rules.lexicon("place", "country_form")
        regionForms = rules.lexicon("place", "region_form")
        notPlaces = rules.lexicon("place", "not_places")
        notBefore = rules.lexicon("place", "not_before")
        titleEnd = Lexicon(name: "place.title_end", entries: rules.lexiconEntries("place", "title_end").map { String($0.reversed()) })
        levelWords = rules.lexicon("place", "level_words")
        longLevelForms = Lexicon(name: "place.long_level_forms", entries: rules.lexiconEntries("place", "long_level_forms").map { String($0.reversed()) })
        contextAfter = rules.lexicon("place", "context_after")
        var marks: [UInt16: Set<Gazetteer.Level>] = [:]
        for (name, level) in [("province_marks", Gazetteer.Level.province), ("prefecture_marks", .prefecture), ("county_marks", .county)] {
            for mark in rules.lexiconEntries("place", name) { if let u = mark.utf16.first { marks[u, default: []].insert(level) } }
        }
        levelMarks = marks
        contextAfterWeak = rules.lexicon("place", "context_after_weak")
        contextBefore = rules.lexicon("place", "context_before")
        stop = UnitSet(rules.lexiconEntries("place", "stop").filter { $0.count == 1 })
        let transliterationChars = rules.lexiconEntries("person", "transliteration") + rules.lexiconEntries("place", "foreign_chars")
        transliteration = UnitSet(transliterationChars)
        scanStarts = StartFilters(StartFilter([names, notPlaces], units: transliterationChars.flatMap { NormalizedText.units($0) }),
                                  suffixes.startFilter)
    }

    /// The readings of each entry of `names`, a name's readings under its first entry, in one
    /// array (an array per name was 7,000 allocations at start-up).
    struct NameReadings {
        /// The readings of entry `k` are `all[starts[k]..<starts[k + 1]]`.
        private let starts: [Int32]
        private let all: [Reading]

        /// `readings[k]` goes under entry `entries[k]`, in order.
        init(_ readings: [Reading], under entries: [Int32]) {
            var starts = [Int32](repeating: 0, count: entries.count + 1)
            for e in entries { starts[Int(e) + 1] += 1 }
            for k in 0..<entries.count { starts[k + 1] += starts[k] }
            var next = starts
            var all = readings
            for (k, e) in entries.enumerated() {
                all[Int(next[Int(e)])] = readings[k]
                next[Int(e)] += 1
            }
            self.starts = starts
            self.all = all
        }

        subscript(entry: Int) -> ArraySlice<Reading> { all[Int(starts[entry])..<Int(starts[entry + 1])] }
    }
}
