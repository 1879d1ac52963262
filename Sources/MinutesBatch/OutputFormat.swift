import Foundation
import Minutes
import Yams

/// The output formats of `minutes extract` and `minutes serve`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case json, yaml, jsonl

    /// One value in this format (json pretty-printed, jsonl on one line, yaml a document).
    /// Thread-safe: workers encode, one thread writes.
    public func encode<T: Encodable>(_ value: T) -> Data {
        do {
            switch self {
            case .json:
                return Data(try OrderedJSONEncoder(pretty: true).encode(value))
            case .jsonl:
                return Data(try OrderedJSONEncoder().encode(value))
            case .yaml:
                let e = YAMLEncoder()
                e.options = YAMLEncoder.Options(allowUnicode: true)
                return Data(try e.encode(value).utf8)
            }
        } catch {
            // Our types always encode; keep the one-line-per-record contract regardless.
            return Data("{\"id\":null,\"error\":\"cannot encode the result\"}".utf8)
        }
    }
}
