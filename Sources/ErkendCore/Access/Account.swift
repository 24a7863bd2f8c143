public import Foundation

/// A person who signs in: staff, a learner, or a workplace mentor with an account.
public struct Account: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Account>

    public var id: ID
    /// What the person types to sign in (an e-mail address or a user name), stored in `UserName`'s normal form.
    public var username: String
    public var displayName: String
    public var roles: Set<Role>
    /// The learner this account belongs to, for learner accounts.
    public var learner: Learner.ID?
    /// The mentor record this account belongs to, for mentors with an account.
    public var mentor: Mentor.ID?
    public var isDisabled: Bool
    public var createdAt: Date

    public init(id: ID, username: String, displayName: String, roles: Set<Role>, learner: Learner.ID? = nil, mentor: Mentor.ID? = nil, isDisabled: Bool = false, createdAt: Date) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.roles = roles
        self.learner = learner
        self.mentor = mentor
        self.isDisabled = isDisabled
        self.createdAt = createdAt
    }

    /// Checks the account on its own: a user name, a role, and the links its roles need.
    public func validate() throws {
        guard try UserName.normalize(username) == username else {
            throw ErkendError.invalid("username", "is stored in normal form (NFKC, case-folded): \(try UserName.normalize(username))")
        }
        guard !displayName.trimmingCharacters(in: .whitespaces).isEmpty else { throw ErkendError.invalid("displayName", "is required") }
        guard !roles.isEmpty else { throw ErkendError.invalid("roles", "an account needs at least one role") }
        if roles.contains(.learner), learner == nil {
            throw ErkendError.invalid("learner", "a learner account must name the learner it belongs to")
        }
        if roles.contains(.mentor), mentor == nil {
            throw ErkendError.invalid("mentor", "a mentor account must name the mentor it belongs to")
        }
    }
}
