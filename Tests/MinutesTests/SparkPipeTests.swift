import CLITestSupport
import Foundation
import XCTest

/// `scripts/spark-pipe.py`: minutes as a Spark stage (RDD.pipe, local mode) keeps the JSONL
/// contract. Runs when a Python with pyspark is at hand (`MINUTES_SPARK_PYTHON`, or `python3`
/// if it imports pyspark) and Java is installed; skips otherwise.
final class SparkPipeTests: XCTestCase {
    func testSparkPipeGivesOneEqualLinePerRecordInOrder() throws {
        let python = ProcessInfo.processInfo.environment["MINUTES_SPARK_PYTHON"] ?? "python3"
        guard run([python, "-c", "import pyspark"]) == 0, run(["java", "-version"]) == 0 else {
            throw XCTSkip("pyspark or Java is not installed (set MINUTES_SPARK_PYTHON to a Python that has pyspark)")
        }
        // Sample articles as records, with string and numeric ids and a broken line in between.
        let articles = try FileManager.default.contentsOfDirectory(
            at: RepositoryPaths.samples.appendingPathComponent("articles"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }.prefix(12)
        var lines: [String] = []
        for (k, url) in articles.enumerated() {
            let text = try String(contentsOf: url, encoding: .utf8)
            let id: Any = k.isMultiple(of: 2) ? k : url.lastPathComponent
            let record = try JSONSerialization.data(withJSONObject: ["id": id, "text": text])
            lines.append(String(decoding: record, as: UTF8.self))
            if k == 5 { lines.append(#"{"id": "broken", "text": "#) }
        }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("spark-\(UUID().uuidString).jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }

        let script = RepositoryPaths.root.appendingPathComponent("scripts/spark-pipe.py").path
        let status = run([python, script, "--minutes", CLIRunner.binary.path, input.path])
        XCTAssertEqual(status, 0, "spark-pipe.py found N in ≠ N out or a line unlike minutes extract alone")
    }

    private func run(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
