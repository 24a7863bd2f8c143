/// Storage of placements, and who mentors whom: a mentor may see a learner
/// only while on one of that learner's placements, which the security layer
/// asks through `learners(ofMentor:)` and `isMentor(_:of:)`.
public protocol PlacementRepository: Sendable {
    /// `.notFound` for an unknown enrolment or mentor; `.invalidInput` when the
    /// enrolment is another learner's; `.conflict` when the id is taken.
    func create(_ placement: Placement, audit: AuditRecord) async throws
    /// Replaces the stored placement with the same id, mentors included; the
    /// learner and enrolment cannot change. `.notFound` when there is none.
    func update(_ placement: Placement, audit: AuditRecord) async throws
    func placement(_ id: Placement.ID) async throws -> Placement?
    /// The learner's placements by start day.
    func placements(learner: Learner.ID) async throws -> [Placement]
    /// The placements the mentor is named on, by start day.
    func placements(ofMentor mentor: Mentor.ID) async throws -> [Placement]
    /// The learners of the mentor's placements, by name.
    func learners(ofMentor mentor: Mentor.ID) async throws -> [Learner]
    /// Whether the mentor is named on any placement of the learner.
    func isMentor(_ mentor: Mentor.ID, of learner: Learner.ID) async throws -> Bool
}
