import ErkendCore
import ErkendTestSupport
import Foundation
import Testing

/// What every backend's guess limits must do: the token bucket of `GuessLimit`, whichever store counts.
/// Runs once per `StoreBackend` (SQLite keeps the buckets in memory, PostgreSQL in the database).
@Suite("Guess limit contract")
struct GuessLimitContractTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("A full bucket lets the capacity through, refuses the next saying how long to wait, and refills with time",
          arguments: StoreBackend.allCases)
    func bucket(backend: StoreBackend) async throws {
        let (storage, lease) = try await backend.makeStorage()
        defer { _ = lease }
        let limits = storage.guessLimits
        let limit = GuessLimit(capacity: 5, perMinute: 30)
        for _ in 0..<5 {
            #expect(try await limits.take("signoff 192.0.2.1", limit: limit, at: Self.start) == nil)
        }
        let wait = try #require(try await limits.take("signoff 192.0.2.1", limit: limit, at: Self.start))
        #expect(abs(wait - 2) < 0.001, "one token comes back every two seconds: \(wait)")
        #expect(try await limits.take("signoff 192.0.2.2", limit: limit, at: Self.start) == nil, "another address has its own bucket")
        #expect(try await limits.take("signoff 192.0.2.1", limit: limit, at: Self.start.addingTimeInterval(1)) != nil,
                "half a token is not a try")
        #expect(try await limits.take("signoff 192.0.2.1", limit: limit, at: Self.start.addingTimeInterval(2)) == nil)
        #expect(try await limits.take("signoff 192.0.2.1", limit: limit, at: Self.start.addingTimeInterval(2)) != nil)
        for _ in 0..<5 {
            #expect(try await limits.take("signoff 192.0.2.1", limit: limit, at: Self.start.addingTimeInterval(3600)) == nil,
                    "after a long pause the bucket is full again, never fuller")
        }
        #expect(try await limits.take("signoff 192.0.2.1", limit: limit, at: Self.start.addingTimeInterval(3600)) != nil)
        #expect(try await limits.take("signoff 192.0.2.1", limit: limit, at: Self.start.addingTimeInterval(3500)) != nil,
                "a clock behind the last try refills nothing")
    }

    @Test("Forty tries at once under one key let exactly the capacity of ten through", arguments: StoreBackend.allCases)
    func concurrent(backend: StoreBackend) async throws {
        let (storage, lease) = try await backend.makeStorage()
        defer { _ = lease }
        let limits = storage.guessLimits
        let limit = GuessLimit(capacity: 10, perMinute: 10)
        let allowed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<40 {
                group.addTask { try await limits.take("oid4vci 198.51.100.7", limit: limit, at: Self.start) == nil }
            }
            return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(allowed == 10)
    }
}
