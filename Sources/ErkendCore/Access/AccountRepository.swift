public import Foundation

/// Storage of accounts, sessions and API tokens. Secrets are passed in hashed.
/// Changes that matter take an audit record, appended in the same transaction.
public protocol AccountRepository: Sendable {
    /// Adds an account; `.conflict` when the user name is taken.
    func create(_ account: Account, passwordHash: String?, audit: AuditRecord?) async throws
    /// Changes an account; disabling it also ends its sessions and revokes its API tokens.
    func update(_ account: Account, audit: AuditRecord?) async throws
    func account(_ id: Account.ID) async throws -> Account?
    /// The account of a user name in normal form (`UserName.normalize`).
    func account(username: String) async throws -> (account: Account, password: PasswordState)?
    func accounts(page: PageRequest) async throws -> Page<Account>
    /// The account of a learner or mentor record, if it has one.
    func account(learner: Learner.ID) async throws -> Account?
    /// Stores a new password hash. With `endAccess` (a changed or reset password) the
    /// account's sessions end and its API tokens are revoked at `instant`, in the same transaction.
    func setPassword(_ id: Account.ID, hash: String, endAccess: Bool, at instant: Date, audit: AuditRecord?) async throws
    /// Counts a failed sign-in; returns the number of failures in a row.
    func recordFailedSignIn(_ id: Account.ID, audit: AuditRecord?) async throws -> Int
    func recordSuccessfulSignIn(_ id: Account.ID) async throws

    func createSession(_ session: Session, secretHash: String) async throws
    func session(secretHash: String) async throws -> Session?
    /// The session and its account, read together: authenticating a session
    /// cookie is on the path of every page and API request.
    func sessionWithAccount(secretHash: String) async throws -> (session: Session, account: Account)?
    func touchSession(secretHash: String, at instant: Date) async throws
    func deleteSession(secretHash: String) async throws
    func deleteSessions(of account: Account.ID) async throws

    func createToken(_ token: APIToken, secretHash: String, audit: AuditRecord?) async throws
    /// The token and the account it belongs to, read together: authenticating
    /// a bearer token is on the path of every API request.
    func tokenWithAccount(secretHash: String) async throws -> (token: APIToken, account: Account)?
    func tokens(of account: Account.ID) async throws -> [APIToken]
    /// Revokes a token of the account; `.notFound` when it has no such token.
    func revokeToken(_ id: String, of account: Account.ID, at instant: Date, audit: AuditRecord?) async throws
    func touchToken(_ id: String, at instant: Date) async throws
}

extension AccountRepository {
    public func create(_ account: Account, passwordHash: String?) async throws {
        try await create(account, passwordHash: passwordHash, audit: nil)
    }

    public func update(_ account: Account) async throws {
        try await update(account, audit: nil)
    }
}
