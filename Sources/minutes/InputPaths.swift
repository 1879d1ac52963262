import Foundation
import Minutes
import MinutesBatch

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
            return single(Job(id: .text(path), origin: path, content: .failed("no such file or directory"), size: 0))
        }
        if isDirectory.boolValue {
            var files = walk(path).makeIterator()
            return AnyIterator {
                files.next().map { f in fileJob(path: f, origin: f, read: { try Data(contentsOf: URL(fileURLWithPath: f)) }) }
            }
        }
        if path.hasSuffix(".jsonl") {
            guard let reader = LineReader(path: path) else {
                return single(Job(id: .text(path), origin: path, content: .failed("cannot open for reading"), size: 0))
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
            return Job(id: .text(path), origin: origin, content: .bytes([UInt8](data)), size: data.count)
        } catch {
            return Job(id: .text(path), origin: origin, content: .failed("cannot read: \(error.localizedDescription)"), size: 0)
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
