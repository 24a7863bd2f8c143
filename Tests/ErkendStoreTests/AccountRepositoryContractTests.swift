import ErkendCore
import ErkendTestSupport
import Foundation
import Testing

/// What every accounts backend must do: accounts, sessions, API tokens and the
/// sign-in counter, with their audit entries. Runs once per `StoreBackend`.
@Suite("Account repository contract")
struct AccountRepositoryContractTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000.125)

    static func account(_ id: String = "acc-1", username: String = "coach@roc.nl", roles: Set<Role> = [.coach]) -> Account {
        Account(id: Account.ID(trusted: id), username: username, displayName: "Coach Een", roles: roles, createdAt: now)
    }

    static func audit(_ action: String, target: String) -> AuditRecord {
        AuditRecord(at: now, actor: .staff("acc-admin"), channel: .session("s-admin"), action: action, target: target)
    }

    @Test("An account reads back equal by id and user name, with its password state; a taken user name is a conflict", arguments: StoreBackend.allCases)
    func accountRoundTrip(backend: StoreBackend) async throws {
        let (store, keepAlive) = try await backend.makeRepositories()
        defer { _ = keepAlive }
        let account = Self.account()
        try await store.accounts.create(account, passwordHash: "$2b$hash", audit: Self.audit(AuditAction.accountCreated, target: "acc-1"))

        #expect(try await store.accounts.account(account.id) == account)
        let found = try await store.accounts.account(username: "coach@roc.nl")
        #expect(found?.account == account)
        #expect(found?.password == PasswordState(hash: "$2b$hash", failedAttempts: 0, lockedUntil: nil))
        let error = await #expect(throws: ErkendError.self) {
            try await store.accounts.create(Self.account("acc-2"), passwordHash: nil, audit: nil)
        }
        #expect(error?.code == .conflict)
        #expect(try await store.accounts.accounts(page: .first).total == 1)
        #expect(try await store.audit.entries(after: 0, limit: 10).map(\.record.action) == [AuditAction.accountCreated])
    }

    @Test("Failed sign-ins count up and a successful one or a new password resets them", arguments: StoreBackend.allCases)
    func failedSignIns(backend: StoreBackend) async throws {
        let (store, keepAlive) = try await backend.makeRepositories()
        defer { _ = keepAlive }
        let account = Self.account()
        try await store.accounts.create(account, passwordHash: "h1", audit: nil)

        #expect(try await store.accounts.recordFailedSignIn(account.id, audit: nil) == 1)
        #expect(try await store.accounts.recordFailedSignIn(account.id, audit: nil) == 2)
        #expect(try await store.accounts.account(username: account.username)?.password.failedAttempts == 2)
        try await store.accounts.recordSuccessfulSignIn(account.id)
        #expect(try await store.accounts.account(username: account.username)?.password.failedAttempts == 0)
        #expect(try await store.accounts.recordFailedSignIn(account.id, audit: nil) == 1)
        try await store.accounts.setPassword(account.id, hash: "h2", endAccess: false, at: Self.now, audit: nil)
        #expect(try await store.accounts.account(username: account.username)?.password == PasswordState(hash: "h2", failedAttempts: 0, lockedUntil: nil))
    }

    @Test("Sessions and tokens are found by their secret's hash; disabling the account ends them all", arguments: StoreBackend.allCases)
    func sessionsAndTokens(backend: StoreBackend) async throws {
        let (store, keepAlive) = try await backend.makeRepositories()
        defer { _ = keepAlive }
        var account = Self.account()
        try await store.accounts.create(account, passwordHash: "h", audit: nil)
        let session = Session(id: "sess-1", account: account.id, csrfToken: "csrf", createdAt: Self.now, lastSeenAt: Self.now,
                              expiresAt: Self.now.addingTimeInterval(3600))
        try await store.accounts.createSession(session, secretHash: "session-hash")
        let token = APIToken(id: "tok-1", account: account.id, name: "export", scopes: [.catalogueRead], createdAt: Self.now)
        try await store.accounts.createToken(token, secretHash: "token-hash", audit: nil)

        #expect(try await store.accounts.sessionWithAccount(secretHash: "session-hash")?.session == session)
        #expect(try await store.accounts.sessionWithAccount(secretHash: "session-hash")?.account == account)
        #expect(try await store.accounts.session(secretHash: "other") == nil)
        #expect(try await store.accounts.tokenWithAccount(secretHash: "token-hash")?.token == token)
        try await store.accounts.touchSession(secretHash: "session-hash", at: Self.now.addingTimeInterval(60))
        #expect(try await store.accounts.session(secretHash: "session-hash")?.lastSeenAt == Self.now.addingTimeInterval(60))

        account.isDisabled = true
        let later = Self.now.addingTimeInterval(120)
        try await store.accounts.update(account, audit: AuditRecord(at: later, actor: .staff("acc-admin"), channel: .session("s"),
                                                                    action: AuditAction.accountDisabled, target: "acc-1"))

        #expect(try await store.accounts.session(secretHash: "session-hash") == nil)
        #expect(try await store.accounts.tokens(of: account.id).map(\.revokedAt) == [later])
        #expect(try await store.accounts.account(account.id)?.isDisabled == true)
    }

    @Test("Revoking another account's token is not found; revoking twice keeps the first moment", arguments: StoreBackend.allCases)
    func revokeTokens(backend: StoreBackend) async throws {
        let (store, keepAlive) = try await backend.makeRepositories()
        defer { _ = keepAlive }
        let owner = Self.account()
        let other = Self.account("acc-2", username: "ander@roc.nl")
        try await store.accounts.create(owner, passwordHash: nil, audit: nil)
        try await store.accounts.create(other, passwordHash: nil, audit: nil)
        try await store.accounts.createToken(APIToken(id: "tok-1", account: owner.id, name: "n", scopes: [.catalogueRead], createdAt: Self.now),
                                             secretHash: "h1", audit: nil)

        let error = await #expect(throws: ErkendError.self) {
            try await store.accounts.revokeToken("tok-1", of: other.id, at: Self.now, audit: nil)
        }
        #expect(error?.code == .notFound)
        try await store.accounts.revokeToken("tok-1", of: owner.id, at: Self.now, audit: nil)
        try await store.accounts.revokeToken("tok-1", of: owner.id, at: Self.now.addingTimeInterval(5), audit: nil)
        #expect(try await store.accounts.tokens(of: owner.id).first?.revokedAt == Self.now)
    }
}
