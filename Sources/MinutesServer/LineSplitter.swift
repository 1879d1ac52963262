/// Splits a byte stream into lines as buffers arrive (`\n` or `\r\n`), holding at most one line of
/// up to `maxLine` bytes: a longer line is dropped as it streams and reported by its length, so a
/// 1 GB batch takes memory for one record, not for the body.
struct LineSplitter {
    enum Piece {
        case line([UInt8])
        /// A line over the limit, with its length.
        case tooLong(Int)
    }

    let maxLine: Int
    private var line: [UInt8] = []
    /// Bytes of the current line when it is over the limit (nil: within it).
    private var overflow: Int?

    init(maxLine: Int) { self.maxLine = maxLine }

    /// The lines that `bytes` completes.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [Piece] {
        var pieces: [Piece] = []
        var start = 0
        while start < bytes.count {
            let rest = UnsafeRawBufferPointer(rebasing: bytes[start...])
            let newline = rest.firstIndex(of: 0x0A).map { start + $0 }
            let end = newline ?? bytes.count
            take(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            guard let newline else { break }
            pieces.append(endLine())
            start = newline + 1
        }
        return pieces
    }

    /// The last line, when the stream does not end with a line break.
    mutating func finish() -> Piece? {
        guard overflow != nil || !line.isEmpty else { return nil }
        return endLine()
    }

    private mutating func take(_ part: UnsafeRawBufferPointer) {
        if let n = overflow {
            overflow = n + part.count
        } else if line.count + part.count > maxLine + 1 {  // + 1: a \r before the \n
            overflow = line.count + part.count
            line = []
        } else {
            line.append(contentsOf: part)
        }
    }

    private mutating func endLine() -> Piece {
        defer {
            line = []
            overflow = nil
        }
        if let n = overflow { return .tooLong(n) }
        if line.last == 0x0D { line.removeLast() }
        if line.count > maxLine { return .tooLong(line.count) }
        return .line(line)
    }
}
