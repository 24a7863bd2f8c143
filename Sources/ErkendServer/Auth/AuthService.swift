import ErkendCore
import Foundation

/// Signing in and out, API tokens, and turning a cookie or bearer token into a `Principal`.
struct AuthService: Sendable {
    let accounts: any AccountRepository
    let passwords: LocalPasswordProvider
    /// A mentor's placements, for the policy's mentor rule: current ones give access to the
    /// learner's record, ended ones only to what the mentor recorded themselves.
    let placements: @Sendable (Mentor.ID) async throws -> [Placement]
    let now: @Sendable () -> Date

    static let sessionCookie = "erkend_session"
    static let tokenPrefix = "erk_"

    struct SignedIn: Sendable {
        var session: Session
        var secret: String
        var account: Account
    }

    /// Signs in with a password; `source` is the client's address, for throttling guesses.
    func signIn(username: String, password: String, source: String = "unknown") async throws -> SignedIn {
        let instant = now()
        let account = try await passwords.authenticate(username: username, password: password, source: source, at: instant)
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
    /// The session and its account are read once, together, as for bearer tokens.
    func principal(sessionSecret secret: String) async throws -> (Principal, Session, Account)? {
        let hash = Secrets.hash(secret)
        guard let (session, account) = try await accounts.sessionWithAccount(secretHash: hash) else { return nil }
        let instant = now()
        guard SignInPolicy.isLive(session, at: instant) else {
            try await accounts.deleteSession(secretHash: hash)
            return nil
        }
        guard !account.isDisabled else { return nil }
        // Writing on every request would serialise reads behind the writer; a minute's precision is enough.
        if instant.timeIntervalSince(session.lastSeenAt) > 60 {
            try await accounts.touchSession(secretHash: hash, at: instant)
        }
        return (try await principal(account, channel: .session(id: session.id)), session, account)
    }

    /// The principal of a bearer token, or `nil` when it is unknown, revoked or expired.
    func principal(bearer secret: String) async throws -> (Principal, Account)? {
        guard secret.hasPrefix(Self.tokenPrefix), let (token, account) = try await accounts.tokenWithAccount(secretHash: Secrets.hash(secret)) else { return nil }
        let instant = now()
        guard token.isUsable(at: instant), !account.isDisabled else { return nil }
        if token.lastUsedAt.map({ instant.timeIntervalSince($0) > 60 }) ?? true {
            try await accounts.touchToken(token.id, at: instant)
        }
        return (try await principal(account, channel: .token(id: token.id, scopes: token.scopes)), account)
    }

    func principal(_ account: Account, channel: Principal.Channel) async throws -> Principal {
        var mentees: Set<Learner.ID> = [], former: Set<Learner.ID> = []
        if account.roles.contains(.mentor), let mentor = account.mentor {
            let placements = try await self.placements(mentor)
            mentees = MentorTenure.currentMentees(of: mentor, placements: placements, on: Day(now()))
            former = Set(placements.map(\.learner)).subtracting(mentees)
        }
        return Principal(account: account.id, roles: account.roles, channel: channel, learner: account.learner, mentor: account.mentor,
                         mentees: mentees, formerMentees: former, displayName: account.displayName)
    }

    /// Creates a token for `account`; the secret is shown once and never again.
    /// `by` is who asks: a token can never mint a token with a scope it lacks itself,
    /// and no token gets a scope the account's roles cannot use.
    func createToken(for account: Account, by principal: Principal? = nil, name: String, scopes: Set<TokenScope>, expiresInDays: Int?) async throws -> (APIToken, String) {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 100,
              !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ErkendError.invalid("name", "give the token a name of 1 to 100 characters, so you know later what it is for")
        }
        let instant = now()
        let token = try APITokenRules.token(id: Secrets.publicID(), account: account, requestedBy: principal?.channel, name: name,
                                            scopes: scopes, lifetimeDays: expiresInDays, at: instant)
        let secret = Secrets.make(prefix: Self.tokenPrefix)
        let actor = principal ?? .commandLine
        try await accounts.createToken(token, secretHash: Secrets.hash(secret), audit: AuditRecord(
            at: instant, actor: actor.auditActor, channel: actor.auditChannel, action: AuditAction.tokenCreated, target: token.id,
            details: ["account": account.id.rawValue, "scopes": token.scopes.map(\.rawValue).sorted().joined(separator: " "),
                      "expiresAt": token.expiresAt.map { $0.formatted(.iso8601) } ?? "never"]))
        return (token, secret)
    }
}
