import ICUShim

/// ICU's Chinese word boundaries for a window of ideographs, digits and punctuation, without a
/// break iterator: the same rules, dictionary and least-cost path as ICU, at about a quarter of
/// its cost (see han_words.cpp).
public enum HanWordBreaks {
    /// Calls `body` with each boundary of `text[range]` (absolute offsets, both ends included)
    /// and returns true when the range holds only what the replica knows (unified Han
    /// ideographs, ASCII digits, spaces, common punctuation), is at most ``maxLength`` units,
    /// and ICU's dictionary is available; otherwise returns false without calling `body` (then
    /// ask ``BreakIterator``).
    public static func forEachBoundary(in text: UnsafeBufferPointer<UInt16>, range: Range<Int>, _ body: (Int) -> Void) -> Bool {
        guard !range.isEmpty, range.count <= maxLength, let base = text.baseAddress else { return false }
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: maxLength + 1) { bounds in
            let n = minutes_han_word_boundaries(base + range.lowerBound, Int32(range.count), bounds.baseAddress, Int32(bounds.count))
            guard n > 0, Int(n) <= bounds.count else { return false }
            for i in 0..<Int(n) { body(range.lowerBound + Int(bounds[i])) }
            return true
        }
    }

    public static let maxLength = Int(MINUTES_HAN_WINDOW_MAX)
}
