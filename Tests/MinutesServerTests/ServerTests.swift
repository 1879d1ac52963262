import Foundation
import Logging
import Minutes
import MinutesBatch
import MinutesServer
import XCTest

/// `minutes serve` over real HTTP on an ephemeral loopback port, inside the test process.
final class ServerTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samplePath = "Samples/articles/yunfu-2022-10-06.txt"
    static let sample = try! String(contentsOf: repo.appendingPathComponent(samplePath), encoding: .utf8)
    static let extractor = try! Extractor()

    /// A server for the length of `body`, stopped (drained) afterwards.
    func withServer(workers: Int = 2, queue: Int? = nil, maxBodyBytes: Int = 16 << 20,
                    _ body: (_ port: Int, _ server: MinutesServer) async throws -> Void) async throws {
        var settings = MinutesServer.Settings()
        settings.port = 0
        settings.workers = workers
        settings.queue = queue
        settings.maxBodyBytes = maxBodyBytes
        var logger = Logger(label: "minutes-server-test")
        logger.logLevel = .warning
        let server = try MinutesServer(settings: settings, logger: logger)
        let running = try await server.start()
        do {
            try await body(running.port, server)
        } catch {
            try? await running.stop()
            throw error
        }
        try await running.stop()
    }

    static func record(_ fields: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
    }

    /// What the CLI prints for `job` (the worker `minutes extract` runs).
    static func cliOutput(_ job: Job, format: OutputFormat) -> [UInt8] {
        Array(JobWorker(extractor: extractor, options: .init(), format: format).run(job).encoded)
    }

    func assertProblem(_ answer: HTTPClient.Answer, _ status: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(answer.status, status, answer.text, file: file, line: line)
        XCTAssertEqual(answer.headers["content-type"], "application/problem+json", file: file, line: line)
        let problem = try XCTUnwrap(answer.json() as? [String: Any], file: file, line: line)
        XCTAssertEqual(problem["status"] as? Int, status, file: file, line: line)
        XCTAssertFalse((problem["detail"] as? String ?? "").isEmpty, file: file, line: line)
        XCTAssertEqual(problem["type"] as? String, "about:blank", file: file, line: line)
    }

    func testHealthReadinessOpenAPIAndMetrics() async throws {
        try await withServer { port, _ in
            let health = try await HTTPClient.send("GET", "/healthz", port: port)
            XCTAssertEqual(health.status, 200)
            XCTAssertEqual(try health.json() as? [String: String], ["status": "ok"])
            let answer1 = try await HTTPClient.send("GET", "/readyz", port: port)
            XCTAssertEqual(answer1.status, 200)
            let spec = try await HTTPClient.send("GET", "/openapi.yaml", port: port)
            XCTAssertEqual(spec.status, 200)
            XCTAssertEqual(spec.body, Array(try Data(contentsOf: Self.repo.appendingPathComponent("docs/openapi.yaml"))))
            _ = try await HTTPClient.send("POST", "/v1/extract", port: port, type: "application/json", body: Self.record(["id": "m", "text": Self.sample]))
            let metrics = try await HTTPClient.send("GET", "/metrics", port: port)
            XCTAssertEqual(metrics.status, 200)
            XCTAssertTrue(metrics.headers["content-type"]?.hasPrefix("text/plain") ?? false)
            for expected in ["minutes_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 1",
                             "minutes_http_request_duration_seconds_bucket{route=\"/v1/extract\"",
                             "minutes_articles_extracted_total 1", "minutes_bytes_extracted_total", "minutes_queue_depth 0"] {
                XCTAssertTrue(metrics.text.contains(expected), "no \(expected) in\n\(metrics.text)")
            }
            XCTAssertNotNil(health.headers["x-request-id"])
        }
    }

    func testExtractAnswersWhatTheCLIPrints() async throws {
        try await withServer { port, _ in
            // a JSON record, as a JSONL line gives it
            let json = try await HTTPClient.send("POST", "/v1/extract", port: port, type: "application/json",
                                                 body: Self.record(["id": "yunfu", "text": Self.sample, "published": "2022-10-08 09:08"]))
            XCTAssertEqual(json.status, 200)
            XCTAssertEqual(json.headers["content-type"], "application/json")
            let job = Job(id: "yunfu", origin: "-", published: "2022-10-08 09:08", content: .text(Self.sample), size: 0)
            XCTAssertEqual(json.body, Self.cliOutput(job, format: .json) + [0x0A])
            let result = try XCTUnwrap(json.json() as? [String: Any])
            XCTAssertEqual(result["schema"] as? String, "minutes/1")
            XCTAssertFalse((result["meetings"] as? [Any] ?? []).isEmpty)
            // raw bytes, as a file: byte for byte the CLI's output for that file
            let raw = try await HTTPClient.send("POST", "/v1/extract?id=\(Self.samplePath)", port: port,
                                                headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(Self.sample.utf8))
            XCTAssertEqual(raw.status, 200)
            let cli = try ServerBinary.run(["extract", "--format", "json", Self.samplePath], in: Self.repo)
            XCTAssertEqual(raw.text, cli)
            let yaml = try await HTTPClient.send("POST", "/v1/extract?format=yaml&id=\(Self.samplePath)", port: port,
                                                 headers: ["Content-Type": "text/plain"], body: Array(Self.sample.utf8))
            XCTAssertEqual(yaml.status, 200)
            XCTAssertEqual(yaml.headers["content-type"], "application/yaml")
            XCTAssertEqual(yaml.text, try ServerBinary.run(["extract", "--format", "yaml", Self.samplePath], in: Self.repo))
        }
    }

    func testHTMLAndLegacyCharsets() async throws {
        try await withServer { port, _ in
            for page in ["Samples/html/201-county-executive-trs.html", "Samples/html/202-city-standing-committee-gbk.html", "Samples/html/203-county-flood-control-big5.html"] {
                let bytes = Array(try Data(contentsOf: Self.repo.appendingPathComponent(page)))
                let html = try await HTTPClient.send("POST", "/v1/extract?id=\(page)", port: port, headers: ["Content-Type": "text/html"], body: bytes)
                XCTAssertEqual(html.status, 200, page)
                XCTAssertEqual(html.text, try ServerBinary.run(["extract", "--format", "json", page], in: Self.repo), page)
            }
            // GB18030 bytes, named by the header or found by trial, read as the UTF-8 text is
            // 市委书记主持召开会议 in GB18030
            let gb: [UInt8] = [0xCA, 0xD0, 0xCE, 0xAF, 0xCA, 0xE9, 0xBC, 0xC7, 0xD6, 0xF7, 0xB3, 0xD6, 0xD5, 0xD9, 0xBF, 0xAA, 0xBB, 0xE1, 0xD2, 0xE9]
            let utf8 = try await HTTPClient.send("POST", "/v1/extract?id=a", port: port, headers: ["Content-Type": "text/plain"], body: Array("市委书记主持召开会议".utf8))
            XCTAssertEqual(utf8.status, 200)
            for type in ["text/plain; charset=GB18030", "text/plain; charset=gbk", "text/plain"] {
                let answer = try await HTTPClient.send("POST", "/v1/extract?id=a", port: port, headers: ["Content-Type": type], body: gb)
                XCTAssertEqual(answer.status, 200, type)
                XCTAssertEqual(answer.text, utf8.text, type)
            }
        }
    }

    func testEveryErrorStatus() async throws {
        try await withServer(maxBodyBytes: 4096) { port, _ in
            try assertProblem(try await HTTPClient.send("POST", "/v1/extract", port: port, type: "application/json", body: "{\"id\": 1, \"text\": "), 400)
            try assertProblem(try await HTTPClient.send("POST", "/v1/extract", port: port, type: "application/json", body: "{\"id\": \"a\"}"), 400)
            try assertProblem(try await HTTPClient.send("POST", "/v1/extract", port: port, type: "application/json", body: "[1, 2]"), 400)
            try assertProblem(try await HTTPClient.send("POST", "/v1/extract?format=xml", port: port, type: "text/plain", body: "市长"), 400)
            try assertProblem(try await HTTPClient.send("POST", "/v1/extract?reference_date=yesterday", port: port, type: "text/plain", body: "市长"), 400)
            try assertProblem(try await HTTPClient.send("POST", "/v1/extract", port: port, type: "text/plain", body: String(repeating: "会", count: 2000)), 413)
            // too large streamed without a Content-Length
            try assertProblem(try await HTTPClient.send("POST", "/v1/extract", port: port, headers: ["Content-Type": "text/plain"],
                                                        parts: Array(repeating: Array(repeating: 0x41, count: 3000), count: 2)), 413)
            try assertProblem(try await HTTPClient.send("POST", "/v1/extract", port: port, type: "application/xml", body: "<a/>"), 415)
            try assertProblem(try await HTTPClient.send("POST", "/v1/extract", port: port, type: "text/plain; charset=koi8-r", body: "a"), 415)
            try assertProblem(try await HTTPClient.send("POST", "/v1/extract/batch", port: port, type: "text/csv", body: "a,b"), 415)
            try assertProblem(try await HTTPClient.send("POST", "/v1/extract", port: port, headers: ["Content-Type": "text/plain"],
                                                        body: [0x00, 0x01, 0x02, 0x00, 0x89, 0x50, 0x4E, 0x47, 0x00, 0x00]), 422)
            try assertProblem(try await HTTPClient.send("POST", "/v1/explain", port: port, headers: ["Content-Type": "text/plain"],
                                                        body: Array(repeating: 0xFF, count: 64)), 422)
            try assertProblem(try await HTTPClient.send("GET", "/v1/nothing", port: port), 404)
            // a known path with a method it does not answer: 405 and Allow
            let wrongMethod = try await HTTPClient.send("GET", "/v1/extract", port: port)
            try assertProblem(wrongMethod, 405)
            XCTAssertEqual(wrongMethod.headers["allow"], "POST")
            let wrongMethod2 = try await HTTPClient.send("DELETE", "/healthz", port: port)
            try assertProblem(wrongMethod2, 405)
            XCTAssertEqual(wrongMethod2.headers["allow"], "GET")
            // the server is still up and answers right
            let answer2 = try await HTTPClient.send("POST", "/v1/extract", port: port, type: "text/plain", body: "市长主持召开会议。")
            XCTAssertEqual(answer2.status, 200)
        }
    }

    func testFullQueueGives503WithRetryAfter() async throws {
        try await withServer(workers: 1, queue: 1) { port, server in
            let release = DispatchSemaphore(value: 0)
            let blockers = (0..<2).map { _ in Task { try await server.pool.run(force: true) { release.wait() } } }
            while server.pool.queueDepth < 1 { try await Task.sleep(for: .milliseconds(10)) }
            let busy = try await HTTPClient.send("POST", "/v1/extract", port: port, type: "text/plain", body: "市长主持召开会议。")
            try assertProblem(busy, 503)
            XCTAssertEqual(busy.headers["retry-after"], "1")
            try assertProblem(try await HTTPClient.send("GET", "/readyz", port: port), 503)
            try assertProblem(try await HTTPClient.send("POST", "/v1/extract/batch", port: port, type: "application/x-ndjson", body: "{}\n"), 503)
            let answer3 = try await HTTPClient.send("GET", "/healthz", port: port)
            XCTAssertEqual(answer3.status, 200)
            release.signal()
            release.signal()
            for blocker in blockers { try await blocker.value }
            let answer4 = try await HTTPClient.send("POST", "/v1/extract", port: port, type: "text/plain", body: "市长主持召开会议。")
            XCTAssertEqual(answer4.status, 200)
        }
    }

    func testBurstOfConcurrentRequests() async throws {
        let n = 48
        let expected = Self.cliOutput(Job(id: "x", origin: "-", content: .text(Self.sample), size: 0), format: .json)
        try await withServer(queue: n) { port, _ in
            try await withThrowingTaskGroup(of: (Int, HTTPClient.Answer).self) { group in
                for i in 0..<n {
                    group.addTask {
                        (i, try await HTTPClient.send("POST", "/v1/extract", port: port, type: "application/json",
                                                      body: Self.record(["id": "r\(i)", "text": Self.sample])))
                    }
                }
                var right = 0
                for try await (i, answer) in group {
                    XCTAssertEqual(answer.status, 200)
                    let withID = String(decoding: expected, as: UTF8.self).replacingOccurrences(of: "\"id\": \"x\"", with: "\"id\": \"r\(i)\"") + "\n"
                    if answer.text == withID { right += 1 }
                }
                XCTAssertEqual(right, n)
            }
        }
    }

    func testStreamedBatchWithBrokenLines() async throws {
        let good = Self.record(["id": "a", "text": Self.sample])
        var lines: [[UInt8]] = [
            Array(good.utf8),
            Array("not json".utf8),
            [],
            Array("{\"id\": \"b\"}".utf8),
            [0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0xFF, 0xFE, 0x7D],  // {"id":<bad UTF-8>}
            Array(Self.record(["id": "c", "text": "市长主持召开会议。", "reference_date": "2022-10-07"]).utf8),
            Array(("{\"id\": \"long\", \"text\": \"" + String(repeating: "长", count: 4000) + "\"}").utf8),  // over the 8 KB line limit
            Array("{\"id\": 7, \"text\": \"昨天，区长主持召开会议。\"}\r".utf8),
            Array(good.utf8),
        ]
        var body = lines.map { $0 + [0x0A] }.joined().map { $0 }
        body.removeLast()  // the last line without its line break
        // sent in uneven parts that cut lines (and characters) anywhere
        let parts = stride(from: 0, to: body.count, by: 1777).map { Array(body[$0..<min($0 + 1777, body.count)]) }
        lines[7].removeLast()
        try await withServer(maxBodyBytes: 8192) { port, _ in
            let answer = try await HTTPClient.send("POST", "/v1/extract/batch", port: port, headers: ["Content-Type": "application/x-ndjson"],
                                                   parts: parts, pause: 0.01)
            XCTAssertEqual(answer.status, 200)
            XCTAssertEqual(answer.headers["content-type"], "application/x-ndjson")
            let out = answer.text.split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertEqual(out.count, lines.count + 1, answer.text)  // one line per line, and the final line break
            XCTAssertEqual(out.last, "")
            let objects = try out.dropLast().map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
            XCTAssertEqual(objects.map { $0["error"] == nil }, [true, false, false, false, false, true, false, true, true])
            XCTAssertEqual(objects.map { "\($0["id"] ?? "nil")" }, ["a", "<null>", "<null>", "b", "<null>", "c", "<null>", "7", "a"])
            let cli = JobWorker(extractor: Self.extractor, options: .init(), format: .jsonl)
            for (i, line) in lines.enumerated() where objects[i]["error"] == nil {
                XCTAssertEqual(Array(out[i].utf8), Array(cli.run(JSONLRecords.job(line, number: i + 1, origin: "-")).encoded), "line \(i + 1)")
            }
        }
    }

    func testExplainAndRules() async throws {
        try await withServer { port, _ in
            let explain = try await HTTPClient.send("POST", "/v1/explain?layers=person,title", port: port, type: "application/json",
                                                    body: Self.record(["id": "e", "text": Self.sample]))
            XCTAssertEqual(explain.status, 200)
            let body = try XCTUnwrap(explain.json() as? [String: Any])
            XCTAssertEqual(body["id"] as? String, "e")
            let annotations = try XCTUnwrap(body["annotations"] as? [[String: Any]])
            XCTAssertFalse(annotations.isEmpty)
            XCTAssertEqual(Set(annotations.compactMap { $0["layer"] as? String }), ["person", "title"])
            XCTAssertTrue(annotations.allSatisfy { ($0["rule"] as? String)?.isEmpty == false })
            let rules = try await HTTPClient.send("GET", "/v1/rules", port: port)
            XCTAssertEqual(rules.status, 200)
            let list = try XCTUnwrap((rules.json() as? [String: Any])?["rules"] as? [[String: Any]])
            XCTAssertEqual(list.count, Set(list.map { "\($0["dimension"]!) \($0["id"]!)" }).count)
            XCTAssertTrue(list.contains { ($0["examples"] as? [String])?.isEmpty == false })
            XCTAssertTrue(list.allSatisfy { $0["id"] is String && $0["dimension"] is String })
        }
    }

    func testShutdownDrainsRequestsInFlight() async throws {
        var settings = MinutesServer.Settings()
        settings.port = 0
        settings.workers = 1
        var logger = Logger(label: "minutes-server-test")
        logger.logLevel = .warning
        let server = try MinutesServer(settings: settings, logger: logger)
        let running = try await server.start()
        let port = running.port
        let release = DispatchSemaphore(value: 0)
        let blocker = Task { try await server.pool.run(force: true) { release.wait() } }
        let requests = (0..<3).map { i in
            Task { try await HTTPClient.send("POST", "/v1/extract", port: port, type: "application/json", body: Self.record(["id": "d\(i)", "text": Self.sample])) }
        }
        while server.pool.queueDepth < 3 { try await Task.sleep(for: .milliseconds(10)) }
        let stopping = Task { try await running.stop() }
        try await Task.sleep(for: .milliseconds(200))
        release.signal()
        try await blocker.value
        for (i, request) in requests.enumerated() {
            let answer = try await request.value
            XCTAssertEqual(answer.status, 200)
            XCTAssertEqual((try answer.json() as? [String: Any])?["id"] as? String, "d\(i)")
        }
        try await stopping.value
    }

    func testBinaryExitsZeroOnSIGTERM() throws {
        let process = Process()
        process.executableURL = ServerBinary.url("minutes")
        process.arguments = ["serve", "--port", "0", "--workers", "1"]
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        // a line on stderr says where it listens
        let marker = "listening on http://127.0.0.1:"
        var seen = ""
        while !(seen.components(separatedBy: marker).last?.contains("\n") ?? false) || !seen.contains(marker) {
            let chunk = stderr.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        let port = try XCTUnwrap(seen.components(separatedBy: marker).last.flatMap { Int($0.prefix { $0.isNumber }) }, seen)
        let done = expectation(description: "health")
        Task {
            let answer = try await HTTPClient.send("GET", "/healthz", port: port)
            XCTAssertEqual(answer.status, 200)
            done.fulfill()
        }
        wait(for: [done], timeout: 30)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 0)
    }
}

/// The built executables, next to the test bundle in the products directory.
enum ServerBinary {
    final class Marker {}

    /// The first directory at or above the test bundle that holds `name`.
    static func url(_ name: String) -> URL {
        var dir = Bundle(for: Marker.self).bundleURL
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/\(name)")
    }

    /// Runs `minutes ARGS` in `directory` and returns its stdout.
    static func run(_ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = url("minutes")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
