import CLITestSupport
import Foundation
import XCTest

/// `minutes explain`: each line of the text, then the annotations that start in it with the rule that made each.
final class ExplainCLITests: XCTestCase {
    func article(_ text: String) throws -> URL {
        try CLIRunner.file("article.txt", Data(text.utf8))
    }

    func testEachLineIsFollowedByItsAnnotationsAndRules() throws {
        let url = try article("10月6日晚，云浮市委召开常委会会议。\n会议在罗定分会场设视频连线。\n")
        let out = try CLIRunner.run(["explain", url.path, "--reference-date", "2022-10-08"])
        XCTAssertEqual(out.status, 0, out.stderr)
        let lines = out.stdoutText.components(separatedBy: "\n")
        let first = try XCTUnwrap(lines.firstIndex(of: "10月6日晚，云浮市委召开常委会会议。"))
        let second = try XCTUnwrap(lines.firstIndex(of: "会议在罗定分会场设视频连线。"))
        let firstAnnotations = lines[(first + 1)..<second]
        XCTAssertTrue(firstAnnotations.contains("  ⟦10月6日晚⟧ date date.md kind=point part_of_day=evening value=2022-10-06"), out.stdoutText)
        XCTAssertTrue(firstAnnotations.contains { $0.hasPrefix("  ⟦云浮市委⟧ organization organization.place-organ") }, out.stdoutText)
        XCTAssertTrue(lines[(second + 1)...].contains { $0.hasPrefix("  ⟦罗定⟧ place place.division.context") }, out.stdoutText)
    }

    func testLayersFilter() throws {
        let url = try article("10月6日晚，云浮市委召开常委会会议。\n")
        let out = try CLIRunner.run(["explain", url.path, "--layers", "date"])
        XCTAssertEqual(out.status, 0, out.stderr)
        let annotations = out.stdoutText.components(separatedBy: "\n").filter { $0.hasPrefix("  ⟦") }
        XCTAssertFalse(annotations.isEmpty)
        XCTAssertTrue(annotations.allSatisfy { $0.contains("⟧ date ") }, out.stdoutText)
    }

    func testUnknownLayerIsNamedOnStderr() throws {
        let url = try article("云浮市委召开会议。\n")
        let out = try CLIRunner.run(["explain", url.path, "--layers", "plaice"])
        XCTAssertEqual(out.status, 0)
        XCTAssertTrue(out.stderr.contains("plaice"), out.stderr)
    }

    func testMissingFileIsExitOne() throws {
        let out = try CLIRunner.run(["explain", "/nonexistent/article.txt"])
        XCTAssertEqual(out.status, 1)
        XCTAssertTrue(out.stderr.contains("/nonexistent/article.txt"), out.stderr)
    }
}
