import ErkendCore
import Foundation
import Synchronization

/// Slows down password guessing without letting a stranger lock anyone out.
///
/// Failures are counted per user name and address together: after
/// `SignInPolicy.attemptsBeforeDelay` of them that address waits, longer with each
/// further failure. Someone guessing from many addresses at once is slowed down
/// per user name as well, but only at addresses the account has never signed in
/// from: where the owner signed in before, they still can. The same rules apply
/// to names that have no account, so the answer never tells whether one exists.
///
/// The counts live in a `SignInAttemptStore`: in memory for one node (SQLite), in the
/// database when several nodes share PostgreSQL, so the limit holds across them.
final class SignInThrottle: Sendable {
    let store: any SignInAttemptStore

    init(store: (any SignInAttemptStore)? = nil) {
        self.store = store ?? MemorySignInAttempts()
    }

    /// Throws `.limitExceeded` with the seconds to wait when this address must wait before trying `username` again.
    func check(username: String, source: String, at instant: Date) async throws {
        var wait: TimeInterval?
        if let failures = try await store.failures(Self.key(username, source)) {
            wait = SignInPolicy.wait(afterFailures: failures.count, last: failures.last, at: instant)
        }
        if wait == nil, let failures = try await store.failures(Self.nameKey(username)),
           instant.timeIntervalSince(failures.last) < SignInPolicy.failureMemory,
           try await !store.isKnown(username: username, source: source) {
            wait = SignInPolicy.wait(afterFailures: failures.count, last: failures.last,
                                     threshold: SignInPolicy.namewideAttemptsBeforeDelay, at: instant)
        }
        if let wait {
            let seconds = Int(wait.rounded(.up))
            throw ErkendError(.limitExceeded, "too many failed sign-ins for this user name from your address; try again in \(seconds) seconds",
                              retryAfter: seconds)
        }
    }

    /// Counts a failure; returns the number of failures in a row from this address for this name.
    @discardableResult
    func recordFailure(username: String, source: String, at instant: Date) async throws -> Int {
        try await store.recordFailure([Self.key(username, source), Self.nameKey(username)], at: instant,
                                      memory: SignInPolicy.failureMemory).first ?? 1
    }

    /// The owner signed in from `source`: that address is known from now on, and its failures are forgotten.
    func recordSuccess(username: String, source: String) async throws {
        try await store.clear(Self.key(username, source))
        try await store.addKnown(username: username, source: source)
    }

    private static func key(_ username: String, _ source: String) -> String { "source\u{0}\(username)\u{0}\(source)" }
    private static func nameKey(_ username: String) -> String { "name\u{0}\(username)" }
}

/// Sign-in failures in memory, per process: for one node.
final class MemorySignInAttempts: SignInAttemptStore {
    private struct State {
        var failures: [String: SignInFailures] = [:]
        /// user name → addresses the account signed in from.
        var knownSources: [String: Set<String>] = [:]
    }

    private let state = Mutex(State())

    func failures(_ key: String) -> SignInFailures? {
        state.withLock { $0.failures[key] }
    }

    func recordFailure(_ keys: [String], at instant: Date, memory: TimeInterval) -> [Int] {
        state.withLock { state in
            if state.failures.count > 200_000 { state.failures.removeAll() }
            return keys.map { key in
                var failures = SignInFailures(count: 1, last: instant)
                if let earlier = state.failures[key], instant.timeIntervalSince(earlier.last) < memory {
                    failures.count = earlier.count + 1
                }
                state.failures[key] = failures
                return failures.count
            }
        }
    }

    func clear(_ key: String) {
        state.withLock { _ = $0.failures.removeValue(forKey: key) }
    }

    func isKnown(username: String, source: String) -> Bool {
        state.withLock { $0.knownSources[username]?.contains(source) == true }
    }

    func addKnown(username: String, source: String) {
        state.withLock { state in
            if state.knownSources.count > 100_000 { state.knownSources.removeAll() }
            state.knownSources[username, default: []].insert(source)
        }
    }
}
