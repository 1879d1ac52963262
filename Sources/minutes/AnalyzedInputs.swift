import Foundation
import Minutes
import MinutesBatch

/// The articles named on the command line, each run through the pipeline with its document kept
/// (`minutes view`, `minutes review export`). An article file's `URL:` first line is metadata, left
/// out as `minutes eval` leaves it out. One at a time, in input order; an input that cannot
/// be read is named on stderr and counted, and the others go on.
struct AnalyzedInputs {
    struct Article {
        let id: String
        /// The `URL:` header of an article file, which is metadata as in annotated corpora.
        let url: String?
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
            let id = job.id?.description ?? job.origin
            var text: ArticleText
            let file: ArticleFile
            do {
                text = try job.articleText()
                file = ArticleFile(contents: text.text)
                if file.url != nil { text = try ArticleText(text: file.text, input: id) }
            } catch {
                failures += 1
                warn("minutes: \(job.origin): \((error as? JobFailure)?.message ?? "\(error)")")
                continue
            }
            let (document, result) = extractor.analyze(text, id: id, options: options)
            try body(Article(id: id, url: file.url, text: text, document: document, result: result))
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
