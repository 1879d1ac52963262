import Foundation
import Minutes

/// JSON Lines records `{"id", "text" or "html", "published"}`: one job per input line, in order; a line
/// that cannot be read becomes a failed job, so the output has exactly one line per input line.
public struct JSONLRecords: Sequence {
    public let reader: LineReader
    public let origin: String

    public init(reader: LineReader, origin: String) {
        self.reader = reader
        self.origin = origin
    }

    public func makeIterator() -> AnyIterator<Job> {
        var number = 0
        return AnyIterator {
            guard let line = reader.next() else { return nil }
            number += 1
            return Self.job(line, number: number, origin: origin)
        }
    }

    /// The job of line `number` (from 1) of a JSON Lines stream.
    public static func job(_ line: [UInt8], number: Int, origin: String) -> Job {
        var line = line
        if number == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }  // a BOM from Windows tools
        return job(line, origin: "\(origin):\(number)")
    }

    /// The job of one record line (a request body in `minutes serve`).
    public static func job(_ line: [UInt8], origin: String) -> Job {
        func failed(_ id: RecordID?, _ why: String) -> Job {
            Job(id: id, origin: origin, content: .failed(why), size: line.count)
        }
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return failed(nil, "empty line: expected a JSON object") }
        let record: Record
        do {
            record = try Record(plain: line) ?? JSONDecoder().decode(Record.self, from: Data(line))
        } catch let problem as Record.Problem {
            return failed(problem.id, problem.message)
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            return failed(nil, "expected a JSON object {\"id\": …, \"text\": …}")
        } catch {
            return failed(nil, String(validating: line, as: UTF8.self) == nil ? "not valid JSON (the line is not UTF-8)" : "not valid JSON")
        }
        switch (record.text, record.html) {
        case let (text?, nil):
            return Job(id: record.id, origin: origin, published: record.published, referenceDate: record.referenceDate, content: .text(text), size: line.count)
        case let (nil, html?):
            return Job(id: record.id, origin: origin, published: record.published, referenceDate: record.referenceDate, content: .html(html), size: line.count)
        case (nil, nil):
            return failed(record.id, "missing \"text\" (or \"html\")")
        case (_?, _?):
            return failed(record.id, "give \"text\" or \"html\", not both")
        }
    }
}

/// A JSONL record. `id` may be a string or a number; wrong types are reported with the id when known.
/// `html` is an HTML page, reduced to its article text like an HTML file. `reference_date`
/// (yyyy-MM-dd) stands in for `--reference-date` for this record.
struct Record: Decodable {
    struct Problem: Error {
        let id: RecordID?
        let message: String
    }

    var id: RecordID?
    var text: String?
    var html: String?
    var published: String?
    var referenceDate: String?

    enum CodingKeys: String, CodingKey { case id, text, html, published, referenceDate = "reference_date" }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if c.contains(.id), try !c.decodeNil(forKey: .id) {
            if let recordID = try? c.decode(RecordID.self, forKey: .id) {
                id = recordID
            } else {
                throw Problem(id: nil, message: "\"id\" must be a string or a number (a number that fits in a double; give long ids as strings)")
            }
        }
        func string(_ key: CodingKeys) throws -> String? {
            guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
            guard let s = try? c.decode(String.self, forKey: key) else {
                throw Problem(id: id, message: "\"\(key.rawValue)\" must be a string")
            }
            return s
        }
        text = try string(.text)
        html = try string(.html)
        published = try string(.published)
        referenceDate = try string(.referenceDate)
        if let d = referenceDate, !DateArgument.isValid(d) {
            throw Problem(id: id, message: "\"reference_date\" must be yyyy-MM-dd, got \(d)")
        }
    }
}

extension Record {
    /// The common line read without JSONDecoder (which cost as much as a fifth of the phases):
    /// one object whose members are the known keys, each once, with string values. Anything
    /// else (numbers, null, other keys, bad UTF-8, lone surrogates, any syntax error) gives nil,
    /// and JSONDecoder reads the line and words its errors as before.
    init?(plain line: [UInt8]) {
        guard let record = line.withUnsafeBufferPointer({ bytes -> Record? in
            var reader = PlainRecordReader(bytes: bytes)
            return reader.read()
        }) else { return nil }
        self = record
    }

    fileprivate init(id: RecordID?, text: String?, html: String?, published: String?) {
        self.id = id
        self.text = text
        self.html = html
        self.published = published
    }
}

/// A reader for ``Record/init(plain:)``.
private struct PlainRecordReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func read() -> Record? {
        var values: [String?] = [nil, nil, nil, nil]  // id, text, html, published
        skipSpace()
        guard take(UInt8(ascii: "{")) else { return nil }
        skipSpace()
        while true {
            guard let key = string() else { return nil }
            let field: Int
            switch key {
            case "id": field = 0
            case "text": field = 1
            case "html": field = 2
            case "published": field = 3
            default: return nil
            }
            guard values[field] == nil else { return nil }
            skipSpace()
            guard take(UInt8(ascii: ":")) else { return nil }
            skipSpace()
            guard let value = string() else { return nil }
            values[field] = value
            skipSpace()
            if take(UInt8(ascii: ",")) {
                skipSpace()
                continue
            }
            guard take(UInt8(ascii: "}")) else { return nil }
            break
        }
        skipSpace()
        guard i == bytes.count else { return nil }
        return Record(id: values[0].map(RecordID.text), text: values[1], html: values[2], published: values[3])
    }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    /// A JSON string at `i`, or nil.
    private mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = i
        var escaped = false
        var j = i  // a local index: the loop keeps it in a register
        let count = bytes.count
        // Eight bytes at a time while none is a quote, a backslash or a control character (a
        // long text field is most of a record), then that word byte by byte.
        scan: while j < count {
            if let base = bytes.baseAddress {
                while j + 8 <= count, JSONBytes.special(UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)) == 0 { j += 8 }
            }
            let stop = min(count, j + 8)
            while j < stop {
                let b = bytes[j]
                if b == UInt8(ascii: "\"") { break scan }
                if b < 0x20 { return nil }
                if b == UInt8(ascii: "\\") {
                    escaped = true
                    j += 1
                }
                j += 1
            }
        }
        guard j < count else { return nil }
        let end = j
        i = j + 1
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard escaped else { return String(validating: raw, as: UTF8.self) }
        // decoded into a buffer of the raw size (escapes only shorten), runs between escapes copied whole
        var failed = false
        let out = [UInt8](unsafeUninitializedCapacity: raw.count) { out, count in
            var n = 0
            var k = 0
            while k < raw.count {
                var run = raw.count
                if let found = memchr(raw.baseAddress! + k, 0x5C /* backslash */, raw.count - k) {
                    run = UnsafeRawPointer(found) - UnsafeRawPointer(raw.baseAddress!)
                }
                if run > k {
                    UnsafeMutableRawPointer(out.baseAddress! + n).copyMemory(from: raw.baseAddress! + k, byteCount: run - k)
                    n += run - k
                    k = run
                    continue
                }
                k += 1
                guard k < raw.count else { failed = true; break }
                let e = raw[k]
                k += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out[n] = e
                case UInt8(ascii: "b"): out[n] = 0x08
                case UInt8(ascii: "f"): out[n] = 0x0C
                case UInt8(ascii: "n"): out[n] = 0x0A
                case UInt8(ascii: "r"): out[n] = 0x0D
                case UInt8(ascii: "t"): out[n] = 0x09
                case UInt8(ascii: "u"):
                    guard var v = Self.hex4(raw, &k) else { failed = true; break }
                    if v >= 0xD800 && v < 0xDC00 {  // a high surrogate: only with its low surrogate
                        guard k + 1 < raw.count, raw[k] == UInt8(ascii: "\\"), raw[k + 1] == UInt8(ascii: "u") else { failed = true; break }
                        k += 2
                        guard let low = Self.hex4(raw, &k), low >= 0xDC00 && low < 0xE000 else { failed = true; break }
                        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    } else if v >= 0xDC00 && v < 0xE000 {
                        failed = true
                        break
                    }
                    // UTF-8 of v (at most 4 bytes, never more than the 6 or 12 escape bytes read)
                    if v < 0x80 {
                        out[n] = UInt8(v)
                    } else if v < 0x800 {
                        out[n] = UInt8(0xC0 | v >> 6); n += 1
                        out[n] = UInt8(0x80 | v & 0x3F)
                    } else if v < 0x10000 {
                        out[n] = UInt8(0xE0 | v >> 12); n += 1
                        out[n] = UInt8(0x80 | v >> 6 & 0x3F); n += 1
                        out[n] = UInt8(0x80 | v & 0x3F)
                    } else {
                        out[n] = UInt8(0xF0 | v >> 18); n += 1
                        out[n] = UInt8(0x80 | v >> 12 & 0x3F); n += 1
                        out[n] = UInt8(0x80 | v >> 6 & 0x3F); n += 1
                        out[n] = UInt8(0x80 | v & 0x3F)
                    }
                default:
                    failed = true
                }
                if failed { break }
                n += 1
            }
            count = n
        }
        guard !failed else { return nil }
        return out.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
    }

    private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ k: inout Int) -> UInt32? {
        guard k + 4 <= raw.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = raw[k]
            k += 1
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = v << 4 | UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = v << 4 | UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = v << 4 | UInt32(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        return v
    }
}

/// Reads a file descriptor line by line in fixed-size blocks (no whole-file reads).
public final class LineReader {
    private let fd: Int32
    private let ownsFD: Bool
    private var buffer: [UInt8] = []
    private var position = 0
    /// Where the search for the next line break resumes (bytes before it hold none), so a
    /// 50 MB line is scanned once, not once per block read.
    private var scanned = 0
    private var eof = false
    private static let blockSize = 1 << 20

    public init(fd: Int32) {
        self.fd = fd
        ownsFD = false
    }

    public init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        self.fd = fd
        ownsFD = true
    }

    deinit { if ownsFD { close(fd) } }

    /// The next line without its line break (`\n` or `\r\n`), or nil at the end.
    public func next() -> [UInt8]? {
        while true {
            if let nl = nextLineBreak() {
                var line = Array(buffer[position..<nl])
                position = nl + 1
                scanned = position
                if line.last == 0x0D { line.removeLast() }
                compact()
                return line
            }
            scanned = buffer.count
            if eof {
                guard position < buffer.count else { return nil }
                var line = Array(buffer[position...])
                position = buffer.count
                if line.last == 0x0D { line.removeLast() }
                return line
            }
            fill()
        }
    }

    /// Index of the next `\n` at or after `scanned` (memchr: fast in debug builds too).
    private func nextLineBreak() -> Int? {
        let start = max(position, scanned)
        return buffer.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, start < raw.count,
                  let found = memchr(base + start, 0x0A, raw.count - start) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }

    private func compact() {
        if position > Self.blockSize {
            buffer.removeFirst(position)
            scanned -= position
            position = 0
        }
    }

    private func fill() {
        var block = [UInt8](repeating: 0, count: Self.blockSize)
        let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress, Self.blockSize) }
        if n <= 0 {
            eof = true
        } else {
            buffer.append(contentsOf: block[0..<n])
        }
    }
}
