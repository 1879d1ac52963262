import CLITestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Minutes
import XCTest

/// `minutes view` pages and the Label Studio review loop (`minutes review export` / `import`).
final class ReviewTests: XCTestCase {
    static let extractor = try! Extractor()

    static func analyzed(_ sample: String) throws -> (document: Document, result: MinutesResult) {
        let url = RepositoryPaths.samples.appendingPathComponent("articles/\(sample).txt")
        let text = try ArticleText(bytes: [UInt8](try Data(contentsOf: url)), input: url.path)
        return extractor.analyze(text, id: "Samples/articles/\(sample).txt")
    }

    static var sampleNames: [String] {
        let dir = RepositoryPaths.samples.appendingPathComponent("articles")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    // MARK: The HTML view

    func testArticleTextIsEscaped() throws {
        let text = "县委召开常委会会议<script>alert(\"x\")</script>。\n县委书记李明远主持会议 & 讲话，<b>强调</b>：'一要'抓落实。\n"
        let (document, result) = Self.extractor.analyze(try ArticleText(text: text, input: "x.txt"), id: "<script>.txt")
        let page = ArticlePage(document: document, result: result).render()
        XCTAssertFalse(page.lowercased().contains("<script"), page)
        XCTAssertFalse(page.contains("<b>"), page)
        XCTAssertTrue(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), page)
        XCTAssertTrue(page.contains("&lt;b&gt;强调&lt;/b&gt;"), page)
        XCTAssertTrue(page.contains("&amp; 讲话"), page)
        XCTAssertTrue(page.contains("&lt;script&gt;.txt"), "the id is escaped too")
        let index = ArticleIndexPage(entries: [.init(page: "a.html", result: result)]).render()
        XCTAssertFalse(index.lowercased().contains("<script"), index)
    }

    func testPageIsSelfContained() throws {
        let (document, result) = try Self.analyzed("yunfu-2022-10-06")
        let page = ArticlePage(document: document, result: result).render()
        for external in ["src=", "<link", "@import", "url(", "http:", "https:", "<script"] {
            XCTAssertFalse(page.contains(external), "the page loads nothing: \(external)")
        }
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(page.contains("<style>"))
    }

    func testFrameEntriesLinkToTheirSpans() throws {
        let (document, result) = try Self.analyzed("yunfu-2022-10-06")
        let page = ArticlePage(document: document, result: result).render()
        let chair = try XCTUnwrap(result.meetings.first?.chair.first)
        // The chair's entry links to an anchor that is a person span over the chair's name.
        let link = try XCTUnwrap(page.range(of: "\">\(chair.name)</a>", options: []))
        let before = page[..<link.lowerBound]
        let anchor = try XCTUnwrap(before.range(of: "href=\"#", options: .backwards))
        let id = String(before[anchor.upperBound...])
        let target = try XCTUnwrap(page.range(of: " id=\"\(id)\""), "anchor \(id) exists")
        let afterTarget = page[target.upperBound...]
        XCTAssertTrue(afterTarget.contains("title=\"person"), "the anchor is a person span")
        // Every link points to an anchor of the page.
        let ids = Set(page.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) })
        for href in page.components(separatedBy: "href=\"#").dropFirst().map({ String($0.prefix { $0 != "\"" }) }) {
            XCTAssertTrue(ids.contains(href), "link #\(href) has a target")
        }
        // Hover text: a person's name and titles; a date's value.
        XCTAssertTrue(page.contains("name: \(chair.name)\ntitles: \(chair.titles.joined(separator: "、"))"), "person tip")
        XCTAssertTrue(page.contains("value: 2022-10-06"), "date tip")
        for label in ArticlePage.layers.map(\.label) { XCTAssertTrue(page.contains(">\(label)</span>"), "legend has \(label)") }
        XCTAssertTrue(page.contains("<details class=\"chrome\">"), "the page chrome is folded away")
        // Every mark of the legend is drawn: as many spans with an anchor as marks.
        let marks = ArticlePage(document: document, result: result).marks().filter { $0.layer >= 0 }
        XCTAssertEqual(ids.count, marks.count, "each mark has its anchor in the text")
        let markerClass = try XCTUnwrap(ArticlePage.layers.firstIndex { $0.name == "directive_marker" })
        XCTAssertTrue(page.contains("<span class=\"l\(markerClass)\" id=\"s"), "directive markers are drawn")
    }

    // MARK: Label Studio

    /// The task's shape as Label Studio documents it (see LabelStudioTask.swift): data.text, and
    /// predictions whose result items are regions (labels, with start, end, text and one label
    /// of a <Labels> control) or values of a region (same id and span) or of the task.
    func testTaskShapeFollowsLabelStudioFormat() throws {
        let (document, result) = try Self.analyzed("yunfu-2022-10-06")
        let (task, unplaced) = LabelStudioExport(document: document, result: result, name: "yunfu").task()
        XCTAssertEqual(unplaced, [])
        let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode([task])) as? [[String: Any]]
        let t = try XCTUnwrap(json?.first)
        XCTAssertEqual(Set(t.keys), ["data", "predictions"])
        let data = try XCTUnwrap(t["data"] as? [String: Any])
        let text = Array(try XCTUnwrap(data["text"] as? String).unicodeScalars)
        let predictions = try XCTUnwrap(t["predictions"] as? [[String: Any]])
        XCTAssertEqual(predictions.count, 1)
        let items = try XCTUnwrap(predictions[0]["result"] as? [[String: Any]])
        let config = try ConfigControls(xml: LabelStudioConfig.xml)
        var regions: [String: (Int, Int)] = [:]
        var labelsSeen = Set<String>()
        for item in items {
            let id = try XCTUnwrap(item["id"] as? String)
            let from = try XCTUnwrap(item["from_name"] as? String)
            XCTAssertEqual(item["to_name"] as? String, "text")
            let value = try XCTUnwrap(item["value"] as? [String: Any])
            let type = try XCTUnwrap(item["type"] as? String)
            XCTAssertEqual(config.kinds[from], type == "labels" ? "Labels" : type == "textarea" ? "TextArea" : "Choices", "\(from) is a \(type) control")
            switch type {
            case "labels":
                let start = try XCTUnwrap(value["start"] as? Int), end = try XCTUnwrap(value["end"] as? Int)
                XCTAssertTrue(0 <= start && start < end && end <= text.count)
                XCTAssertEqual(value["text"] as? String, String(String.UnicodeScalarView(text[start..<end])), "region text is data.text[start..<end] in code points")
                let labels = try XCTUnwrap(value["labels"] as? [String])
                XCTAssertEqual(labels.count, 1)
                XCTAssertTrue(config.labels[from]?.contains(labels[0]) ?? false, "\(labels[0]) is a label of \(from)")
                XCTAssertNil(regions[id], "region ids are unique")
                regions[id] = (start, end)
                labelsSeen.insert(labels[0])
            case "textarea", "choices":
                if let start = value["start"] as? Int {
                    let span = try XCTUnwrap(regions[id], "a per-region value follows its region")
                    XCTAssertEqual(span.0, start)
                    XCTAssertEqual(span.1, value["end"] as? Int)
                    XCTAssertEqual(config.perRegion[from], true)
                } else {
                    XCTAssertEqual(config.perRegion[from], false)
                }
                let values = try XCTUnwrap((value[type == "textarea" ? "text" : "choices"]) as? [String])
                XCTAssertFalse(values.isEmpty)
            default:
                XCTFail("unexpected result type \(type)")
            }
        }
        for label in ["person", "title", "date", "directive", "directive_marker", "chair", "participant", "speaker", "meeting name", "meeting date"] {
            XCTAssertTrue(labelsSeen.contains(label), "\(label) regions are exported")
        }
    }

    /// The controls of a labeling config: kind, labels or choices, and whether per region.
    struct ConfigControls {
        var kinds: [String: String] = [:]
        var labels: [String: Set<String>] = [:]
        var perRegion: [String: Bool] = [:]

        init(xml: String) throws {
            final class Reader: NSObject, XMLParserDelegate {
                var controls = ConfigControls.empty
                var current: String?
                func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                            attributes: [String: String] = [:]) {
                    if ["Labels", "TextArea", "Choices"].contains(name), let control = attributes["name"] {
                        controls.kinds[control] = name
                        controls.perRegion[control] = attributes["perRegion"] == "true"
                        current = control
                    } else if ["Label", "Choice"].contains(name), let current, let value = attributes["value"] {
                        controls.labels[current, default: []].insert(value)
                    }
                }
            }
            let reader = Reader()
            let parser = XMLParser(data: Data(xml.utf8))
            parser.delegate = reader
            XCTAssertTrue(parser.parse(), "the labeling config is well-formed XML")
            self = reader.controls
        }

        private init() {}
        static let empty = ConfigControls()
    }

    /// Export, accept every prediction as it is (what Label Studio exports when a reviewer submits
    /// without edits), import: the gold scores the same output at F1 1.0 in every field, on every sample.
    func testRoundTripWithoutEditsScoresOne() throws {
        var totals: [EvalField: Counts] = [:]
        for sample in Self.sampleNames {
            let (document, result) = try Self.analyzed(sample)
            let (task, unplaced) = LabelStudioExport(document: document, result: result, name: sample).task()
            XCTAssertEqual(unplaced, [], sample)
            var reviewed = try JSONDecoder().decode(LabelStudioTask.self, from: try JSONEncoder().encode(task))
            reviewed.annotations = [.init(result: reviewed.predictions?.first?.result ?? [], wasCancelled: false)]
            let json = try JSONEncoder().encode([reviewed])
            let article = try XCTUnwrap(LabelStudioImport.articles(json: json, file: "export.json").first)
            XCTAssertEqual(article.name, sample)
            XCTAssertEqual(article.notes, [], sample)
            XCTAssertEqual(article.text, document.text.original)
            let yaml = try article.gold.yaml()
            let gold = try GoldAnnotation(yaml: yaml, file: sample)
            XCTAssertEqual(gold, article.gold, "the gold reads back as written: \(sample)\n\(yaml)")
            let score = GoldScorer().score(result, against: gold, id: sample)
            XCTAssertEqual(score.differenceLines, [], "\(sample)\n\(yaml)")
            for (field, c) in score.counts { totals[field, default: Counts()] += c }
        }
        for (field, c) in totals {
            XCTAssertEqual(c.scores(.meetingFields).f1, 1.0, "\(field): \(c)")
        }
        XCTAssertGreaterThan(totals[.participants]?.tp ?? 0, 50)
        XCTAssertGreaterThan(totals[.directives]?.tp ?? 0, 20)
    }

    /// A reviewer's edits reach the gold: a participant relabelled as chair, a title changed, a
    /// person region deleted.
    func testReviewEditsReachTheGold() throws {
        let (document, result) = try Self.analyzed("yunfu-2022-10-06")
        var (task, _) = LabelStudioExport(document: document, result: result, name: "yunfu").task()
        var items = try XCTUnwrap(task.predictions?.first?.result)
        let participant = try XCTUnwrap(result.meetings.first?.participants.first)
        let region = try XCTUnwrap(items.firstIndex { $0.value.labels == ["participant"] && $0.value.start == participant.start })
        items[region].value.labels = ["chair"]
        let titles = try XCTUnwrap(items.firstIndex { $0.id == items[region].id && $0.fromName == "titles" })
        items[titles].value.text = ["市长"]
        task.annotations = [.init(result: items)]
        let gold = try XCTUnwrap(LabelStudioImport.articles(json: try JSONEncoder().encode([task]), file: "e.json").first).gold
        XCTAssertEqual(gold.meeting.chair?.map(\.name), [result.meetings[0].chair[0].name, participant.name])
        XCTAssertEqual(gold.meeting.chair?.last?.titles, ["市长"])
        XCTAssertFalse(gold.meeting.participants?.contains { $0.name == participant.name } ?? true)
    }

    func testBadExportIsNamed() {
        XCTAssertThrowsError(try LabelStudioImport.articles(json: Data("{\"not\": \"a list\"}".utf8), file: "bad.json")) { error in
            guard case let EvaluationError.badReviewExport(file, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "bad.json")
        }
    }

    // MARK: The commands

    func testViewWritesPagesAndIndex() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("view-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let a = RepositoryPaths.samples.appendingPathComponent("articles/yunfu-2022-10-06.txt").path
        let b = RepositoryPaths.samples.appendingPathComponent("articles/108-one-title-over-list.txt").path
        let run = try CLIRunner.run(["view", a, b, "--out", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        for name in ["yunfu-2022-10-06.html", "108-one-title-over-list.html", "index.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), name)
        }
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(index.contains("href=\"yunfu-2022-10-06.html\""))
        XCTAssertTrue(index.contains("全市疫情防控工作分析研判调度会"))
    }

    /// The loop through the CLI: export, accept as is, import, `minutes eval` on the result.
    func testReviewCommandsRoundTripThroughEval() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("review-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tasks = dir.appendingPathComponent("tasks.json")
        let export = try CLIRunner.run(["review", "export", RepositoryPaths.samples.appendingPathComponent("articles").path, "--label-studio", tasks.path])
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("tasks.config.xml").path))
        var decoded = try JSONDecoder().decode([LabelStudioTask].self, from: Data(contentsOf: tasks))
        for i in decoded.indices { decoded[i].annotations = [.init(result: decoded[i].predictions?.first?.result ?? [])] }
        let reviewed = dir.appendingPathComponent("reviewed.json")
        try JSONEncoder().encode(decoded).write(to: reviewed)
        let corpus = dir.appendingPathComponent("gold")
        let imported = try CLIRunner.run(["review", "import", reviewed.path, "--gold", corpus.path])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let eval = try CLIRunner.run(["eval", corpus.path, "--format", "json"])
        XCTAssertEqual(eval.status, 0, eval.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: eval.stdout) as? [String: Any])
        let rows = try XCTUnwrap(Self.rows(report))
        XCTAssertFalse(rows.isEmpty, eval.stdoutText)
        for row in rows where (row["tp"] as? Int ?? 0) + (row["fn"] as? Int ?? 0) + (row["fp"] as? Int ?? 0) > 0 {
            XCTAssertEqual(row["f1"] as? Double, 1.0, "\(row)")
        }
    }

    /// The field rows of `minutes eval --format json`, wherever the report nests them.
    static func rows(_ json: Any) -> [[String: Any]]? {
        if let list = json as? [[String: Any]], list.first?["field"] != nil { return list }
        if let object = json as? [String: Any] {
            for value in object.values { if let found = rows(value) { return found } }
        }
        if let list = json as? [Any] {
            for value in list { if let found = rows(value) { return found } }
        }
        return nil
    }
}
