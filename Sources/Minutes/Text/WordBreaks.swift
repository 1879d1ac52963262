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

    private func fill(around position: Int) {
        var range: Range<Int>
        let i = sentences.partitionPoint { $0.upperBound > position }
        if i < sentences.count, sentences[i].contains(position) || sentences[i].upperBound == position {
            range = sentences[i]
        } else {
            range = max(0, position - 12)..<min(units.count, position + 12)
        }
        if range.count > 400 {
            range = max(range.lowerBound, position - 40)..<min(range.upperBound, position + 40)
        }
        for p in range.lowerBound...range.upperBound where state[p] == 0 { state[p] = 2 }
        guard let words = try? TextSegmenter.shared.words(units, in: range) else {
            for p in range.lowerBound...range.upperBound { state[p] = 1 }
            return
        }
        for w in words {
            state[w.range.lowerBound] = 1
            state[w.range.upperBound] = 1
        }
    }
}
