import Foundation
import RuleTree
import Yams

/// A node of a rule file's YAML (see RuleTree).
public typealias RuleNode = RuleTree.RuleNode

/// One rule file: where it came from and its parsed YAML.
public struct RuleFile: @unchecked Sendable {
    /// Path relative to `Rules/` for built-in files; the file's path for user files.
    public let path: String
    public let text: String
    /// The parsed document (a mapping).
    public let root: RuleNode
    /// `dimension:` of the file (title, person, place, organization, date, meeting, article…).
    public let dimension: String
    /// The annotation layer this file's rules produce (`layer:`, else the dimension's name).
    public let layer: AnnotationType
    /// The `rules:` entries with an `id`, and their ids.
    let ruleNodes: [(id: String, node: RuleNode)]

    // Read once: a Yams lookup by key resolves the key's tag, which is slow for hot paths.
    init(path: String, text: String, root: RuleNode) {
        self.path = path
        self.text = text
        self.root = root
        dimension = root["dimension"]?.string ?? ""
        layer = AnnotationType(rawValue: root["layer"]?.string ?? dimension)
        ruleNodes = root["rules"]?.sequence?.compactMap { node in node["id"]?.string.map { ($0, node) } } ?? []
    }

    /// A rule problem located at `node` of this file.
    public func error(_ problem: String, at node: RuleNode? = nil) -> MinutesError {
        .badRule(file: path, line: node?.line, problem: problem)
    }
}

/// The rules an extractor runs: the built-in files compiled into the library (from `Rules/`),
/// with user files from `--rules DIR` laid over them. A user file with the same relative path as
/// a built-in one replaces it; other user files add rules, and a user rule whose `id` equals a
/// built-in rule's replaces it (each dimension applies that when it compiles its rules).
public struct RuleSet: Sendable {
    public let files: [RuleFile]
    /// Whether patterns compile at their first match rather than with the extractor: only
    /// for the built-in rules alone, which the tests compile (`Extractor(rulesDirectory:)` with
    /// an empty directory), so a user's bad pattern is still an error at start.
    let compilesLazily: Bool

    /// Keys a rule file may have at top level.
    static let topLevelKeys: Set<String> = [
        "dimension", "id", "description", "source", "rules", "lexicons", "examples", "entries",
        "single", "compound", "needs_context", "traditional", "patterns", "cues", "settings", "layer",
    ]

    public static func load(overrides directory: URL?) throws -> RuleSet {
        var byPath: [String: RuleFile] = [:]
        var order: [String] = []
        for (path, text, tree) in EmbeddedRules.files {
            // parsed at build time (a file that did not parse there reports its error here)
            byPath[path] = try tree.flatMap(RuleNode.init(encoded:)).map { try check(root: $0, text: text, path: path) } ?? parse(text, path: path)
            order.append(path)
        }
        if let directory {
            for (relative, url) in try userFiles(in: directory) {
                let text: String
                do {
                    text = try String(contentsOf: url, encoding: .utf8)
                } catch {
                    throw MinutesError.badRule(file: url.path, line: nil, problem: "cannot read: \(error.localizedDescription)")
                }
                let file = try parse(text, path: url.path)
                if byPath[relative] == nil { order.append(relative) }
                byPath[relative] = file
            }
        }
        return RuleSet(files: order.compactMap { byPath[$0] }, compilesLazily: directory == nil)
    }

    /// The files of one dimension.
    public func files(_ dimension: String) -> [RuleFile] { files.filter { $0.dimension == dimension } }

    static func userFiles(in directory: URL) throws -> [(String, URL)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MinutesError.badRule(file: directory.path, line: nil, problem: "rules directory not found")
        }
        let root = directory.standardizedFileURL.path
        var out: [(String, URL)] = []
        if let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension) {
                let p = url.standardizedFileURL.path
                out.append((p.hasPrefix(root + "/") ? String(p.dropFirst(root.count + 1)) : p, url))
            }
        }
        return out.sorted { $0.0 < $1.0 }
    }

    static func parse(_ text: String, path: String) throws -> RuleFile {
        let node: RuleNode?
        do {
            node = try RuleNode.parse(yaml: text)
        } catch let error as YamlError {
            throw MinutesError.badRule(file: path, line: line(of: error), problem: problem(of: error))
        }
        return try check(root: node, text: text, path: path)
    }

    /// The file of a parsed document, if it is a rule file.
    static func check(root node: RuleNode?, text: String, path: String) throws -> RuleFile {
        guard let root = node, let mapping = root.mapping else {
            throw MinutesError.badRule(file: path, line: 1, problem: "a rule file must be a YAML mapping with a `dimension:` key")
        }
        for (key, _) in mapping {
            guard let k = key.string, topLevelKeys.contains(k) else {
                throw MinutesError.badRule(file: path, line: key.line,
                                           problem: "unknown key `\(key.string ?? "?")` (allowed: \(topLevelKeys.sorted().joined(separator: ", ")))")
            }
        }
        guard let dimension = root["dimension"]?.string else {
            throw MinutesError.badRule(file: path, line: 1, problem: "missing `dimension:`")
        }
        try checkRules(root["rules"], dimension: dimension, path: path)
        return RuleFile(path: path, text: text, root: root)
    }

    /// Keys every rule may have.
    static let commonRuleKeys: Set<String> = ["id", "description", "examples", "source"]

    /// Keys a rule of each built-in dimension may have besides ``commonRuleKeys``: the settings
    /// its phase reads. A misspelt key (`preceeded_by:`) would otherwise be ignored in silence.
    /// Rules of a dimension no phase reads (a user's own) are not checked.
    static let ruleKeys: [String: Set<String>] = [
        "meeting": ["pattern", "triggers", "reach", "preceded_by", "not_preceded_by", "bridge", "excludes",
                    "kind", "form", "name_group", "linked_to_meeting", "quote", "after_person", "needs_before",
                    "intro", "numbering", "sequence", "needs_requirement", "list", "first_words", "implicit_items",
                    "circled", "arabic_too", "both"],
        "article": ["pattern", "cues", "short_line_cues", "not_title_starts", "footer_cues"],
        "date": ["role", "words", "offset", "part_of_day", "not_preceded_by", "not_followed_by", "anaphoric",
                 "after_date_only"],
        "place": ["lexicon", "suffixes", "not_words"],
        "organization": ["lexicon"],
        "person": [],
        "title": [],
    ]

    /// Every entry of `rules:` is a mapping with an `id` and only the keys its dimension reads.
    static func checkRules(_ rules: RuleNode?, dimension: String, path: String) throws {
        guard let rules else { return }
        guard let entries = rules.sequence else {
            throw MinutesError.badRule(file: path, line: rules.line, problem: "`rules:` must be a list of rules")
        }
        let known = ruleKeys[dimension].map { $0.union(commonRuleKeys) }
        for entry in entries {
            guard let mapping = entry.mapping else {
                throw MinutesError.badRule(file: path, line: entry.line, problem: "a rule must be a mapping with an `id:`")
            }
            guard entry["id"]?.string != nil else {
                throw MinutesError.badRule(file: path, line: entry.line, problem: "a rule without `id:`")
            }
            guard let known else { continue }
            for (key, _) in mapping where !(key.string.map(known.contains) ?? false) {
                throw MinutesError.badRule(file: path, line: key.line,
                                           problem: "rule \(entry["id"]?.string ?? "?"): unknown key `\(key.string ?? "?")` (a \(dimension) rule may have: \(known.sorted().joined(separator: ", ")))")
            }
        }
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): return mark.line
        default: return nil
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _), let .composer(context, problem, _, _):
            return "malformed YAML: " + [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        case let .reader(problem, _, _, _): return "malformed YAML: \(problem)"
        default: return "malformed YAML: \(error)"
        }
    }
}
