/// The one place where Erkend decides who may do what. Routes, pages and the
/// command line ask it; nothing else checks roles.
public enum AccessPolicy {
    public enum Decision: Hashable, Sendable {
        case allowed
        /// Nobody is signed in, and someone must be.
        case unauthenticated
        /// Signed in, but not allowed.
        case forbidden(String)
    }

    /// Whether `principal` may perform `action`.
    public static func decide(_ principal: Principal, _ action: Action) -> Decision {
        switch action {
        case .readPublished:
            return .allowed
        case .useSignoffLink:
            return .allowed
        default:
            break
        }
        guard principal.isAuthenticated else { return .unauthenticated }
        if case .token(_, let scopes) = principal.channel, !scopes.contains(requiredScope(action, for: principal)) {
            return .forbidden("this API token lacks the scope \(requiredScope(action, for: principal).rawValue)")
        }
        if case .signoffLink = principal.channel {
            return .forbidden("a sign-off link only opens its own request")
        }
        let roles = principal.roles
        let allowedRoles = allowedRoles(action)
        if !roles.isDisjoint(with: allowedRoles) { return .allowed }
        // Relation-based access: learners to their own record, mentors to their mentees.
        if let learner = action.learner {
            if roles.contains(.learner), principal.learner == learner, learnerMay(action) { return .allowed }
            if roles.contains(.mentor), principal.mentees.contains(learner), mentorMay(action) { return .allowed }
            if roles.contains(.mentor), principal.formerMentees.contains(learner), mentorMay(action) {
                return .forbidden("your placement with this learner has ended, so you can no longer open or add to their record; what you recorded yourself is at /api/v1/mentor/records")
            }
        }
        if case .listLearners = action, roles.contains(.mentor) { return .allowed }
        if case .manageOwnAccount = action, principal.account != nil { return .allowed }
        return .forbidden("your roles (\(roles.sorted().map(\.rawValue).joined(separator: ", "))) do not allow \(action.name)")
    }

    /// Whether the principal may see catalogue drafts (lists filter them out otherwise).
    public static func seesDrafts(_ principal: Principal) -> Bool {
        decide(principal, .readDrafts) == .allowed
    }

    /// Whether the principal sees all learners in lists, rather than only their mentees.
    public static func seesAllLearners(_ principal: Principal) -> Bool {
        !principal.roles.isDisjoint(with: [.administrator, .assessor, .coach])
            && decide(principal, .listLearners) == .allowed
    }

    /// The roles that may perform an action on any learner.
    static func allowedRoles(_ action: Action) -> Set<Role> {
        switch action {
        case .readPublished, .useSignoffLink: Set(Role.allCases)
        case .readDrafts: [.administrator, .designer, .assessor, .coach]
        case .editCatalogue: [.administrator, .designer]
        case .listLearners, .readLearner, .reviewEntrustments: [.administrator, .assessor, .coach]
        case .manageLearners: [.administrator, .coach]
        case .recordObservation: [.assessor, .coach]
        case .requestSignoff: [.assessor, .coach]
        case .decideEntrustment: [.assessor]
        case .recordResult: [.assessor, .coach]
        case .submitEvidence: [.coach]
        case .decideRecognition: [.assessor]
        case .exportPersonalData: [.administrator]
        case .erasePersonalData: [.administrator]
        case .manageConsent: [.administrator]
        case .readMetrics: [.administrator, .designer, .assessor, .coach]
        case .readAudit: [.administrator]
        case .manageAccounts: [.administrator]
        case .manageOwnAccount: []
        case .revokeAward: [.administrator, .assessor]
        case .collectAward: []
        }
    }

    /// What a learner may do about their own record.
    private static func learnerMay(_ action: Action) -> Bool {
        switch action {
        case .readLearner, .requestSignoff, .submitEvidence, .exportPersonalData, .manageConsent, .collectAward: true
        default: false
        }
    }

    /// What a mentor may do about a learner on one of their placements.
    private static func mentorMay(_ action: Action) -> Bool {
        switch action {
        case .readLearner, .recordObservation: true
        default: false
        }
    }

    /// The token scope an action needs when `principal` performs it. A learner
    /// reading or exporting her own data needs `learners:read`, and changing her own
    /// consent `learners:write`: `admin` is for administering others.
    public static func requiredScope(_ action: Action, for principal: Principal) -> TokenScope {
        if let learner = action.learner, principal.learner == learner, principal.roles.contains(.learner) {
            switch action {
            case .exportPersonalData: return .learnersRead
            case .manageConsent: return .learnersWrite
            default: break
            }
        }
        return requiredScope(action)
    }

    /// The scopes an account with `roles` can use: those of the actions its roles allow
    /// (on its own record, for learners and mentors). A token with any other scope would
    /// promise access the policy refuses anyway, so tokens are not made with them.
    public static func usableScopes(_ roles: Set<Role>) -> Set<TokenScope> {
        let learner = Learner.ID(trusted: "scope-check")
        let principal = Principal(account: Account.ID(trusted: "scope-check"), roles: roles, channel: .session(id: "scope-check"),
                                  learner: learner, mentor: roles.contains(.mentor) ? Mentor.ID(trusted: "scope-check") : nil, mentees: [learner])
        var scopes: Set<TokenScope> = []
        for action in Action.all(about: learner) where action != .manageOwnAccount && decide(principal, action) == .allowed {
            scopes.insert(requiredScope(action, for: principal))
        }
        // Managing one's own account through a token (making more tokens) is administration.
        if roles.contains(.administrator) { scopes.insert(.admin) }
        return scopes
    }

    /// The token scope an action needs.
    public static func requiredScope(_ action: Action) -> TokenScope {
        switch action {
        case .readPublished, .readDrafts, .useSignoffLink: .catalogueRead
        case .editCatalogue: .catalogueWrite
        case .listLearners, .readLearner, .reviewEntrustments, .collectAward: .learnersRead
        case .manageLearners, .recordObservation, .requestSignoff, .decideEntrustment, .recordResult, .submitEvidence, .decideRecognition,
             .revokeAward:
            .learnersWrite
        case .readMetrics, .readAudit: .reports
        case .exportPersonalData, .erasePersonalData, .manageConsent, .manageAccounts, .manageOwnAccount: .admin
        }
    }
}
