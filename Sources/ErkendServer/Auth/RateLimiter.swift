import ErkendCore
import Foundation

/// Token buckets per key (client address and route): `capacity` requests at
/// once, refilled at `perMinute`. In memory, per process: a request-rate limit
/// that protects one node's throughput (asking for sign-off, making tokens,
/// verifying credentials). Limits that guard a secret are `GuessLimiter`s.
final class RateLimiter: Sendable {
    let limit: GuessLimit
    private let buckets = MemoryGuessLimits()

    init(capacity: Int, perMinute: Int) {
        self.limit = GuessLimit(capacity: capacity, perMinute: perMinute)
    }

    /// Takes one token for `key`, or throws `.limitExceeded` saying when to retry.
    /// `instant` comes from the service's clock, like every other time Erkend reads.
    func take(_ key: String, at instant: Date) throws {
        if let wait = buckets.take(key, limit: limit, at: instant) { throw RateLimiter.exceeded(wait) }
    }

    static func exceeded(_ wait: TimeInterval) -> ErkendError {
        let seconds = max(1, Int(wait.rounded(.up)))
        return ErkendError(.limitExceeded, "too many requests; try again in \(seconds) seconds", retryAfter: seconds)
    }
}

/// The limit on guessing a secret — a sign-off link, a password, a pre-authorized code — per client
/// address. Its buckets are in the storage's `GuessLimitStore`: in memory on one node, in the database
/// when several nodes share PostgreSQL, so that guesses spread over the nodes count together.
struct GuessLimiter: Sendable {
    let limit: GuessLimit
    let store: any GuessLimitStore

    init(capacity: Int, perMinute: Int, store: any GuessLimitStore) {
        self.limit = GuessLimit(capacity: capacity, perMinute: perMinute)
        self.store = store
    }

    /// Takes one token for `key`, or throws `.limitExceeded` saying when to retry.
    func take(_ key: String, at instant: Date) async throws {
        if let wait = try await store.take(key, limit: limit, at: instant) { throw RateLimiter.exceeded(wait) }
    }
}
