public import ErkendCore
public import Foundation

/// Account chores the command line and the demo share with the API.
public struct AccountAdministration: Sendable {
    let accounts: any AccountRepository
    let cost: UInt8

    public init(accounts: any AccountRepository, passwordCost: UInt8 = 12) {
        self.accounts = accounts
        self.cost = passwordCost
    }

    /// Creates an account with a password that follows the password rules.
    @discardableResult
    public func create(username: String, displayName: String, roles: Set<Role>, learner: Learner.ID? = nil, mentor: Mentor.ID? = nil, password: String, now: Date = Date()) async throws -> Account {
        let account = Account(id: Account.ID(trusted: UUID().uuidString.lowercased()), username: try UserName.normalize(username), displayName: displayName,
                              roles: roles, learner: learner, mentor: mentor, createdAt: now)
        try account.validate()
        try SignInPolicy.validateNewPassword(password, username: account.username)
        try await accounts.create(account, passwordHash: LocalPasswordProvider(accounts: accounts, cost: cost).hash(password), audit: AuditRecord(
            at: now, actor: Principal.commandLine.auditActor, channel: Principal.commandLine.auditChannel, action: AuditAction.accountCreated,
            target: account.id.rawValue, details: ["roles": roles.sorted().map(\.rawValue).joined(separator: " ")]))
        return account
    }

    /// Makes an API token for the account with `username`, as the command line on the server (`erkend accounts token`).
    /// Returns the token and its secret, which is shown once.
    public func token(username: String, name: String, scopes: Set<TokenScope>, lifetimeDays: Int?, now: Date = Date()) async throws -> (APIToken, String) {
        let user = try UserName.normalize(username)
        guard let (account, _) = try await accounts.account(username: user) else { throw ErkendError.notFound("an account with user name \(user)") }
        guard !account.isDisabled else { throw ErkendError(.conflict, "the account \(user) is disabled") }
        let auth = AuthService(accounts: accounts, passwords: LocalPasswordProvider(accounts: accounts, cost: cost), placements: { _ in [] }, now: { now })
        return try await auth.createToken(for: account, by: .commandLine, name: name, scopes: scopes, expiresInDays: lifetimeDays)
    }
}
