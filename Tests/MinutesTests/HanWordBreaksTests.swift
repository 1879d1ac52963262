import Foundation
import ICUText
@testable import Minutes
import XCTest

/// ``HanWordBreaks`` (ICU's word rules and dictionary path replicated) gives exactly ICU's word
/// boundaries on every window it accepts.
final class HanWordBreaksTests: XCTestCase {
    /// Windows of 2…12 units (the sizes ``WordBreaks`` asks) at every start of every sample
    /// article, and every whole run of ideographs.
    func testSameBoundariesAsICUOnSamples() throws {
        let dir = RepositoryPaths.samples.appendingPathComponent("articles")
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }
        XCTAssertFalse(files.isEmpty)
        let texts = try files.map { NormalizedText(try String(contentsOf: $0, encoding: .utf8)).units }
        try assertSameBoundaries(texts, "Samples")
    }

    /// The same over the first articles of People's Daily 1998 (news text at large).
    func testSameBoundariesAsICUOnPD1998() throws {
        let corpus = RepositoryPaths.shared.appendingPathComponent("data/pd1998/199801.txt")
        guard FileManager.default.fileExists(atPath: corpus.path) else {
            throw XCTSkip("no People's Daily 1998 corpus at \(corpus.path) (../shared is only on the development machine)")
        }
        let texts = try PD1998Corpus.load(corpus).prefix(200).map { NormalizedText($0.text).units }
        try assertSameBoundaries(texts, "PD1998")
    }

    /// Every BMP unit alone, next to ideographs and digits, and doubled: whatever is accepted
    /// is broken as ICU breaks it. Then every pair of accepted non-ideographs the same way.
    func testEveryUnitInContext() throws {
        let icu = try BreakIterator(.word)
        let han: [UInt16] = [0x4EBA, 0x6C11]  // 人民
        let digits: [UInt16] = [0x31, 0x39]
        func contexts(_ s: [UInt16]) -> [[UInt16]] {
            [s, han + s, s + han, han + s + han, digits + s, s + digits, digits + s + digits, han + s + digits, digits + s + han, s + s, han + s + s + han]
        }
        var accepted: [UInt16] = []
        var mismatches: [String] = []
        for u in UInt16(1)...UInt16(0xFFFF) where !(0xD800...0xDFFF).contains(u) {
            var any = false
            for text in contexts([u]) {
                switch compare(text, 0..<text.count, icu) {
                case nil: continue
                case true?: any = true
                case false?: mismatches.append(text.map { String(format: "%04X", $0) }.joined(separator: " "))
                }
            }
            if any, !(0x4E00...0x9FFF).contains(u) { accepted.append(u) }
        }
        XCTAssertGreaterThan(accepted.count, 20)
        for u in accepted {
            for v in accepted {
                for text in contexts([u, v]) where compare(text, 0..<text.count, icu) == false {
                    mismatches.append(text.map { String(format: "%04X", $0) }.joined(separator: " "))
                }
            }
        }
        XCTAssertEqual(mismatches.count, 0, "first: \(mismatches.prefix(5))")
    }

    /// Text with letters, kana, Hangul, supplementary characters or a digit-joining comma is
    /// left to ICU.
    func testOtherTextIsDeclined() {
        for s in ["中国ab", "中国人民の", "한국", "中𠀀国", "共1,000人", "中" + String(repeating: "国", count: HanWordBreaks.maxLength), ""] {
            let units = Array(s.utf16)
            let taken = units.withUnsafeBufferPointer { HanWordBreaks.forEachBoundary(in: $0, range: 0..<units.count) { _ in } }
            XCTAssertFalse(taken, s)
        }
    }

    private func assertSameBoundaries(_ texts: [[UInt16]], _ name: String) throws {
        let icu = try BreakIterator(.word)
        var windows = 0
        var compared = 0
        var mismatches: [String] = []
        for units in texts {
            var ranges = Self.hanRuns(units).filter { $0.count <= HanWordBreaks.maxLength }
            for start in units.indices {
                for length in 2...12 where start + length <= units.count { ranges.append(start..<(start + length)) }
            }
            for range in ranges {
                windows += 1
                guard let same = compare(units, range, icu) else { continue }
                compared += 1
                if !same { mismatches.append(String(decoding: units[range], as: UTF16.self)) }
            }
        }
        XCTAssertGreaterThan(compared, windows / 2, name)
        XCTAssertEqual(mismatches.count, 0, "\(name): \(mismatches.count) of \(compared) windows differ, first: \(mismatches.prefix(5))")
    }

    /// Whether the replica answers `text[range]` with ICU's boundaries; nil when it declines.
    private func compare(_ text: [UInt16], _ range: Range<Int>, _ icu: BreakIterator) -> Bool? {
        text.withUnsafeBufferPointer { buf in
            var fast: [Int] = []
            guard HanWordBreaks.forEachBoundary(in: buf, range: range, { fast.append($0) }) else { return nil }
            let expected = (try? icu.boundaries(in: buf, range: range).map(\.offset)) ?? []
            return fast == expected
        }
    }

    static func hanRuns(_ units: [UInt16]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        for (i, u) in units.enumerated() {
            let han = (0x4E00...0x9FFF).contains(u)
            if han, start == nil { start = i }
            if !han, let s = start { runs.append(s..<i); start = nil }
        }
        if let s = start { runs.append(s..<units.count) }
        return runs
    }
}
