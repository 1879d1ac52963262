import Foundation
import Minutes
import MinutesBatch

/// Writes results to stdout in the chosen format. Encoding (``OutputFormat/encode(_:)``) runs
/// in the workers; writing happens in input order on one thread, buffered.
final class OutputWriter {
    let format: ExtractCommand.Format
    /// One document: json prints an object rather than an array.
    let single: Bool
    private var count = 0
    private var buffer = Data()

    init(format: ExtractCommand.Format, single: Bool) {
        self.format = format
        self.single = single
    }

    func begin() {
        if format == .json && !single { append("[") }
    }

    func write(_ encoded: Data) {
        switch format {
        case .json:
            if !single { append(count == 0 ? "\n" : ",\n") }
            buffer.append(encoded)
            if single { append("\n") }
        case .jsonl:
            buffer.append(encoded)
            append("\n")
        case .yaml:
            if !single || count > 0 { append("---\n") }
            buffer.append(encoded)
        }
        count += 1
        if buffer.count > 1 << 20 { flush() }
    }

    func end() {
        if format == .json && !single { append(count == 0 ? "]\n" : "\n]\n") }
        flush()
    }

    private func append(_ s: String) { buffer.append(contentsOf: s.utf8) }

    private func flush() {
        FileHandle.standardOutput.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A progress line on stderr (articles, MB, rate), only when stderr is a terminal.
final class Progress {
    let enabled: Bool
    private let start = Date()
    private var last = Date.distantPast
    private var articles = 0
    private var bytes = 0

    init(enabled: Bool) { self.enabled = enabled }

    func advance(bytes n: Int) {
        articles += 1
        bytes += n
        guard enabled else { return }
        let now = Date()
        if now.timeIntervalSince(last) >= 0.5 {
            last = now
            show(now)
        }
    }

    func finish() {
        guard enabled, articles > 0 else { return }
        show(Date())
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private func show(_ now: Date) {
        let mb = Double(bytes) / 1_048_576
        let rate = mb / max(now.timeIntervalSince(start), 1e-6)
        FileHandle.standardError.write(Data(String(format: "\r%d articles, %.1f MB, %.1f MB/s", articles, mb, rate).utf8))
    }
}
