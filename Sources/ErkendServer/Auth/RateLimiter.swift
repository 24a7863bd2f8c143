import ErkendCore
import Foundation
import Synchronization

/// Token buckets per key (client address and route): `capacity` requests at
/// once, refilled at `perMinute`. In memory, per process — enough to slow down
/// guessing of passwords and links on one node.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    let capacity: Double
    let perMinute: Double
    private let buckets = Mutex<[String: Bucket]>([:])

    init(capacity: Int, perMinute: Int) {
        self.capacity = Double(capacity)
        self.perMinute = Double(perMinute)
    }

    /// Takes one token for `key`, or throws `.limitExceeded` saying when to retry.
    /// `instant` comes from the service's clock, like every other time Erkend reads.
    func take(_ key: String, at instant: Date) throws {
        let wait: Double? = buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: instant)
            bucket.tokens = min(capacity, bucket.tokens + instant.timeIntervalSince(bucket.updated) * perMinute / 60)
            bucket.updated = instant
            if buckets.count > 100_000 { buckets.removeAll() }
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return (1 - bucket.tokens) * 60 / perMinute
            }
            bucket.tokens -= 1
            buckets[key] = bucket
            return nil
        }
        if let wait {
            let seconds = Int(wait.rounded(.up))
            throw ErkendError(.limitExceeded, "too many requests; try again in \(seconds) seconds", retryAfter: seconds)
        }
    }
}
