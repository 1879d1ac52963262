import ArgumentParser
import Foundation
import Minutes
import MinutesBatch

/// `minutes explain FILE`: the text, line by line, each line followed by the annotations that
/// start in it and the rule that made each, so a user can see why something was or was not found.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the text with every annotation and the rule that made it.",
        discussion: """
        Each line of the input is printed, followed by the annotations that start in it:
            ⟦text⟧ layer rule-id key=value…
        Sentence and line boundaries are left out unless named in --layers.
        Exit codes: 0 done, 1 the input cannot be read or decoded, 2 usage error.
        """
    )

    @Argument(help: "An article file, or - for stdin.")
    var path: String

    @Option(help: "Only these layers, comma-separated (e.g. title,person,date).")
    var layers: String?

    @Option(help: "A directory of rule files that add to or override the built-in rules.")
    var rules: String?

    @Option(help: "Reference date (yyyy-MM-dd) for relative dates.")
    var referenceDate: String?

    @Option(help: "The article's publish time (yyyy-MM-dd or yyyy-MM-dd HH:mm).")
    var published: String?

    /// Longest annotation text shown in full.
    static let maxShown = 40

    func validate() throws {
        if let d = referenceDate, DateArgument.isValid(d) == false {
            throw ValidationError("--reference-date must be yyyy-MM-dd, got \(d)")
        }
    }

    func run() throws {
        let extractor = try makeExtractor(rules: rules)
        let text: String
        do {
            let data = path == "-" ? (try FileHandle.standardInput.readToEnd() ?? Data()) : try Data(contentsOf: URL(fileURLWithPath: path))
            text = try ArticleText(bytes: [UInt8](data), input: path).text  // an HTML page: its article text
        } catch let error as MinutesError {
            warn("minutes: \(error)")
            throw ExitCode(ExitStatus.someInputFailed)
        } catch {
            warn("minutes: \(path): cannot read: \(error.localizedDescription)")
            throw ExitCode(ExitStatus.someInputFailed)
        }
        let wanted = layers.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        let document = extractor.analyze(text, id: path, options: .init(published: published, referenceDate: referenceDate))
        for layer in (wanted ?? []).sorted() where !extractor.producedLayers.contains(AnnotationType(rawValue: layer))
            && document.layers[AnnotationType(rawValue: layer)] == nil {
            warn("minutes: no annotations in layer `\(layer)` (layers here: \(document.layers.keys.map(\.rawValue).sorted().joined(separator: ", ")))")
        }
        print(Self.render(document, layers: wanted), terminator: "")
    }

    /// The explanation of a document: each original line, then its annotations indented.
    static func render(_ document: Document, layers wanted: Set<String>?) -> String {
        struct Item {
            var start: Int
            var end: Int
            var line: String
        }
        var items = ExplainedAnnotation.all(in: document, layers: wanted).map { a -> Item in
            var shown = a.text.replacingOccurrences(of: "\n", with: "⏎")
            if shown.count > maxShown { shown = String(shown.prefix(maxShown)) + "…" }
            let features = a.features.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            return Item(start: a.start, end: a.end, line: "  ⟦\(shown)⟧ \(a.layer) \(a.rule)" + (features.isEmpty ? "" : " " + features))
        }
        items.sort { ($0.start, -$0.end, $0.line) < ($1.start, -$1.end, $1.line) }
        var out = ""
        if !document.warnings.isEmpty { out += document.warnings.map { "warning: \($0)\n" }.joined() }
        if let r = document.referenceDate { out += "reference date: \(r)\n" }
        let scalars = document.text.originalScalars
        var lineStart = 0
        var next = 0
        while lineStart <= scalars.count {
            var lineEnd = lineStart
            while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
            var line = String.UnicodeScalarView()
            line.append(contentsOf: scalars[lineStart..<lineEnd].filter { $0 != "\r" })
            if lineEnd < scalars.count || !line.isEmpty { out += String(line) + "\n" }
            while next < items.count, items[next].start <= lineEnd {
                out += items[next].line + "\n"
                next += 1
            }
            lineStart = lineEnd + 1
        }
        return out
    }
}
