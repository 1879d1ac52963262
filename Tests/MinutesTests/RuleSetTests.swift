import XCTest
@testable import Minutes

final class RuleSetTests: XCTestCase {
    func temporaryRules(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir
    }

    func testBuiltInRulesAreEmbedded() throws {
        let rules = try RuleSet.load(overrides: nil)
        XCTAssertFalse(rules.files.isEmpty)
        XCTAssertTrue(rules.files.allSatisfy { !$0.dimension.isEmpty })
    }

    func testBuiltInPatternsCompile() throws {
        // With a rules directory every pattern compiles with the extractor (without one, at its first match).
        let dir = try temporaryRules([:])
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        XCTAssertNoThrow(try Extractor(rulesDirectory: dir))
        XCTAssertFalse(try RuleSet.load(overrides: dir).compilesLazily)
        XCTAssertTrue(try RuleSet.load(overrides: nil).compilesLazily)
    }

    func testEmbeddedTreesAreTheParsedFiles() throws {
        for (path, text, tree) in EmbeddedRules.files {
            let embedded = try XCTUnwrap(tree.flatMap(RuleNode.init(encoded:)), path)
            XCTAssertEqual(embedded, try RuleNode.parse(yaml: text), path)
        }
    }

    func testEncodedNodeReadsBack() throws {
        let yaml = "a: \"x\\ny\"\nb: |\n  書記 #c\n  ,:s1\nc: [1, '2', {d: yes}]\n"
        let node = try XCTUnwrap(RuleNode.parse(yaml: yaml))
        XCTAssertEqual(RuleNode(encoded: node.encoded), node)
        XCTAssertEqual(node["c"]?.sequence?.map(\.int), [1, nil, nil])
        XCTAssertEqual(node["c"]?.sequence?[2]["d"]?.bool, true)
        XCTAssertEqual(node["b"]?.line, 2)
        XCTAssertNil(RuleNode(encoded: String(node.encoded.dropLast())))
    }

    func testMalformedYAMLNamesFileAndLine() throws {
        let dir = try temporaryRules(["bad.yaml": "dimension: title\nrules:\n  - id: x\n    pattern: [unclosed\n"])
        XCTAssertThrowsError(try RuleSet.load(overrides: dir)) { error in
            guard case let MinutesError.badRule(file, line, problem) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(file.hasSuffix("bad.yaml"))
            XCTAssertNotNil(line)
            XCTAssertTrue(problem.contains("YAML"), problem)
        }
    }

    func testUnknownTopLevelKeyIsAnError() throws {
        let dir = try temporaryRules(["x.yaml": "dimension: title\nrulez: []\n"])
        XCTAssertThrowsError(try RuleSet.load(overrides: dir)) { error in
            XCTAssertTrue("\(error)".contains("rulez"), "\(error)")
            XCTAssertTrue("\(error)".contains("x.yaml:2"), "\(error)")
        }
    }

    func testUnknownKeyInsideARuleIsAnError() throws {
        let misspelt = "dimension: meeting\nlayer: chair\nrules:\n  - id: chair.mine\n    pattern: 主持\n    preceeded_by: 县长\n"
        let dir = try temporaryRules(["m.yaml": misspelt])
        XCTAssertThrowsError(try RuleSet.load(overrides: dir)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("m.yaml:6"), message)
            XCTAssertTrue(message.contains("preceeded_by"), message)
            XCTAssertTrue(message.contains("preceded_by"), message)  // the known keys are listed
        }
        let noID = try temporaryRules(["n.yaml": "dimension: meeting\nrules:\n  - pattern: 主持\n"])
        XCTAssertThrowsError(try RuleSet.load(overrides: noID)) { error in
            XCTAssertTrue("\(error)".contains("without `id:`"), "\(error)")
        }
        // a dimension of the user's own is not checked
        let own = try temporaryRules(["o.yaml": "dimension: demo\nrules:\n  - id: demo.one\n    anything: 甲\n"])
        XCTAssertNoThrow(try RuleSet.load(overrides: own))
    }

    func testUnknownNumberingIsAnError() throws {
        let rule = "dimension: meeting\nlayer: directive\nrules:\n  - id: directive.mine\n    pattern: '(甲)'\n    numbering: roman\n"
        let dir = try temporaryRules(["d.yaml": rule])
        XCTAssertThrowsError(try Extractor(rulesDirectory: dir)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("d.yaml:6"), message)
            XCTAssertTrue(message.contains("roman") && message.contains("chinese, arabic, sequence"), message)
        }
    }

    func testUserRuleReplacesBuiltInRuleWithSameID() throws {
        let dir = try temporaryRules(["a.yaml": "dimension: demo\nrules:\n  - id: demo.one\n    pattern: 甲\n",
                                      "b.yaml": "dimension: demo\nrules:\n  - id: demo.one\n    pattern: 乙\n"])
        let rules = try RuleSet.load(overrides: dir)
        XCTAssertEqual(rules.rules("demo").map { $0.string("pattern") }, ["乙"])
    }

    func testPatternWithLexiconAndTimeLimit() throws {
        let dir = try temporaryRules(["a.yaml": """
            dimension: demo
            lexicons:
              post: 书记 副书记 市长
            rules:
              - id: demo.post
                pattern: "市委{post}"
              - id: demo.runaway
                pattern: "(a+)+b"
              - id: demo.invalid
                pattern: "(unclosed"
            """])
        let rules = try RuleSet.load(overrides: dir)
        let post = try XCTUnwrap(rules.pattern(rules.rule("demo.post")!))
        let units = NormalizedText("市委副书记、市长").units
        XCTAssertEqual(try post.matches(in: units).map(\.range), [0..<5])
        // Catastrophic backtracking is stopped by the time limit, not hung.
        let runaway = try XCTUnwrap(rules.pattern(rules.rule("demo.runaway")!))
        // (a `b` in the text: without one ICURegex knows there is no match and does not try)
        let evil = NormalizedText(String(repeating: "a", count: 40) + "cb").units
        XCTAssertThrowsError(try runaway.matches(in: evil)) { XCTAssertTrue("\($0)".contains("TIME_OUT"), "\($0)") }
        XCTAssertThrowsError(try rules.pattern(rules.rule("demo.invalid")!)) { error in
            XCTAssertTrue("\(error)".contains("a.yaml"), "\(error)")
        }
    }

    func testLexiconLongestMatchFoldsTraditional() {
        let lexicon = Lexicon(name: "t", block: "书记 副书记 市委书记 # comment\n县长")
        let units = NormalizedText("市委書記李").units
        XCTAssertEqual(lexicon.longestMatch(in: units, at: 0)?.end, 4)
        XCTAssertEqual(lexicon.matches(in: units, at: 2).map(\.end), [4])
        XCTAssertTrue(lexicon.contains("縣長"))
        XCTAssertFalse(lexicon.contains("comment"))
    }
}
