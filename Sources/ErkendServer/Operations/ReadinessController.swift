import ErkendCore
import Foundation
import Hummingbird
import Logging
import Synchronization

/// `GET /ready` for load balancers and orchestrators: 200 when the database answers within
/// `timeout` and has every migration of this version, else 503 with a problem document saying
/// which. `GET /health` stays the plain "the process answers".
struct ReadinessController: Sendable {
    let readiness: (any DatabaseReadiness)?
    var timeout: Duration = .seconds(3)

    struct Ready: Encodable {
        var status = "ready"
    }

    func addRoutes(to router: GuardedRouter) {
        router.get("ready", .action(.readPublished)) { _, context in
            try await check(logger: context.logger)
            return try JSONIO.response(Ready(), headers: [.cacheControl: "no-store"])
        }
    }

    /// Throws `.unavailable` in words when this node cannot serve. The reason the database gave is
    /// logged, not answered: it names the database server, and `/ready` is for anyone to ask.
    func check(logger: Logger) async throws {
        guard let readiness else { return }
        let pending: [String]
        do {
            guard let answer = try await Self.first(within: timeout, { try await readiness.pendingMigrations() }) else {
                logger.warning("not ready: the database did not answer within \(timeout)")
                throw ErkendError(.unavailable, "the database does not answer (waited \(timeout.components.seconds) seconds)", retryAfter: 5)
            }
            pending = answer
        } catch let error as ErkendError where error.code == .unavailable {
            throw error
        } catch {
            logger.warning("not ready: the database does not answer", metadata: ["error": "\(error)"])
            throw ErkendError(.unavailable, "the database does not answer", retryAfter: 5)
        }
        guard pending.isEmpty else {
            throw ErkendError(.unavailable, "the database lacks \(pending.count) migration(s) of this version (\(pending.joined(separator: ", "))); "
                                            + "a node of this version adds them when it starts", retryAfter: 5)
        }
    }

    /// `body`'s answer, or nil when it takes longer than `limit`. Returns at the limit even if
    /// `body` ignores cancellation (a connection pool waiting for a server that is gone).
    static func first<T: Sendable>(within limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T? {
        let once = Once()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T?, any Error>) in
            let work = Task {
                do {
                    let answer = try await body()
                    if once.claim() { continuation.resume(returning: answer) }
                } catch {
                    if once.claim() { continuation.resume(throwing: error) }
                }
            }
            Task {
                try? await Task.sleep(for: limit)
                if once.claim() {
                    work.cancel()
                    continuation.resume(returning: nil)
                }
            }
        }
    }

    /// The first of the racers to claim it resumes the continuation.
    private final class Once: Sendable {
        private let claimed = Mutex(false)
        func claim() -> Bool { claimed.withLock { claimed in defer { claimed = true }; return !claimed } }
    }
}
