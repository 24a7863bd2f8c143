public import Foundation

/// Where failed sign-ins are counted for the sign-in throttle (per user name and address, and per user
/// name), and the addresses an account signed in from. A single node keeps them in memory; nodes that
/// share a PostgreSQL database keep them there, so that guessing at one node slows down guessing at all.
public protocol SignInAttemptStore: Sendable {
    /// The failures counted under `key` and when the last one was; nil when there are none.
    func failures(_ key: String) async throws -> SignInFailures?
    /// Counts one failure under each key: a count whose last failure is older than `memory` seconds starts
    /// again at one. Returns the new counts, in the order of `keys`.
    func recordFailure(_ keys: [String], at instant: Date, memory: TimeInterval) async throws -> [Int]
    /// Forgets the failures under `key`.
    func clear(_ key: String) async throws
    /// Whether the account of `username` signed in from `source` before.
    func isKnown(username: String, source: String) async throws -> Bool
    /// Remembers that the account of `username` signed in from `source`.
    func addKnown(username: String, source: String) async throws
}

/// Failures counted under one key.
public struct SignInFailures: Hashable, Sendable {
    public var count: Int
    public var last: Date

    public init(count: Int, last: Date) {
        self.count = count
        self.last = last
    }
}
