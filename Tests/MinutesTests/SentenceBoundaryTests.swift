import XCTest
@testable import Minutes
import ICUText

/// The sentence splitter gives exactly ICU's sentence boundaries (it replaces ICU's iterator
/// for speed): on real text, and on random text built from every Sentence_Break class.
final class SentenceBoundaryTests: XCTestCase {
    let segmenter = TextSegmenter.shared

    func assertSameAsICU(_ units: [UInt16], _ range: Range<Int>, _ label: @autoclosure () -> String,
                         file: StaticString = #filePath, line: UInt = #line) throws {
        let icu = try segmenter.icuSentences(units, in: range)
        let ours = segmenter.sentences(units, in: range)
        if ours != icu {
            let text = String(decoding: units[range], as: UTF16.self)
            XCTFail("\(label()): ICU \(icu.map(\.lowerBound)), ours \(ours.map(\.lowerBound)) in \(text.debugDescription)",
                    file: file, line: line)
        }
    }

    /// Each line and each whole normalized text of the samples (whole texts hold the newlines).
    func testSamplesMatchICU() throws {
        let files = try FileManager.default.contentsOfDirectory(at: RepositoryPaths.samples.appendingPathComponent("articles"),
                                                                 includingPropertiesForKeys: nil)
        XCTAssertFalse(files.isEmpty)
        for file in files {
            let units = NormalizedText(try String(contentsOf: file, encoding: .utf8)).units
            try assertSameAsICU(units, 0..<units.count, file.lastPathComponent)
            var start = 0
            for (i, u) in units.enumerated() where u == 0x0A {
                try assertSameAsICU(units, start..<i, "\(file.lastPathComponent) line at \(start)")
                start = i + 1
            }
        }
    }

    /// Every line of the People's Daily 1998 articles, when ../shared has them.
    func testPD1998MatchesICU() throws {
        let path = RepositoryPaths.shared.appendingPathComponent("data/pd1998/199801.txt")
        guard FileManager.default.fileExists(atPath: path.path) else {
            throw XCTSkip("no People's Daily 1998 corpus at \(path.path) (../shared is only on the development machine)")
        }
        let articles = try PD1998Corpus.load(path, subset: nil)
        XCTAssertGreaterThan(articles.count, 1000)
        for article in articles {
            let units = NormalizedText(article.text).units
            try assertSameAsICU(units, 0..<units.count, "PD1998 \(article.id)")
        }
    }

    /// Random strings over a few code points of every class, terminators and closers dense:
    /// the rules' corners (SB6–SB11) come up thousands of times.
    func testRandomTextMatchesICU() throws {
        let pool: [UInt32] = [
            0x2E, 0x2024, 0xFE52,             // ATerm
            0x3002, 0x21, 0x3F, 0xFF01,       // STerm
            0x22, 0x27, 0x29, 0x201D, 0x300D, 0x3011, 0x28, 0x300C, // Close
            0x20, 0x3000, 0x09,               // Sp
            0x61, 0x7A, 0xDF,                 // Lower
            0x41, 0x5A, 0xC0,                 // Upper
            0x30, 0x39, 0x661,                // Numeric
            0x4E2D, 0x6587, 0x3042, 0x5C,     // OLetter, Other
            0x2C, 0x3A, 0x3B, 0x3001, 0x2D,   // SContinue
            0x300, 0x200D, 0xAD, 0x200B,      // Extend, Format, Other
            0x85, 0x2028, 0x2029, 0x0D, 0x0A, // Sep, CR, LF
            0x20000, 0x1F600,                 // supplementary
        ]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<40_000 {
            var units: [UInt16] = []
            for _ in 0..<Int.random(in: 1...20, using: &rng) {
                let c = pool.randomElement(using: &rng)!
                units.append(contentsOf: Array(String(UnicodeScalar(c)!).utf16))
            }
            try assertSameAsICU(units, 0..<units.count, "random")
        }
    }

    /// The class table built from embed-rules' runs is ICU's, code point by code point.
    func testEmbeddedClassesAreICUs() {
        let table = SentenceBoundaries.basicPlane
        let mismatches = (0..<0x10000).filter { table[$0] != SentenceBreakProperty(icu: UInt32($0)).rawValue }
        XCTAssertEqual(mismatches.count, 0, "first: \(mismatches.prefix(5).map { String(format: "U+%04X", $0) })")
        XCTAssertEqual(table[0x3002], SentenceBreakProperty.sTerm.rawValue)  // 。
    }

    /// The splitter takes the ideographs for other letters without asking the table.
    func testIdeographsAreOtherLetters() {
        for u in UInt32(0x4E00)...0x9FFF { XCTAssertEqual(SentenceBreakProperty(icu: u), .oLetter) }
    }
}
