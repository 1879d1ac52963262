import ArgumentParser
import Foundation
import Logging
import Minutes
import MinutesServer

/// `minutes-server` (also run as `minutes serve`): the HTTP service.
@main
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minutes serve",
        abstract: "Serve extraction over HTTP (contract: GET /openapi.yaml, docs/openapi.yaml).",
        discussion: """
        Listens on 127.0.0.1 unless --host names another address. SIGTERM or SIGINT stops accepting, \
        lets the requests in flight finish, and exits 0. One log line per request on stderr.
        Exit codes: 0 stopped by a signal, 1 cannot listen, 2 usage error (bad option, bad rules directory).
        """
    )

    /// Exit codes as the CLI's: a usage error is 2 (ArgumentParser's own would be 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if let serve = command as? ServeCommand {
                try await serve.run()
            } else {
                try command.run()  // --help, --version
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data("minutes serve: \(fullMessage(for: error))\n".utf8))
            Foundation.exit(2)
        }
    }

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port (0: any free port, printed on stderr).")
    var port = 8080

    @Option(help: "A directory of rule files that add to or override the built-in rules.")
    var rules: String?

    @Option(help: "Extraction threads (the default is the number of cores).")
    var workers = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Jobs that may wait for a worker before requests get 503 (default: 16 per worker).")
    var queue: Int?

    @Option(name: .customLong("max-body-mb"), help: "The largest body of /v1/extract and /v1/explain, and the longest batch line, in MB.")
    var maxBodyMB = 16

    func validate() throws {
        if workers < 1 { throw ValidationError("--workers must be at least 1") }
        if let queue, queue < 1 { throw ValidationError("--queue must be at least 1") }
        if maxBodyMB < 1 { throw ValidationError("--max-body-mb must be at least 1") }
        if !(0...65535).contains(port) { throw ValidationError("--port must be 0 to 65535") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var settings = MinutesServer.Settings()
        settings.host = host
        settings.port = port
        settings.rulesDirectory = rules
        settings.workers = workers
        settings.queue = queue
        settings.maxBodyBytes = maxBodyMB << 20
        let server: MinutesServer
        do {
            server = try MinutesServer(settings: settings)
        } catch {
            FileHandle.standardError.write(Data("minutes serve: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let host = self.host
        do {
            try await server.run { port in
                FileHandle.standardError.write(Data("minutes serve: listening on http://\(host):\(port)\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("minutes serve: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
