import ArgumentParser
import Foundation
import ICUText
import Minutes
import MinutesBatch

/// `minutes bench`: throughput of the whole pipeline (extract + JSONL encoding) on one core and
/// on all cores beside ICU's word break alone over the same text, start-up time beside a bare
/// Swift program's, and peak memory. Speed is measured here, never asserted in tests.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput, start-up time and peak memory of the full pipeline.",
        discussion: """
        Corpora: People's Daily 1998 articles (--pd1998, default ../shared/data/pd1998/199801.txt when present)
        and a generated corpus of meeting reports (--generated-mb). --write-corpus writes the PD1998 articles
        (or the generated ones) as JSONL, the input of scripts/bench-vs-jieba.sh.
        """
    )

    @Option(help: "People's Daily 1998 file (199801.txt).")
    var pd1998: String?

    @Option(help: "Size of the generated corpus in MB (0 to skip).")
    var generatedMB: Double = 5

    @Option(help: "Workers for the multi-core run (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Size in MB of the generated JSONL streamed through `minutes extract` to measure its peak memory (0 to skip).")
    var streamMB: Double = 100

    @Option(help: "Write the benchmark corpus as JSONL to this file and exit.")
    var writeCorpus: String?

    @Option(help: "Timed passes over each corpus, one core and all cores alternating; the figures are medians.")
    var runs: Int = 5

    @Flag(help: "Also print the time spent in each phase, on one core.")
    var phases = false

    @Flag(help: "Print the figures as JSON.")
    var json = false

    @Option(help: "Index this many generated meeting frames into --index-db, time each query kind, and exit (0: skip).")
    var indexFrames = 0

    @Option(help: "The database --index-frames writes (replaced).")
    var indexDB = "bench-index.sqlite"

    struct Figures: Codable {
        var corpus: String
        var articles: Int
        var megabytes: Double
        var oneCoreMBps: Double
        var oneCoreArticlesPerSecond: Double
        var jobs: Int
        var allCoresMBps: Double
        var allCoresArticlesPerSecond: Double
        var speedup: Double
        /// Slowest and fastest of the one-core passes, MB/s: how noisy the machine was.
        var oneCoreMBpsRange: [Double]
        /// One-core MB/s over the process CPU time of the median pass (not counting time the
        /// machine gave to others).
        var oneCoreMBpsCPU: Double
        var runs: Int
        /// ICU's word break iterator (zh) alone over the same articles, one core, MB/s (median).
        var icuWordBreakMBps: Double
        /// One-core MB/s of the pipeline over ICU word break's: at least 1 is the goal (issue 16).
        var ratioToICUWordBreak: Double
        /// The same two over process CPU time (steadier on a shared machine).
        var icuWordBreakMBpsCPU: Double
        var ratioToICUWordBreakCPU: Double
    }

    struct Report: Codable {
        var extractorBuildMs: Double
        var firstArticleMs: Double
        var processStartMs: Double?
        /// `minutes extract -` on empty input, process start to exit, ms (median).
        var emptyInputStartMs: Double?
        /// The same for `swift-hello` (a Swift program that links Foundation and reads stdin),
        /// built beside this binary, and the ratio of the two.
        var swiftHelloStartMs: Double?
        var startRatioToSwiftHello: Double?
        var corpora: [Figures]
        var peakMemoryMB: Double
        var streamingPeakMemoryMB: Double?
        var streamingMB: Double?
    }

    func run() throws {
        if indexFrames > 0 {
            print(try IndexBench(frames: indexFrames, database: indexDB, jobs: jobs).run())
            return
        }
        let pdPath = pd1998 ?? ["../shared/data/pd1998/199801.txt", "../../shared/data/pd1998/199801.txt"]
            .first { FileManager.default.fileExists(atPath: $0) }
        var corpora: [(String, [String])] = []
        if let pdPath {
            corpora.append(("pd1998", try PeoplesDaily1998.articles(path: pdPath)))
        }
        if generatedMB > 0 {
            corpora.append(("generated", Self.generated(megabytes: generatedMB)))
        }
        if let writeCorpus {
            try Self.writeJSONL(corpora.first?.1 ?? [], to: writeCorpus)
            warn("wrote \(corpora.first?.1.count ?? 0) articles of \(corpora.first?.0 ?? "-") to \(writeCorpus)")
            return
        }

        let t0 = Date()
        let extractor = try Extractor()
        _ = extractor.producedLayers  // the built-in rules compile when first needed: here
        let t1 = Date()
        _ = extractor.extract("10月6日晚,市委书记卢荣春主持召开会议。")
        let t2 = Date()
        var report = Report(extractorBuildMs: t1.timeIntervalSince(t0) * 1000, firstArticleMs: t2.timeIntervalSince(t1) * 1000,
                            processStartMs: Self.processStartMs(["extract", "-"], input: "市委书记卢荣春主持召开会议。"),
                            corpora: [], peakMemoryMB: 0)
        // The two alternate, so that a noisy stretch of the machine spreads over both.
        let starts = Self.startTimes([(Self.selfPath, ["extract", "-"]), (Self.swiftHelloPath, [])], input: "")
        report.emptyInputStartMs = starts[0]
        report.swiftHelloStartMs = starts[1]
        if let m = starts[0], let h = starts[1] { report.startRatioToSwiftHello = m / h }

        for (name, articles) in corpora {
            let bytes = articles.reduce(0) { $0 + $1.utf8.count }
            let mb = Double(bytes) / 1_000_000
            var onePasses: [(wall: Double, cpu: Double)] = []
            var allPasses: [Double] = []
            var wordBreakPasses: [(wall: Double, cpu: Double)] = []
            // Alternate the three so that a noisy stretch of the machine spreads over all.
            for _ in 0..<max(runs, 1) {
                onePasses.append(Self.time(extractor, articles, jobs: 1))
                allPasses.append(Self.time(extractor, articles, jobs: jobs).wall)
                wordBreakPasses.append(try Self.timeWordBreak(articles))
            }
            onePasses.sort { $0.wall < $1.wall }
            allPasses.sort()
            wordBreakPasses.sort { $0.wall < $1.wall }
            let one = onePasses[onePasses.count / 2]
            let all = allPasses[allPasses.count / 2]
            let wordBreak = wordBreakPasses[wordBreakPasses.count / 2]
            report.corpora.append(Figures(
                corpus: name, articles: articles.count, megabytes: mb,
                oneCoreMBps: mb / one.wall, oneCoreArticlesPerSecond: Double(articles.count) / one.wall,
                jobs: jobs, allCoresMBps: mb / all, allCoresArticlesPerSecond: Double(articles.count) / all,
                speedup: one.wall / all,
                oneCoreMBpsRange: [mb / onePasses.last!.wall, mb / onePasses.first!.wall],
                oneCoreMBpsCPU: mb / max(one.cpu, 1e-9), runs: onePasses.count,
                icuWordBreakMBps: mb / wordBreak.wall, ratioToICUWordBreak: wordBreak.wall / one.wall,
                icuWordBreakMBpsCPU: mb / max(wordBreak.cpu, 1e-9), ratioToICUWordBreakCPU: wordBreak.cpu / max(one.cpu, 1e-9)))
        }
        if phases {
            for (name, articles) in corpora {
                let profile = extractor.profile(articles)
                let total = profile.reduce(0) { $0 + $1.seconds }
                let mb = Double(articles.reduce(0) { $0 + $1.utf8.count }) / 1_000_000
                warn("phases on \(name) (one core, \(String(format: "%.2f", total)) s in all):")
                for (phase, seconds) in profile {
                    warn(String(format: "  %-24@ %7.3f s  %5.1f%%  %8.1f MB/s", phase as NSString, seconds, 100 * seconds / max(total, 1e-9), mb / max(seconds, 1e-9)))
                }
            }
        }
        report.peakMemoryMB = Self.maxRSSMB(RUSAGE_SELF)
        if streamMB > 0 {
            report.streamingMB = streamMB
            report.streamingPeakMemoryMB = try Self.streamingPeakMB(megabytes: streamMB)
        }
        print(json ? String(decoding: try OrderedJSONEncoder(pretty: true).encode(report), as: UTF8.self) : Self.table(report))
    }

    /// Wall-clock and process CPU seconds to extract and encode every article with `jobs` workers.
    static func time(_ extractor: Extractor, _ articles: [String], jobs: Int) -> (wall: Double, cpu: Double) {
        let runner = BatchRunner(jobs: jobs) { job -> Int in
            guard case let .text(text) = job.content else { return 0 }
            return (try? OrderedJSONEncoder().encode(extractor.extract(text, id: job.id?.description)).count) ?? 0
        }
        let jobsList = articles.enumerated().map { Job(id: .text(String($0.offset)), origin: "", content: .text($0.element), size: $0.element.utf8.count) }
        let cpuStart = cpuSeconds()
        let start = Date()
        var sink = 0
        runner.run(jobsList) { _, n in sink &+= n }
        let seconds = Date().timeIntervalSince(start)
        let cpu = cpuSeconds() - cpuStart
        if sink < 0 { print(sink) }
        return (max(seconds, 1e-9), cpu)
    }

    /// Wall-clock and process CPU seconds for ICU's word break iterator (zh locale) alone over
    /// `articles`, one core: each article to UTF-16 (as the pipeline reads it), then every
    /// boundary visited.
    static func timeWordBreak(_ articles: [String]) throws -> (wall: Double, cpu: Double) {
        let iterator = try BreakIterator(.word, locale: "zh")
        var boundaries = 0
        let cpuStart = cpuSeconds()
        let start = Date()
        for text in articles where !text.isEmpty {
            let units = Array(text.utf16)
            try units.withUnsafeBufferPointer { buffer in
                try iterator.forEachBoundary(in: buffer, range: 0..<buffer.count) { _ in boundaries &+= 1 }
            }
        }
        let seconds = Date().timeIntervalSince(start)
        let cpu = cpuSeconds() - cpuStart
        if boundaries < 0 { print(boundaries) }
        return (max(seconds, 1e-9), cpu)
    }

    /// User and system CPU seconds of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func generated(megabytes: Double) -> [String] {
        var corpus = SyntheticCorpus()
        var out: [String] = []
        var bytes = 0
        while Double(bytes) < megabytes * 1_000_000 {
            let a = corpus.article()
            bytes += a.utf8.count
            out.append(a)
        }
        return out
    }

    static func writeJSONL(_ articles: [String], to path: String) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        for (i, text) in articles.enumerated() {
            struct Record: Encodable { var id: String; var text: String }
            var line = try OrderedJSONEncoder().encode(Record(id: String(i), text: text))
            line.append(0x0A)
            handle.write(Data(line))
        }
    }

    static func maxRSSMB(_ who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(who.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
    }

    static var selfPath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// The start-up reference built beside this binary (`swift build -c release --product swift-hello`).
    static var swiftHelloPath: String {
        URL(fileURLWithPath: selfPath).deletingLastPathComponent().appendingPathComponent("swift-hello").path
    }

    /// Runs `executable` (this binary by default) with `arguments`, stdin from `input`, stdout to
    /// /dev/null; returns the wall time and the child's peak resident memory.
    static func runChild(_ arguments: [String], input: String, executable: String = selfPath) throws -> (seconds: Double, maxRSSMB: Double) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = Date()
        guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else {
            throw ValidationError("cannot start \(executable)")
        }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        return (Date().timeIntervalSince(start), Double(usage.ru_maxrss) / 1024)
    }

    /// Median wall time of this binary with `arguments` on `input`, in a new process.
    static func processStartMs(_ arguments: [String], input: String) -> Double? {
        startTimes([(selfPath, arguments)], input: input)[0]
    }

    /// Median wall times (ms, 15 runs, the commands alternating) of `commands`, each a new
    /// process reading `input` on stdin; nil for one that cannot be started.
    static func startTimes(_ commands: [(executable: String, arguments: [String])], input: String) -> [Double?] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-start-\(getpid()).txt").path
        FileManager.default.createFile(atPath: path, contents: Data(input.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var times: [[Double]?] = commands.map { FileManager.default.isExecutableFile(atPath: $0.executable) ? [] : nil }
        for _ in 0..<15 {
            for (k, command) in commands.enumerated() where times[k] != nil {
                guard let r = try? runChild(command.arguments, input: path, executable: command.executable) else { times[k] = nil; continue }
                times[k]?.append(r.seconds * 1000)
            }
        }
        return times.map { $0.map { $0.sorted()[$0.count / 2] } }
    }

    /// Peak memory of `minutes extract --format jsonl` streaming a generated JSONL file.
    static func streamingPeakMB(megabytes: Double) throws -> Double {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-stream-\(getpid()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var corpus = SyntheticCorpus(seed: 7)
        var written = 0
        var i = 0
        // Cycle a pool of articles: generation is not what is measured.
        let pool = (0..<200).map { _ in corpus.article() }
        while Double(written) < megabytes * 1_000_000 {
            struct Record: Encodable { var id: String; var text: String }
            var line = try OrderedJSONEncoder().encode(Record(id: String(i), text: pool[i % pool.count]))
            line.append(0x0A)
            handle.write(Data(line))
            written += line.count
            i += 1
        }
        try handle.close()
        return try runChild(["extract", "--quiet", "--format", "jsonl", "-"], input: path).maxRSSMB
    }

    static func table(_ r: Report) -> String {
        var s = String(format: "start-up: extractor build %.1f ms, first article %.1f ms", r.extractorBuildMs, r.firstArticleMs)
        if let p = r.processStartMs { s += String(format: ", process start to exit on a one-line article %.1f ms (median of 15)", p) }
        s += "\nstart-up on empty input (process start to exit, median of 15, alternating): "
        s += r.emptyInputStartMs.map { String(format: "minutes extract - %.1f ms", $0) } ?? "minutes extract - failed"
        if let h = r.swiftHelloStartMs, let ratio = r.startRatioToSwiftHello {
            s += String(format: ", swift-hello %.1f ms, ratio %.2fx", h, ratio)
        } else {
            s += " (no swift-hello beside this binary: swift build -c release --product swift-hello)"
        }
        s += "\n\ncorpus      articles      MB   1 core MB/s  articles/s   jobs  MB/s   articles/s  speedup  ICU word break MB/s  ratio\n"
        for f in r.corpora {
            s += f.corpus.padding(toLength: 10, withPad: " ", startingAt: 0)
            s += String(format: " %9d %7.1f %12.2f %11.0f %6d %6.2f %12.0f %7.2fx %20.2f %5.2fx\n", f.articles, f.megabytes, f.oneCoreMBps,
                        f.oneCoreArticlesPerSecond, f.jobs, f.allCoresMBps, f.allCoresArticlesPerSecond, f.speedup,
                        f.icuWordBreakMBps, f.ratioToICUWordBreak)
        }
        s += "(ratio: the pipeline's one-core MB/s over ICU word break alone, zh, on the same articles in the same run)\n"
        s += "\nmedians of the passes; one core, slowest..fastest pass and MB/s over CPU time of the median pass:\n"
        for f in r.corpora {
            s += String(format: "  %@: %d passes, %.2f..%.2f MB/s, %.2f MB/s of CPU time; ICU word break %.2f MB/s of CPU time, ratio %.2fx\n",
                        f.corpus as NSString, f.runs, f.oneCoreMBpsRange[0], f.oneCoreMBpsRange[1], f.oneCoreMBpsCPU,
                        f.icuWordBreakMBpsCPU, f.ratioToICUWordBreakCPU)
        }
        s += String(format: "\npeak memory (this process, all corpora loaded): %.1f MB", r.peakMemoryMB)
        if let m = r.streamingPeakMemoryMB, let mb = r.streamingMB {
            s += String(format: "\npeak memory of `minutes extract --format jsonl` streaming %.0f MB of JSONL: %.1f MB", mb, m)
        }
        return s
    }
}

/// People's Daily 1998 (PKU tagged) as plain article texts: the texts of the scorer
/// (../shared/tools/pd1998.py), read by ``PD1998Corpus``. For benchmarks only.
enum PeoplesDaily1998 {
    static func articles(path: String) throws -> [String] {
        try PD1998Corpus.load(URL(fileURLWithPath: path)).map(\.text)
    }
}
