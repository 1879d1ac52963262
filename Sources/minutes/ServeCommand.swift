import ArgumentParser
import Foundation

/// `minutes serve …`: runs `minutes-server …`, the HTTP service, from the same directory. The
/// service is its own executable so that the CLI links no server code (README, "Service").
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve extraction over HTTP (runs minutes-server; see minutes serve --help).",
        discussion: "Options: [--host 127.0.0.1] [--port 8080] [--rules DIR] [--workers N] [--queue N] [--max-body-mb 16].",
        shouldDisplay: true
    )

    @Argument(parsing: .captureForPassthrough, help: "Options for minutes-server.")
    var options: [String] = []

    func run() throws {
        let server = Self.serverPath()
        guard FileManager.default.isExecutableFile(atPath: server) else {
            warn("minutes: \(server): not found; build it with swift build -c release (product minutes-server)")
            throw ExitCode(ExitStatus.usage)
        }
        let argv = ([server] + options).map { strdup($0) } + [nil]
        execv(server, argv)
        warn("minutes: cannot run \(server): \(String(cString: strerror(errno)))")
        throw ExitCode(ExitStatus.usage)
    }

    /// `minutes-server` next to this executable.
    static func serverPath() -> String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("minutes-server").path
    }
}
