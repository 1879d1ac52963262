import Foundation
import Minutes
import MinutesBatch

/// Runs work over a stream of jobs on a pool of threads and hands results back in input order.
///
/// Jobs are taken in chunks (bounded in count and bytes), so memory stays flat however long the
/// stream; within a chunk the workers take jobs one at a time, so slow articles do not stall a core.
final class BatchRunner<Output> {
    let jobs: Int
    let work: (Job) -> Output
    /// Bounds of one chunk.
    let maxJobs: Int
    let maxBytes: Int

    init(jobs: Int, maxBytes: Int = 32 << 20, work: @escaping (Job) -> Output) {
        self.jobs = jobs
        self.work = work
        maxJobs = 128 * jobs
        self.maxBytes = maxBytes
    }

    func run<S: Sequence>(_ input: S, emit: (Job, Output) throws -> Void) rethrows where S.Element == Job {
        var iterator = input.makeIterator()
        while true {
            var chunk: [Job] = []
            var bytes = 0
            while chunk.count < maxJobs, bytes < maxBytes, let job = iterator.next() {
                chunk.append(job)
                bytes += job.size
            }
            if chunk.isEmpty { return }
            let outputs = process(chunk)
            for (job, output) in zip(chunk, outputs) { try emit(job, output) }
        }
    }

    private func process(_ chunk: [Job]) -> [Output] { Parallel.orderedMap(chunk, jobs: jobs, work) }
}
