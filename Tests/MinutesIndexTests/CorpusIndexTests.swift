import CLITestSupport
import Foundation
import GRDB
import Minutes
@testable import MinutesIndex
import XCTest

/// The corpus database on invented articles (docs/index.md): who is one person, titles over
/// time, re-indexing, and a killed indexing run.
final class CorpusIndexTests: XCTestCase {
    static let extractor = try! Extractor()
    static let preparer = try! ArticlePreparer(rules: extractor.rules)

    // Invented reports in the genre's style: two namesakes, and one person promoted.
    static let countyMeeting = """
    青川县召开县政府第十八次常务会议
    时间：2021-04-12 18:20 来源：青川融媒
    4月12日上午，青川县县长张伟主持召开县政府第十八次常务会议，研究部署春耕生产和安全生产工作。青川县副县长李明、王芳出席会议。
    会议强调，一要压实各级责任，二要加强统筹协调。
    """
    static let cityPoliceMeeting = """
    泸州市召开全市禁毒工作会议
    时间：2021-06-03 10:05 来源：泸州日报
    6月3日上午，泸州市召开全市禁毒工作会议。泸州市公安局局长张伟出席会议并讲话。泸州市副市长赵国强主持会议。
    """
    static let deputyMayor = """
    广元市召开防汛工作调度会
    时间：2021-03-02 16:00 来源：广元日报
    3月2日下午，广元市副市长陈立新主持召开全市防汛工作调度会，听取各县区汛前准备情况汇报。广元市水利局局长周海出席会议。
    """
    static let mayor = """
    广元市召开市政府常务会议
    时间：2022-06-01 18:00 来源：广元日报
    6月1日上午，广元市市长陈立新主持召开市政府常务会议，研究部署安全生产工作。广元市副市长周海、孙晓东出席会议。
    """

    func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("index-\(UUID().uuidString).sqlite").path
    }

    func index(_ articles: [(String, String)], into path: String? = nil) throws -> CorpusIndex {
        let index = try CorpusIndex(path: path ?? temporaryDatabase())
        let ready = articles.map { key, text in Self.preparer.prepare(Self.extractor.extract(text, id: key), key: key) }
        try index.add(ready)
        try index.resolvePersons(resolver: Self.preparer.resolver)
        try index.refreshStats()
        return index
    }

    func testTitleReading() {
        let reader = Self.preparer.titles
        XCTAssertEqual(reader.read("青川县委书记"), TitleReading(title: "青川县委书记", place: "青川县", office: "县委书记", family: "县·党政"))
        XCTAssertEqual(reader.read("广东省云浮市委副书记").place, "云浮市")
        XCTAssertEqual(reader.read("副市长", homePlaces: ["市": "广元市"]),
                       TitleReading(title: "副市长", place: "广元市", office: "副市长", family: "市·党政"))
        XCTAssertEqual(reader.read("市委宣传部部长", homePlaces: ["市": "广元市"]).family, "市委宣传部部长")
        XCTAssertEqual(reader.read("市公安局副局长").family, "市公安局局长")
        XCTAssertNil(reader.read("市公安局副局长").place, "no place of that level in the article")
        XCTAssertNil(reader.read("县人民政府县长").place)
        XCTAssertEqual(reader.read("泸州市公安局局长").place, "泸州市", "a level character inside a name")
        XCTAssertNil(reader.read("住房和城乡建设部部长").place)
        XCTAssertNil(reader.read("农业农村部部长").place)
        XCTAssertEqual(reader.read("国务院总理").place, "全国")
        XCTAssertEqual(reader.read("市副市长", homePlaces: ["市": "广元市"]).office, "副市长", "a place the extractor did not know")
    }

    func testNamesakesInDifferentPlacesStayTwoPersons() throws {
        let index = try index([("county", Self.countyMeeting), ("police", Self.cityPoliceMeeting)])
        let mentions = try index.person("张伟").first { $0.name == "mentions" }!.table
        XCTAssertEqual(Set(mentions.strings("person")).count, 2, mentions.render(.table))
        let holders = try index.holders("县长", place: "青川")[0].table
        XCTAssertEqual(holders.strings("name"), ["张伟"])
        XCTAssertEqual(try index.holders("市公安局局长", place: "泸州")[0].table.strings("title"), ["泸州市公安局局长"])
    }

    func testPromotedPersonStaysOneWithTwoTitles() throws {
        let index = try index([("mayor", Self.mayor), ("deputy", Self.deputyMayor)])
        let answer = try index.person("陈立新")
        let titles = answer.first { $0.name == "titles" }!.table
        XCTAssertEqual(Set(titles.strings("person")).count, 1, titles.render(.table))
        XCTAssertEqual(titles.strings("office"), ["副市长", "市长"])
        XCTAssertEqual(titles.strings("first_seen"), ["2021-03-02", "2022-06-01"])
        XCTAssertEqual(Set(titles.strings("place")), ["广元市"])
        let evidence = answer.first { $0.name == "mentions" }!.table.strings("evidence")
        XCTAssertTrue(evidence.contains { $0?.hasPrefix("joined: 广元市 市·党政") ?? false }, "\(evidence)")
        // who was 市长 of 广元 in June 2022, and who chaired its meetings
        XCTAssertEqual(try index.holders("市长", place: "广元", on: "2022-06")[0].table.strings("name"), ["陈立新"])
        XCTAssertEqual(try index.meetings(chair: "陈立新")[0].table.rows.count, 2)
        XCTAssertEqual(try index.meetings(chair: "陈立新", from: "2022")[0].table.strings("date"), ["2022-06-01"])
        // 周海: 水利局局长 in 2021, 副市长 in 2022 — two careers, so two persons (conservative)
        XCTAssertEqual(Set(try index.person("周海").first { $0.name == "mentions" }!.table.strings("person")).count, 2)
        let coattend = try index.coattendance("陈立新")[0].table
        XCTAssertTrue(coattend.strings("other").contains("孙晓东"), coattend.render(.table))
    }

    func testReindexingReplacesAnArticle() throws {
        let path = temporaryDatabase()
        _ = try index([("a", Self.mayor), ("b", Self.deputyMayor)], into: path)
        let first = try counts(path)
        _ = try index([("a", Self.mayor), ("b", Self.deputyMayor)], into: path)
        XCTAssertEqual(try counts(path), first, "indexing the same articles again changes nothing")
        // a new version of article b: the deputy mayor's mention goes, so 陈立新 holds only 市长
        let index = try index([("b", Self.cityPoliceMeeting)], into: path)
        XCTAssertEqual(try index.person("陈立新").first { $0.name == "titles" }!.table.strings("office"), ["市长"])
        XCTAssertEqual(try counts(path)["articles"], 2)
        // one id twice in one batch: the later one stays
        let twice = try self.index([("c", Self.mayor), ("c", Self.countyMeeting)])
        XCTAssertEqual(try twice.read { try String.fetchAll($0, sql: "SELECT headline FROM articles") }.count, 1)
        XCTAssertEqual(try twice.person("陈立新").first { $0.name == "mentions" }!.table.rows.count, 0)
    }

    /// A batch's rows of a table go in statements of 32, 4 and 1 rows (`BulkRows`), with ids the
    /// writer gives: one batch of 75 articles makes the rows that 75 batches of one make.
    func testOneBatchWritesTheRowsOfManySmallOnes() throws {
        let texts = [Self.countyMeeting, Self.cityPoliceMeeting, Self.deputyMayor, Self.mayor]
        let ready = (0..<75).map { i in Self.preparer.prepare(Self.extractor.extract(texts[i % texts.count], id: "k\(i)"), key: "k\(i)") }
        let whole = try CorpusIndex(path: temporaryDatabase())
        try whole.add(ready)
        try whole.resolvePersons(resolver: Self.preparer.resolver)
        let single = try CorpusIndex(path: temporaryDatabase())
        for article in ready { try single.add([article]) }
        try single.resolvePersons(resolver: Self.preparer.resolver, namesPerTransaction: 1)
        for table in ["articles", "reporters", "mentions", "mention_titles", "meetings", "appearances", "venues", "directives",
                      "persons", "titles_held"] {
            func rows(_ index: CorpusIndex) throws -> [Row] { try index.read { try Row.fetchAll($0, sql: "SELECT * FROM \(table) ORDER BY 1, 2") } }
            XCTAssertEqual(try rows(whole), try rows(single), table)
        }
        XCTAssertEqual(try whole.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM articles") }, 75)
    }

    /// The writer thread writes batches in the order they were submitted, whatever the queue's
    /// size, so articles get their ids in input order.
    func testWriterKeepsTheOrderOfBatches() throws {
        let index = try CorpusIndex(path: temporaryDatabase())
        let writer = IndexWriter(index: index, capacity: 1)
        let texts = [Self.countyMeeting, Self.cityPoliceMeeting, Self.deputyMayor, Self.mayor]
        let keys = (0..<12).map { "k\($0)" }
        for (i, key) in keys.enumerated() {
            try writer.submit([Self.preparer.prepare(Self.extractor.extract(texts[i % texts.count], id: key), key: key)])
        }
        try writer.finish()
        XCTAssertEqual(try index.read { try String.fetchAll($0, sql: "SELECT key FROM articles ORDER BY id") }, keys)
    }

    func testQueryTableFormats() {
        let table = QueryTable(columns: ["name", "n"], rows: [["张伟".databaseValue, 3.databaseValue], ["a,\"b\"".databaseValue, DatabaseValue.null]])
        XCTAssertEqual(table.render(.csv), "name,n\r\n张伟,3\r\n\"a,\"\"b\"\"\",\r\n")
        XCTAssertEqual(table.render(.json), "[\n  {\"name\": \"张伟\", \"n\": 3},\n  {\"name\": \"a,\\\"b\\\"\", \"n\": null}\n]\n")
        XCTAssertEqual(table.render(.table), "name   n\n-----  -\n张伟   3\na,\"b\"  \n(2 rows)\n", "张伟 takes four columns")
    }

    /// A run killed in the middle (SIGKILL) leaves a database that opens and passes the integrity
    /// check; running the same command again completes it, with nothing lost or doubled.
    func testKilledIndexingRunCompletesOnASecondRun() throws {
        // saved results of invented articles, many copies under distinct ids
        let articles = [Self.countyMeeting, Self.cityPoliceMeeting, Self.deputyMayor, Self.mayor]
        var lines = Data()
        let copies = 1000
        for i in 0..<copies {
            var result = Self.extractor.extract(articles[i % articles.count], id: "copy-\(i)")
            result.id = .text("copy-\(i)")
            lines.append(try JSONEncoder().encode(result))
            lines.append(0x0A)
        }
        let input = try CLIRunner.file("results.jsonl", lines)
        let path = temporaryDatabase()
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["index", path, "--results", input.path, "--batch", "20", "--jobs", "1", "--quiet"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // kill once some batches are in
        var indexed = 0
        let deadline = Date().addingTimeInterval(60)
        while indexed < 60, process.isRunning, Date() < deadline {
            usleep(20_000)
            indexed = (try? articleCount(path)) ?? 0
        }
        XCTAssertTrue(process.isRunning, "the run ended before it could be killed; make the input larger")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let queue = try DatabaseQueue(path: path)
        XCTAssertEqual(try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }, ["ok"])
        let partial = try articleCount(path)
        XCTAssertGreaterThan(partial, 0)
        XCTAssertLessThan(partial, copies)
        try queue.close()

        let again = try CLIRunner.run(["index", path, "--results", input.path, "--quiet"])
        XCTAssertEqual(again.status, 0, again.stderr)
        // the same as one uninterrupted run
        let clean = temporaryDatabase()
        let once = try CLIRunner.run(["index", clean, "--results", input.path, "--quiet"])
        XCTAssertEqual(once.status, 0, once.stderr)
        XCTAssertEqual(try counts(path), try counts(clean))
        XCTAssertEqual(try counts(path)["articles"], copies)
        XCTAssertEqual(try counts(path)["pending_names"], 0)
    }

    func testCLIQueryAndExport() throws {
        let input = try CLIRunner.file("articles.jsonl", Data(([("m", Self.mayor), ("d", Self.deputyMayor)].map { id, text in
            "{\"id\": \"\(id)\", \"text\": \(JSONText.quote(text))}"
        }.joined(separator: "\n") + "\n").utf8))
        let path = temporaryDatabase()
        let indexed = try CLIRunner.run(["index", path, input.path, "--quiet"])
        XCTAssertEqual(indexed.status, 0, indexed.stderr)
        let holders = try CLIRunner.run(["query", path, "holders", "市长", "--place", "广元", "--format", "csv"])
        XCTAssertEqual(holders.status, 0, holders.stderr)
        XCTAssertTrue(holders.stdoutText.hasPrefix("name,person,title,place,first_seen,last_seen,articles\r\n陈立新,"), holders.stdoutText)
        let person = try CLIRunner.run(["query", path, "person", "陈立新", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: person.stdout) as? [String: Any]
        XCTAssertEqual(Set(object?.keys.map { $0 } ?? []), ["timeline", "titles", "mentions"])
        let stats = try CLIRunner.run(["query", path, "stats"])
        XCTAssertTrue(stats.stdoutText.contains("articles"), stats.stdoutText)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let graph = dir.appendingPathComponent("g.graphml")
        let export = try CLIRunner.run(["export", path, "--graph", graph.path, "--csv", dir.appendingPathComponent("csv").path])
        XCTAssertEqual(export.status, 0, export.stderr)
        let graphml = try String(contentsOf: graph, encoding: .utf8)
        XCTAssertTrue(graphml.contains("<data key=\"name\">陈立新</data>") && graphml.contains("<edge "), graphml)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("csv/persons.csv").path))
        // bad input: not a database, and a missing one
        let notDB = try CLIRunner.file("x.sqlite", Data("not a database".utf8))
        let bad = try CLIRunner.run(["query", notDB.path, "stats"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains(notDB.path), bad.stderr)
        XCTAssertEqual(try CLIRunner.run(["query", "/nonexistent/x.sqlite", "stats"]).status, 2)
        XCTAssertEqual(try CLIRunner.run(["query", path, "holders"]).status, 2)
    }

    private func articleCount(_ path: String) throws -> Int {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM articles") ?? 0 }
    }

    private func counts(_ path: String) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var out: [String: Int] = [:]
            for table in CorpusIndex.exportedTables + ["pending_names"] {
                out[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
            }
            return out
        }
    }
}
