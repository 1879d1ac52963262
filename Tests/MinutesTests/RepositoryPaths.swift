import Foundation

/// Paths of the repository the tests were compiled from (found from this file's path), so the
/// tests run from any working directory.
enum RepositoryPaths {
    /// The repository root: two levels above Tests/MinutesTests/.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = root.appendingPathComponent("Samples")
    /// `../shared` next to the repository, present on the development machine only
    /// (`MINUTES_SHARED` overrides it, e.g. for a worktree that lives elsewhere).
    static let shared = ProcessInfo.processInfo.environment["MINUTES_SHARED"].map { URL(fileURLWithPath: $0) }
        ?? root.deletingLastPathComponent().appendingPathComponent("shared")
    static let devCorpus = shared.appendingPathComponent("corpus/dev")
    static let dev2Corpus = shared.appendingPathComponent("corpus/dev2")
}
