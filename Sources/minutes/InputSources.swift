import Foundation
import Minutes

/// One unit of batch work: an article (bytes or a JSONL record's text) or an input that already failed.
struct Job {
    enum Content {
        case bytes([UInt8])
        case text(String)
        /// A JSONL record's `html`.
        case html(String)
        case failed(String)
    }
    /// The result's `id`: a file path or the JSONL record's id.
    var id: String?
    /// Where the job came from, for messages: `path` or `path:line`.
    var origin: String
    var published: String?
    var content: Content
    /// Input bytes, for progress.
    var size: Int
}

extension Job {
    /// The article this job carries, read as `extract` reads it (`forceHTML`: every input is an HTML page).
    func articleText(forceHTML: Bool) throws -> ArticleText {
        switch content {
        case let .failed(why):
            throw JobFailure(message: why)
        case let .bytes(bytes):
            return try ArticleText(bytes: bytes, input: id ?? origin, html: forceHTML ? true : nil)
        case let .text(text):
            return forceHTML ? try ArticleText(html: text, input: origin) : try ArticleText(text: text, input: origin)
        case let .html(html):
            return try ArticleText(html: html, input: origin)
        }
    }

    /// What a failed job's error says on stderr.
    static func message(_ error: Error) -> String { (error as? JobFailure)?.message ?? "\(error)" }

    /// Reports this job's failure on stderr, named by its origin.
    func warn(_ error: String) {
        minutes.warn("minutes: " + (error.hasPrefix(origin) ? error : "\(origin): \(error)"))
    }
}

/// The inputs named on the command line, as a lazy sequence of jobs in input order.
/// Files are read when reached and JSONL is streamed line by line, so memory stays flat.
struct InputSources: Sequence {
    let paths: [String]
    /// Whether `-` holds JSON Lines records rather than one article.
    let stdinIsJSONL: Bool

    /// One input that is one document (a result object, not an array, in json format).
    var isSingleDocument: Bool {
        guard paths.count == 1, let p = paths.first else { return false }
        if p == "-" { return !stdinIsJSONL }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: p, isDirectory: &isDirectory) && !isDirectory.boolValue && !p.hasSuffix(".jsonl")
    }

    static let articleExtensions: Set<String> = ["txt", "html", "htm"]

    func makeIterator() -> AnyIterator<Job> {
        var pending = paths.makeIterator()
        var current: AnyIterator<Job>?
        return AnyIterator {
            while true {
                if let job = current?.next() { return job }
                guard let path = pending.next() else { return nil }
                current = jobs(for: path)
            }
        }
    }

    private func jobs(for path: String) -> AnyIterator<Job> {
        if path == "-" {
            if stdinIsJSONL { return JSONLRecords(reader: LineReader(fd: 0), origin: "<stdin>").makeIterator() }
            return single(fileJob(path: "-", origin: "<stdin>", read: { try FileHandle.standardInput.readToEnd() ?? Data() }))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return single(Job(id: path, origin: path, content: .failed("no such file or directory"), size: 0))
        }
        if isDirectory.boolValue {
            var files = walk(path).makeIterator()
            return AnyIterator {
                files.next().map { f in fileJob(path: f, origin: f, read: { try Data(contentsOf: URL(fileURLWithPath: f)) }) }
            }
        }
        if path.hasSuffix(".jsonl") {
            guard let reader = LineReader(path: path) else {
                return single(Job(id: path, origin: path, content: .failed("cannot open for reading"), size: 0))
            }
            return JSONLRecords(reader: reader, origin: path).makeIterator()
        }
        return single(fileJob(path: path, origin: path, read: { try Data(contentsOf: URL(fileURLWithPath: path)) }))
    }

    private func single(_ job: Job) -> AnyIterator<Job> {
        var done = false
        return AnyIterator {
            if done { return nil }
            done = true
            return job
        }
    }

    private func fileJob(path: String, origin: String, read: () throws -> Data) -> Job {
        do {
            let data = try read()
            return Job(id: path, origin: origin, content: .bytes([UInt8](data)), size: data.count)
        } catch {
            return Job(id: path, origin: origin, content: .failed("cannot read: \(error.localizedDescription)"), size: 0)
        }
    }

    /// Article files under a directory, recursively, in path order.
    private func walk(_ directory: String) -> [String] {
        let root = URL(fileURLWithPath: directory)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [String] = []
        for case let url as URL in walker where Self.articleExtensions.contains(url.pathExtension.lowercased()) {
            let relative = url.path.hasPrefix(root.path) ? String(url.path.dropFirst(root.path.count)) : "/" + url.lastPathComponent
            files.append(directory.hasSuffix("/") ? directory + relative.dropFirst() : directory + relative)
        }
        return files.sorted()
    }
}

/// JSON Lines records `{"id", "text" or "html", "published"}`: one job per input line, in order; a line
/// that cannot be read becomes a failed job, so the output has exactly one line per input line.
struct JSONLRecords: Sequence {
    let reader: LineReader
    let origin: String

    func makeIterator() -> AnyIterator<Job> {
        var number = 0
        return AnyIterator {
            guard var line = reader.next() else { return nil }
            number += 1
            if number == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }  // a BOM from Windows tools
            return Self.job(line, origin: "\(origin):\(number)")
        }
    }

    static func job(_ line: [UInt8], origin: String) -> Job {
        func failed(_ id: String?, _ why: String) -> Job {
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
            return Job(id: record.id, origin: origin, published: record.published, content: .text(text), size: line.count)
        case let (nil, html?):
            return Job(id: record.id, origin: origin, published: record.published, content: .html(html), size: line.count)
        case (nil, nil):
            return failed(record.id, "missing \"text\" (or \"html\")")
        case (_?, _?):
            return failed(record.id, "give \"text\" or \"html\", not both")
        }
    }
}

/// A JSONL record. `id` may be a string or a number; wrong types are reported with the id when known.
/// `html` is an HTML page, reduced to its article text like an HTML file.
struct Record: Decodable {
    struct Problem: Error {
        let id: String?
        let message: String
    }

    var id: String?
    var text: String?
    var html: String?
    var published: String?

    enum CodingKeys: String, CodingKey { case id, text, html, published }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if c.contains(.id), try !c.decodeNil(forKey: .id) {
            if let s = try? c.decode(String.self, forKey: .id) {
                id = s
            } else if let n = try? c.decode(Int.self, forKey: .id) {
                id = String(n)
            } else if let d = try? c.decode(Decimal.self, forKey: .id) {
                id = "\(d)"  // as written up to 38 digits (a Double would print 1.2345678901234568e+29)
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

    fileprivate init(id: String?, text: String?, html: String?, published: String?) {
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
        return Record(id: values[0], text: values[1], html: values[2], published: values[3])
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
final class LineReader {
    private let fd: Int32
    private let ownsFD: Bool
    private var buffer: [UInt8] = []
    private var position = 0
    /// Where the search for the next line break resumes (bytes before it hold none), so a
    /// 50 MB line is scanned once, not once per block read.
    private var scanned = 0
    private var eof = false
    private static let blockSize = 1 << 20

    init(fd: Int32) {
        self.fd = fd
        ownsFD = false
    }

    init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        self.fd = fd
        ownsFD = true
    }

    deinit { if ownsFD { close(fd) } }

    /// The next line without its line break (`\n` or `\r\n`), or nil at the end.
    func next() -> [UInt8]? {
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
