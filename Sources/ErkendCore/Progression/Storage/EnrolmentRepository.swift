/// Storage of enrolments: a learner in one version of a programme.
public protocol EnrolmentRepository: Sendable {
    /// `.notFound` when the learner does not exist; `.conflict` when the id is taken.
    func create(_ enrolment: Enrolment, audit: AuditRecord) async throws
    /// Replaces the stored enrolment with the same id (a status or end day
    /// changed); the learner cannot change. `.notFound` when there is none.
    func update(_ enrolment: Enrolment, audit: AuditRecord) async throws
    func enrolment(_ id: Enrolment.ID) async throws -> Enrolment?
    /// The learner's enrolments by start day.
    func enrolments(learner: Learner.ID) async throws -> [Enrolment]
}
