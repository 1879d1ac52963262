import XCTest
@testable import Minutes

/// The lexicon's fast paths (bit maps, pair filter, the trie walk) against plain comparisons
/// of the entries with the text, on random words over a small alphabet (many prefixes, one-unit
/// entries, entries listed twice).
final class LexiconTests: XCTestCase {
    private let alphabet = Array("东南西北中市县区省长山水")

    private func randomWord(_ rng: inout SystemRandomNumberGenerator, maxLength: Int) -> String {
        String((0..<Int.random(in: 1...maxLength, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
    }

    /// Entries (folded units) that match `units` at `start` going forwards within `limit`, as (end, entry).
    private func plainMatches(_ entries: [[UInt16]], _ units: [UInt16], at start: Int, limit: Int) -> [(Int, Int)] {
        var byEnd: [Int: Int] = [:]
        for (k, e) in entries.enumerated() where start + e.count <= limit && Array(units[start..<(start + e.count)]) == e {
            if byEnd[start + e.count] == nil { byEnd[start + e.count] = k }
        }
        return byEnd.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    func testWalksMatchPlainComparison() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let words = (0..<40).map { _ in randomWord(&rng, maxLength: 4) }
            let lexicon = Lexicon(name: "t", entries: words)
            let entries = lexicon.entries.map { Array($0.utf16) }
            let reversed = Lexicon(name: "r", entries: words.map { String($0.reversed()) })
            let reversedEntries = reversed.entries.map { Array($0.utf16) }
            let units = NormalizedText(randomWord(&rng, maxLength: 1) + (0..<30).map { _ in randomWord(&rng, maxLength: 3) }.joined()).units
            for start in units.indices {
                for limit in [units.count, min(units.count, start + 2)] {
                    let plain = plainMatches(entries, units, at: start, limit: limit)
                    XCTAssertEqual(lexicon.matches(in: units, at: start, limit: limit).map(\.end), plain.map(\.0))
                    XCTAssertEqual(lexicon.matches(in: units, at: start, limit: limit).map(\.entry), plain.map(\.1))
                    XCTAssertEqual(lexicon.longestMatch(in: units, at: start, limit: limit)?.end, plain.last?.0)
                    XCTAssertEqual(lexicon.longestMatch(in: units, at: start, limit: limit)?.entry, plain.last?.1)
                    XCTAssertEqual(lexicon.mayMatch(in: units, at: start, limit: limit) || plain.isEmpty, true, "mayMatch said no wrongly")
                    XCTAssertEqual(lexicon.occurs(in: units, start..<limit),
                                   (start..<limit).contains { !plainMatches(entries, units, at: $0, limit: limit).isEmpty })
                }
                for end in (start + 1)...units.count {
                    XCTAssertEqual(lexicon.entry(units, start..<end), plainMatches(entries, units, at: start, limit: end).first { $0.0 == end }?.1)
                }
                // backwards: the longest reversed entry ending at `end`, not below `lower`
                let end = start + 1
                for lower in [0, max(0, end - 2)] {
                    let text = Array(units[lower..<end].reversed())
                    let plain = plainMatches(reversedEntries, text, at: 0, limit: text.count).last
                    let found = reversed.longestMatch(backwardFrom: end, in: units, lowerBound: lower)
                    XCTAssertEqual(found?.start, plain.map { end - $0.0 })
                    XCTAssertEqual(found?.entry, plain?.1)
                }
            }
        }
    }

    func testStartFilterFindsEveryPositionWhereALexiconMayMatch() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let a = Lexicon(name: "a", entries: (0..<30).map { _ in randomWord(&rng, maxLength: 3) })
            let b = Lexicon(name: "b", entries: (0..<5).map { _ in randomWord(&rng, maxLength: 2) })
            let extra = NormalizedText("水").units
            let filter = StartFilter([a, b], units: extra)
            let units = NormalizedText((0..<40).map { _ in randomWord(&rng, maxLength: 3) }.joined() + "。ab").units
            var i = 0
            while i < units.count {
                let next = filter.next(in: units, from: i)
                // nothing may match before `next`, and the filter holds at `next`
                for p in i..<next {
                    XCTAssertFalse(a.longestMatch(in: units, at: p) != nil || b.longestMatch(in: units, at: p) != nil || units[p] == extra[0])
                }
                if next < units.count { XCTAssertTrue(filter.contains(units, at: next)) }
                XCTAssertEqual(filter.next(in: units, from: i, limit: min(next, i + 3)), min(next, i + 3))
                i = next + 1
            }
            // two filters in one pass give each filter's positions
            let other = a.startFilter
            var (first, second) = StartFilters(filter, other).positions(in: units)
            for (f, var positions) in [(filter, first), (other, second)] {
                var p = 0
                while p < units.count {
                    let expected = f.next(in: units, from: p)
                    XCTAssertEqual(positions.next(from: p, end: units.count), expected)
                    p = expected + 1
                }
            }
            XCTAssertEqual(first.next(from: units.count, end: units.count), units.count)
            XCTAssertEqual(second.next(from: 0, end: units.count), other.next(in: units, from: 0))
        }
    }
}
