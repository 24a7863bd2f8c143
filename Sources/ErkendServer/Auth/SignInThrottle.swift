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
/// In memory, per process, like `RateLimiter`.
final class SignInThrottle: Sendable {
    private struct Failures {
        var count: Int
        var last: Date
    }

    private struct State {
        var perSource: [String: Failures] = [:]
        var perName: [String: Failures] = [:]
        /// user name → addresses the account signed in from.
        var knownSources: [String: Set<String>] = [:]
    }

    private let state = Mutex(State())

    /// Throws `.limitExceeded` with the seconds to wait when this address must wait before trying `username` again.
    func check(username: String, source: String, at instant: Date) throws {
        let wait: TimeInterval? = state.withLock { state in
            if let failures = state.perSource[Self.key(username, source)],
               let wait = SignInPolicy.wait(afterFailures: failures.count, last: failures.last, at: instant) {
                return wait
            }
            if state.knownSources[username]?.contains(source) != true, let failures = state.perName[username],
               instant.timeIntervalSince(failures.last) < SignInPolicy.failureMemory,
               let wait = SignInPolicy.wait(afterFailures: failures.count, last: failures.last,
                                            threshold: SignInPolicy.namewideAttemptsBeforeDelay, at: instant) {
                return wait
            }
            return nil
        }
        if let wait {
            let seconds = Int(wait.rounded(.up))
            throw ErkendError(.limitExceeded, "too many failed sign-ins for this user name from your address; try again in \(seconds) seconds",
                              retryAfter: seconds)
        }
    }

    /// Counts a failure; returns the number of failures in a row from this address for this name.
    @discardableResult
    func recordFailure(username: String, source: String, at instant: Date) -> Int {
        state.withLock { state in
            if state.perSource.count > 100_000 { state.perSource.removeAll(); state.perName.removeAll() }
            func bump(_ failures: Failures?) -> Failures {
                guard let failures, instant.timeIntervalSince(failures.last) < SignInPolicy.failureMemory else { return Failures(count: 1, last: instant) }
                return Failures(count: failures.count + 1, last: instant)
            }
            let key = Self.key(username, source)
            state.perSource[key] = bump(state.perSource[key])
            state.perName[username] = bump(state.perName[username])
            return state.perSource[key]!.count
        }
    }

    /// The owner signed in from `source`: that address is known from now on, and its failures are forgotten.
    func recordSuccess(username: String, source: String) {
        state.withLock { state in
            state.perSource[Self.key(username, source)] = nil
            if state.knownSources.count > 100_000 { state.knownSources.removeAll() }
            state.knownSources[username, default: []].insert(source)
        }
    }

    private static func key(_ username: String, _ source: String) -> String { "\(username)\u{0}\(source)" }
}
