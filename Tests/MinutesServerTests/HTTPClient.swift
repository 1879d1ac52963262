import Foundation

/// A small blocking HTTP/1.1 client over a loopback socket, so the tests speak real HTTP to a real
/// port and can send a body in parts. Calls run on their own thread, never on the cooperative
/// pool the server's handlers share.
enum HTTPClient {
    struct Answer: Sendable {
        var status: Int
        /// Header names lowercased.
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(body)) }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// One request; `parts` are written one after the other (as chunks when there are several),
    /// with `pause` seconds between them.
    static func send(_ method: String, _ path: String, port: Int, headers: [String: String] = [:], parts: [[UInt8]],
                     pause: Double = 0) async throws -> Answer {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try blocking(method, path, port: port, headers: headers, parts: parts, pause: pause) })
            }
        }
    }

    static func send(_ method: String, _ path: String, port: Int, headers: [String: String] = [:], body: [UInt8] = []) async throws -> Answer {
        try await send(method, path, port: port, headers: headers, parts: body.isEmpty ? [] : [body])
    }

    static func send(_ method: String, _ path: String, port: Int, type: String, body: String) async throws -> Answer {
        try await send(method, path, port: port, headers: ["Content-Type": type], parts: [Array(body.utf8)])
    }

    private static func blocking(_ method: String, _ path: String, port: Int, headers: [String: String], parts: [[UInt8]], pause: Double) throws -> Answer {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect to port \(port): errno \(errno)") }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let chunked = parts.count > 1
        head += chunked ? "Transfer-Encoding: chunked\r\n\r\n" : "Content-Length: \(parts.first?.count ?? 0)\r\n\r\n"
        try write(fd, Array(head.utf8))
        for (i, part) in parts.enumerated() {
            if i > 0, pause > 0 { Thread.sleep(forTimeInterval: pause) }
            if chunked {
                try write(fd, Array((String(part.count, radix: 16) + "\r\n").utf8) + part + Array("\r\n".utf8))
            } else {
                try write(fd, part)
            }
        }
        if chunked { try write(fd, Array("0\r\n\r\n".utf8)) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            response.append(contentsOf: buffer[0..<n])
        }
        return try parse(response)
    }

    private static func write(_ fd: Int32, _ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure(description: "write: errno \(errno)") }
            sent += n
        }
    }

    private static func parse(_ response: [UInt8]) throws -> Answer {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = (0...(max(0, response.count - 4))).first(where: { Array(response[$0..<min($0 + 4, response.count)]) == separator }) else {
            throw Failure(description: "no header end in \(response.count) bytes")
        }
        let lines = String(decoding: response[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line \(lines[0])") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(response[(end + 4)...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = try dechunk(body) }
        return Answer(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ bytes: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard let lineEnd = (i..<(bytes.count - 1)).first(where: { bytes[$0] == 0x0D && bytes[$0 + 1] == 0x0A }),
                  let size = Int(String(decoding: bytes[i..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16) else {
                throw Failure(description: "bad chunk at \(i)")
            }
            if size == 0 { break }
            out.append(contentsOf: bytes[(lineEnd + 2)..<(lineEnd + 2 + size)])
            i = lineEnd + 2 + size + 2
        }
        return out
    }
}
