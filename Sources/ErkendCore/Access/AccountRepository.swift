public import Foundation

/// Storage of accounts, sessions and API tokens. Secrets are passed in hashed.
public protocol AccountRepository: Sendable {
    /// Adds an account; `.conflict` when the user name is taken.
    func create(_ account: Account, passwordHash: String?) async throws
    func update(_ account: Account) async throws
    func account(_ id: Account.ID) async throws -> Account?
    func account(username: String) async throws -> (account: Account, password: PasswordState)?
    func accounts(page: PageRequest) async throws -> Page<Account>
    /// The account of a learner or mentor record, if it has one.
    func account(learner: Learner.ID) async throws -> Account?
    func setPassword(_ id: Account.ID, hash: String) async throws
    /// Counts a failed sign-in; returns the number of failures in a row.
    func recordFailedSignIn(_ id: Account.ID, lockedUntil: (Int) -> Date?) async throws -> Int
    func recordSuccessfulSignIn(_ id: Account.ID) async throws

    func createSession(_ session: Session, secretHash: String) async throws
    func session(secretHash: String) async throws -> Session?
    func touchSession(secretHash: String, at instant: Date) async throws
    func deleteSession(secretHash: String) async throws
    func deleteSessions(of account: Account.ID) async throws

    func createToken(_ token: APIToken, secretHash: String) async throws
    /// The token and the account it belongs to, read together: authenticating
    /// a bearer token is on the path of every API request.
    func tokenWithAccount(secretHash: String) async throws -> (token: APIToken, account: Account)?
    func tokens(of account: Account.ID) async throws -> [APIToken]
    /// Revokes a token of the account; `.notFound` when it has no such token.
    func revokeToken(_ id: String, of account: Account.ID, at instant: Date) async throws
    func touchToken(_ id: String, at instant: Date) async throws
}
