import ErkendCore
import Foundation
import HummingbirdBcrypt

/// A way of proving who you are. Local passwords are the first; an OpenID
/// Connect provider (SURFconext, eduID) is another implementation of this
/// protocol plus a callback route — sessions, tokens and the policy stay as they are.
protocol IdentityProvider: Sendable {
    /// The account the credentials prove, or an error saying why not.
    func authenticate(username: String, password: String, at instant: Date) async throws -> Account
}

/// Passwords hashed with bcrypt, with backoff and lockout after failed attempts.
struct LocalPasswordProvider: IdentityProvider {
    let accounts: any AccountRepository
    /// bcrypt's work factor: 12 in production (about a quarter second), lower in tests.
    let cost: UInt8

    /// A hash to compare against when the user name is unknown, so that the answer
    /// takes as long as for a known one and does not reveal which names exist.
    private static let decoy = Bcrypt.hash("decoy password for unknown users", cost: 4)

    func authenticate(username: String, password: String, at instant: Date) async throws -> Account {
        let refusal = ErkendError(.unauthenticated, "the user name or password is wrong")
        guard let (account, state) = try await accounts.account(username: username.lowercased()) else {
            _ = Bcrypt.verify(password, hash: Self.decoy)
            throw refusal
        }
        if let until = state.lockedUntil, instant < until {
            throw ErkendError(.limitExceeded, "this account is locked after too many failed attempts; try again after \(until.formatted(.iso8601))")
        }
        guard !account.isDisabled, let hash = state.hash, Bcrypt.verify(password, hash: hash) else {
            if !account.isDisabled {
                _ = try await accounts.recordFailedSignIn(account.id) { SignInPolicy.lock(afterFailures: $0, at: instant) }
            }
            throw refusal
        }
        if state.failedAttempts > 0 { try await accounts.recordSuccessfulSignIn(account.id) }
        return account
    }

    func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }
}
