import Foundation
import XCTest
@testable import Minutes

/// Every input the fuzzer found a problem with (Fuzz/regressions/), through the pipeline as the
/// fuzz target runs it: as given, forced as HTML, and (UTF-8) as plain text, with every span
/// inside the text.
final class FuzzRegressionTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fuzz/regressions").standardizedFileURL

    func testRegressionInputs() throws {
        let extractor = try Extractor()
        let files = try FileManager.default.contentsOfDirectory(at: Self.directory, includingPropertiesForKeys: nil)
        XCTAssertFalse(files.isEmpty)
        for file in files.sorted(by: { $0.path < $1.path }) {
            let bytes = [UInt8](try Data(contentsOf: file))
            for html in [nil, true] as [Bool?] {
                guard let article = try? ArticleText(bytes: bytes, input: file.lastPathComponent, html: html) else { continue }
                let result = extractor.extract(article, id: file.lastPathComponent)
                XCTAssertEqual(result.spanProblems(textLength: article.text.unicodeScalars.count), [], file.lastPathComponent)
            }
            if let text = String(validating: bytes, as: UTF8.self) {  // the markup itself as text
                let result = extractor.extract(text, id: file.lastPathComponent)
                XCTAssertEqual(result.spanProblems(textLength: text.unicodeScalars.count), [], file.lastPathComponent)
            }
        }
    }
}
