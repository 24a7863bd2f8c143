import ErkendCore
import Foundation

/// Signing in and out, API tokens, and turning a cookie or bearer token into a `Principal`.
struct AuthService: Sendable {
    let accounts: any AccountRepository
    let passwords: LocalPasswordProvider
    /// Learners on a mentor's placements, for the policy's mentor rule.
    let mentees: @Sendable (Mentor.ID) async throws -> Set<Learner.ID>
    let now: @Sendable () -> Date

    static let sessionCookie = "erkend_session"
    static let tokenPrefix = "erk_"

    struct SignedIn: Sendable {
        var session: Session
        var secret: String
        var account: Account
    }

    func signIn(username: String, password: String) async throws -> SignedIn {
        let instant = now()
        let account = try await passwords.authenticate(username: username, password: password, at: instant)
        let secret = Secrets.make()
        let session = Session(id: Secrets.publicID(), account: account.id, csrfToken: Secrets.make(), createdAt: instant,
                              lastSeenAt: instant, expiresAt: instant.addingTimeInterval(SignInPolicy.absoluteTimeout))
        try await accounts.createSession(session, secretHash: Secrets.hash(secret))
        return SignedIn(session: session, secret: secret, account: account)
    }

    func signOut(secret: String) async throws {
        try await accounts.deleteSession(secretHash: Secrets.hash(secret))
    }

    /// The principal of a session cookie, or `nil` when the session is unknown, expired or its account disabled.
    func principal(sessionSecret secret: String) async throws -> (Principal, Session)? {
        let hash = Secrets.hash(secret)
        guard let session = try await accounts.session(secretHash: hash) else { return nil }
        let instant = now()
        guard SignInPolicy.isLive(session, at: instant) else {
            try await accounts.deleteSession(secretHash: hash)
            return nil
        }
        guard let account = try await accounts.account(session.account), !account.isDisabled else { return nil }
        // Writing on every request would serialise reads behind the writer; a minute's precision is enough.
        if instant.timeIntervalSince(session.lastSeenAt) > 60 {
            try await accounts.touchSession(secretHash: hash, at: instant)
        }
        return (try await principal(account, channel: .session(id: session.id)), session)
    }

    /// The principal of a bearer token, or `nil` when it is unknown, revoked or expired.
    func principal(bearer secret: String) async throws -> Principal? {
        guard secret.hasPrefix(Self.tokenPrefix), let (token, account) = try await accounts.tokenWithAccount(secretHash: Secrets.hash(secret)) else { return nil }
        let instant = now()
        guard token.isUsable(at: instant), !account.isDisabled else { return nil }
        if token.lastUsedAt.map({ instant.timeIntervalSince($0) > 60 }) ?? true {
            try await accounts.touchToken(token.id, at: instant)
        }
        return try await principal(account, channel: .token(id: token.id, scopes: token.scopes))
    }

    func principal(_ account: Account, channel: Principal.Channel) async throws -> Principal {
        var mentees: Set<Learner.ID> = []
        if account.roles.contains(.mentor), let mentor = account.mentor { mentees = try await self.mentees(mentor) }
        return Principal(account: account.id, roles: account.roles, channel: channel, learner: account.learner, mentor: account.mentor,
                         mentees: mentees, displayName: account.displayName)
    }

    /// Creates a token for the signed-in account; the secret is shown once and never again.
    func createToken(for account: Account, name: String, scopes: Set<TokenScope>, expiresInDays: Int?) async throws -> (APIToken, String) {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 100 else {
            throw ErkendError.invalid("name", "give the token a name of 1 to 100 characters, so you know later what it is for")
        }
        guard !scopes.isEmpty else { throw ErkendError.invalid("scopes", "a token needs at least one scope: \(TokenScope.allCases.map(\.rawValue).joined(separator: ", "))") }
        if let days = expiresInDays, !(1...730).contains(days) { throw ErkendError.invalid("expiresInDays", "must be 1 to 730") }
        let instant = now()
        let token = APIToken(id: Secrets.publicID(), account: account.id, name: name, scopes: scopes, createdAt: instant,
                             expiresAt: expiresInDays.map { instant.addingTimeInterval(Double($0) * 86400) })
        let secret = Secrets.make(prefix: Self.tokenPrefix)
        try await accounts.createToken(token, secretHash: Secrets.hash(secret))
        return (token, secret)
    }
}
