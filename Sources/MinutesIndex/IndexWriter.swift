import Foundation

/// The one writer of an indexing run, on its own thread beside the extraction workers: batches
/// come in through a bounded queue and are written in the order they came, one transaction each
/// (``CorpusIndex/add(_:)``), so the workers go on extracting while a batch is written.
public final class IndexWriter: @unchecked Sendable {
    let index: CorpusIndex
    /// Batches waiting at most: a full queue makes ``submit(_:)`` wait, so memory stays bounded.
    let capacity: Int
    private let condition = NSCondition()
    private var waiting: [[IndexedArticle]] = []
    private var closed = false
    private var failure: Error?
    private let stopped = DispatchSemaphore(value: 0)

    public init(index: CorpusIndex, capacity: Int = 2) {
        self.index = index
        self.capacity = max(1, capacity)
        let thread = Thread { [self] in write() }
        thread.name = "minutes index writer"
        thread.start()
    }

    /// Queues `batch` for writing, waiting while the queue is full. Throws the error a batch
    /// before it met (nothing more is written then).
    public func submit(_ batch: [IndexedArticle]) throws {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= capacity, failure == nil { condition.wait() }
        if let failure { throw failure }
        waiting.append(batch)
        condition.broadcast()
    }

    /// Writes what is queued and stops the thread; throws the first error a batch met.
    public func finish() throws {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        stopped.wait()
        if let failure { throw failure }
    }

    private func write() {
        while true {
            condition.lock()
            while waiting.isEmpty, !closed { condition.wait() }
            guard !waiting.isEmpty else {
                condition.unlock()
                break
            }
            let batch = waiting.removeFirst()
            condition.broadcast()
            condition.unlock()
            do {
                try index.add(batch)
            } catch {
                condition.lock()
                failure = error
                waiting.removeAll()
                condition.broadcast()
                condition.unlock()
                break
            }
        }
        stopped.signal()
    }
}
