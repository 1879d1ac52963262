/// Errors of the `minutes` library. Each names the input or rule file and says what to do.
public enum MinutesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input holds NUL bytes or other binary data.
    case binaryInput(input: String, reason: String)
    /// The bytes are not valid UTF-8, GB18030 or Big5.
    case undecodableInput(input: String, reason: String)
    /// A JSONL record could not be read.
    case badRecord(input: String, line: Int, reason: String)
    /// A rule file is malformed.
    case badRule(file: String, line: Int?, problem: String)
    /// The input is larger than one article can be (``Extractor/maxInputBytes``).
    case tooLarge(input: String, bytes: Int, limit: Int)
    /// An input path that does not exist or cannot be read.
    case unreadable(input: String, reason: String)

    public var description: String {
        switch self {
        case let .binaryInput(input, reason):
            return "\(input): not text (\(reason)); give a UTF-8, GB18030 or Big5 text or HTML file"
        case let .undecodableInput(input, reason):
            return "\(input): cannot decode (\(reason)); convert it to UTF-8 first (iconv -f ENCODING -t UTF-8)"
        case let .badRecord(input, line, reason):
            return "\(input):\(line): \(reason)"
        case let .badRule(file, line, problem):
            return "\(file)\(line.map { ":\($0)" } ?? ""): \(problem)"
        case let .tooLarge(input, bytes, limit):
            return "\(input): too large for one article (\(bytes) bytes, the limit is \(limit)); split it into articles"
        case let .unreadable(input, reason):
            return "\(input): \(reason)"
        }
    }
}
