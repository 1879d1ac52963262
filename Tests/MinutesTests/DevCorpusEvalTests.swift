import XCTest
import Minutes
import Yams

/// Scores the extractor on the dev corpus (../shared/corpus/dev) and on the meeting articles of
/// People's Daily 1998, and fails when a field's F1 is below the bar recorded in
/// Tests/eval-bars.yaml. Skips where ../shared is not present (CI).
final class DevCorpusEvalTests: XCTestCase {
    func testDevCorpusMeetsTheBars() throws {
        let dev = RepositoryPaths.devCorpus
        guard FileManager.default.fileExists(atPath: dev.appendingPathComponent("gold").path) else {
            throw XCTSkip("no dev corpus at \(dev.path) (../shared is only on the development machine); not scored")
        }
        let bars = try Self.bars(section: "dev")
        XCTAssertFalse(bars.bars.isEmpty, "Tests/eval-bars.yaml has no dev bars")
        let corpus = try EvalCorpus(directory: dev)
        XCTAssertTrue(corpus.problems.isEmpty, "dev corpus: \(corpus.problems)")
        let report = Evaluation.run(corpus, name: "dev", extractor: try Extractor(), jobs: 2)
        print(ScoreRow.table(report.rows))
        for failure in bars.failures(report.rows) {
            XCTFail("dev corpus: \(failure) (Tests/eval-bars.yaml)")
        }
    }

    func testPD1998MeetingArticlesMeetTheBars() throws {
        let data = RepositoryPaths.shared.appendingPathComponent("data/pd1998")
        let corpus = data.appendingPathComponent("199801.txt"), subset = data.appendingPathComponent("meetings_strict.txt")
        guard FileManager.default.fileExists(atPath: corpus.path), FileManager.default.fileExists(atPath: subset.path) else {
            throw XCTSkip("no People's Daily 1998 corpus at \(data.path) (../shared is only on the development machine); not scored")
        }
        let bars = try Self.bars(section: "pd1998_strict")
        XCTAssertFalse(bars.bars.isEmpty, "Tests/eval-bars.yaml has no pd1998_strict bars")
        let articles = try PD1998Corpus.load(corpus, subset: try PD1998Corpus.subset(subset))
        let report = Evaluation.run(articles, name: "pd1998", subset: "meetings_strict.txt", extractor: try Extractor(), jobs: 2)
        print(ScoreRow.table(report.rows))
        for failure in bars.failures(report.rows) {
            XCTFail("PD1998 meetings_strict: \(failure) (Tests/eval-bars.yaml)")
        }
    }

    /// The bars of one section of Tests/eval-bars.yaml.
    static func bars(section: String) throws -> EvalBars {
        let url = RepositoryPaths.root.appendingPathComponent("Tests/eval-bars.yaml")
        let node = try Yams.compose(yaml: String(contentsOf: url, encoding: .utf8))
        guard let mapping = node?[section]?.mapping else { return EvalBars([]) }
        var bars: [(field: String, f1: Double)] = []
        for (key, value) in mapping {
            guard let field = key.string, EvalBars.knownFields.contains(field) else {
                throw BarsFileError(message: "\(url.path): \(section): unknown field \(key.string ?? "?")")
            }
            guard let f1 = value.float ?? value.int.map(Double.init) else {
                throw BarsFileError(message: "\(url.path): \(section).\(field): expected a number")
            }
            bars.append((field, f1))
        }
        return EvalBars(bars)
    }

    struct BarsFileError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
