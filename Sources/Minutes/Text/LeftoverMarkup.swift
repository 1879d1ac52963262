/// Tags and space entities that scrapers leave in text they call plain (`<p> 本报讯…</p>`,
/// `县长&nbsp;王某`): NormalizedText reads a block tag as a line break and drops the others,
/// as it drops converter pinyin; the original input is not touched, and offsets stay its own.
enum LeftoverMarkup {
    /// Tags read as a line break: they start or end a block of the page.
    static let lineBreakTags: Set<String> = PageVocabulary.blockTags.union(PageVocabulary.cellTags).union(["br"])
    /// Inline tags dropped without a trace.
    static let inlineTags: Set<String> = ["span", "a", "img", "strong", "b", "i", "em", "font", "u", "sup", "sub", "small",
                                           "big", "label", "o:p", "st1:chsdate"]
    /// Entities of spaces, dropped like inline tags.
    static let spaceEntities: [[Unicode.Scalar]] = ["&nbsp;", "&ensp;", "&emsp;", "&thinsp;", "&#160;", "&#12288;"].map { Array($0.unicodeScalars) }

    enum Reading {
        case lineBreak, dropped
    }

    /// If a tag (`<p>`, `</p>`, `<br/>`, `<span style="…">`) or a space entity starts at `start`,
    /// the index just past it and how it reads.
    static func end(in scalars: UnsafeBufferPointer<Unicode.Scalar>, at start: Int) -> (end: Int, reading: Reading)? {
        if scalars[start] == "&" {
            for entity in spaceEntities where start + entity.count <= scalars.count {
                if (0..<entity.count).allSatisfy({ scalars[start + $0] == entity[$0] }) { return (start + entity.count, .dropped) }
            }
            return nil
        }
        guard scalars[start] == "<" else { return nil }
        var j = start + 1
        if j < scalars.count, scalars[j] == "/" { j += 1 }
        var name = ""
        while j < scalars.count, name.unicodeScalars.count < 12, isNameScalar(scalars[j]) {
            name.unicodeScalars.append(Unicode.Scalar(UInt8(scalars[j].value) | (isUpperASCII(scalars[j]) ? 0x20 : 0)))
            j += 1
        }
        let reading: Reading
        if lineBreakTags.contains(name) { reading = .lineBreak } else if inlineTags.contains(name) { reading = .dropped } else { return nil }
        // attributes, on the same line, at most a few hundred characters, no second `<`
        while j < scalars.count, j - start < 400, scalars[j] != ">", scalars[j] != "<", scalars[j] != "\n" { j += 1 }
        guard j < scalars.count, scalars[j] == ">" else { return nil }
        // the name must end the tag name: `<p>`, `<p class=…>`, `<br/>`
        return (j + 1, reading)
    }

    private static func isUpperASCII(_ s: Unicode.Scalar) -> Bool { s.value >= 0x41 && s.value <= 0x5A }

    private static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value | 0x20
        return (v >= 0x61 && v <= 0x7A) || (s.value >= 0x30 && s.value <= 0x39) || s == ":"
    }
}
