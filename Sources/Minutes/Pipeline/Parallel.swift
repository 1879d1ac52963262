import Foundation

/// Work spread over threads with results kept in input order (batch extraction, evaluation).
public enum Parallel {
    /// `transform` over `items` on up to `jobs` threads; each thread takes the next item when it
    /// is done, so one slow article does not stall a core. Results come back in input order.
    public static func orderedMap<T, R>(_ items: [T], jobs: Int, _ transform: (T) -> R) -> [R] {
        if jobs <= 1 || items.count <= 1 { return items.map(transform) }
        var results = [R?](repeating: nil, count: items.count)
        let lock = NSLock()
        var next = 0
        results.withUnsafeMutableBufferPointer { slots in
            let slots = slots
            DispatchQueue.concurrentPerform(iterations: min(jobs, items.count)) { _ in
                while true {
                    lock.lock()
                    let i = next
                    next += 1
                    lock.unlock()
                    if i >= items.count { return }
                    slots[i] = transform(items[i])
                }
            }
        }
        return results.map { $0! }
    }
}
