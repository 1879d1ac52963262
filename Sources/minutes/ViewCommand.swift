import ArgumentParser
import Foundation
import Minutes

/// `minutes view PATH… --out DIR`: one self-contained HTML page per article, and `DIR/index.html`
/// listing them when there are several.
struct ViewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Write an HTML page per article: the text with every span highlighted, the meeting frame beside it.",
        discussion: """
        Pages are self-contained (inline CSS, no script, nothing loaded from the network). Hover a
        span for its layer, rule and features; the frame's entries link to their spans. With several
        articles, DIR/index.html lists them. The paths written are printed on stdout.
        Exit codes: 0 done, 1 some input could not be read (named on stderr), 2 usage error.
        """
    )

    @Argument(help: "Article files or directories (walked for *.txt, *.html, *.htm), or - for stdin.")
    var paths: [String]

    @Option(help: "The directory to write the pages to (made if missing).")
    var out: String

    @OptionGroup var extractorOptions: ExtractorOptions

    func run() throws {
        let extractor = try extractorOptions.makeExtractor()
        let directory = URL(fileURLWithPath: out)
        try makeOutputDirectory(directory)
        var names = OutputNames()
        var entries: [ArticleIndexPage.Entry] = []
        let failures = try AnalyzedInputs(paths: paths, extractor: extractor, options: .init(referenceDate: extractorOptions.referenceDate)).forEach { article in
            let name = names.name(for: article.id, ext: "html")
            try write(ArticlePage(document: article.document, result: article.result).render(), to: directory.appendingPathComponent(name))
            entries.append(.init(page: name, result: article.result))
        }
        if entries.count > 1 {
            try write(ArticleIndexPage(entries: entries).render(), to: directory.appendingPathComponent("index.html"))
        }
        if failures > 0 { throw ExitCode(ExitStatus.someInputFailed) }
    }
}

/// Makes `directory` (and its parents); failing is a usage error that names it.
func makeOutputDirectory(_ directory: URL) throws {
    do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
        warn("minutes: \(directory.path): cannot make the output directory: \(error.localizedDescription)")
        throw ExitCode(ExitStatus.usage)
    }
}

/// Writes a file and prints its path; failing ends the run with exit 1, naming the file.
func write(_ text: String, to url: URL) throws {
    do {
        try Data(text.utf8).write(to: url)
    } catch {
        warn("minutes: \(url.path): cannot write: \(error.localizedDescription)")
        throw ExitCode(ExitStatus.someInputFailed)
    }
    print(url.path)
}
