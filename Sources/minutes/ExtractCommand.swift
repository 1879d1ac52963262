import ArgumentParser
import Foundation
import Minutes
import MinutesBatch

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

    typealias Format = OutputFormat

    @Argument(help: "Files, directories or - (stdin).")
    var paths: [String] = ExtractRun.defaultPaths

    @Option(help: "Output format: json (an array for several inputs), yaml, or jsonl.")
    var format: Format = ExtractRun.defaultFormat

    @OptionGroup var extraction: ExtractionOptions

    @Flag(help: "Print the text the pipeline reads for each input ({\"id\", \"text\"}; for HTML the page's article text, which offsets index) instead of extracting.")
    var emitText = false

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    func run() throws {
        try ExtractRun(paths: paths, format: format, rules: extraction.rules, referenceDate: extraction.referenceDate,
                       jobs: extraction.jobs, html: extraction.html, emitText: emitText, quiet: quiet).run()
    }
}

/// What `minutes extract` does once its arguments are read.
struct ExtractRun {
    static let defaultPaths = ["-"]
    static let defaultFormat = OutputFormat.json
    static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

    var paths = defaultPaths
    var format = defaultFormat
    var rules: String?
    var referenceDate: String?
    var jobs = defaultJobs
    var html = false
    var emitText = false
    var quiet = false

    /// The arguments of the common call in pipelines, `extract [PATH...] [--format F] [--jobs N]
    /// [--quiet]` (``PlainArguments``); nil for anything else, which ArgumentParser then reads.
    init?(plainArguments arguments: ArraySlice<String>) {
        guard arguments.first == "extract", let plain = PlainArguments(arguments.dropFirst(), valued: ["--format"]) else { return nil }
        var format: OutputFormat?
        if let value = plain.values["--format"] {
            guard let known = OutputFormat(rawValue: value) else { return nil }
            format = known
        }
        self.paths = plain.positional.isEmpty ? Self.defaultPaths : plain.positional
        self.format = format ?? Self.defaultFormat
        self.jobs = plain.jobs ?? Self.defaultJobs
        self.quiet = plain.quiet
    }

    init(paths: [String], format: OutputFormat, rules: String?, referenceDate: String?, jobs: Int, html: Bool, emitText: Bool, quiet: Bool) {
        (self.paths, self.format, self.rules, self.referenceDate) = (paths, format, rules, referenceDate)
        (self.jobs, self.html, self.emitText, self.quiet) = (jobs, html, emitText, quiet)
    }

    func run() throws {
        let extractor = try makeExtractor(rules: rules)
        let options = Extractor.Options(referenceDate: referenceDate)
        let sources = InputSources(paths: paths, stdinIsJSONL: format == .jsonl)
        let writer = OutputWriter(format: format, single: sources.isSingleDocument)
        let progress = Progress(enabled: !quiet && isatty(2) == 1)
        let worker = JobWorker(extractor: extractor, options: options, format: format, forceHTML: html, emitText: emitText)
        // Workers extract and encode; the main thread writes in input order.
        let runner = BatchRunner(jobs: jobs, work: worker.run)
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

extension OutputFormat: ExpressibleByArgument {}

/// The options of commands that extract (`extract`, `index`).
struct ExtractionOptions: ParsableArguments {
    @Option(help: "A directory of rule files that add to or override the built-in rules.")
    var rules: String?

    @Option(help: "Reference date (yyyy-MM-dd) for relative dates when the article gives no publish date.")
    var referenceDate: String?

    @Option(help: "Worker threads (default: the number of cores).")
    var jobs: Int = ExtractRun.defaultJobs

    @Flag(help: "Read every input as an HTML page (files, stdin, and JSONL \"text\").")
    var html = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let d = referenceDate, DateArgument.isValid(d) == false {
            throw ValidationError("--reference-date must be yyyy-MM-dd, got \(d)")
        }
    }
}

extension Job {
    /// Reports this job's failure on stderr, named by its origin.
    func warn(_ error: String) {
        minutes.warn("minutes: " + (error.hasPrefix(origin) ? error : "\(origin): \(error)"))
    }
}
