import ICUShim

/// ICU word or sentence boundaries over a UTF-16 buffer, as offsets (no String per token).
///
/// An instance is not thread-safe; make one per thread (``TextSegmenter`` does).
public final class BreakIterator {
    public enum Kind: Int32, Sendable { case word = 0, sentence = 1 }

    /// ICU's rule status for the segment ending at a boundary (`UBRK_WORD_*`, `UBRK_SENTENCE_*`).
    public enum Status {
        public static let wordNone: Int32 = 0          // spaces, punctuation
        public static let wordNumber: Int32 = 100
        public static let wordLetter: Int32 = 200
        public static let wordIdeographic: Int32 = 400
        public static let sentenceTerminated: Int32 = 0   // ended by 。！？
        public static let sentenceSeparated: Int32 = 100  // ended by a line break
    }

    private let handle: OpaquePointer
    private var bounds: [Int32] = []
    private var statuses: [Int32] = []

    public init(_ kind: Kind, locale: String = "zh") throws {
        var status: Int32 = 0
        guard let h = minutes_breaker_open(kind.rawValue, locale, &status) else {
            throw ICUError(code: status, operation: "ubrk_open")
        }
        handle = h
    }

    deinit { minutes_breaker_close(handle) }

    /// Boundaries of `text[range]`, each with the status of the segment that ends there.
    /// Offsets are absolute (into `text`). The first boundary is `range.lowerBound`.
    public func boundaries(in text: UnsafeBufferPointer<UInt16>, range: Range<Int>) throws -> [(offset: Int, status: Int32)] {
        let n = try breakText(text, range)
        var out: [(offset: Int, status: Int32)] = []
        out.reserveCapacity(n)
        for i in 0..<n { out.append((range.lowerBound + Int(bounds[i]), statuses[i])) }
        return out
    }

    /// Calls `body` with each boundary offset of `text[range]` (absolute, the first is
    /// `range.lowerBound`), without building an array (for callers that ask many small ranges).
    public func forEachBoundary(in text: UnsafeBufferPointer<UInt16>, range: Range<Int>, _ body: (Int) -> Void) throws {
        let n = try breakText(text, range)
        bounds.withUnsafeBufferPointer { b in
            for i in 0..<n { body(range.lowerBound + Int(b[i])) }
        }
    }

    /// Breaks `text[range]` into `bounds` and `statuses` (offsets relative to the range start);
    /// returns the number of boundaries.
    private func breakText(_ text: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) throws -> Int {
        let length = Int32(range.count)
        if bounds.count < range.count + 2 {
            bounds = Array(repeating: 0, count: range.count + 2)
            statuses = Array(repeating: 0, count: range.count + 2)
        }
        var status: Int32 = 0
        let base = text.baseAddress.map { $0 + range.lowerBound } ?? UnsafePointer(bitPattern: 1)!
        let n = bounds.withUnsafeMutableBufferPointer { b in
            statuses.withUnsafeMutableBufferPointer { s in
                minutes_breaker_boundaries(handle, base, length, b.baseAddress, s.baseAddress, Int32(b.count), &status)
            }
        }
        try ICUError.check(status, "ubrk_setText")
        return Int(n)
    }
}
