import XCTest
@testable import Minutes

/// The skip loops of the person and title scans stop exactly where the per-position checks
/// they replace would, over the sample articles.
final class ScanSkipTests: XCTestCase {
    static let extractor = try! Extractor()

    func sampleDocuments() throws -> [Document] {
        let dir = RepositoryPaths.samples.appendingPathComponent("articles")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
        XCTAssertFalse(files.isEmpty)
        return try files.map { Self.extractor.analyze(try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8), id: $0) }
    }

    func testPersonSkipStopsWhereANameMayStart() throws {
        let model = NameModel(Self.extractor.rules)
        var stops = 0
        for doc in try sampleDocuments() {
            let scanner = PersonScanner(doc, model)
            let units = doc.text.units
            var p = 0
            while p < units.count {
                let next = scanner.nextPossibleStart(from: p, limit: units.count)
                let expected = (p..<units.count).first { model.nameStart.contains(units[$0]) || scanner.mayStartWithoutSurname($0) } ?? units.count
                XCTAssertEqual(next, expected, "\(doc.id ?? "") from \(p)")
                p = next + 1
                stops += 1
            }
        }
        XCTAssertGreaterThan(stops, 100)
    }

    func testTitleSkipStopsWhereATitleMayStart() throws {
        let grammar = TitleGrammar(Self.extractor.rules)
        var stops = 0
        for doc in try sampleDocuments() {
            let units = doc.text.units
            let places = PlaceIndex(doc)
            var p = 0
            while p < units.count {
                let next = grammar.nextStart(units, from: p, places: places)
                let expected = (p..<units.count).first { grammar.mayStart(units, at: $0, places: places) } ?? units.count
                XCTAssertEqual(next, expected, "\(doc.id ?? "") from \(p)")
                p = next + 1
                stops += 1
            }
        }
        XCTAssertGreaterThan(stops, 100)
    }

    func testStartUnitsOfATagHoldEveryEntryWithIt() {
        let grammar = TitleGrammar(Self.extractor.rules)
        let tokens = grammar.tokens
        for (i, entry) in tokens.lexicon.entries.enumerated() {
            let first = entry.utf16.first!
            if tokens.tags[i] & TitleGrammar.Tag.openOrgan != 0 { XCTAssertTrue(grammar.openOrganStart.contains(first), entry) }
            if tokens.tags[i] & (TitleGrammar.Tag.post | TitleGrammar.Tag.level) != 0 { XCTAssertTrue(grammar.postOrLevelStart.contains(first), entry) }
        }
    }
}
