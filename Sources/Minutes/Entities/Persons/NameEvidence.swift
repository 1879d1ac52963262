/// The scores that choose between readings of one name start (张三 or 张三丰), kept in one place.
///
/// A reading that the length decision accepts scores the base of the context that accepted it,
/// plus the weight of what follows it (``PersonScanner/Right/weight``), plus the given-name
/// class of its last character; the highest score wins. The bases are far apart so that the
/// context decides first and the characters only break ties between lengths.
enum NameScore {
    /// A title or honorific beside the name, or a credit word before it (市长张三, 张三同志).
    static let titled = 30
    /// A member of a 、 list that a title, a verb, 等 or the surnames of all members confirm.
    static let confirmedList = 25
    /// After another list member, or before a verb, a list end or after a role word.
    static let listOrCue = 20
    /// On a line of its own, or alone in brackets: a byline (／张江／, （王镛）).
    static let alone = 15
    /// No context: a common surname and a likely given name.
    static let plain = 10
    /// A likely given-name character left after a two-character reading (钱其|琛): the longer
    /// reading should win.
    static let strandedGivenCharacter = -3
    /// A two-character given name not glued to the text after it.
    static let fullGivenName = 1
}

/// How common the characters of a given name are in given names, by class from the given-name
/// lexicon (0 rare or unknown … 4 very common), and the thresholds the length decision asks.
struct GivenNameStrength {
    /// Class of the first given character.
    let first: Int
    /// Class of the second given character; nil for a one-character given name.
    let second: Int?

    /// Enough for a name that a verb, a list end or a role word confirms: one common character
    /// (class 2 or more), or two not rare that sum to 4 or more.
    var confirmableByCue: Bool {
        guard let second else { return first >= 2 }
        return first >= 1 && second >= 1 && first + second >= 4
    }

    /// Two characters not both rare: enough for a member of a list after another member,
    /// when a separator or punctuation closes it.
    var twoNotBothRare: Bool {
        guard let second else { return false }
        return first + second >= 1
    }

    /// Enough to stand with no context at all: two characters of class 2 or more summing to 6.
    var likelyWithoutContext: Bool {
        guard let second else { return false }
        return first >= 2 && second >= 2 && first + second >= 6
    }

    /// Enough after a surname that is also a word (许, 高, 程): two characters of class 2 or
    /// more summing to 5.
    var confirmableAfterWordSurname: Bool {
        guard let second else { return false }
        return first >= 2 && second >= 2 && first + second >= 5
    }

    /// Enough after a surname that is also a word with no context at all: summing to 7.
    var likelyAfterWordSurname: Bool {
        confirmableAfterWordSurname && first + (second ?? 0) >= 7
    }

    /// Two characters rare in given names (summing to 4 or less): a dictionary word they make
    /// is read as the word (高标准, 高质量).
    var rareTwoCharacters: Bool {
        guard let second else { return false }
        return first + second <= 4
    }

    /// Whether the last given character is common (class 3 or more): a name that is also a
    /// word stands before a post only then.
    var commonLastCharacter: Bool { (second ?? first) >= 3 }
}
