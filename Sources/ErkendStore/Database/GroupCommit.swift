import Foundation
import GRDB
import Metrics
import Synchronization

/// Writes that arrive while the writer is busy go into the next transaction
/// together: one commit for many small writes (group commit). Each write runs
/// in a savepoint of its own, so one that fails is rolled back alone and the
/// others still commit; each caller hears about its own write only once the
/// transaction holding it has committed.
///
/// SQLite has a single writer; a transaction per observation spent most of its
/// time on the commit and on the hop to the writer's thread, and every other
/// request queued behind it.
final class GroupCommit: Sendable {
    private struct Pending: Sendable {
        let body: @Sendable (Database) throws -> Void
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var queue: [Pending] = []
        var draining = false
    }

    private let writer: any DatabaseWriter
    private let state = Mutex(State())
    /// The most writes one transaction takes, so that a long queue still commits in steps.
    private let batchLimit: Int

    init(writer: any DatabaseWriter, batchLimit: Int = 256) {
        self.writer = writer
        self.batchLimit = batchLimit
    }

    /// Runs `body` in the next group transaction; returns after it committed,
    /// or throws what `body` (or the commit) threw.
    func write(_ body: @escaping @Sendable (Database) throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let startDraining = state.withLock { state in
                state.queue.append(Pending(body: body, continuation: continuation))
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if startDraining { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while true {
            let batch: [Pending] = state.withLock { state in
                let batch = Array(state.queue.prefix(batchLimit))
                state.queue.removeFirst(batch.count)
                if batch.isEmpty { state.draining = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                let results = try await writer.write { db in
                    batch.map { pending -> Result<Void, any Error> in
                        do {
                            try db.inSavepoint {
                                try pending.body(db)
                                return .commit
                            }
                            return .success(())
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                // Writes per commit, for /metrics: how much group commit is saving right now.
                Recorder(label: "erkend_group_commit_batch_size").record(batch.count)
                for (pending, result) in zip(batch, results) { pending.continuation.resume(with: result) }
            } catch {
                // The transaction itself failed (the commit, say): none of its writes happened.
                for pending in batch { pending.continuation.resume(throwing: error) }
            }
        }
    }
}
