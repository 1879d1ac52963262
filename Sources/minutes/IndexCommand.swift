import ArgumentParser
import Foundation
import Minutes
import MinutesBatch
import MinutesIndex

/// `minutes index DB PATH…`: extracts articles into a corpus database (docs/index.md).
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Extract articles into a SQLite corpus database of meetings, persons and titles.",
        discussion: """
        PATH is read as `extract` reads it (files, directories, *.jsonl, - for stdin). --results FILE.jsonl
        indexes saved `minutes extract --format jsonl` output without extracting again. Articles are
        written in batches, one transaction each; an article id indexed again replaces its rows. At the
        end the persons of the names seen are worked out again (docs/index.md, "Who is the same person").
        A killed run leaves a consistent database; run the same command again to complete it.
        Exit codes: 0 all inputs indexed, 1 some input failed (named on stderr), 2 usage error or a
        database that cannot be opened.
        """
    )

    @Argument(help: "The database file (created when missing).")
    var database: String

    @Argument(help: "Files, directories or - (stdin).")
    var paths: [String] = []

    @Option(help: "Saved results (minutes/1 JSON Lines) to index without extracting; may be repeated.")
    var results: [String] = []

    @Option(help: "Read - as JSON Lines records (jsonl) or as one article (text).")
    var stdinFormat: StdinFormat = .text

    @OptionGroup var extraction: ExtractionOptions

    @Option(help: "Articles per transaction.")
    var batch: Int = 500

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    enum StdinFormat: String, ExpressibleByArgument, CaseIterable { case text, jsonl }

    func validate() throws {
        if batch < 1 { throw ValidationError("--batch must be at least 1") }
        if paths.isEmpty && results.isEmpty { throw ValidationError("give PATH… to extract or --results FILE.jsonl") }
    }

    func run() throws {
        try IndexRun(database: database, paths: paths, results: results, stdinIsJSONL: stdinFormat == .jsonl,
                     rules: extraction.rules, referenceDate: extraction.referenceDate, html: extraction.html,
                     jobs: extraction.jobs, batch: batch, quiet: quiet).run()
    }
}

/// What `minutes index` does once its arguments are read.
struct IndexRun {
    var database: String
    var paths: [String]
    var results: [String] = []
    var stdinIsJSONL = false
    var rules: String?
    var referenceDate: String?
    var html = false
    var jobs = ExtractRun.defaultJobs
    var batch = 500
    var quiet = false

    init(database: String, paths: [String], results: [String], stdinIsJSONL: Bool, rules: String?, referenceDate: String?,
         html: Bool, jobs: Int, batch: Int, quiet: Bool) {
        (self.database, self.paths, self.results, self.stdinIsJSONL) = (database, paths, results, stdinIsJSONL)
        (self.rules, self.referenceDate, self.html) = (rules, referenceDate, html)
        (self.jobs, self.batch, self.quiet) = (jobs, batch, quiet)
    }

    /// The common call, `index DB PATH... [--jobs N] [--quiet]` (``PlainArguments``), read
    /// without ArgumentParser; nil for anything else, which ArgumentParser then reads.
    init?(plainArguments arguments: ArraySlice<String>) {
        guard arguments.first == "index", let plain = PlainArguments(arguments.dropFirst(), valued: []),
              plain.positional.count >= 2 else { return nil }
        database = plain.positional[0]
        paths = Array(plain.positional.dropFirst())
        jobs = plain.jobs ?? ExtractRun.defaultJobs
        quiet = plain.quiet
    }

    func run() throws {
        let extractor = try makeExtractor(rules: rules)
        let preparer = try ArticlePreparer(rules: extractor.rules)
        let index = try openIndex(database)
        let options = Extractor.Options(referenceDate: referenceDate)
        let forceHTML = html
        let progress = Progress(enabled: !quiet && isatty(2) == 1)
        let writer = IndexWriter(index: index)
        var failures = 0
        var pending: [IndexedArticle] = []
        func emit(_ job: Job, _ outcome: Result<IndexedArticle, JobFailure>) throws {
            progress.advance(bytes: job.size)
            switch outcome {
            case let .success(article):
                pending.append(article)
                if pending.count >= batch {
                    try writer.submit(pending)
                    pending = []
                }
            case let .failure(failure):
                failures += 1
                job.warn(failure.message)
            }
        }
        if !paths.isEmpty {
            let runner = BatchRunner(jobs: jobs) { job -> Result<IndexedArticle, JobFailure> in
                var o = options
                o.published = job.published
                do {
                    let result = extractor.extract(try job.articleText(forceHTML: forceHTML), id: job.id?.description, options: o)
                    return .success(preparer.prepare(result, key: job.id?.description ?? job.origin))
                } catch {
                    return .failure(JobFailure(message: JobFailure.message(error)))
                }
            }
            try runner.run(InputSources(paths: paths, stdinIsJSONL: stdinIsJSONL), emit: emit)
        }
        if !results.isEmpty {
            let runner = BatchRunner(jobs: jobs) { job -> Result<IndexedArticle, JobFailure> in
                let line: [UInt8]
                switch job.content {
                case let .bytes(bytes): line = bytes
                case let .failed(why): return .failure(JobFailure(message: why))
                case .text, .html: return .failure(JobFailure(message: "not a result line"))
                }
                do {
                    let result = try JSONDecoder().decode(MinutesResult.self, from: Data(line))
                    guard let id = result.id else { return .failure(JobFailure(message: "a result without an \"id\" cannot be indexed")) }
                    return .success(preparer.prepare(result, key: id.description))
                } catch {
                    let isError = (try? JSONDecoder().decode(RecordError.self, from: Data(line))) != nil
                    return .failure(JobFailure(message: isError ? "a failed record (\"error\"), not a result" : "not a minutes/1 result"))
                }
            }
            try runner.run(SavedResults(paths: results), emit: emit)
        }
        if !pending.isEmpty { try writer.submit(pending) }
        try writer.finish()
        progress.finish()
        try index.resolvePersons(resolver: preparer.resolver)
        try index.refreshStats()
        try index.checkpoint()
        if failures > 0 { throw ExitCode(ExitStatus.someInputFailed) }
    }
}

/// Saved `minutes/1` results, one job per line (`path:line`), streamed.
struct SavedResults: Sequence {
    let paths: [String]

    func makeIterator() -> AnyIterator<Job> {
        var pending = paths.makeIterator()
        var reader: LineReader?
        var path = ""
        var number = 0
        return AnyIterator {
            while true {
                if let r = reader, let line = r.next() {
                    number += 1
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                    return Job(id: nil, origin: "\(path):\(number)", content: .bytes(line), size: line.count)
                }
                guard let next = pending.next() else { return nil }
                path = next
                number = 0
                reader = LineReader(path: next)
                if reader == nil { return Job(id: .text(next), origin: next, content: .failed("cannot open for reading"), size: 0) }
            }
        }
    }
}

/// Opens a corpus database for a command; a file that is not one is a usage error.
func openIndex(_ path: String, readOnly: Bool = false) throws -> CorpusIndex {
    do {
        return try CorpusIndex(path: path, readOnly: readOnly)
    } catch {
        warn("minutes: \(error)")
        throw ExitCode(ExitStatus.usage)
    }
}
