import ICUText
import Foundation

/// ICU sentence and word boundaries for the normalized text, with break iterators pooled
/// across threads (an ICU iterator is not thread-safe, and opening one per article costs).
final class TextSegmenter: @unchecked Sendable {
    static let shared = TextSegmenter()

    private let lock = NSLock()
    private var sentenceIterators: [BreakIterator] = []
    private var wordIterators: [BreakIterator] = []

    private func with<T>(_ kind: BreakIterator.Kind, _ body: (BreakIterator) throws -> T) throws -> T {
        lock.lock()
        var it: BreakIterator? = kind == .word ? wordIterators.popLast() : sentenceIterators.popLast()
        lock.unlock()
        if it == nil { it = try BreakIterator(kind) }
        defer {
            lock.lock()
            if kind == .word { wordIterators.append(it!) } else { sentenceIterators.append(it!) }
            lock.unlock()
        }
        return try body(it!)
    }

    /// Sentence ranges of `units[range]` (UTF-16 offsets), by the rules ICU's sentence break
    /// iterator implements (``SentenceBoundaries``, equal to ICU and several times cheaper).
    func sentences(_ units: [UInt16], in range: Range<Int>) -> [Range<Int>] {
        let b = units.withUnsafeBufferPointer { SentenceBoundaries.boundaries($0, in: range) }
        return zip(b, b.dropFirst()).map { $0..<$1 }
    }

    /// Sentence ranges of `units[range]` from ICU's sentence break iterator (what
    /// ``sentences(_:in:)`` is tested against).
    func icuSentences(_ units: [UInt16], in range: Range<Int>) throws -> [Range<Int>] {
        try with(.sentence) { it in
            try units.withUnsafeBufferPointer { buf in
                let b = try it.boundaries(in: buf, range: range)
                return zip(b, b.dropFirst()).map { $0.offset..<$1.offset }
            }
        }
    }

    /// Calls `body` with each word boundary of `units[range]` (offsets into `units`, the range's
    /// ends included), building no array: ``WordBreaks`` asks thousands of small windows.
    func forEachWordBoundary(_ units: [UInt16], in range: Range<Int>, _ body: (Int) -> Void) throws {
        // most windows are ideographs and punctuation: ICU's boundaries without its iterator
        if units.withUnsafeBufferPointer({ HanWordBreaks.forEachBoundary(in: $0, range: range, body) }) { return }
        try with(.word) { it in
            try units.withUnsafeBufferPointer { try it.forEachBoundary(in: $0, range: range, body) }
        }
    }
}
