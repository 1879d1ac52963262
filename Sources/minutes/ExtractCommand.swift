import ArgumentParser
import Foundation
import Minutes

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract meetings, persons and entities from articles.",
        discussion: """
        PATH is a file, a directory (walked recursively for *.txt, *.html, *.htm), or - for stdin.
        Input that starts like HTML (<!DOCTYPE html, <html, <div…) is an HTML page: it is reduced
        to its article's text (headline, 时间/来源 line, paragraphs) and offsets index that text,
        which --emit-text prints.
        A *.jsonl file, or - with --format jsonl, is read as JSON Lines records
        {"id": "...", "text": "..." or "html": "...", "published": "..."} and gives one output line
        per input line, in order.
        Exit codes: 0 all inputs processed, 1 some input failed (named on stderr), 2 usage error.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, yaml, jsonl }

    @Argument(help: "Files, directories or - (stdin).")
    var paths: [String] = ["-"]

    @Option(help: "Output format: json (an array for several inputs), yaml, or jsonl.")
    var format: Format = .json

    @OptionGroup var extraction: ExtractionOptions

    @Flag(help: "Print the text the pipeline reads for each input ({\"id\", \"text\"}; for HTML the page's article text, which offsets index) instead of extracting.")
    var emitText = false

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    func run() throws {
        let extractor = try makeExtractor(rules: extraction.rules)
        let options = Extractor.Options(referenceDate: extraction.referenceDate)
        let sources = InputSources(paths: paths, stdinIsJSONL: format == .jsonl)
        let writer = OutputWriter(format: format, single: sources.isSingleDocument)
        let progress = Progress(enabled: !quiet && isatty(2) == 1)
        let format = self.format
        let forceHTML = extraction.html
        let emitText = self.emitText
        // Workers extract and encode; the main thread writes in input order.
        let runner = BatchRunner(jobs: extraction.jobs) { job -> (encoded: Data, error: String?) in
            var o = options
            o.published = job.published
            switch Result(catching: { try job.articleText(forceHTML: forceHTML) }) {
            case let .success(article) where emitText:
                return (OutputWriter.encode(TextRecord(id: job.id, text: article.text), format: format), nil)
            case let .success(article):
                let result = extractor.extract(article, id: job.id, options: o)
                return (OutputWriter.encode(result, format: format), nil)
            case let .failure(error):
                let message = Job.message(error)
                return (OutputWriter.encode(RecordError(id: job.id, error: message), format: format), message)
            }
        }
        var failures = 0
        writer.begin()
        runner.run(sources) { job, output in
            progress.advance(bytes: job.size)
            if let error = output.error {
                failures += 1
                job.warn(error)
            }
            writer.write(output.encoded)
        }
        writer.end()
        progress.finish()
        if failures > 0 { throw ExitCode(ExitStatus.someInputFailed) }
    }
}

/// The options of commands that extract (`extract`, `index`).
struct ExtractionOptions: ParsableArguments {
    @Option(help: "A directory of rule files that add to or override the built-in rules.")
    var rules: String?

    @Option(help: "Reference date (yyyy-MM-dd) for relative dates when the article gives no publish date.")
    var referenceDate: String?

    @Option(help: "Worker threads (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Read every input as an HTML page (files, stdin, and JSONL \"text\").")
    var html = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let d = referenceDate, DateArgument.isValid(d) == false {
            throw ValidationError("--reference-date must be yyyy-MM-dd, got \(d)")
        }
    }
}

struct JobFailure: Error {
    let message: String
}

/// What `--emit-text` prints for an input: the text the pipeline reads.
struct TextRecord: Encodable {
    let id: String?
    let text: String

    enum CodingKeys: String, CodingKey { case id, text }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(text, forKey: .text)
    }
}

enum DateArgument {
    static func isValid(_ s: String) -> Bool {
        let p = s.split(separator: "-")
        return p.count == 3 && p[0].count == 4 && p.allSatisfy { Int($0) != nil }
            && (1...12).contains(Int(p[1])!) && (1...31).contains(Int(p[2])!)
    }
}
