/// A learner at a workplace (leerbedrijf) for a period, with mentors.
public struct Placement: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<Placement>

    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Beroepspraktijkvorming (mbo).
        case bpv
        /// An internship (hbo).
        case stage
        /// A learning job: working and learning at the same employer.
        case leerbaan
        case other
    }

    public var id: ID
    public var learner: Learner.ID
    public var enrolment: Enrolment.ID
    public var organisation: String
    public var department: String?
    public var kind: Kind
    public var startDate: Day
    /// The last day of the placement, when known.
    public var endDate: Day?
    public var mentors: [Mentor.ID]

    public init(id: ID, learner: Learner.ID, enrolment: Enrolment.ID, organisation: String, department: String? = nil,
                kind: Kind = .bpv, startDate: Day, endDate: Day? = nil, mentors: [Mentor.ID] = []) {
        self.id = id
        self.learner = learner
        self.enrolment = enrolment
        self.organisation = organisation
        self.department = department
        self.kind = kind
        self.startDate = startDate
        self.endDate = endDate
        self.mentors = mentors
    }

    /// Whether `day` lies within the placement period (both ends included).
    public func covers(_ day: Day) -> Bool {
        day >= startDate && (endDate.map { day <= $0 } ?? true)
    }
}
