import ArgumentParser
import Foundation
import Minutes

/// `minutes review`: the review loop through Label Studio. `export` writes tasks with the
/// extractor's output as predictions (and the labeling config beside them); `import` turns a
/// reviewed export into a corpus directory (`articles/`, `gold/`) that `minutes eval` scores.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Correct the extractor's output in Label Studio and turn the result into gold.",
        subcommands: [Export.self, Import.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write Label Studio tasks with the extractor's output as predictions.",
            discussion: """
            FILE.json gets one task per article; FILE.config.xml beside it the labeling config to paste
            into the project's Labeling Interface (Code). A frame entry that cannot be placed on a span
            of the text is named on stderr: it would be lost on the way back.
            Exit codes: 0 done, 1 some input could not be read or the file cannot be written, 2 usage error.
            """
        )

        @Argument(help: "Article files or directories (walked for *.txt, *.html, *.htm), or - for stdin.")
        var paths: [String]

        @Option(name: .customLong("label-studio"), help: "The tasks file to write (JSON).")
        var labelStudio: String

        @OptionGroup var extractorOptions: ExtractorOptions

        func run() throws {
            let extractor = try extractorOptions.makeExtractor()
            var names = OutputNames()
            var tasks: [LabelStudioTask] = []
            var failures = AnalyzedInputs(paths: paths, extractor: extractor, options: .init(referenceDate: extractorOptions.referenceDate)).forEach { article in
                let name = URL(fileURLWithPath: names.name(for: article.id, ext: "txt")).deletingPathExtension().lastPathComponent
                let (task, unplaced) = LabelStudioExport(document: article.document, result: article.result, name: name, url: article.url).task()
                for entry in unplaced { warn("minutes: \(article.id): left out of the task, so lost on the way back: \(entry)") }
                tasks.append(task)
            }
            let url = URL(fileURLWithPath: labelStudio)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let json = try encoder.encode(tasks)
            do {
                try json.write(to: url)
                print(url.path)
            } catch {
                warn("minutes: \(url.path): cannot write: \(error.localizedDescription)")
                failures += 1
            }
            let config = url.deletingPathExtension().appendingPathExtension("config.xml")
            try write(LabelStudioConfig.xml, to: config)
            if failures > 0 { throw ExitCode(ExitStatus.someInputFailed) }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn a reviewed Label Studio export into articles and gold for minutes eval.",
            discussion: """
            Reads Label Studio's JSON export of tasks made by `minutes review export` and writes
            DIR/articles/NAME.txt and DIR/gold/NAME.yaml (docs/gold-schema.md) per task; then
            `minutes eval DIR` scores the extractor against the review. Each task's last annotation
            is read; a task with none keeps its predictions (said on stderr).
            Exit codes: 0 done, 1 the export cannot be read or a file cannot be written, 2 usage error.
            """
        )

        @Argument(help: "Label Studio's JSON export.")
        var export: String

        @Option(help: "The corpus directory to write (articles/ and gold/ are made in it).")
        var gold: String

        func run() throws {
            let articles: [LabelStudioImport.Article]
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: export))
                articles = try LabelStudioImport.articles(json: data, file: export)
            } catch let error as EvaluationError {
                warn("minutes: \(error)")
                throw ExitCode(ExitStatus.someInputFailed)
            } catch {
                warn("minutes: \(export): cannot read: \(error.localizedDescription)")
                throw ExitCode(ExitStatus.someInputFailed)
            }
            let root = URL(fileURLWithPath: gold)
            try makeOutputDirectory(root.appendingPathComponent("articles"))
            try makeOutputDirectory(root.appendingPathComponent("gold"))
            for article in articles {
                for note in article.notes { warn("minutes: \(export): \(article.name): \(note)") }
                let yaml: String
                do {
                    yaml = try article.gold.yaml(comment: "Gold of \(article.name).txt, from a Label Studio review (minutes review import).")
                } catch {
                    warn("minutes: \(article.name): cannot write YAML: \(error)")
                    throw ExitCode(ExitStatus.someInputFailed)
                }
                try write(article.fileContents, to: root.appendingPathComponent("articles/\(article.name).txt"))
                try write(yaml, to: root.appendingPathComponent("gold/\(article.name).yaml"))
            }
        }
    }
}
