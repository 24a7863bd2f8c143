/// A learner in exactly one version of a programme, from a start day: the
/// version fixes which phases, units and EPA targets apply to this learner,
/// even after the programme gets newer versions.
public struct Enrolment: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<Enrolment>

    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case active, completed, withdrawn
    }

    public var id: ID
    public var learner: Learner.ID
    public var programme: ExactReference
    public var startDate: Day
    /// The group the learner started with, such as `2025-2026` or `2025-feb`.
    public var cohort: String
    public var status: Status
    /// The last day of the enrolment, once it has ended.
    public var endDate: Day?

    public init(id: ID, learner: Learner.ID, programme: ExactReference, startDate: Day, cohort: String, status: Status = .active, endDate: Day? = nil) {
        self.id = id
        self.learner = learner
        self.programme = programme
        self.startDate = startDate
        self.cohort = cohort
        self.status = status
        self.endDate = endDate
    }

    /// Whether `day` lies within the enrolment: on or after the start, and on or before the end when there is one.
    public func covers(_ day: Day) -> Bool {
        day >= startDate && (endDate.map { day <= $0 } ?? true)
    }
}
