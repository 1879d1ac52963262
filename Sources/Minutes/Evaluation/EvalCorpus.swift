import Foundation

/// An article file of an annotated corpus: an optional `URL: …` first line and the blank line
/// after it are metadata; the rest is the text the extractor sees, and every offset refers to it.
public struct ArticleFile: Sendable, Equatable {
    public var url: String?
    public var text: String

    /// Splits the metadata header off a decoded article file.
    public init(contents: String) {
        guard contents.hasPrefix("URL:") else {
            url = nil
            text = contents
            return
        }
        var lines = contents.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        url = lines[0].dropFirst(4).trimmingCharacters(in: .whitespaces)
        lines.removeFirst()
        // The blank line after the header, when there is one.
        if lines.count > 1, lines[0].allSatisfy(\.isWhitespace) { lines.removeFirst() }
        text = lines.joined(separator: "\n")
    }
}

/// One scored article: its text and its gold annotation.
public struct EvalArticle: Sendable {
    /// The file's base name without `.txt` (`001`, `yunfu-2022-10-06`).
    public var id: String
    public var url: String?
    public var text: String
    public var gold: GoldAnnotation

    public init(id: String, url: String? = nil, text: String, gold: GoldAnnotation) {
        self.id = id
        self.url = url
        self.text = text
        self.gold = gold
    }
}

/// An annotated corpus directory: `articles/*.txt` with `gold/*.yaml` of the same base name
/// (the layout of `Samples/` and of the dev corpus).
public struct EvalCorpus: Sendable {
    public let directory: URL
    /// The articles that have both a readable text and a valid gold file, by id.
    public var articles: [EvalArticle]
    /// Files that could not be paired or read; the rest of the corpus is still loaded.
    public var problems: [EvaluationError]

    /// Loads a corpus directory.
    /// - Throws: ``EvaluationError/badCorpus(path:problem:)`` when `directory` has no `articles/`.
    public init(directory: URL) throws {
        self.directory = directory
        let fm = FileManager.default
        let articleDir = directory.appendingPathComponent("articles")
        let goldDir = directory.appendingPathComponent("gold")
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EvaluationError.badCorpus(path: directory.path, problem: "no such directory")
        }
        guard fm.fileExists(atPath: articleDir.path, isDirectory: &isDirectory), isDirectory.boolValue,
              fm.fileExists(atPath: goldDir.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EvaluationError.badCorpus(path: directory.path,
                                            problem: "expected articles/*.txt and gold/*.yaml in this directory")
        }
        let articleIds = Self.baseNames(in: articleDir, ext: "txt")
        let goldIds = Set(Self.baseNames(in: goldDir, ext: "yaml"))
        var articles: [EvalArticle] = []
        var problems: [EvaluationError] = []
        for id in articleIds {
            let articleURL = articleDir.appendingPathComponent(id + ".txt")
            guard goldIds.contains(id) else {
                problems.append(.unpaired(file: articleURL.path, problem: "no gold annotation gold/\(id).yaml"))
                continue
            }
            do {
                let bytes: [UInt8]
                do {
                    bytes = [UInt8](try Data(contentsOf: articleURL))
                } catch {
                    throw EvaluationError.badArticle(file: articleURL.path, problem: "cannot read: \(error.localizedDescription)")
                }
                let decoded: String
                do {
                    decoded = try InputDecoder.decode(bytes, input: articleURL.path).text
                } catch {
                    throw EvaluationError.badArticle(file: articleURL.path, problem: "\(error)")
                }
                let file = ArticleFile(contents: decoded)
                let gold = try GoldAnnotation(contentsOf: goldDir.appendingPathComponent(id + ".yaml"))
                articles.append(EvalArticle(id: id, url: file.url, text: file.text, gold: gold))
            } catch let error as EvaluationError {
                problems.append(error)
            }
        }
        for id in goldIds.subtracting(articleIds).sorted() {
            problems.append(.unpaired(file: goldDir.appendingPathComponent(id + ".yaml").path,
                                      problem: "no article articles/\(id).txt"))
        }
        self.articles = articles
        self.problems = problems
    }

    /// Base names of the files with extension `ext` directly in `directory`, sorted.
    static func baseNames(in directory: URL, ext: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) && !$0.hasPrefix(".") }
            .map { String($0.dropLast(ext.count + 1)) }
            .sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
    }
}
