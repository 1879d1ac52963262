import Foundation
import Hummingbird
import Logging
import Minutes
import MinutesBatch
import NIOCore
import ServiceLifecycle

/// `minutes serve`: the extractor as an HTTP service (see docs/openapi.yaml for the contract).
///
/// Requests are read on the event loop; extraction runs on a ``WorkerPool``. SIGTERM (or
/// ``Running/stop()``) stops accepting, lets the requests in flight finish, and returns.
public struct MinutesServer: Sendable {
    public struct Settings: Sendable {
        public var host = "127.0.0.1"
        /// 0: a free port (tests; ``Running/port`` tells which).
        public var port = 8080
        public var rulesDirectory: String?
        public var workers = ProcessInfo.processInfo.activeProcessorCount
        /// Jobs that may wait for a worker before requests get 503.
        public var queue: Int?
        /// The largest request body of `/v1/extract` and `/v1/explain`, and the longest line of a batch.
        public var maxBodyBytes = 16 << 20

        public init() {}
    }

    public let settings: Settings
    let extractor: Extractor
    public let pool: WorkerPool
    let metrics = ServerMetrics()
    let logger: Logger

    /// - Throws: ``MinutesError/badRule(file:line:problem:)`` for a bad rules directory.
    public init(settings: Settings, logger: Logger = Logger(label: "minutes-server")) throws {
        self.settings = settings
        self.logger = logger
        extractor = try Extractor(rulesDirectory: settings.rulesDirectory.map { URL(fileURLWithPath: $0) })
        _ = extractor.producedLayers  // the built-in rules compile here, not in the first request
        pool = WorkerPool(workers: max(1, settings.workers), capacity: settings.queue ?? 16 * max(1, settings.workers))
    }

    /// Runs until SIGTERM or SIGINT, then drains the requests in flight.
    public func run(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let app = makeApplication(onRunning: onRunning)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        try await pool.shutdown()
    }

    /// A server started in this process (tests): its port, and a way to stop it.
    public struct Running: Sendable {
        public let port: Int
        let group: ServiceGroup
        let task: Task<Void, any Error>
        let pool: WorkerPool

        /// Stops accepting, waits for the requests in flight, and returns when the server is down.
        public func stop() async throws {
            await group.triggerGracefulShutdown()
            try await task.value
            try await pool.shutdown()
        }
    }

    /// Starts the server and returns once it listens.
    public func start() async throws -> Running {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = makeApplication { port in
            continuation.yield(port)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await task.value
            throw CancellationError()
        }
        return Running(port: port, group: group, task: task, pool: pool)
    }

    func makeApplication(onRunning: @escaping @Sendable (Int) -> Void) -> some ApplicationProtocol {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestLogMiddleware<BasicRequestContext>(logger: logger, metrics: metrics))
        Routes(server: self).register(on: router)
        return Application(
            router: router,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "minutes"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }
}
