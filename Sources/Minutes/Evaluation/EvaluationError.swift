/// Problems with evaluation input: a corpus directory, a gold file, a results file. Each names
/// the file and says what is wrong.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The corpus directory is missing or lacks `articles/`.
    case badCorpus(path: String, problem: String)
    /// A gold annotation that cannot be read or does not follow the schema.
    case badGold(file: String, problem: String)
    /// An article without its gold annotation, or a gold annotation without its article.
    case unpaired(file: String, problem: String)
    /// An article file that cannot be read or decoded.
    case badArticle(file: String, problem: String)
    /// A results file (or one line of it) that cannot be read.
    case badResults(file: String, line: Int?, problem: String)
    /// A Label Studio export (`minutes review import`) that cannot be read.
    case badReviewExport(file: String, problem: String)

    public var description: String {
        switch self {
        case let .badCorpus(path, problem), let .badGold(path, problem), let .unpaired(path, problem),
             let .badArticle(path, problem), let .badReviewExport(path, problem):
            return "\(path): \(problem)"
        case let .badResults(file, line, problem):
            return "\(file)\(line.map { ":\($0)" } ?? ""): \(problem)"
        }
    }
}
