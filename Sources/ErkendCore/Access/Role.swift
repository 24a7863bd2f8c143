/// What a person does in Erkend. An account can hold several roles.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// Runs the installation: accounts, audit, privacy requests.
    case administrator
    /// Programme designer (onderwijsontwikkelaar): writes and publishes the catalogue.
    case designer
    /// Assessor or committee member (examencommissie): entrustment and recognition decisions.
    case assessor
    /// Coach or teacher: follows learners, records unit results.
    case coach
    /// Workplace mentor (praktijkopleider, werkbegeleider): only their own placements.
    case mentor
    /// A learner: only their own data.
    case learner

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The institution's own staff, who may see every learner.
    public var isStaff: Bool {
        switch self {
        case .administrator, .assessor, .coach: true
        case .designer, .mentor, .learner: false
        }
    }
}
