import Foundation
import Minutes

/// The articles named on the command line, each run through the pipeline with its document kept
/// (`minutes view`, `minutes review export`). One at a time, in input order; an input that cannot
/// be read is named on stderr and counted, and the others go on.
struct AnalyzedInputs {
    struct Article {
        let id: String
        let text: ArticleText
        let document: Document
        let result: MinutesResult
    }

    let paths: [String]
    let extractor: Extractor
    let options: Extractor.Options

    /// Calls `body` for every article that could be read; returns how many could not.
    func forEach(_ body: (Article) throws -> Void) rethrows -> Int {
        var failures = 0
        for job in InputSources(paths: paths, stdinIsJSONL: false) {
            let text: ArticleText
            do {
                text = try job.articleText()
            } catch {
                failures += 1
                warn("minutes: \(job.origin): \((error as? JobFailure)?.message ?? "\(error)")")
                continue
            }
            let id = job.id ?? job.origin
            let (document, result) = extractor.analyze(text, id: id, options: options)
            try body(Article(id: id, text: text, document: document, result: result))
        }
        return failures
    }
}

/// File names for articles written into one directory: the input's base name, made unique.
struct OutputNames {
    private var used: Set<String> = []

    mutating func name(for id: String, ext: String) -> String {
        let base = URL(fileURLWithPath: id).deletingPathExtension().lastPathComponent
        let stem = base.isEmpty || base == "-" ? "stdin" : base
        var name = stem + "." + ext
        var n = 2
        while used.contains(name) {
            name = "\(stem)-\(n).\(ext)"
            n += 1
        }
        used.insert(name)
        return name
    }
}
