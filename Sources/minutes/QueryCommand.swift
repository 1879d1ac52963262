import ArgumentParser
import Foundation
import MinutesIndex

/// `minutes query DB KIND …`: questions across a corpus database (docs/index.md).
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Ask a corpus database made by `minutes index`.",
        discussion: """
        person NAME        timeline (date, titles, meeting, role), titles held, and why mentions were joined
        meetings           meetings by date [--chair NAME] [--from D] [--to D] [--place P]
        coattend NAME      who attended meetings with this person, how often
        holders TITLE      who held a title (without its place: 县委书记) [--place P] [--on D]
        stats              row counts and date range
        D is yyyy-MM-dd, yyyy-MM or yyyy; P is a place prefix (青川 finds 青川县). Persons of one name are
        told apart by the `person` column. Exit codes: 0 answered, 2 usage error or no such database.
        """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable { case person, meetings, coattend, holders, stats }

    @Argument(help: "The database file.")
    var database: String

    @Argument(help: "person, meetings, coattend, holders or stats.")
    var kind: Kind

    @Argument(help: "NAME for person and coattend, TITLE for holders.")
    var subject: String?

    @Option(help: "Meetings chaired by this name.")
    var chair: String?

    @Option(help: "Meetings on or after this date.")
    var from: String?

    @Option(help: "Meetings on or before this date.")
    var to: String?

    @Option(help: "A place prefix (meetings, holders).")
    var place: String?

    @Option(help: "Holders on this date (or in this month or year).")
    var on: String?

    @Option(help: "At most this many rows (meetings, coattend).")
    var limit: Int = 100

    @Option(help: "Output: table, json or csv.")
    var format: QueryTable.Format = .table

    func validate() throws {
        switch kind {
        case .person, .coattend, .holders:
            if subject == nil { throw ValidationError("`query \(kind.rawValue)` needs a \(kind == .holders ? "TITLE" : "NAME")") }
        case .meetings, .stats:
            if let subject { throw ValidationError("`query \(kind.rawValue)` takes no argument (got \(subject))") }
        }
        for (option, value) in [("--from", from), ("--to", to), ("--on", on)] {
            if let value, !Self.isDateBound(value) { throw ValidationError("\(option) must be yyyy-MM-dd, yyyy-MM or yyyy, got \(value)") }
        }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    static func isDateBound(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        return (1...3).contains(parts.count) && parts[0].count == 4 && parts.dropFirst().allSatisfy { $0.count == 2 }
            && parts.allSatisfy { Int($0) != nil }
    }

    func run() throws {
        let index = try openIndex(database, readOnly: true)
        let answer: QueryAnswer
        switch kind {
        case .person: answer = try index.person(subject!)
        case .meetings: answer = try index.meetings(chair: chair, from: from, to: to, place: place, limit: limit)
        case .coattend: answer = try index.coattendance(subject!, limit: limit)
        case .holders: answer = try index.holders(subject!, place: place, on: on)
        case .stats: answer = try index.stats()
        }
        print(Self.render(answer, format: format), terminator: "")
    }

    /// One table as it is; several as sections (`## name` in a table, one JSON object, `# name` before each CSV).
    static func render(_ answer: QueryAnswer, format: QueryTable.Format) -> String {
        if answer.count == 1 { return answer[0].table.render(format) }
        switch format {
        case .table: return answer.map { "## \($0.name)\n" + $0.table.render(.table) }.joined(separator: "\n")
        case .csv: return answer.map { "# \($0.name)\r\n" + $0.table.render(.csv) }.joined(separator: "\r\n")
        case .json:
            return "{\n" + answer.map { JSONText.quote($0.name) + ": " + $0.table.render(.json).dropLast() }.joined(separator: ",\n") + "\n}\n"
        }
    }
}

extension QueryTable.Format: ExpressibleByArgument {}

/// `minutes export DB`: the co-attendance network and the tables, for other tools.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a corpus database: the co-attendance graph (GraphML) and the tables (CSV).",
        discussion: "Exit codes: 0 written, 1 a file could not be written, 2 usage error or no such database."
    )

    @Argument(help: "The database file.")
    var database: String

    @Option(help: "Write the co-attendance network (persons, meetings together) as GraphML to this file.")
    var graph: String?

    @Option(help: "Write one CSV file per table into this directory.")
    var csv: String?

    func validate() throws {
        if graph == nil && csv == nil { throw ValidationError("give --graph FILE.graphml and/or --csv DIR") }
    }

    func run() throws {
        let index = try openIndex(database, readOnly: true)
        do {
            if let graph { try index.writeGraphML(to: URL(fileURLWithPath: graph)) }
            if let csv { try index.writeCSV(to: URL(fileURLWithPath: csv, isDirectory: true)) }
        } catch {
            warn("minutes: \(error)")
            throw ExitCode(ExitStatus.someInputFailed)
        }
    }
}
