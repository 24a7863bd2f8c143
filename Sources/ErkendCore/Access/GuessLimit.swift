public import Foundation
import Synchronization

/// How fast someone may guess at a secret (a sign-off link, a password, a pre-authorized code):
/// a token bucket of `capacity` tries at once, refilled at `perMinute`. Each try takes a token;
/// with none left the try is refused, saying how long until the next one.
public struct GuessLimit: Hashable, Sendable {
    public let capacity: Double
    public let perMinute: Double

    /// Buckets untouched this long are full again for every limit (stores may forget them).
    public static let longestRefill: TimeInterval = 3600

    public init(capacity: Int, perMinute: Int) {
        precondition(capacity >= 1 && perMinute >= 1 && Double(capacity) * 60 / Double(perMinute) <= Self.longestRefill,
                     "a guess limit refills within an hour")
        self.capacity = Double(capacity)
        self.perMinute = Double(perMinute)
    }

    /// One bucket: the tokens left at the last try.
    public struct Bucket: Hashable, Sendable {
        public var tokens: Double
        public var updated: Date

        public init(tokens: Double, updated: Date) {
            self.tokens = tokens
            self.updated = updated
        }
    }

    /// A try at `instant` against `bucket` (nil: never tried, or forgotten, so full). Returns the bucket
    /// afterwards and, when refused, the seconds until a token is there. A clock that runs behind
    /// another node's refills nothing rather than going back in time.
    public func take(_ bucket: Bucket?, at instant: Date) -> (bucket: Bucket, wait: TimeInterval?) {
        var bucket = bucket ?? Bucket(tokens: capacity, updated: instant)
        bucket.tokens = min(capacity, bucket.tokens + max(0, instant.timeIntervalSince(bucket.updated)) * perMinute / 60)
        bucket.updated = max(bucket.updated, instant)
        guard bucket.tokens >= 1 else { return (bucket, (1 - bucket.tokens) * 60 / perMinute) }
        bucket.tokens -= 1
        return (bucket, nil)
    }
}

/// Where the guess limits count. One node keeps the buckets in memory (`MemoryGuessLimits`); nodes
/// that share a PostgreSQL database keep them there, so that guesses spread over the nodes are counted
/// together and a limit holds for all of them, not per node. Keys name the guarded thing and the
/// client's address; a store that writes them down keeps only their hash.
public protocol GuessLimitStore: Sendable {
    /// One try under `key`: nil when it may go ahead, else the seconds to wait. Concurrent tries on
    /// any node each take their own token; none is lost and none counted twice.
    func take(_ key: String, limit: GuessLimit, at instant: Date) async throws -> TimeInterval?
}

/// Guess limits in this process's memory: enough for a single node (the SQLite backend).
public final class MemoryGuessLimits: GuessLimitStore {
    private let buckets = Mutex<[String: GuessLimit.Bucket]>([:])

    public init() {}

    public func take(_ key: String, limit: GuessLimit, at instant: Date) -> TimeInterval? {
        buckets.withLock { buckets in
            if buckets.count > 100_000 {
                buckets = buckets.filter { instant.timeIntervalSince($0.value.updated) < GuessLimit.longestRefill }
                if buckets.count > 100_000 { buckets.removeAll() }
            }
            let (bucket, wait) = limit.take(buckets[key], at: instant)
            buckets[key] = bucket
            return wait
        }
    }
}
