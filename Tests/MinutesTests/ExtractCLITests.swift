import CLITestSupport
import Foundation
import XCTest

/// The `minutes extract` contract: schema shape, batch order, exit codes.
final class ExtractCLITests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let seed = repo.appendingPathComponent("Samples/articles/yunfu-2022-10-06.txt").path

    func json(_ data: Data) throws -> Any { try JSONSerialization.jsonObject(with: data) }

    func testFullSchemaForOneFile() throws {
        let out = try CLIRunner.run(["extract", seed])
        XCTAssertEqual(out.status, 0, out.stderr)
        let object = try XCTUnwrap(try json(out.stdout) as? [String: Any])
        XCTAssertEqual(object["schema"] as? String, "minutes/1")
        XCTAssertEqual(object["id"] as? String, seed)
        for key in ["article", "meetings", "persons", "entities", "warnings"] { XCTAssertNotNil(object[key], key) }
        let article = try XCTUnwrap(object["article"] as? [String: Any])
        for key in ["headline", "published", "outlet", "reporters", "editors"] { XCTAssertTrue(article.keys.contains(key), key) }
        // Keys come in schema order.
        XCTAssertTrue(out.stdoutText.hasPrefix("{\n  \"schema\": \"minutes/1\",\n  \"id\":"), out.stdoutText.prefix(60).description)
    }

    func testYAMLShowsChineseAsIs() throws {
        let out = try CLIRunner.run(["extract", "--format", "yaml", seed])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(out.stdoutText.hasPrefix("schema: minutes/1\n"))
        XCTAssertFalse(out.stdoutText.contains("\\u"))
    }

    func testJSONLBatchGivesOneLinePerInputLineInOrder() throws {
        var lines: [String] = []
        for i in 0..<40 {
            switch i {
            case 7: lines.append("{\"id\": \"r7\", \"text\": ")                      // broken JSON
            case 13: lines.append("{\"id\": \"r13\"}")                               // no text
            case 21: lines.append("{\"id\": \"r21\", \"text\": 42}")                 // wrong type
            case 30: lines.append("[1, 2]")                                          // not an object
            default: lines.append("{\"id\": \"r\(i)\", \"text\": \"10月6日晚，市委书记卢荣春主持召开会议。\", \"published\": \"2022-10-08 09:08\"}")
            }
        }
        let out = try CLIRunner.run(["extract", "--format", "jsonl", "--jobs", "2", "-"], stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        XCTAssertEqual(out.status, 1, "a broken record makes the exit code 1")
        let outLines = out.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(outLines.count, 40)
        for (i, line) in outLines.enumerated() {
            let object = try XCTUnwrap(try json(Data(line.utf8)) as? [String: Any], String(line))
            if i == 7 || i == 30 {
                XCTAssertTrue(object["id"] is NSNull)
                XCTAssertNotNil(object["error"] as? String)
            } else if i == 13 || i == 21 {
                XCTAssertEqual(object["id"] as? String, "r\(i)")
                XCTAssertNotNil(object["error"] as? String)
            } else {
                XCTAssertEqual(object["id"] as? String, "r\(i)")
                XCTAssertEqual(object["schema"] as? String, "minutes/1")
            }
        }
        XCTAssertTrue(out.stderr.contains("<stdin>:8"), out.stderr)
    }

    func testJSONLFileAndDirectoryInputs() throws {
        let file = try CLIRunner.file("batch.jsonl", Data("{\"id\":\"a\",\"text\":\"会议\"}\n{\"id\":\"b\",\"text\":\"会议\"}\n".utf8))
        let out = try CLIRunner.run(["extract", "--format", "json", file.path])
        XCTAssertEqual(out.status, 0, out.stderr)
        let array = try XCTUnwrap(try json(out.stdout) as? [[String: Any]])
        XCTAssertEqual(array.map { $0["id"] as? String }, ["a", "b"])

        let dir = Self.repo.appendingPathComponent("Samples/articles").path
        let all = try CLIRunner.run(["extract", "--format", "jsonl", dir])
        XCTAssertEqual(all.status, 0, all.stderr)
        let ids = all.stdoutText.split(separator: "\n").compactMap { try? json(Data($0.utf8)) as? [String: Any] }.compactMap { $0["id"] as? String }
        XCTAssertEqual(ids, ids.sorted())
        XCTAssertGreaterThan(ids.count, 20)
    }

    func testBinaryFileIsExitOneNamingTheFile() throws {
        let file = try CLIRunner.file("photo.txt", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]))
        let out = try CLIRunner.run(["extract", file.path])
        XCTAssertEqual(out.status, 1)
        XCTAssertTrue(out.stderr.contains(file.path) && out.stderr.contains("not text"), out.stderr)
    }

    func testInvalidBytesAreExitOneNamingTheFile() throws {
        let file = try CLIRunner.file("bad.txt", Data([0xE4, 0xBC, 0x9A, 0xFF, 0xFE, 0xFF, 0x80, 0x80]))
        let out = try CLIRunner.run(["extract", file.path])
        XCTAssertEqual(out.status, 1)
        XCTAssertTrue(out.stderr.contains(file.path) && out.stderr.contains("cannot decode"), out.stderr)
    }

    func testEmptyFileIsAValidResultWithAWarning() throws {
        let file = try CLIRunner.file("empty.txt", Data())
        let out = try CLIRunner.run(["extract", file.path])
        XCTAssertEqual(out.status, 0, out.stderr)
        let object = try XCTUnwrap(try json(out.stdout) as? [String: Any])
        XCTAssertEqual(object["warnings"] as? [String], ["empty input"])
    }

    func testMissingFileInABatchDoesNotStopIt() throws {
        let out = try CLIRunner.run(["extract", "--format", "jsonl", "/nonexistent/x.txt", seed])
        XCTAssertEqual(out.status, 1)
        let lines = out.stdoutText.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].contains("\"error\""))
        XCTAssertTrue(out.stderr.contains("/nonexistent/x.txt"))
    }

    func testUsageErrorsExitTwo() throws {
        XCTAssertEqual(try CLIRunner.run(["extract", "--format", "xml", seed]).status, 2)
        XCTAssertEqual(try CLIRunner.run(["extract", "--jobs", "0", seed]).status, 2)
        XCTAssertEqual(try CLIRunner.run(["frobnicate"]).status, 2)
        XCTAssertEqual(try CLIRunner.run(["extract", "--rules", "/nonexistent-rules", seed]).status, 2)
    }

    /// JSONL lines are read by a fast path for the common shape and by JSONDecoder otherwise:
    /// either way each line's id and text must be what a JSON parser reads from it.
    func testJSONLRecordsReadAsAJSONParserReadsThem() throws {
        let lines = [
            #"{"id":"a\u00e9","text":"\u4f1a\u8bae\ud83d\ude00 tab\t q\" s\\ \/ nl\n cr\r \b\f"}"#,
            #"{"text":"会议","published":"2022-10-06","id":"b"}"#,
            #"  { "id" : "c" , "text" : "召开会议" }  "#,
            #"{"id":"d","text":"会议","extra":1}"#,
            #"{"id":"e","text":"\u0041\u00C9\u4E00"}"#,
            #"{"id":"f","text":""}"#,
        ]
        let out = try CLIRunner.run(["extract", "--format", "jsonl", "--emit-text", "--jobs", "2", "-"],
                                    stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        let got = out.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(got.count, lines.count, out.stderr)
        for (line, emitted) in zip(lines, got) {
            let expected = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(emitted.utf8)) as? [String: Any], String(emitted))
            XCTAssertEqual(record["id"] as? String, expected["id"] as? String, line)
            XCTAssertEqual(record["text"] as? String, expected["text"] as? String, line)
        }
    }

    /// A record's id goes back as the JSON value it came as: numbers stay numbers (Spark and
    /// pandas join on them), strings stay strings, in results, error records and --emit-text.
    func testJSONLIdsComeBackAsTheSameJSONValue() throws {
        let lines = [#"{"id": 7, "text": "会议"}"#, #"{"id": "7", "text": "会议"}"#, #"{"id": -2.5, "text": "会议"}"#,
                     #"{"id": 123456789012345678901234567890, "text": "会议"}"#, #"{"id": 8}"#]
        let expected = ["7", "\"7\"", "-2.5", "123456789012345678901234567890", "8"]
        for extra in [[], ["--emit-text"]] {
            let out = try CLIRunner.run(["extract", "--format", "jsonl"] + extra + ["-"],
                                        stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
            let got = out.stdoutText.split(separator: "\n")
            XCTAssertEqual(got.count, lines.count, out.stderr)
            for (line, id) in zip(got, expected) {
                XCTAssertTrue(line.contains("\"id\":\(id),"), "\(line.prefix(80)) should carry id \(id)")
            }
            let first = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(got[0].utf8)) as? [String: Any])
            XCTAssertEqual(first["id"] as? Int, 7)
        }
    }

    /// Lines a JSON parser rejects give an error record in their place, never a dropped line.
    func testMalformedJSONLLinesKeepTheirPlace() throws {
        let lines = [#"{"id":"a","text":"会议"}"#, #"{"id":"b","text":"\ud83d"}"#, #"{"id":"c","text":"会议\x"}"#,
                     #"{"id":"d","text":"会议""#, #"{"id":"e","text":"会议"}"#]
        let out = try CLIRunner.run(["extract", "--format", "jsonl", "-"], stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        let got = out.stdoutText.split(separator: "\n")
        XCTAssertEqual(got.count, lines.count, out.stderr)
        XCTAssertFalse(got[0].contains("\"error\""))
        XCTAssertTrue(got[2].contains("\"error\""), String(got[2]))
        XCTAssertTrue(got[3].contains("\"error\""), String(got[3]))
        XCTAssertFalse(got[4].contains("\"error\""))
        XCTAssertEqual(out.status, 1)
    }
}
