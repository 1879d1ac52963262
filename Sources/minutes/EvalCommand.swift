import ArgumentParser
import Foundation
import Minutes
import MinutesBatch

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score the extractor against annotated articles and People's Daily 1998 entity spans.",
        discussion: """
        DIR holds articles/*.txt and gold/*.yaml of the same base name (default: the repository's
        Samples/). A first 'URL:' line of an article and the blank line after it are metadata.
        Prints micro precision, recall and F1 per field; the fields are described in docs/gold-schema.md.
        --pd1998 scores the person, place and organization spans of the People's Daily 1998 corpus
        (199801.txt, or the directory holding it), optionally on the articles listed in --subset.
        Exit codes: 0 scored, 1 an input failed (named on stderr) or a field is under its --fail-under
        bar, 2 usage error.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Argument(help: "Annotated corpus directories (default: Samples/ of the repository).")
    var dirs: [String] = []

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @Flag(help: "List, per article, what was missed and what was wrong.")
    var verbose = false

    @Option(name: .customLong("fail-under"), help: ArgumentHelp("Exit 1 when a field's F1 is below its bar.", valueName: "FIELD=F1,..."))
    var failUnder: [String] = []

    @Option(help: ArgumentHelp("Score entity spans on People's Daily 1998 (199801.txt or its directory).", valueName: "PATH"))
    var pd1998: String?

    @Option(help: ArgumentHelp("With --pd1998: a file of article ids to score (e.g. meetings_strict.txt, also looked up next to the corpus).", valueName: "FILE"))
    var subset: String?

    @Option(help: ArgumentHelp("Score the minutes/1 results in this JSON Lines file (matched to articles by id) instead of running the extractor.", valueName: "FILE"))
    var results: String?

    @Option(help: "A directory of rule files that add to or override the built-in rules.")
    var rules: String?

    @Option(help: "Worker threads (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if subset != nil && pd1998 == nil { throw ValidationError("--subset needs --pd1998") }
        do {
            _ = try bars()
        } catch {
            throw ValidationError("--fail-under: \(error)")
        }
    }

    func bars() throws -> EvalBars {
        EvalBars(try failUnder.flatMap { try EvalBars(spec: $0).bars })
    }

    func run() throws {
        let bars = try bars()
        var corpora = dirs
        if corpora.isEmpty && pd1998 == nil {
            guard let samples = Self.defaultSamples() else {
                warn("minutes: no DIR given and no Samples/ found in the current directory or above the binary; give a corpus directory")
                throw ExitCode(ExitStatus.usage)
            }
            corpora = [samples]
        }
        var failed = false
        let given = try loadResults(&failed)
        let extractor = given == nil ? try makeExtractor(rules: rules) : nil
        var rendered: [RenderedReport] = []

        for dir in corpora {
            let corpus: EvalCorpus
            do {
                corpus = try EvalCorpus(directory: URL(fileURLWithPath: dir))
            } catch {
                warn("minutes: \(error)")
                failed = true
                continue
            }
            let report: EvalReport
            if let given {
                report = Evaluation.score(corpus, name: dir) { given[$0.id] }
            } else {
                report = Evaluation.run(corpus, name: dir, extractor: extractor!, jobs: jobs)
            }
            for problem in report.problems { warn("minutes: \(problem)") }
            failed = failed || !report.problems.isEmpty
            rendered.append(.gold(report))
        }

        if let pd1998 {
            do {
                let (articles, subsetName) = try loadPD1998(pd1998)
                let report: EntityReport
                if let given {
                    report = Evaluation.score(articles, name: pd1998, subset: subsetName) { given[$0.id]?.entities }
                } else {
                    report = Evaluation.run(articles, name: pd1998, subset: subsetName, extractor: extractor!, jobs: jobs)
                }
                if report.answered < report.articles {
                    warn("minutes: \(pd1998): \(report.articles - report.answered) of \(report.articles) articles have no result")
                    failed = true
                }
                rendered.append(.entities(report))
            } catch {
                warn("minutes: \(error)")
                failed = true
            }
        }

        EvalRenderer(format: format, verbose: verbose).write(rendered)
        for report in rendered {
            for failure in bars.failures(report.rows) {
                warn("minutes: \(report.name): \(failure)")
                failed = true
            }
        }
        if failed { throw ExitCode(ExitStatus.someInputFailed) }
    }


    /// `--results`: minutes/1 results by article id (the base name of the result's `id`, without `.txt`).
    private func loadResults(_ failed: inout Bool) throws -> [String: MinutesResult]? {
        guard let path = results else { return nil }
        guard let reader = LineReader(path: path) else {
            warn("minutes: \(path): cannot open for reading")
            throw ExitCode(ExitStatus.someInputFailed)
        }
        var byId: [String: MinutesResult] = [:]
        var line = 0
        let decoder = JSONDecoder()
        while let bytes = reader.next() {
            line += 1
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                let result = try decoder.decode(MinutesResult.self, from: Data(bytes))
                guard let id = result.id else { throw EvaluationError.badResults(file: path, line: line, problem: "no id") }
                byId[Self.articleId(id.description)] = result
            } catch let error as EvaluationError {
                warn("minutes: \(error)")
                failed = true
            } catch {
                warn("minutes: \(EvaluationError.badResults(file: path, line: line, problem: "not a minutes/1 result: \(error)"))")
                failed = true
            }
        }
        return byId
    }

    /// `dir/articles/001.txt` → `001`; a PD1998 id stays as it is.
    static func articleId(_ id: String) -> String {
        let name = URL(fileURLWithPath: id).lastPathComponent
        return name.hasSuffix(".txt") ? String(name.dropLast(4)) : name
    }

    private func loadPD1998(_ path: String) throws -> ([PD1998Article], String?) {
        var file = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            file = file.appendingPathComponent("199801.txt")
        }
        var ids: Set<String>?
        if let subset {
            var subsetURL = URL(fileURLWithPath: subset)
            let besideCorpus = file.deletingLastPathComponent().appendingPathComponent(subset)
            if !FileManager.default.fileExists(atPath: subsetURL.path), !subset.hasPrefix("/"),
               FileManager.default.fileExists(atPath: besideCorpus.path) {
                subsetURL = besideCorpus
            }
            ids = try PD1998Corpus.subset(subsetURL)
        }
        return (try PD1998Corpus.load(file, subset: ids), subset)
    }

    /// `Samples/` in the current directory, else in the repository the binary was built in
    /// (`.build/debug/minutes` → the directory above `.build`).
    static func defaultSamples() -> String? {
        let fm = FileManager.default
        func isCorpus(_ url: URL) -> Bool { fm.fileExists(atPath: url.appendingPathComponent("gold").path) }
        let here = URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("Samples")
        if isCorpus(here) { return "Samples" }
        let binary = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var dir = binary.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = dir.appendingPathComponent("Samples")
            if isCorpus(candidate) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }
}
