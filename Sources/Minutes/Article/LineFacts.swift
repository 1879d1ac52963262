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
            Chars.isSpace($0) || Chars.isSentencePunctuation($0) || $0 == photoMarkUnit
        }
        return UnitSet(units: Array(plain) + widget.startUnits + image.startUnits + footer.startUnits)
    }

    static let photoMarkUnit: UInt16 = 0x6444  // 摄

    init(_ units: [UInt16], _ line: Range<Int>, rules: ArticleRules) {
        range = Chars.trimJunk(units, line)
        var spaces = 0
        var k = range.lowerBound
        while true {
            k = rules.lineMarks.next(in: units, from: k, limit: range.upperBound)
            guard k < range.upperBound else { break }
            let u = units[k]
            if Chars.isSpace(u) {
                spaces += 1
            } else if Chars.isSentencePunctuation(u) {
                if u == 0x3002 || u == 0x3B { stop = true } else if u == 0x2C { comma = true }
                if u != 0x3F { sentencePunctuation = true }
            } else if u == Self.photoMarkUnit {
                photoMark = true
            }
            note(.widget, rules.widgetCues, units, k)
            note(.image, rules.imageCues, units, k)
            note(.footer, rules.footerCues, units, k)
            k += 1
        }
        visible = range.count - spaces
    }

    /// Notes the cue lexicon when one of its words starts at `k`.
    @inline(__always)
    private mutating func note(_ cue: Cues, _ lexicon: Lexicon, _ units: [UInt16], _ k: Int) {
        if !cues.contains(cue), lexicon.canStart(units[k]), lexicon.longestMatch(in: units, at: k, limit: range.upperBound) != nil {
            cues.insert(cue)
        }
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
