/// Storage of workplace mentors.
public protocol MentorRepository: Sendable {
    /// `.conflict` when the id is taken.
    func create(_ mentor: Mentor, audit: AuditRecord) async throws
    func mentor(_ id: Mentor.ID) async throws -> Mentor?
    /// The mentors on the learner's placements, by name.
    func mentors(learner: Learner.ID) async throws -> [Mentor]
}
