import XCTest
@testable import Minutes

/// Runs every example of every rule file (SwiftLint style), rule by rule:
/// - a `match` example of a rule marks every span ⟦…⟧ of the file's layer in its text: each
///   must be found, no other span of the layer may appear, and at least one of them must be made
///   by that rule (its annotation's `rule` is the rule's id; other marked spans give context,
///   as 10月6日至⟦8日⟧ needs its first date);
/// - a `no_match` example of a rule must yield nothing from that rule;
/// - file-level examples check the layer whatever rule made it (match: the marked spans and no
///   other; no_match: nothing in the layer).
/// A value written after a span is checked too: date examples give the normalized day,
/// `⟦3月5日⟧{2022-03-05}`, read against the reference date 2022-10-08 (see `dates.yaml`).
final class RuleExamplesTests: XCTestCase {
    static let extractor = try! Extractor()

    func testEveryRuleExample() throws {
        let failures = RuleExampleRunner(extractor: Self.extractor).run(files: Self.extractor.rules.files)
        for failure in failures { XCTFail(failure) }
    }

    /// The recipes of docs/rules.md are user rule files: their examples hold with `--rules`.
    func testRecipesOfTheRulesGuide() throws {
        let guide = RepositoryPaths.root.appendingPathComponent("docs/rules.md")
        let text = try String(contentsOf: guide, encoding: .utf8)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("recipes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var names: [String] = []
        for block in text.components(separatedBy: "```yaml\n").dropFirst() {
            let body = block.components(separatedBy: "```")[0]
            guard body.hasPrefix("# my-rules/") else { continue }
            let name = String(body.dropFirst("# my-rules/".count).prefix { $0 != "\n" })
            try body.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
            names.append(name)
        }
        XCTAssertGreaterThanOrEqual(names.count, 3, "docs/rules.md: no recipes found")
        let extractor = try Extractor(rulesDirectory: dir)
        let files = extractor.rules.files.filter { file in names.contains { file.path.hasSuffix("/" + $0) } }
        XCTAssertEqual(files.count, names.count)
        for failure in RuleExampleRunner(extractor: extractor).run(files: files) { XCTFail("docs/rules.md: \(failure)") }
    }
}

/// Checks the examples of rule files against an extractor; returns one message per failure.
struct RuleExampleRunner {
    let extractor: Extractor
    /// The reference date of date examples (Rules/dates/dates.yaml says so).
    static let dateExamplesReference = "2022-10-08"

    func run(files: [RuleFile]) -> [String] {
        var failures: [String] = []
        var checked = 0
        for file in files {
            let layer = file.layer
            var sets: [(ruleID: String?, examples: RuleExamples)] = [(nil, RuleExamples(file.root["examples"]))]
            sets += file.rules.map { ($0.id, $0.examples) }
            guard sets.contains(where: { !$0.examples.isEmpty }) else { continue }
            guard extractor.producedLayers.contains(layer) else {
                failures.append("\(file.path): no phase produces layer \(layer); its examples cannot run")
                continue
            }
            for (ruleID, examples) in sets {
                let owner = ruleID ?? file.path
                // A rule whose id no annotation of its examples carries is a word list that a
                // grammar rule uses (a part of day, a period suffix): its spans carry the
                // grammar's id, so only the spans are checked.
                let ownsSpans = ruleID.map { id in examples.match.contains { annotations(RuleExamples.parse($0).text, layer).contains { $0.rule == id } } } ?? false
                for marked in examples.match {
                    let (text, spans, values) = RuleExamples.parseWithValues(marked)
                    let found = annotations(text, layer)
                    for (k, span) in spans.enumerated() {
                        let hits = found.filter { $0.range == span }
                        if hits.isEmpty {
                            failures.append("\(owner): expected \(layer) ⟦\(slice(text, span))⟧ in «\(text)»; found \(describe(found, text))")
                        } else if let value = values[k], !hits.contains(where: { $0.value == value }) {
                            failures.append("\(owner): ⟦\(slice(text, span))⟧ in «\(text)» has value \(hits.map { $0.value ?? "nil" }), expected \(value)")
                        }
                    }
                    if ownsSpans, let ruleID, !found.contains(where: { $0.rule == ruleID && spans.contains($0.range) }) {
                        failures.append("\(owner): no marked span in «\(text)» was made by \(ruleID): \(describe(found, text))")
                    }
                    let extra = found.filter { a in !spans.contains(a.range) }
                    if !extra.isEmpty {
                        failures.append("\(owner): «\(text)» marks \(spans.count) \(layer) span(s) but the layer also has \(describe(extra, text))")
                    }
                    checked += 1
                }
                for text in examples.noMatch {
                    let found = annotations(text, layer).filter { ruleID == nil || $0.rule == ruleID }
                    if !found.isEmpty { failures.append("\(owner): expected no \(layer) in «\(text)»; found \(describe(found, text))") }
                    checked += 1
                }
            }
        }
        print("RuleExampleRunner: \(checked) examples checked, \(failures.count) failures")
        return failures
    }

    func annotations(_ text: String, _ layer: AnnotationType) -> [(range: Range<Int>, rule: String, value: String?)] {
        let doc = extractor.analyze(text, options: layer == .date ? Extractor.Options(referenceDate: Self.dateExamplesReference) : Extractor.Options())
        return doc.annotations(layer).map { (doc.text.originalRange($0.range), $0.rule, $0.features["value"]) }
    }

    func slice(_ s: String, _ r: Range<Int>) -> String {
        String(String.UnicodeScalarView(Array(s.unicodeScalars)[r.clamped(to: 0..<s.unicodeScalars.count)]))
    }

    func describe(_ found: [(range: Range<Int>, rule: String, value: String?)], _ text: String) -> String {
        found.isEmpty ? "nothing" : found.map { "⟦\(slice(text, $0.range))⟧(\($0.rule))" }.joined(separator: " ")
    }
}
