import XCTest
@testable import Minutes

final class InputDecoderTests: XCTestCase {
    func testUTF8WithBOM() throws {
        let (text, charset) = try InputDecoder.decode([0xEF, 0xBB, 0xBF] + Array("会议".utf8), input: "a.txt")
        XCTAssertEqual(text, "会议")
        XCTAssertEqual(charset, .utf8)
    }

    func testGB18030() throws {
        // 市委书记主持召开会议 in GB18030
        let bytes: [UInt8] = [0xCA, 0xD0, 0xCE, 0xAF, 0xCA, 0xE9, 0xBC, 0xC7, 0xD6, 0xF7, 0xB3, 0xD6, 0xD5, 0xD9, 0xBF, 0xAA, 0xBB, 0xE1, 0xD2, 0xE9]
        let (text, charset) = try InputDecoder.decode(bytes, input: "gb.txt")
        XCTAssertEqual(text, "市委书记主持召开会议")
        XCTAssertEqual(charset, .gb18030)
    }

    func testBinaryIsAnErrorNamingTheInput() {
        XCTAssertThrowsError(try InputDecoder.decode([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00], input: "x.zip")) { error in
            guard case let MinutesError.binaryInput(input, reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(input, "x.zip")
            XCTAssertTrue(reason.contains("NUL"))
        }
    }

    func testInvalidBytesAreAnError() {
        // A lone continuation byte run that no Chinese charset accepts.
        XCTAssertThrowsError(try InputDecoder.decode([0x41, 0xFF, 0xFF, 0xFF, 0x80], input: "bad.txt")) { error in
            XCTAssertTrue("\(error)".contains("bad.txt"), "\(error)")
        }
    }
}
