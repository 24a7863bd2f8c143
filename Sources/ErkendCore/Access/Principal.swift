/// Who is making a request, as far as authorization is concerned: anonymous,
/// an account signed in through a session, an API token, or a mentor holding a
/// sign-off link. Built by the edge (HTTP or CLI), judged by `AccessPolicy`.
public struct Principal: Hashable, Sendable {
    public enum Channel: Hashable, Sendable {
        case anonymous
        /// A browser session; `id` is the session's public identifier, never its secret.
        case session(id: String)
        /// An API token with scopes; `id` is the token's public identifier.
        case token(id: String, scopes: Set<TokenScope>)
        /// A mentor's single-use sign-off link.
        case signoffLink(id: String)
        /// The command line on the server itself, which acts as the administrator.
        case commandLine
    }

    public var account: Account.ID?
    public var roles: Set<Role>
    public var channel: Channel
    /// The learner record of a learner account.
    public var learner: Learner.ID?
    /// The mentor record of a mentor.
    public var mentor: Mentor.ID?
    /// For mentors: the learners on their placements. Resolved when the principal is built.
    public var mentees: Set<Learner.ID>
    /// For mentors: learners whose placements with them have all ended. The mentor no
    /// longer opens their record; what they recorded themselves stays readable.
    public var formerMentees: Set<Learner.ID>
    /// The account's display name as it was when the request was authenticated, for records that name who acted.
    public var displayName: String?

    public init(account: Account.ID?, roles: Set<Role>, channel: Channel, learner: Learner.ID? = nil, mentor: Mentor.ID? = nil,
                mentees: Set<Learner.ID> = [], formerMentees: Set<Learner.ID> = [], displayName: String? = nil) {
        self.account = account
        self.roles = roles
        self.channel = channel
        self.learner = learner
        self.mentor = mentor
        self.mentees = mentees
        self.formerMentees = formerMentees
        self.displayName = displayName
    }

    public static let anonymous = Principal(account: nil, roles: [], channel: .anonymous)
    public static let commandLine = Principal(account: nil, roles: [.administrator], channel: .commandLine)

    public var isAuthenticated: Bool { channel != .anonymous }

    /// An identifier for the audit log: the account, the mentor, or the channel.
    public var auditIdentifier: String {
        if let account { return "account:\(account.rawValue)" }
        if let mentor { return "mentor:\(mentor.rawValue)" }
        switch channel {
        case .commandLine: return "cli"
        case .signoffLink(let id): return "link:\(id)"
        default: return "anonymous"
        }
    }
}

/// What an API token may be used for. A token never grants more than its account's roles.
public enum TokenScope: String, Sendable, Codable, CaseIterable, Comparable {
    /// Read the catalogue, drafts included.
    case catalogueRead = "catalogue:read"
    /// Write, publish and deprecate catalogue entries; import catalogues.
    case catalogueWrite = "catalogue:write"
    /// Read learners and their progression.
    case learnersRead = "learners:read"
    /// Enrol and place learners; record observations, results and decisions.
    case learnersWrite = "learners:write"
    /// Read metrics and the audit log.
    case reports = "reports"
    /// Manage accounts and privacy requests.
    case admin = "admin"

    public static func < (lhs: TokenScope, rhs: TokenScope) -> Bool { lhs.rawValue < rhs.rawValue }
}
