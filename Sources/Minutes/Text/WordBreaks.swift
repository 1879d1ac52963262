/// ICU dictionary word boundaries of a document, computed lazily one sentence at a time.
///
/// ICU word break costs ~20 MB/s, too slow to run over every article, but names and bare
/// titles need it only to ask "is 高峰 / 马上 / 市长 here a word of its own, or part of
/// 提高峰值 / 城市长远?" — so only the sentences that hold such a question are broken.
final class WordBreaks {
    private let units: [UInt16]
    private let sentences: [Range<Int>]
    /// Per position: 0 unknown, 1 a word boundary, 2 inside a word.
    private var state: [UInt8]

    init(_ document: Document) {
        units = document.text.units
        sentences = document.annotations(.sentence).map(\.range)
        state = [UInt8](repeating: 0, count: units.count + 1)
        state[0] = 1
        state[units.count] = 1
    }

    /// Whether ICU puts a word boundary at `position`.
    func isBoundary(_ position: Int) -> Bool {
        guard position > 0, position < units.count else { return true }
        if state[position] == 0 { fill(around: position) }
        return state[position] == 1
    }

    /// Whether `range` is exactly one ICU word of two or more units.
    func isWord(_ range: Range<Int>) -> Bool {
        guard range.count >= 2, isBoundary(range.lowerBound), isBoundary(range.upperBound) else { return false }
        for p in (range.lowerBound + 1)..<range.upperBound where isBoundary(p) { return false }
        return true
    }

    /// Whether some ICU word of two or more units lies inside `range` (touching its edges or not).
    func containsWord(_ range: Range<Int>) -> Bool {
        var start = range.lowerBound
        guard isBoundary(start) else { return true }
        for p in (range.lowerBound + 1)...range.upperBound where isBoundary(p) {
            if p - start >= 2 { return true }
            start = p
        }
        return false
    }

    /// Whether `range`, broken on its own (without the text around it), is one word of two or
    /// more units: a dictionary word even where the sentence joins it to its neighbours
    /// (全体 in 占全体委员, where ICU reads 全体委员).
    func isWordAlone(_ range: Range<Int>) -> Bool {
        guard range.count >= 2, range.upperBound <= units.count else { return false }
        var inside = false
        guard (try? TextSegmenter.shared.forEachWordBoundary(units, in: range, { p in
            if p > range.lowerBound, p < range.upperBound { inside = true }
        })) != nil else { return false }
        return !inside
    }

    private func fill(around position: Int) {
        // A window of the sentence around the position: ICU's dictionary decisions depend only
        // on nearby text, and breaking whole sentences costs most of the person phase.
        var sentence: Range<Int>
        let i = sentences.partitionPoint { $0.upperBound > position }
        if i < sentences.count, sentences[i].contains(position) || sentences[i].upperBound == position {
            sentence = sentences[i]
        } else {
            sentence = 0..<units.count
        }
        let range = max(sentence.lowerBound, position - Self.reach)..<min(sentence.upperBound, position + Self.reach)
        // trust only the inner part of a window cut out of a sentence
        let trusted = (range.lowerBound == sentence.lowerBound ? range.lowerBound : range.lowerBound + Self.margin)...(range.upperBound == sentence.upperBound ? range.upperBound : range.upperBound - Self.margin)
        // boundaries of the window as bits by offset from its start (a window has at most
        // 2 × reach units, so its 2 × reach + 1 positions fit in one word)
        var boundary: UInt64 = 0
        guard !range.isEmpty, (try? TextSegmenter.shared.forEachWordBoundary(units, in: range, { boundary |= 1 << UInt64($0 - range.lowerBound) })) != nil else {
            state[position] = 1
            return
        }
        let isBoundary = { (p: Int) in range.lowerBound <= p && p <= range.upperBound && boundary & (1 << UInt64(p - range.lowerBound)) != 0 }
        // one access to the class's array for the whole loop (not one exclusivity check per position)
        state.withUnsafeMutableBufferPointer { state in
            for p in trusted where state[p] == 0 { state[p] = isBoundary(p) ? 1 : 2 }
            if state[position] == 0 { state[position] = isBoundary(position) ? 1 : 2 }
        }
    }

    // 12-unit windows, trusting all but 3 units at a cut edge: the same boundaries for every
    // name decision on PD1998, Samples and dev as 20-unit windows, at ~2/3 of the ICU cost
    static let reach = 6
    static let margin = 3
}
