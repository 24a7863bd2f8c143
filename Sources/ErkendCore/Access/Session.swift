public import Foundation

/// A signed-in browser session. The secret in the cookie is never stored; the
/// store keys sessions by its hash. `id` is a public identifier for logs and audit.
public struct Session: Hashable, Sendable, Codable {
    public var id: String
    public var account: Account.ID
    /// Sent back with every form and unsafe request (double submit), so other sites cannot post on the user's behalf.
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date
    public var expiresAt: Date

    public init(id: String, account: Account.ID, csrfToken: String, createdAt: Date, lastSeenAt: Date, expiresAt: Date) {
        self.id = id
        self.account = account
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }
}

/// A token for machine clients: scoped, revocable, stored only as a hash.
public struct APIToken: Hashable, Sendable, Codable {
    public var id: String
    public var account: Account.ID
    public var name: String
    public var scopes: Set<TokenScope>
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?

    public init(id: String, account: Account.ID, name: String, scopes: Set<TokenScope>, createdAt: Date, expiresAt: Date? = nil, revokedAt: Date? = nil, lastUsedAt: Date? = nil) {
        self.id = id
        self.account = account
        self.name = name
        self.scopes = scopes
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    public func isUsable(at instant: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { instant < $0 } ?? true)
    }
}

/// What the store keeps about signing in with a password.
public struct PasswordState: Hashable, Sendable {
    public var hash: String?
    public var failedAttempts: Int
    public var lockedUntil: Date?

    public init(hash: String?, failedAttempts: Int, lockedUntil: Date?) {
        self.hash = hash
        self.failedAttempts = failedAttempts
        self.lockedUntil = lockedUntil
    }
}
