public import ErkendCore
public import Foundation
import PostgresNIO
import Synchronization

/// The guess limits' buckets in PostgreSQL, so that guesses spread over several nodes are counted
/// together. A try is one `INSERT … ON CONFLICT DO UPDATE … RETURNING`, the rule of `GuessLimit.take`
/// in SQL: PostgreSQL locks the row, so concurrent tries at any node each see the one before. Keys
/// (which hold the client's address) are stored as their SHA-256 only. Every 1,000th try at a node
/// also forgets the buckets untouched for longer than any limit takes to refill.
public struct PostgresGuessLimits: GuessLimitStore {
    let database: PostgresDatabase
    private let tries = Tries()

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func take(_ key: String, limit: GuessLimit, at instant: Date) async throws -> TimeInterval? {
        let hashed = PostgresText.sha256(key), at = instant.timeIntervalSince1970
        let capacity = limit.capacity, perSecond = limit.perMinute / 60
        // `refilled` as in GuessLimit.take: never more than the capacity, never less for a clock behind.
        let refilled = "LEAST($2, bucket.tokens + GREATEST(0, $3 - bucket.updated_at) * $4)"
        let query = PostgresQuery(unsafeSQL: """
            INSERT INTO guess_bucket AS bucket (key, tokens, updated_at, taken) VALUES ($1, $2 - 1, $3, true)
            ON CONFLICT (key) DO UPDATE SET
                tokens = CASE WHEN \(refilled) >= 1 THEN \(refilled) - 1 ELSE \(refilled) END,
                taken = \(refilled) >= 1,
                updated_at = GREATEST(bucket.updated_at, $3)
            RETURNING tokens, taken
            """, binds: try Self.binds(hashed, capacity, at, perSecond))
        let row = try await database.rows(query).first
        if tries.next().isMultiple(of: 1000) {
            try await database.execute("DELETE FROM guess_bucket WHERE updated_at < \(at - GuessLimit.longestRefill)")
        }
        guard let row, try !row.value("taken", as: Bool.self) else { return nil }
        return (1 - (try row.value("tokens", as: Double.self))) * 60 / limit.perMinute
    }

    private static func binds(_ key: String, _ capacity: Double, _ at: Double, _ perSecond: Double) throws -> PostgresBindings {
        var binds = PostgresBindings(capacity: 4)
        try binds.append(key)
        try binds.append(capacity)
        try binds.append(at)
        try binds.append(perSecond)
        return binds
    }

    /// Tries at this node, for the occasional clean-up.
    private final class Tries: Sendable {
        private let count = Atomic<Int>(0)
        func next() -> Int { count.add(1, ordering: .relaxed).newValue }
    }
}
