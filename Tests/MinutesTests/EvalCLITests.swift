import CLITestSupport
import Foundation
import XCTest

/// The `minutes eval` contract: table and JSON output, --fail-under, exit codes, --pd1998.
/// Scores given results (--results) so that the figures do not depend on the rules.
final class EvalCLITests: XCTestCase {
    /// A corpus of two invented articles; `b` has a meeting, `c` has no gold.
    func corpus(withUnpaired: Bool = false) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("articles"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("gold"), withIntermediateDirectories: true)
        func write(_ path: String, _ text: String) throws {
            try Data(text.utf8).write(to: dir.appendingPathComponent(path))
        }
        try write("articles/a.txt", "URL: http://example.org/a\n\n3月5日上午，县长韩立主持召开县政府常务会议。")
        try write("gold/a.yaml", """
        meeting: 县政府常务会议
        date: 3月5日上午
        chair: [{name: 韩立, titles: [县长], venue: null}]
        participants: []
        speakers: []
        directives: []
        venues: []
        mentioned_persons: []
        reporters: []
        publish_date: null
        source: null
        """)
        try write("articles/b.txt", "县委书记孔德山出席。")
        try write("gold/b.yaml", "meeting: null\ndate: null\nchair: []\nparticipants: [{name: 孔德山, titles: [县委书记]}]\n")
        if withUnpaired { try write("articles/c.txt", "无标注。") }
        return dir
    }

    /// Results: `a` exact but for a wrong participant, `b` misses its participant.
    func results() throws -> URL {
        func result(_ id: String, _ meetings: String) -> String {
            """
            {"schema":"minutes/1","id":"\(id)","article":{"headline":null,"published":null,"outlet":null,"reporters":[],"editors":[]},\
            "meetings":[\(meetings)],"persons":[],"entities":[],"warnings":[]}
            """
        }
        let a = """
        {"name":"县政府常务会议","date":{"text":"3月5日上午","value":null,"part_of_day":null},\
        "chair":[{"name":"韓立","titles":["縣長"],"venue":null,"start":0,"end":0}],\
        "participants":[{"name":"县长","titles":[],"venue":null,"start":0,"end":0}],\
        "speakers":[],"venues":[],"directives":[],"start":0,"end":10}
        """
        return try CLIRunner.file("results.jsonl", Data((result("dir/articles/a.txt", a) + "\n" + result("b", "") + "\n").utf8))
    }

    func testTableAndBars() throws {
        let dir = try corpus(), res = try results()
        let out = try CLIRunner.run(["eval", dir.path, "--results", res.path])
        XCTAssertEqual(out.status, 0, out.stderr)
        let lines = out.stdoutText.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "\(dir.path): 2 articles")
        XCTAssertTrue(lines.contains("chair           1.000  1.000  1.000   1/0/0"), out.stdoutText)
        XCTAssertTrue(lines.contains("participants    0.000  0.000  0.000   0/1/1"), out.stdoutText)
        XCTAssertTrue(lines.contains("titles          1.000  0.500  0.667   1/0/1"), out.stdoutText)

        let met = try CLIRunner.run(["eval", dir.path, "--results", res.path, "--fail-under", "chair=1.0,titles=0.6"])
        XCTAssertEqual(met.status, 0, met.stderr)
        let unmet = try CLIRunner.run(["eval", dir.path, "--results", res.path, "--fail-under", "chair=1", "--fail-under", "participants=0.5"])
        XCTAssertEqual(unmet.status, 1)
        XCTAssertTrue(unmet.stderr.contains("participants F1 0.000 is below its bar 0.500"), unmet.stderr)
        XCTAssertFalse(unmet.stderr.contains("chair F1"), unmet.stderr)
    }

    func testVerboseAndJSON() throws {
        let dir = try corpus(), res = try results()
        let verbose = try CLIRunner.run(["eval", dir.path, "--results", res.path, "--verbose"])
        XCTAssertTrue(verbose.stdoutText.contains("\na\n  participants: wrong 县长\n"), verbose.stdoutText)
        XCTAssertTrue(verbose.stdoutText.contains("\nb\n  participants: missed 孔德山\n"), verbose.stdoutText)

        let out = try CLIRunner.run(["eval", dir.path, "--results", res.path, "--format", "json", "--verbose"])
        XCTAssertEqual(out.status, 0, out.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: out.stdout) as? [String: Any])
        XCTAssertEqual(report["kind"] as? String, "gold")
        XCTAssertEqual(report["articles"] as? Int, 2)
        let fields = try XCTUnwrap(report["fields"] as? [[String: Any]])
        XCTAssertEqual(fields.first?["field"] as? String, "chair")
        XCTAssertEqual(fields.first?["f1"] as? Double, 1)
        let differences = try XCTUnwrap(report["differences"] as? [[String: Any]])
        XCTAssertTrue(differences.contains { $0["article"] as? String == "b" && $0["missed"] as? [String] == ["孔德山"] })
    }

    func testExitCodes() throws {
        let dir = try corpus(withUnpaired: true), res = try results()
        let unpaired = try CLIRunner.run(["eval", dir.path, "--results", res.path])
        XCTAssertEqual(unpaired.status, 1, "an article without gold is an input that failed")
        XCTAssertTrue(unpaired.stderr.contains("c.txt: no gold annotation gold/c.yaml"), unpaired.stderr)
        XCTAssertTrue(unpaired.stdoutText.contains("2 articles"), "the others are still scored")

        let missing = try CLIRunner.run(["eval", dir.path + "/nowhere"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("nowhere: no such directory"), missing.stderr)

        XCTAssertEqual(try CLIRunner.run(["eval", dir.path, "--fail-under", "chiar=0.5"]).status, 2)
        XCTAssertEqual(try CLIRunner.run(["eval", dir.path, "--fail-under", "chair"]).status, 2)
        XCTAssertEqual(try CLIRunner.run(["eval", "--subset", "x.txt"]).status, 2)
        XCTAssertEqual(try CLIRunner.run(["eval", dir.path, "--format", "xml"]).status, 2)
    }

    func testRunsTheExtractorInProcess() throws {
        let dir = try corpus()
        let out = try CLIRunner.run(["eval", dir.path, "--jobs", "1"])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(out.stdoutText.contains("persons "), out.stdoutText)
    }

    func testPD1998Spans() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("""
        19980101-01-001-001/m  孔/nr  德山/nr  访问/v  江南/ns  。/w  \n\
        19980101-01-002-001/m  [江南/ns  大学/n]nt  成立/v  \n
        """.utf8).write(to: dir.appendingPathComponent("199801.txt"))
        try Data("19980101-01-001\n".utf8).write(to: dir.appendingPathComponent("some.txt"))
        let results = try CLIRunner.file("pd.jsonl", Data("""
        {"schema":"minutes/1","id":"19980101-01-001","article":{"headline":null,"published":null,"outlet":null,"reporters":[],"editors":[]},"meetings":[],"persons":[],"entities":[{"type":"person","text":"孔德山","start":0,"end":3,"rule":"t"},{"type":"place","text":"访问","start":3,"end":5,"rule":"t"}],"warnings":[]}

        """.utf8))
        let all = try CLIRunner.run(["eval", "--pd1998", dir.path, "--results", results.path])
        XCTAssertEqual(all.status, 1, "one article has no result")
        XCTAssertTrue(all.stdoutText.contains("person          1.000  1.000  1.000   1/0/0"), all.stdoutText)
        XCTAssertTrue(all.stdoutText.contains("organization    0.000  0.000  0.000   0/0/1"), all.stdoutText)

        let subset = try CLIRunner.run(["eval", "--pd1998", dir.appendingPathComponent("199801.txt").path,
                                        "--subset", "some.txt", "--results", results.path])
        XCTAssertEqual(subset.status, 0, subset.stderr)
        XCTAssertTrue(subset.stdoutText.contains("(some.txt): 1 articles, 1 answered"), subset.stdoutText)
        XCTAssertTrue(subset.stdoutText.contains("place           0.000  0.000  0.000   0/1/1"), subset.stdoutText)
    }
}
