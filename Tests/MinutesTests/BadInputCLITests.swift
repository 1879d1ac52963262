import CLITestSupport
import Foundation
import XCTest

/// Bad input through the built `minutes` binary: N inputs give N results, in order, each with
/// its documented outcome (docs/input.md), and the exit code says whether any failed.
final class BadInputCLITests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bad-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func objects(_ out: CLIRunner.Output) throws -> [[String: Any]] {
        try out.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], String($0.prefix(200)))
        }
    }

    func testBadFilesInADirectoryGiveOneLineEachInPathOrder() throws {
        let gbkPage = [UInt8](try Data(contentsOf: Self.repo.appendingPathComponent("Samples/html/202-city-standing-committee-gbk.html")))
        let nestedPage = "<html><body>" + String(repeating: "<div>", count: 100_000) + "<p>县委常委会召开会议，研究部署工作。</p>"
        let names = "县领导" + BadInputTests.names(1_000).joined(separator: "、") + "参加会议。"  // 100,000: BadInputTests
        let files: [(String, [UInt8])] = [
            ("a-empty.txt", []),
            ("b-blank.txt", Array("  \n\t\n".utf8)),
            ("c-binary.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]),
            ("d-latin1.txt", Array("caf\u{E9} cr\u{E8}me".unicodeScalars.map { UInt8($0.value) })),
            ("e-huge.txt", [UInt8](repeating: 0x61, count: 50 << 20)),
            ("f-names.txt", Array(names.utf8)),
            ("g-nested.html", Array(nestedPage.utf8)),
            ("h-page.htm", gbkPage),
            ("i-cut.txt", Array(Array("会议召开".utf8).dropLast())),
            ("j-notes.md", Array("not an article".utf8)),
        ]
        for (name, bytes) in files { _ = try write(name, bytes) }
        let out = try CLIRunner.run(["extract", "--format", "jsonl", "--jobs", "2", scratch.path])
        XCTAssertEqual(out.status, 1, "some inputs failed")
        let results = try objects(out)
        let names9 = files.map(\.0).filter { !$0.hasSuffix(".md") }
        XCTAssertEqual(results.map { ($0["id"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } }, names9)
        func outcome(_ name: String) -> [String: Any] { results[names9.firstIndex(of: name)!] }
        XCTAssertEqual(outcome("a-empty.txt")["warnings"] as? [String], ["empty input"])
        XCTAssertEqual(outcome("b-blank.txt")["warnings"] as? [String], ["input has only whitespace"])
        XCTAssertTrue((outcome("c-binary.txt")["error"] as? String)?.contains("not text (NUL byte") == true)
        XCTAssertTrue((outcome("d-latin1.txt")["error"] as? String)?.contains("cannot decode") == true)
        XCTAssertTrue((outcome("e-huge.txt")["error"] as? String)?.contains("too large for one article (52428800 bytes") == true)
        XCTAssertEqual(outcome("f-names.txt")["schema"] as? String, "minutes/1")
        XCTAssertEqual(outcome("g-nested.html")["schema"] as? String, "minutes/1")
        XCTAssertEqual(outcome("h-page.htm")["schema"] as? String, "minutes/1")
        XCTAssertTrue((outcome("i-cut.txt")["warnings"] as? [String])?.first?.contains("middle of a character") == true)
        for failed in ["c-binary.txt", "d-latin1.txt", "e-huge.txt"] {
            XCTAssertTrue(out.stderr.contains(scratch.appendingPathComponent(failed).path), "stderr names \(failed): \(out.stderr)")
        }
        XCTAssertEqual(out.stderr.split(separator: "\n").count, 3, out.stderr)

        // Paths given one by one keep their order, and a missing one is a result too.
        let order = ["i-cut.txt", "no-such-file.txt", "c-binary.txt", "a-empty.txt"].map { scratch.appendingPathComponent($0).path }
        let again = try CLIRunner.run(["extract", "--format", "jsonl"] + order)
        XCTAssertEqual(try objects(again).map { $0["id"] as? String }, order)
        XCTAssertEqual(again.status, 1)
    }

    func testBadJSONLRecordsGiveOneLineEachInOrder() throws {
        let longID = String(repeating: "长", count: 1 << 20)
        var lines: [String] = []
        var expected: [(id: String?, ok: Bool)] = []
        func add(_ line: String, _ id: String?, _ ok: Bool) {
            lines.append(line)
            expected.append((id, ok))
        }
        for i in 0..<600 {
            switch i % 12 {
            case 0: add("{\"id\": \"r\(i)\", \"text\": \"6月1日上午，县委书记主持召开常委会会议。\"}", "r\(i)", true)
            case 1: add("{\"id\": \"r\(i)\", \"text\": ", nil, false)                               // broken JSON
            case 2: add("{\"id\": \"r\(i)\"}", "r\(i)", false)                                      // no text
            case 3: add("{\"id\": \"r\(i)\", \"text\": [\"会议\"]}", "r\(i)", false)                // wrong type
            case 4: add("{\"id\": {\"n\": \(i)}, \"text\": \"会议\"}", nil, false)                  // id of a wrong type
            case 5: add("{\"id\": \"r\(i)\", \"text\": \"会议\", \"published\": 20220101}", "r\(i)", false)
            case 6: add("{\"id\": \"r\(i)\", \"html\": \"<div class=TRS_Editor><p>县政府召开常务会议，研究部署工作。</p></div>\"}", "r\(i)", true)
            case 7: add("", nil, false)                                                              // empty line
            case 8: add("{\"id\": \(i)00000000000000000000000000, \"text\": \"会议\"}", "#\(i)00000000000000000000000000", true)  // "#": a number
            case 9: add("{\"text\": \"会议\"}", nil, true)                                          // no id: null
            case 10: add("{\"id\": \"r\(i)\", \"text\": \"会议\", \"html\": \"<p>会议</p>\"}", "r\(i)", false)
            default: add("\"just a string\"", nil, false)
            }
        }
        add("{\"id\": \"\(longID)\", \"text\": \"会议\"}", longID, true)                          // huge id
        add("{\"id\": \"big\", \"text\": \"" + String(repeating: "会", count: 17 << 20) + "\"}", "big", false)  // 50 MB line
        add("{\"id\": \"bytes\", \"text\": \"会议\"}\u{FFFD}", nil, false)                          // trailing garbage
        lines[0] = "\u{FEFF}" + lines[0]                                                           // BOM on the first line
        let input = Data(lines.joined(separator: "\n").utf8) + Data([0x0A, 0xFF, 0xFE, 0x0A])     // and a line that is not UTF-8
        expected.append((nil, false))  // (the final \n ends that line: no empty record after it)

        let file = try write("batch.jsonl", [UInt8](input))
        let out = try CLIRunner.run(["extract", "--format", "jsonl", "--jobs", "2", file])
        XCTAssertEqual(out.status, 1)
        let results = try objects(out)
        let outputLines = out.stdoutText.split(separator: "\n")
        XCTAssertEqual(results.count, lines.count + 1, "one output line per input line")
        for (k, (result, want)) in zip(results, expected.prefix(results.count)).enumerated() {
            if let number = want.id, number.hasPrefix("#") {  // a numeric id comes back as the same number, digit for digit
                XCTAssertTrue(outputLines[k].contains("\"id\":\(number.dropFirst()),"), "line \(k + 1)")
            } else {
                XCTAssertEqual(result["id"] as? String, want.id, "line \(k + 1)")
            }
            XCTAssertEqual(result["error"] == nil, want.ok, "line \(k + 1): \(result["error"] ?? "ok")")
        }
        XCTAssertTrue((results[lines.count - 2]["error"] as? String)?.contains("too large") == true)
        XCTAssertEqual(results.last?["error"] as? String, "not valid JSON (the line is not UTF-8)")
    }

    func testEmitTextGivesTheTextOffsetsIndex() throws {
        let page = Self.repo.appendingPathComponent("Samples/html/202-city-standing-committee-gbk.html").path
        let out = try CLIRunner.run(["extract", "--emit-text", page])
        XCTAssertEqual(out.status, 0, out.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: out.stdout) as? [String: Any])
        XCTAssertEqual(object["id"] as? String, page)
        XCTAssertEqual(object["text"] as? String, try String(contentsOfFile: page.replacingOccurrences(of: ".html", with: ".txt"), encoding: .utf8))

        // Round trip: the emitted text records give the same results as the pages.
        let dir = Self.repo.appendingPathComponent("Samples/html").path
        let pages = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".html") }.sorted().map { dir + "/" + $0 }
        let texts = try CLIRunner.run(["extract", "--emit-text", "--format", "jsonl"] + pages)
        let fromText = try CLIRunner.run(["extract", "--format", "jsonl", "-"], stdin: texts.stdout)
        let fromHTML = try CLIRunner.run(["extract", "--format", "jsonl"] + pages)
        XCTAssertEqual(fromText.status, 0, fromText.stderr)
        XCTAssertEqual(fromText.stdoutText, fromHTML.stdoutText)
    }

    func testHTMLFlagForcesHTML() throws {
        let file = try write("page.txt", Array("页面导出\n<div><p>　　县政府召开常务会议，研究部署工作。</p><p>会议强调，要抓好落实。</p></div>".utf8))
        let plain = try CLIRunner.run(["extract", "--emit-text", file])
        XCTAssertTrue(((try JSONSerialization.jsonObject(with: plain.stdout) as? [String: Any])?["text"] as? String)?.contains("<div>") == true)
        let forced = try CLIRunner.run(["extract", "--emit-text", "--html", file])
        let text = (try JSONSerialization.jsonObject(with: forced.stdout) as? [String: Any])?["text"] as? String
        // The line of text before the body is page chrome to the body finder.
        XCTAssertEqual(text, "县政府召开常务会议，研究部署工作。\n会议强调，要抓好落实。\n")
    }
}
