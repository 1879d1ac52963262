import XCTest
@testable import Minutes

/// The output types write JSON directly (JSONWritable); the bytes must be those of their
/// Codable encode(to:) through the tree encoder, compact and pretty.
final class SchemaJSONTests: XCTestCase {
    func sample() -> MinutesResult {
        let tricky = "引号\"斜杠\\ / 换行\n回车\r制表\t控制\u{1}\u{7F} é 𠀀"
        let directive = Directive(marker: "一要", number: 1, text: "抓好落实", start: 10, end: 14,
                                  items: [Directive(marker: "(1)", number: 1, text: tricky, start: 20, end: 22)])
        let meeting = Meeting(name: "县委常委会会议", date: MeetingDate(text: "3月12日上午", value: "2021-03-12", partOfDay: "morning"),
                              chair: [Attendee(name: "王明", titles: ["县委书记", "县长"], venue: nil, start: 0, end: 2)],
                              participants: [Attendee(name: "李华", titles: [], venue: "分会场", start: 3, end: 5)],
                              speakers: ["王明"], venues: [Venue(name: "县会议中心", kind: .videoLink), Venue(name: "主会场", kind: .main)],
                              directives: [directive], start: 0, end: 120)
        let bare = Meeting(start: 5, end: 6)
        return MinutesResult(id: "doc-1", article: Article(headline: tricky, published: nil, outlet: "日报",
                                                           reporters: [Credit(name: "周帅", role: "记者"), Credit(name: "王五", role: nil)], editors: []),
                             meetings: [meeting, bare],
                             persons: [Person(name: "王明", titles: ["县委书记"], mentions: [[0, 2], [30, 32]]), Person(name: "无", titles: [], mentions: [])],
                             entities: Entity.Kind.allCases.enumerated().map { Entity(type: $1, text: "x\($0)", start: $0, end: $0 + 1, rule: "r.\($0)") }
                                 + [Entity(type: .date, text: "", start: 1_234_567_890, end: -42, rule: ""), Entity(type: .place, text: "", start: 10, end: 100, rule: "")],
                             warnings: ["a warning", tricky])
    }

    func testDirectBytesEqualCodableBytes() throws {
        let values: [any Encodable & JSONWritable] = [sample(), MinutesResult(id: nil), RecordError(id: nil, error: "bad\ninput"),
                                                      RecordError(id: "7", error: ""), RecordError(id: .number("-2.5"), error: ""),
                                                      MinutesResult(id: .number("123456789012345678901234567890")), [sample(), MinutesResult(id: .number("2"))]]
        for value in values {
            for pretty in [false, true] {
                let encoder = OrderedJSONEncoder(pretty: pretty)
                let direct = try encoder.encode(value)
                let tree = try encoder.encodeTree(value)
                XCTAssertEqual(String(decoding: direct, as: UTF8.self), String(decoding: tree, as: UTF8.self), "pretty: \(pretty)")
            }
        }
    }

    /// The eight-bytes-at-a-time test agrees with the byte-by-byte one, wherever the byte to
    /// escape stands in the word.
    func testEscapeTestAgreesWithBytes() {
        let pool: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x61, 0x7E, 0x7F, 0x80, 0xA2, 0xDC, 0xE4, 0xFF]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...24, using: &rng)).map { _ in
                Bool.random(using: &rng) ? UInt8.random(in: 0xE4...0xE9, using: &rng) : pool.randomElement(using: &rng)!
            }
            let expected = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }
            XCTAssertEqual(bytes.withUnsafeBufferPointer(JSONBytes.needsEscape), expected, "\(bytes)")
        }
    }
}
