import Foundation
import Minutes

/// One scored corpus, as `minutes eval` prints it.
enum RenderedReport {
    case gold(EvalReport)
    case entities(EntityReport)

    var name: String {
        switch self {
        case let .gold(r): return r.corpus
        case let .entities(r): return r.corpus + (r.subset.map { " (\($0))" } ?? "")
        }
    }

    var rows: [ScoreRow] {
        switch self {
        case let .gold(r): return r.rows
        case let .entities(r): return r.rows
        }
    }
}

/// Prints eval reports as tables or JSON on stdout.
struct EvalRenderer {
    let format: EvalCommand.Format
    let verbose: Bool

    func write(_ reports: [RenderedReport]) {
        var out = ""
        switch format {
        case .table:
            for (i, report) in reports.enumerated() {
                if i > 0 { out += "\n" }
                out += table(report)
            }
        case .json:
            let documents = reports.map { JSONReport(report: $0, verbose: verbose) }
            let bytes: [UInt8]
            if documents.count == 1 {
                bytes = (try? OrderedJSONEncoder(pretty: true).encode(documents[0])) ?? []
            } else {
                bytes = (try? OrderedJSONEncoder(pretty: true).encode(documents)) ?? []
            }
            out = String(decoding: bytes, as: UTF8.self) + "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    private func table(_ report: RenderedReport) -> String {
        var out = ""
        switch report {
        case let .gold(r):
            out += "\(r.corpus): \(r.articles.count) articles\n"
            out += ScoreRow.table(r.rows)
            if verbose {
                for a in r.articles where !a.isExact {
                    out += "\n\(a.id)\n"
                    for line in a.differenceLines { out += "  \(line)\n" }
                }
            }
        case let .entities(r):
            out += "\(report.name): \(r.articles) articles, \(r.answered) answered\n"
            out += ScoreRow.table(r.rows)
        }
        return out
    }
}

/// The JSON form of a report: fields in table order; per-article differences with --verbose.
struct JSONReport: Encodable {
    let report: RenderedReport
    let verbose: Bool

    init(report: RenderedReport, verbose: Bool) {
        self.report = report
        self.verbose = verbose
    }

    enum Keys: String, CodingKey { case kind, corpus, subset, articles, answered, fields, problems, differences }
    enum DifferenceKeys: String, CodingKey { case article, field, meeting, missed, wrong }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch report {
        case let .gold(r):
            try c.encode("gold", forKey: .kind)
            try c.encode(r.corpus, forKey: .corpus)
            try c.encode(r.articles.count, forKey: .articles)
            try c.encode(r.rows, forKey: .fields)
            try c.encode(r.problems, forKey: .problems)
            if verbose {
                var list = c.nestedUnkeyedContainer(forKey: .differences)
                for a in r.articles {
                    for d in a.differences {
                        var item = list.nestedContainer(keyedBy: DifferenceKeys.self)
                        try item.encode(a.id, forKey: .article)
                        try item.encode(d.field.rawValue, forKey: .field)
                        try item.encode(d.meeting, forKey: .meeting)
                        try item.encode(d.missed, forKey: .missed)
                        try item.encode(d.wrong, forKey: .wrong)
                    }
                }
            }
        case let .entities(r):
            try c.encode("pd1998", forKey: .kind)
            try c.encode(r.corpus, forKey: .corpus)
            try c.encode(r.subset, forKey: .subset)
            try c.encode(r.articles, forKey: .articles)
            try c.encode(r.answered, forKey: .answered)
            try c.encode(r.rows, forKey: .fields)
        }
    }
}
