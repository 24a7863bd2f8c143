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
        let account = Account(id: Account.ID(trusted: UUID().uuidString.lowercased()), username: username.lowercased(), displayName: displayName,
                              roles: roles, learner: learner, mentor: mentor, createdAt: now)
        try account.validate()
        try SignInPolicy.validateNewPassword(password, username: account.username)
        try await accounts.create(account, passwordHash: LocalPasswordProvider(accounts: accounts, cost: cost).hash(password))
        return account
    }
}
