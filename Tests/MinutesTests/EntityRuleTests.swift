import XCTest
@testable import Minutes

/// Dates, places and organizations: every annotation names a rule of the rule set (so `explain`
/// can point to it), and the conventions the rule files document hold.
final class EntityRuleTests: XCTestCase {
    static let extractor = try! Extractor()

    func testEveryEntityAnnotationNamesARule() throws {
        let dir = RepositoryPaths.samples.appendingPathComponent("articles")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }
        XCTAssertFalse(files.isEmpty)
        var seen = 0
        for f in files {
            let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            let doc = Self.extractor.analyze(text, id: f)
            for layer in [AnnotationType.date, .place, .organization] {
                for a in doc.annotations(layer) {
                    XCTAssertNotNil(Self.extractor.rules.rule(a.rule), "\(f): \(layer) ⟦\(doc.text.text(a.range))⟧ names no rule: \(a.rule)")
                    seen += 1
                }
            }
        }
        XCTAssertGreaterThan(seen, 100)
    }

    func spans(_ text: String, _ layer: AnnotationType) -> [String] {
        let doc = Self.extractor.analyze(text)
        return doc.annotations(layer).map { doc.text.writtenText($0.range) }
    }

    func testPlacesInsideAnOrganizationBelongToIt() {
        XCTAssertEqual(spans("中共云浮市委召开常委会会议", .organization), ["中共云浮市委"])
        XCTAssertEqual(spans("中共云浮市委召开常委会会议", .place), [])
        XCTAssertEqual(spans("中国政府和美国政府", .place), [])
        XCTAssertEqual(spans("在云浮市召开", .place), ["云浮市"])
    }

    func testALevelWordEndsAFullName() {
        // 北京市委 is 北京 + 市委; 上海市场 is 上海 + 市场
        XCTAssertEqual(spans("上海市场繁荣", .place), ["上海"])
        XCTAssertEqual(spans("北京市民", .place), ["北京"])
    }

    func testTraditionalInputFindsTheSameEntities() {
        XCTAssertEqual(spans("廣東省雲浮市新興縣", .place), ["廣東省", "雲浮市", "新興縣"])
        XCTAssertEqual(spans("雲浮市人民政府召開常務會議", .organization), ["雲浮市人民政府"])
    }

    func titles(_ text: String) -> [String: [String]] {
        Dictionary(Self.extractor.analyze(text).persons.map { ($0.name, $0.titles) }, uniquingKeysWith: { a, _ in a })
    }

    func testAPostAfterASurnameAloneIsAFormOfAddress() {
        // 宋县长 addresses the 副县长 宋立新: no second title 县长; a new post is still added
        XCTAssertEqual(titles("副县长宋立新出席会议。宋县长强调，要抓好落实。")["宋立新"], ["副县长"])
        XCTAssertEqual(titles("县委书记雷明出席会议。雷书记强调，要抓好落实。")["雷明"], ["县委书记"])
        XCTAssertEqual(titles("县委常委周平出席会议。周县长强调，要抓好落实。")["周平"], ["县委常委", "县长"])
    }

    func testAPostAfterAFullNameIsAFormOfAddress() {
        XCTAssertEqual(titles("市委书记欧阳明主持会议。欧阳明书记指出，要抓好落实。")["欧阳明"], ["市委书记"])
    }

    func testAListOfWordsIsNoListOfNames() {
        // a list that no title, verb or group label names as persons: words, not names
        XCTAssertEqual(spans("市场上的鸡、鸭、羊肉、豆腐等货源充足", .person), [])
        XCTAssertEqual(spans("刘海、陈静、司马超等市领导出席会议", .person), ["刘海", "陈静", "司马超"])
    }

    func testATitleTakesThePlaceWrittenInsideAnOrganization() {
        XCTAssertEqual(spans("中共云浮市委书记卢明远主持会议", .title), ["中共云浮市委书记"])
        XCTAssertEqual(spans("新兴县委副书记、县长黎明远出席", .title), ["新兴县委副书记", "县长"])
    }

    func testADoubtfulNameConfirmedOnceCountsEverywhere() {
        // 沁源 (a county's short name) is confirmed by its parent 山西 once, then counts alone.
        XCTAssertEqual(spans("山西沁源是革命老区。沁源人民", .place), ["山西", "沁源", "沁源"])
        XCTAssertEqual(spans("沁源是革命老区", .place), [])
    }

    func testARunOfNamesAfterAColonIsCutIntoNames() {
        // a committee's list with its separators lost: surnames and one or two given characters
        XCTAssertEqual(spans("筹备委员会委员：王建平李明张秀英（女）赵德胜孙立周文华", .person),
                       ["王建平", "李明", "张秀英", "赵德胜", "孙立", "周文华"])
        // too few names, or text that is no list of names: nothing
        XCTAssertEqual(spans("会议要求：严格落实责任", .person), [])
    }

    func testAShortFormCountsOnlyAsAWordOfItsOwn() {
        XCTAssertEqual(spans("东盟外长会议在吉隆坡举行", .organization), ["东盟"])
        XCTAssertEqual(spans("全国人民进行了广泛讨论", .organization), [])
    }

    func testEveryShortFormKeepsCharactersOfItsFullNameInOrder() {
        XCTAssertTrue(OrganizationPhase.keepsInOrder("中国民主促进会", "民进"))
        XCTAssertFalse(OrganizationPhase.keepsInOrder("对外贸易经济合作部", "外经贸部"))
    }
}
