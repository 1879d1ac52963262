/// Finds person names (layer `.person`) with the surname model of Rules/persons, confirmed by
/// context: a title or group label before, a list under one title, a post, honorific or verb
/// after, a byline role before. Later mentions (卢荣春指出, 宋县长) are linked to the person
/// they name, and `document.persons` gets every person with all titles and mentions.
///
/// Features of a mention: `name` (the person's canonical name, as first written in full) and
/// `titles` (the titles attached to this mention, joined by 、, for display; typed in
/// `document.personMentionTitles`).
///
/// Reads: `title`, `place`, `organization`, `credit`, `chrome`, word breaks. Writes: `person`,
/// `document.persons`, `document.personMentionTitles`.
struct PersonPhase: Phase {
    let name = "persons"
    var produces: [AnnotationType] { [.person] }
    let model: NameModel

    init(_ rules: RuleSet) {
        model = NameModel(rules)
    }

    func run(_ document: Document) throws {
        var scanner = PersonScanner(document, model)
        scanner.scan()
        scanner.addFirstListMembers()
        scanner.linkLaterMentions()
        scanner.linkSurnameTitles()
        let assembled = PersonAssembler(document, scanner).assemble()
        document.add(assembled.annotations)
        document.persons = assembled.persons
        document.personMentionTitles = assembled.mentionTitles
    }
}

/// The rules that find a person (an annotation's `rule`).
enum PersonRule: String {
    case afterTitle = "person.after-title", beforeTitle = "person.before-title", titleList = "person.title-list"
    case list = "person.list", credit = "person.credit", role = "person.role", cue = "person.cue"
    case plain = "person.plain", alone = "person.alone", familiar = "person.familiar"
    case japanese = "person.japanese", transliterated = "person.transliterated", dotName = "person.dot-name"
    case coreference = "person.coreference", surnameTitle = "person.surname-title", nameRun = "person.name-run"
}

/// One name mention found by the scanner.
struct NameMention {
    var range: Range<Int>
    var rule: PersonRule
    /// Units of the surname at the start of the range.
    var surnameLength: Int
    /// Whether the mention is a surname alone before a post (宋县长).
    var surnameOnly = false
    /// Titles written before the mention (chain joined by 、 and 兼), as indexes of the title layer.
    var titlesBefore: [Int] = []
    /// A post right after the name (李希书记), as an index of the title layer.
    var titleAfter: Int?
    /// Whether this mention was confirmed strongly enough to carry a list after it.
    var strong = false
    /// Whether the mention is an editor's credit (责编, 审核): no person of the report by itself.
    var editor = false
    /// A full mention of the name this surname alone or this part of a dotted name refers to
    /// (nil: the mention names itself, or an unresolved surname).
    var key: Range<Int>?
}

