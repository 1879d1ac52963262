/// What the layout rules ask of a line (its visible length, its punctuation, which cue words
/// it holds), read in one pass. Lines of news text are long paragraphs: each rule reading the
/// whole line again (a cue lexicon scan each, the visible length, the prose test) was most of
/// the layout's cost.
struct LineFacts {
    /// Cue lexicons of ``ArticleRules`` one of whose words occurs in the line.
    struct Cues: OptionSet {
        let rawValue: UInt8
        static let widget = Cues(rawValue: 1)
        static let image = Cues(rawValue: 2)
        static let footer = Cues(rawValue: 4)
    }

    /// The line, junk trimmed (`Chars.trimJunk`): the range the facts are of.
    let range: Range<Int>
    /// Non-space units: `Chars.visibleLength` without a cap.
    private(set) var visible = 0
    /// 。 or ;
    private(set) var stop = false
    /// ,
    private(set) var comma = false
    /// Sentence punctuation other than `?` (。 , ; !): no menu line holds it.
    private(set) var sentencePunctuation = false
    /// 摄, which photo credits need.
    private(set) var photoMark = false
    private(set) var cues: Cues = []

    /// The units a fact depends on: spaces, sentence punctuation, 摄 and the first units of
    /// the cue words. Other units pass with one bit test.
    static func marks(widget: Lexicon, image: Lexicon, footer: Lexicon) -> UnitSet {
        let plain = (0...0xFFFF).lazy.map(UInt16.init).filter {
            Chars.isSpace($0) || Chars.isSentencePunctuation($0) || $0 == CreditGrammar.she
        }
        return UnitSet(units: Array(plain) + widget.startUnits + image.startUnits + footer.startUnits)
    }

    init(_ units: [UInt16], _ line: Range<Int>, rules: ArticleRules) {
        range = Chars.trimJunk(units, line)
        var spaces = 0, stop = false, comma = false, sentencePunctuation = false, photoMark = false
        var cues: Cues = []
        let r = range
        // One bit test per unit over buffers (a call per unit, or per mark, cost more than the test).
        rules.lineMarks.bits.withUnsafeBufferPointer { marks in
            units.withUnsafeBufferPointer { text in
                for k in r {
                    let u = text[k]
                    guard marks[Int(u >> 6)] & (1 << UInt64(u & 63)) != 0 else { continue }
                    if Chars.isSpace(u) {
                        spaces += 1
                        continue
                    }
                    if Chars.isSentencePunctuation(u) {
                        if u == 0x3002 || u == 0x3B { stop = true } else if u == 0x2C { comma = true }
                        if u != 0x3F { sentencePunctuation = true }
                    } else if u == CreditGrammar.she {
                        photoMark = true
                    }
                    if !cues.contains(.widget), Self.starts(rules.widgetCues, units, k, r) { cues.insert(.widget) }
                    if !cues.contains(.image), Self.starts(rules.imageCues, units, k, r) { cues.insert(.image) }
                    if !cues.contains(.footer), Self.starts(rules.footerCues, units, k, r) { cues.insert(.footer) }
                }
            }
        }
        visible = range.count - spaces
        self.stop = stop
        self.comma = comma
        self.sentencePunctuation = sentencePunctuation
        self.photoMark = photoMark
        self.cues = cues
    }

    /// Whether a word of the lexicon starts at `k` (within the line).
    @inline(__always)
    private static func starts(_ lexicon: Lexicon, _ units: [UInt16], _ k: Int, _ r: Range<Int>) -> Bool {
        lexicon.canStart(units[k]) && lexicon.longestMatch(in: units, at: k, limit: r.upperBound) != nil
    }

    /// Prose: a sentence end, or commas in a long line, or a very long line.
    static func isProse(stop: Bool, comma: Bool, visible: Int) -> Bool {
        stop || (comma && visible >= 40) || visible >= 100
    }

    var isProse: Bool { Self.isProse(stop: stop, comma: comma, visible: visible) }

    /// Whether ``FieldLineReader/read(_:_:unlabeled:)`` gives nil at once: field lines hold
    /// no 。 , ;.
    var breaksFields: Bool { stop || comma }
}
