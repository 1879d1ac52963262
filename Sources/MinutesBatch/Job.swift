import Foundation
import Minutes

/// One unit of batch work: an article (bytes or a JSONL record's text) or an input that already failed.
public struct Job: Sendable {
    public enum Content: Sendable {
        case bytes([UInt8])
        case text(String)
        /// A JSONL record's `html`.
        case html(String)
        case failed(String)
    }
    /// The result's `id`: a file path or the JSONL record's id (a number stays a number).
    public var id: RecordID?
    /// Where the job came from, for messages: `path` or `path:line`.
    public var origin: String
    public var published: String?
    /// The record's `reference_date`, in place of the run's.
    public var referenceDate: String?
    public var content: Content
    /// Input bytes, for progress.
    public var size: Int
    /// For `.bytes`: whether they are an HTML page (nil: sniffed from the first bytes).
    public var html: Bool?
    /// For `.bytes`: the charset the sender declared (an HTTP `Content-Type`), tried first.
    public var charset: InputDecoder.Charset?

    public init(id: RecordID?, origin: String, published: String? = nil, referenceDate: String? = nil, content: Content, size: Int,
                html: Bool? = nil, charset: InputDecoder.Charset? = nil) {
        self.id = id
        self.origin = origin
        self.published = published
        self.referenceDate = referenceDate
        self.content = content
        self.size = size
        self.html = html
        self.charset = charset
    }
}

extension Job {
    /// The text the pipeline reads for this job (an HTML page reduced to its article text;
    /// `forceHTML`: read every input as a page).
    /// - Throws: ``JobFailure`` for an input that already failed, ``MinutesError`` for bad bytes.
    public func articleText(forceHTML: Bool = false) throws -> ArticleText {
        switch content {
        case let .failed(why):
            throw JobFailure(message: why)
        case let .bytes(bytes):
            return try ArticleText(bytes: bytes, input: id?.description ?? origin, html: forceHTML ? true : html, declared: charset)
        case let .text(text):
            return forceHTML ? try ArticleText(html: text, input: origin) : try ArticleText(text: text, input: origin)
        case let .html(html):
            return try ArticleText(html: html, input: origin)
        }
    }
}

/// A job that failed before extraction (an unreadable file, a bad JSONL record).
public struct JobFailure: Error, Sendable {
    public let message: String

    public init(message: String) { self.message = message }

    /// How a job's error reads in its `{"id", "error"}` record.
    public static func message(_ error: any Error) -> String { (error as? JobFailure)?.message ?? "\(error)" }
}

/// What a job gives: the encoded result, or the encoded `{"id", "error"}` record and why.
public struct JobOutput: Sendable {
    public let encoded: Data
    /// The error message (nil: a result).
    public let error: String?
    /// The error itself: ``JobFailure`` for a bad record, ``MinutesError`` for input the library refused.
    public let cause: (any Error)?

    public init(encoded: Data, error: String?, cause: (any Error)?) {
        self.encoded = encoded
        self.error = error
        self.cause = cause
    }
}

/// Turns jobs into encoded results: what `minutes extract` runs on its workers and what
/// `minutes serve` runs for each request and each batch line, so both give the same bytes.
public struct JobWorker: Sendable {
    public let extractor: Extractor
    public let options: Extractor.Options
    public let format: OutputFormat
    /// Read every input as an HTML page (`--html`).
    public let forceHTML: Bool
    /// Give the text the pipeline reads instead of extracting (`--emit-text`).
    public let emitText: Bool

    public init(extractor: Extractor, options: Extractor.Options, format: OutputFormat, forceHTML: Bool = false, emitText: Bool = false) {
        self.extractor = extractor
        self.options = options
        self.format = format
        self.forceHTML = forceHTML
        self.emitText = emitText
    }

    /// The article a job holds, decoded and (for HTML) reduced to its text.
    public func article(_ job: Job) throws -> ArticleText { try job.articleText(forceHTML: forceHTML) }

    /// The options for a job: the run's, with the job's publish time and reference date.
    public func options(_ job: Job) -> Extractor.Options {
        var o = options
        o.published = job.published
        if let date = job.referenceDate { o.referenceDate = date }
        return o
    }

    public func run(_ job: Job) -> JobOutput {
        switch Result(catching: { try article(job) }) {
        case let .success(article) where emitText:
            return JobOutput(encoded: format.encode(TextRecord(id: job.id, text: article.text)), error: nil, cause: nil)
        case let .success(article):
            var result = extractor.extract(article, id: job.id?.description, options: options(job))
            result.id = job.id
            return JobOutput(encoded: format.encode(result), error: nil, cause: nil)
        case let .failure(error):
            let message = JobFailure.message(error)
            return JobOutput(encoded: format.encode(RecordError(id: job.id, error: message)), error: message, cause: error)
        }
    }
}

/// What `--emit-text` prints for an input: the text the pipeline reads.
public struct TextRecord: Encodable {
    public let id: RecordID?
    public let text: String

    enum CodingKeys: String, CodingKey { case id, text }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(text, forKey: .text)
    }
}

/// `yyyy-MM-dd` as options and records give reference dates.
public enum DateArgument {
    public static func isValid(_ s: String) -> Bool {
        let p = s.split(separator: "-")
        return p.count == 3 && p[0].count == 4 && p.allSatisfy { Int($0) != nil }
            && (1...12).contains(Int(p[1])!) && (1...31).contains(Int(p[2])!)
    }
}
