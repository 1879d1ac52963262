import ArgumentParser
import Foundation
import Minutes
import MinutesBatch

/// `minutes`: meeting reports in, structured data out.
///
/// Exit codes (all subcommands): 0 every input was processed; 1 at least one input failed
/// (each named on stderr with the reason); 2 usage error (bad option, bad rules directory).
@main
struct MinutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minutes",
        abstract: "Turn Chinese government meeting reports into structured data.",
        discussion: "Exit codes: 0 all inputs processed, 1 some input failed (named on stderr), 2 usage error.",
        subcommands: [ExtractCommand.self, IndexCommand.self, QueryCommand.self, ExportCommand.self, BenchCommand.self,
                      ExplainCommand.self, ViewCommand.self, ReviewCommand.self, EvalCommand.self, ServeCommand.self]
    )

    static func main() {
        do {
            let arguments = CommandLine.arguments.dropFirst()
            if let plain = ExtractRun(plainArguments: arguments) {
                try plain.run()
                return
            }
            if let plain = IndexRun(plainArguments: arguments) {
                try plain.run()
                return
            }
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if let failure = error as? ExitCode {
                Foundation.exit(failure.rawValue)
            }
            FileHandle.standardError.write(Data(("minutes: " + fullMessage(for: error) + "\n").utf8))
            // Everything ArgumentParser rejects, and anything unexpected before work started, is a usage error.
            Foundation.exit(code == .failure ? 1 : 2)
        }
    }
}

/// Exit status of a finished run.
enum ExitStatus {
    static let ok: Int32 = 0
    static let someInputFailed: Int32 = 1
    static let usage: Int32 = 2
}

/// The extractor for a command: built-in rules plus `--rules DIR`; a bad rule file is a usage error.
func makeExtractor(rules: String?) throws -> Extractor {
    do {
        let extractor = try Extractor(rulesDirectory: rules.map { URL(fileURLWithPath: $0) })
        extractorsKeptUntilExit.append(extractor)
        return extractor
    } catch {
        warn("minutes: \(error)")
        throw ExitCode(ExitStatus.usage)
    }
}

/// The extractors the command made: the process ends with the command, and leaving their tables
/// to the system spares freeing them one by one (~6M instructions, a tenth of a short run).
private var extractorsKeptUntilExit: [Extractor] = []

/// Writes a line to stderr.
func warn(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// The options of the commands that run the extractor: added rule files and a reference date.
struct ExtractorOptions: ParsableArguments {
    @Option(help: "A directory of rule files that add to or override the built-in rules.")
    var rules: String?

    @Option(help: "Reference date (yyyy-MM-dd) for relative dates.")
    var referenceDate: String?

    func validate() throws {
        if let d = referenceDate, DateArgument.isValid(d) == false {
            throw ValidationError("--reference-date must be yyyy-MM-dd, got \(d)")
        }
    }

    /// The extractor with the added rules; a bad rule file is a usage error.
    func makeExtractor() throws -> Extractor { try minutes.makeExtractor(rules: rules) }
}
