/// The parts of a document a recognizer scans: everything outside page chrome (menus,
/// breadcrumbs, footers marked by the article phase), walked left to right.
struct ChromeSkipper {
    private let ranges: [Range<Int>]
    private var next = 0

    init(_ document: Document) {
        ranges = document.annotations(.chrome).map(\.range)
    }

    /// Chrome except the spans of the given rules (a dateline or byline is chrome to the article
    /// phase but names a place, an outlet and a date like the body does).
    init(_ document: Document, keeping rules: Set<String>) {
        ranges = document.annotations(.chrome).filter { !rules.contains($0.rule) }.map(\.range)
    }

    /// Chrome rules whose text the entity recognizers still read: datelines and bylines.
    static let articleText: Set<String> = [ChromeKind.dateline.rawValue, ChromeKind.byline.rawValue]

    /// `i` if it is outside chrome, else the first position after the chrome span holding it.
    /// Calls must come with non-decreasing `i`.
    @inline(__always)
    mutating func skip(_ i: Int) -> Int {
        var i = i
        while next < ranges.count {
            let r = ranges[next]
            if i < r.lowerBound { return i }
            if i < r.upperBound { i = r.upperBound }
            next += 1
        }
        return i
    }

    /// Start of the next chrome span at or after the last position skipped (`Int.max` if none):
    /// the bound of a tight loop that skips positions without calling ``skip(_:)`` for each.
    var nextStart: Int { next < ranges.count ? ranges[next].lowerBound : Int.max }
}

/// Character tests shared by the entity recognizers (UTF-16 units of the normalized text).
enum Chars {
    @inline(__always)
    static func isIdeograph(_ u: UInt16) -> Bool { u >= 0x4E00 && u <= 0x9FFF || u >= 0x3400 && u <= 0x4DBF }

    /// Spaces that scraped text puts between the parts of a date or a name (`4 月10日`).
    @inline(__always)
    static func isSpace(_ u: UInt16) -> Bool { u == 0x20 || u == 0x3000 || u == 0xA0 || u == 0x09 }

    @inline(__always)
    static func isLatinLetter(_ u: UInt16) -> Bool { (u | 0x20) >= 0x61 && (u | 0x20) <= 0x7A }

    /// 。!? (the normalized text has `!?` for `！？`): the marks that end a sentence. Callers
    /// that also stop at line breaks, `;` or closing quotes say so beside this test.
    @inline(__always)
    static func isSentenceEnd(_ u: UInt16) -> Bool { u == 0x3002 || u == 0x21 || u == 0x3F }

    @inline(__always)
    static func isLineBreak(_ u: UInt16) -> Bool { u == 0x0A || u == 0x0D }

    /// Closing quotes that may follow a sentence end (” 」 』).
    @inline(__always)
    static func isClosingQuote(_ u: UInt16) -> Bool { u == 0x201D || u == 0x300D || u == 0x300F }

    /// Skips spaces (not line breaks) from `i`, staying below `limit`.
    @inline(__always)
    static func skipSpaces(_ units: [UInt16], _ i: Int, _ limit: Int) -> Int {
        var j = i
        while j < limit, isSpace(units[j]) { j += 1 }
        return j
    }

    /// Whether `units` at `i` start with `s` (folded units).
    static func hasPrefix(_ units: [UInt16], at i: Int, _ s: [UInt16]) -> Bool {
        guard i >= 0, i + s.count <= units.count else { return false }
        for k in 0..<s.count where units[i + k] != s[k] { return false }
        return true
    }

    /// Whether `units` end with `s` just before `i`.
    static func hasSuffix(_ units: [UInt16], before i: Int, _ s: [UInt16]) -> Bool {
        hasPrefix(units, at: i - s.count, s)
    }

    static func unit(_ c: Character) -> UInt16 { String(c).utf16.first! }
}

extension Array {
    /// Sorts unless the elements are in order already (scans mostly produce them in order; the
    /// sort is stable, so skipping it on sorted input changes nothing).
    mutating func sortIfNeeded(by before: (Element, Element) -> Bool) {
        for i in indices.dropFirst() where before(self[i], self[i - 1]) {
            sort(by: before)
            return
        }
    }

    /// ``sortIfNeeded(by:)`` on a copy.
    func sortedIfNeeded(by before: (Element, Element) -> Bool) -> [Element] {
        var copy = self
        copy.sortIfNeeded(by: before)
        return copy
    }
}
