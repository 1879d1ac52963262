import Foundation
import Hummingbird
import Minutes
import MinutesBatch
import NIOCore

/// The endpoints. Each reads its request on the event loop and hands the article to the pool.
struct Routes: Sendable {
    let server: MinutesServer
    let json: JobWorker
    let yaml: JobWorker
    let jsonl: JobWorker
    let rules: ByteBuffer

    init(server: MinutesServer) {
        self.server = server
        let options = Extractor.Options()
        json = JobWorker(extractor: server.extractor, options: options, format: .json)
        yaml = JobWorker(extractor: server.extractor, options: options, format: .yaml)
        jsonl = JobWorker(extractor: server.extractor, options: options, format: .jsonl)
        rules = ByteBuffer(bytes: RuleListing(server.extractor.rules).encoded())
    }

    func register(on router: Router<BasicRequestContext>) {
        router.post("/v1/extract") { request, _ in try await extract(request) }
        router.post("/v1/extract/batch") { request, _ in try await batch(request) }
        router.post("/v1/explain") { request, _ in try await explain(request) }
        router.get("/v1/rules") { _, _ in Self.answer(rules, type: "application/json") }
        router.get("/healthz") { _, _ in Self.answer(ByteBuffer(string: "{\"status\":\"ok\"}\n"), type: "application/json") }
        router.get("/readyz") { _, _ in
            guard !server.pool.isFull else { throw Problem.busy() }
            return Self.answer(ByteBuffer(string: "{\"status\":\"ready\"}\n"), type: "application/json")
        }
        router.get("/metrics") { _, _ in
            Self.answer(ByteBuffer(bytes: server.metrics.text(queueDepth: server.pool.queueDepth)), type: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/openapi.yaml") { _, _ in Self.answer(ByteBuffer(bytes: PackageResources.openapi_yaml), type: "application/yaml") }
        answerOtherMethods(on: router)
    }

    /// The paths above and the methods each answers.
    static let methods: [(path: String, methods: [HTTPRequest.Method])] = [
        ("/v1/extract", [.post]), ("/v1/extract/batch", [.post]), ("/v1/explain", [.post]), ("/v1/rules", [.get]),
        ("/healthz", [.get]), ("/readyz", [.get]), ("/metrics", [.get]), ("/openapi.yaml", [.get]),
    ]

    /// A known path asked with a method it does not answer gets 405 and `Allow` (RFC 9110
    /// §15.5.6), so a client learns it used the wrong method rather than the wrong address.
    func answerOtherMethods(on router: Router<BasicRequestContext>) {
        for (path, allowed) in Self.methods {
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch] where !allowed.contains(method) {
                router.on(RouterPath(path), method: method) { _, _ -> Response in
                    var problem = Problem(.methodNotAllowed, "\(path) answers \(allow), not \(method.rawValue)")
                    problem.headers[.allow] = allow
                    throw problem
                }
            }
        }
    }

    static func answer(_ body: ByteBuffer, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: body))
    }

    // MARK: extract and explain

    func extract(_ request: Request) async throws -> Response {
        let worker: JobWorker
        switch request.uri.queryParameters["format"].map(String.init) {
        case nil, "json": worker = json
        case "yaml": worker = yaml
        case let other?: throw Problem(.badRequest, "format must be json or yaml, got \(other)")
        }
        let job = try await RequestArticle.job(request, maxBytes: server.settings.maxBodyBytes)
        let output = try await runOnPool { worker.run(job) }
        if let cause = output.cause { throw Problem.failed(cause, id: job.id) }
        server.metrics.extracted(bytes: job.size)
        var body = ByteBuffer(bytes: output.encoded)
        if worker.format == .json { body.writeInteger(UInt8(0x0A)) }  // as the CLI prints one document
        return Self.answer(body, type: worker.format == .json ? "application/json" : "application/yaml")
    }

    func explain(_ request: Request) async throws -> Response {
        let layers = request.uri.queryParameters["layers"].map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        let job = try await RequestArticle.job(request, maxBytes: server.settings.maxBodyBytes)
        let worker = json
        let result = try await runOnPool { () -> Result<Data, Problem> in
            do {
                let article = try worker.article(job)
                let document = worker.extractor.analyze(article.text, id: job.id?.description, options: worker.options(job))
                return .success(Data(try OrderedJSONEncoder(pretty: true).encode(Explanation(document, layers: layers))))
            } catch {
                return .failure(Problem.failed(error, id: job.id))
            }
        }
        var body = ByteBuffer(bytes: try result.get())
        body.writeInteger(UInt8(0x0A))
        return Self.answer(body, type: "application/json")
    }

    func runOnPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        do {
            return try await server.pool.run(work)
        } catch is WorkerPool.Busy {
            throw Problem.busy()
        }
    }

    // MARK: batch

    /// JSON Lines in, JSON Lines out, streamed both ways: one line out per line in, in order;
    /// a line that fails gives `{"id", "error"}`. At most `window` lines are in flight.
    func batch(_ request: Request) async throws -> Response {
        let type = MediaTypeName(request.headers[.contentType] ?? "none")
        guard RequestArticle.jsonLinesTypes.contains(type.name) else {
            throw Problem(.unsupportedMediaType, "a batch is application/x-ndjson (one JSON object per line), got \(type.name)")
        }
        guard !server.pool.isFull else { throw Problem.busy() }
        let worker = jsonl
        let pool = server.pool
        let metrics = server.metrics
        let maxLine = server.settings.maxBodyBytes
        let window = 2 * pool.workers
        let body = request.body
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: ResponseBody { writer in
            var splitter = LineSplitter(maxLine: maxLine)
            var inFlight: [Task<JobOutput, Never>] = []
            var next = 0  // the first task of inFlight not yet written
            var number = 0
            func submit(_ piece: LineSplitter.Piece) {
                number += 1
                let job: Job
                switch piece {
                case let .line(line):
                    job = JSONLRecords.job(line, number: number, origin: "batch")
                case let .tooLong(n):
                    job = Job(id: nil, origin: "batch:\(number)", content: .failed("line longer than the limit (\(n) bytes, the limit is \(maxLine))"), size: n)
                }
                inFlight.append(Task {
                    let output = (try? await pool.run(force: true) { worker.run(job) })
                        ?? JobOutput(encoded: OutputFormat.jsonl.encode(RecordError(id: job.id, error: "the server is shutting down")), error: "shutting down", cause: nil)
                    if output.error == nil { metrics.extracted(bytes: job.size) }
                    return output
                })
            }
            func writeReady(all: Bool) async throws {
                var out = ByteBuffer()
                while next < inFlight.count, all || inFlight.count - next >= window {
                    let output = await inFlight[next].value
                    next += 1
                    out.writeBytes(output.encoded)
                    out.writeInteger(UInt8(0x0A))
                }
                if next > 256 {
                    inFlight.removeFirst(next)
                    next = 0
                }
                if out.readableBytes > 0 { try await writer.write(out) }
            }
            for try await buffer in body {
                let pieces = buffer.withUnsafeReadableBytes { splitter.feed($0) }
                for piece in pieces {
                    submit(piece)
                    try await writeReady(all: false)
                }
            }
            if let last = splitter.finish() { submit(last) }
            try await writeReady(all: true)
            try await writer.finish(nil)
        })
    }
}

/// A media type's name without parameters, lowercased, and its charset parameter.
struct MediaTypeName {
    let name: String
    let charset: String?

    init(_ header: String) {
        let parts = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        name = parts.first?.lowercased() ?? ""
        charset = parts.dropFirst().first { $0.lowercased().hasPrefix("charset=") }
            .map { String($0.dropFirst("charset=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased() }
    }
}

/// The article of an `/v1/extract` or `/v1/explain` request, as a job.
enum RequestArticle {
    static let jsonLinesTypes: Set<String> = ["application/x-ndjson", "application/jsonl", "application/json-lines"]

    static func job(_ request: Request, maxBytes: Int) async throws -> Job {
        let type = MediaTypeName(request.headers[.contentType] ?? "application/json")
        let query = request.uri.queryParameters
        let html: Bool
        switch type.name {
        case "application/json":
            let bytes = try await body(request, maxBytes: maxBytes)
            let job = JSONLRecords.job(bytes, origin: "request body")
            if case let .failed(why) = job.content { throw Problem(.badRequest, why, id: job.id) }
            return job
        case "text/plain": html = false
        case "text/html": html = true
        default:
            throw Problem(.unsupportedMediaType, "send application/json ({\"id\", \"text\" or \"html\"}), text/plain or text/html, not \(type.name)")
        }
        var charset: InputDecoder.Charset?
        if let name = type.charset {
            guard let known = charsets[name] else {
                throw Problem(.unsupportedMediaType, "charset \(name) is not one minutes reads (UTF-8, GB18030, GBK, GB2312, Big5)")
            }
            charset = known
        }
        let referenceDate = query["reference_date"].map(String.init)
        if let d = referenceDate, !DateArgument.isValid(d) {
            throw Problem(.badRequest, "reference_date must be yyyy-MM-dd, got \(d)")
        }
        let bytes = try await body(request, maxBytes: maxBytes)
        let id = query["id"].map(String.init)  // a query parameter is text
        // text/plain may still be a page, sniffed as the CLI sniffs a file; text/html always is
        return Job(id: id.map(RecordID.text), origin: id ?? "request body", published: query["published"].map(String.init), referenceDate: referenceDate,
                   content: .bytes(bytes), size: bytes.count, html: html ? true : nil, charset: charset)
    }

    static let charsets: [String: InputDecoder.Charset] = [
        "utf-8": .utf8, "utf8": .utf8, "us-ascii": .utf8,
        "gb18030": .gb18030, "gbk": .gb18030, "gb2312": .gb18030, "big5": .big5,
    ]

    /// The body, refused with 413 past `maxBytes` (by its Content-Length before reading, when given).
    static func body(_ request: Request, maxBytes: Int) async throws -> [UInt8] {
        let tooLarge = Problem(.contentTooLarge, "the body is larger than the limit (\(maxBytes) bytes; --max-body-mb); send long inputs to /v1/extract/batch as lines")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes { throw tooLarge }
        var bytes: [UInt8] = []
        for try await buffer in request.body {
            guard bytes.count + buffer.readableBytes <= maxBytes else { throw tooLarge }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return bytes
    }
}

/// `GET /v1/rules`: every rule's id, dimension, description and examples.
struct RuleListing: Encodable {
    struct Entry: Encodable {
        let id: String
        let dimension: String
        /// "" when the rule has none.
        let description: String
        let examples: [String]
        let counterExamples: [String]

        enum CodingKeys: String, CodingKey { case id, dimension, description, examples, counterExamples = "counter_examples" }
    }

    let rules: [Entry]

    init(_ set: RuleSet) {
        let dimensions = Array(Set(set.files.map(\.dimension))).sorted()
        rules = dimensions.flatMap { dimension in
            set.rules(dimension).map { rule in
                Entry(id: rule.id, dimension: dimension, description: rule.string("description") ?? "",
                      examples: rule.examples.match, counterExamples: rule.examples.noMatch)
            }
        }
    }

    func encoded() -> [UInt8] {
        var out = (try? OrderedJSONEncoder(pretty: true).encode(self)) ?? Array("{\"rules\":[]}".utf8)
        out.append(0x0A)
        return out
    }
}
