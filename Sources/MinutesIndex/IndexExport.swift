import Foundation
import GRDB

/// `minutes export`: the co-attendance network as GraphML and the tables as CSV files.
extension CorpusIndex {
    /// The tables `--csv` writes, one file each.
    public static let exportedTables = ["articles", "reporters", "meetings", "venues", "directives", "persons",
                                        "mentions", "mention_titles", "appearances", "titles_held"]

    /// Persons as nodes (name, first and last date seen) and co-attendance as undirected edges
    /// weighted by the number of meetings; for Gephi, networkx, igraph.
    public func writeGraphML(to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let out = try? FileHandle(forWritingTo: url) else {
            throw IndexError.cannotWrite(path: url.path, reason: "cannot create the file (does its directory exist?)")
        }
        defer { try? out.close() }
        var buffer = """
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="name" for="node" attr.name="name" attr.type="string"/>
          <key id="first" for="node" attr.name="first_seen" attr.type="string"/>
          <key id="last" for="node" attr.name="last_seen" attr.type="string"/>
          <key id="weight" for="edge" attr.name="weight" attr.type="int"/>
          <graph id="coattendance" edgedefault="undirected">

        """
        func flush(_ force: Bool = false) {
            if force || buffer.utf8.count > 1 << 20 {
                out.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        try read { db in
            let nodes = try Row.fetchCursor(db, sql: """
                SELECT id, name, first_seen, last_seen FROM persons
                WHERE id IN (SELECT m.person_id FROM mentions m JOIN appearances ap ON ap.mention_id = m.id)
                ORDER BY id
                """)
            while let row = try nodes.next() {
                let id: Int64 = row[0]
                buffer += "    <node id=\"p\(id)\"><data key=\"name\">\(Self.xml(row[1]))</data>"
                if let f: String = row[2] { buffer += "<data key=\"first\">\(Self.xml(f))</data>" }
                if let l: String = row[3] { buffer += "<data key=\"last\">\(Self.xml(l))</data>" }
                buffer += "</node>\n"
                flush()
            }
            let edges = try Row.fetchCursor(db, sql: """
                SELECT person_id, other_id, meetings FROM coattendance WHERE person_id < other_id ORDER BY person_id, other_id
                """)
            while let row = try edges.next() {
                let a: Int64 = row[0], b: Int64 = row[1], w: Int64 = row[2]
                buffer += "    <edge source=\"p\(a)\" target=\"p\(b)\"><data key=\"weight\">\(w)</data></edge>\n"
                flush()
            }
        }
        buffer += "  </graph>\n</graphml>\n"
        flush(true)
    }

    /// One CSV file per table (`articles.csv`, `persons.csv`…) in `directory`.
    public func writeCSV(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try read { db in
            for table in Self.exportedTables {
                let answer = try QueryTable(db, sql: "SELECT * FROM \(table)")
                try Data(answer.render(.csv).utf8).write(to: directory.appendingPathComponent(table + ".csv"))
            }
        }
    }

    static func xml(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
