import NIOConcurrencyHelpers
import NIOPosix

/// The threads extraction runs on, never the event loop: a fixed pool with a bounded queue, so
/// that a burst is refused (503) rather than queued without end.
public final class WorkerPool: Sendable {
    /// Thrown when `capacity` jobs are already waiting for a worker.
    public struct Busy: Error {}

    public let workers: Int
    /// Jobs that may wait for a worker before new requests are refused.
    public let capacity: Int
    private let threads: NIOThreadPool
    /// Jobs admitted (waiting or running) and jobs running.
    private let counts = NIOLockedValueBox((admitted: 0, running: 0))

    public init(workers: Int, capacity: Int) {
        self.workers = workers
        self.capacity = capacity
        threads = NIOThreadPool(numberOfThreads: workers)
        threads.start()
    }

    /// Jobs waiting for a worker.
    public var queueDepth: Int { counts.withLockedValue { $0.admitted - $0.running } }

    /// Whether a new request would be refused.
    public var isFull: Bool { queueDepth >= capacity }

    /// Runs `work` on a worker. Throws ``Busy`` when the queue is full, unless `force` (the lines of
    /// a batch already admitted, which bounds its own lines in flight).
    public func run<T: Sendable>(force: Bool = false, _ work: @escaping @Sendable () -> T) async throws -> T {
        let admitted = counts.withLockedValue { c -> Bool in
            guard force || c.admitted - c.running < capacity else { return false }
            c.admitted += 1
            return true
        }
        guard admitted else { throw Busy() }
        defer { counts.withLockedValue { $0.admitted -= 1 } }
        return try await threads.runIfActive { [counts] in
            counts.withLockedValue { $0.running += 1 }
            defer { counts.withLockedValue { $0.running -= 1 } }
            return work()
        }
    }

    /// Stops the threads once the jobs given to them are done.
    public func shutdown() async throws {
        try await threads.shutdownGracefully()
    }
}
