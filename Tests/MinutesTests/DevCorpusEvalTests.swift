import XCTest
import Minutes
import Yams

/// Scores the extractor on the dev corpora (../shared/corpus/dev, dev2) and on People's Daily 1998 (the
/// meeting articles and all articles), and fails when a field's F1 is below the bar recorded in
/// Tests/eval-bars.yaml. Skips where ../shared is not present (CI).
final class DevCorpusEvalTests: XCTestCase {
    func testDevCorpusMeetsTheBars() throws {
        try scoreCorpus(RepositoryPaths.devCorpus, section: "dev")
    }

    /// The second dev set: real reports the rules were not shaped on when it arrived.
    func testDev2CorpusMeetsTheBars() throws {
        try scoreCorpus(RepositoryPaths.dev2Corpus, section: "dev2")
    }

    func scoreCorpus(_ directory: URL, section: String) throws {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("gold").path) else {
            throw XCTSkip("no \(section) corpus at \(directory.path) (../shared is only on the development machine); not scored")
        }
        let bars = try Self.bars(section: section)
        XCTAssertFalse(bars.bars.isEmpty, "Tests/eval-bars.yaml has no \(section) bars")
        let corpus = try EvalCorpus(directory: directory)
        XCTAssertTrue(corpus.problems.isEmpty, "\(section) corpus: \(corpus.problems)")
        let report = Evaluation.run(corpus, name: section, extractor: try Extractor(), jobs: 2)
        print(ScoreRow.table(report.rows))
        for failure in bars.failures(report.rows) {
            XCTFail("\(section) corpus: \(failure) (Tests/eval-bars.yaml)")
        }
    }

    func testPD1998MeetingArticlesMeetTheBars() throws {
        try scorePD1998(section: "pd1998_strict", subset: "meetings_strict.txt")
    }

    /// All 3,148 articles, most of them not about meetings: names without a title or verb
    /// around them, foreign names, institutions.
    func testPD1998AllArticlesMeetTheBars() throws {
        try scorePD1998(section: "pd1998_all", subset: nil)
    }

    func scorePD1998(section: String, subset subsetName: String?) throws {
        let data = RepositoryPaths.shared.appendingPathComponent("data/pd1998")
        let corpus = data.appendingPathComponent("199801.txt")
        let subset = subsetName.map { data.appendingPathComponent($0) }
        guard FileManager.default.fileExists(atPath: corpus.path), subset.map({ FileManager.default.fileExists(atPath: $0.path) }) ?? true else {
            throw XCTSkip("no People's Daily 1998 corpus at \(data.path) (../shared is only on the development machine); not scored")
        }
        let bars = try Self.bars(section: section)
        XCTAssertFalse(bars.bars.isEmpty, "Tests/eval-bars.yaml has no \(section) bars")
        let articles = try PD1998Corpus.load(corpus, subset: try subset.map(PD1998Corpus.subset))
        let report = Evaluation.run(articles, name: "pd1998", subset: subsetName, extractor: try Extractor(), jobs: 2)
        print(ScoreRow.table(report.rows))
        for failure in bars.failures(report.rows) {
            XCTFail("PD1998 \(subsetName ?? "all articles"): \(failure) (Tests/eval-bars.yaml)")
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
