import ICUText

/// Turns input bytes into text: UTF-8 (a BOM is allowed), else GB18030 or Big5 — the charset an
/// HTML page declares first, then as ICU's charset detector suggests. NUL bytes and other binary
/// data are an error naming the input.
public enum InputDecoder {
    /// The charset a text was decoded from.
    public enum Charset: String, Sendable { case utf8 = "UTF-8", gb18030 = "GB18030", big5 = "Big5" }

    /// Decodes `bytes`; `input` names the input in errors. `declared` is the charset the input
    /// declares (an HTML meta charset): tried first among the legacy charsets. Bytes that are
    /// valid UTF-8 are UTF-8 whatever the declaration says (scrapers re-save pages as UTF-8 and
    /// keep the old meta; real GBK or Big5 text is practically never valid UTF-8).
    public static func decode(_ bytes: [UInt8], input: String, declared: Charset? = nil) throws -> (text: String, charset: Charset) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let reason = binaryEvidence(body) {
            throw MinutesError.binaryInput(input: input, reason: reason)
        }
        if let text = String(validating: body, as: UTF8.self) {
            return (text, .utf8)
        }
        // A file cut in the middle of its last character (scrapers truncate at byte limits).
        let tail = incompleteUTF8Tail(body)
        if tail > 0, let text = String(validating: body.dropLast(tail), as: UTF8.self) {
            return (text, .utf8)
        }
        let firstBad = firstInvalidUTF8(body)
        // Not UTF-8: try the legacy Chinese charsets, the detector's favourite first.
        let guess = body.withUnsafeBytes { CharsetDecoder.detect($0) }
        var order: [Charset] = [.gb18030, .big5]
        if let g = guess?.name.lowercased(), g.contains("big5") { order = [.big5, .gb18030] }
        if let declared, declared != .utf8 { order = [declared] + order.filter { $0 != declared } }
        for charset in order {
            if let units = try? body.withUnsafeBytes({ try CharsetDecoder.decode($0, charset: charset.rawValue) }),
               !units.contains(where: isImplausible) {
                return (String(decoding: units, as: UTF16.self), charset)
            }
        }
        throw MinutesError.undecodableInput(
            input: input, reason: "invalid UTF-8 at byte \(firstBad), and not valid GB18030 or Big5 either")
    }

    /// The length of an incomplete UTF-8 sequence that ends the bytes (a lead byte and fewer
    /// continuation bytes than it announces), or 0.
    public static func incompleteUTF8Tail<C: BidirectionalCollection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var k = 0
        for b in bytes.reversed().prefix(3) {
            k += 1
            if b & 0xC0 == 0x80 { continue }  // a continuation byte: keep looking for the lead
            let announced = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            return announced > k ? k : 0
        }
        return 0
    }

    /// Units a legacy decoder yields for bytes that were not really text in that charset:
    /// replacement and substitution characters, C1 controls, private-use code points.
    static func isImplausible(_ u: UInt16) -> Bool {
        u == 0xFFFD || u == 0x1A || (0x80...0x9F).contains(u) || (0xE000...0xF8FF).contains(u)
    }

    /// Why the bytes look binary, or nil when they look like text.
    static func binaryEvidence(_ bytes: ArraySlice<UInt8>) -> String? {
        if let nul = bytes.firstIndex(of: 0) {
            return "NUL byte at offset \(nul - bytes.startIndex)"
        }
        // Control characters other than tab, newline, carriage return, form feed and escape are rare in text.
        var controls = 0
        for b in bytes.prefix(65_536) where b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x1B {
            controls += 1
        }
        let sample = min(bytes.count, 65_536)
        if sample > 0, controls * 100 > sample * 5 {
            return "\(controls) control bytes in the first \(sample)"
        }
        return nil
    }

    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var consumed = 0
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s):
                offset += UTF8.width(s)
                consumed = offset
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        return consumed
    }
}
