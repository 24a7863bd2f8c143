/// Storage of practice statements. A statement is created as requested and
/// signed or declined by its mentor through `SignoffRepository`.
public protocol PracticeStatementRepository: Sendable {
    /// Stores a statement with status `.requested` (`.invalidInput` otherwise,
    /// or when `PracticeStatement.validate` fails). `.notFound` for an unknown
    /// placement; `.invalidInput` when the placement is another learner's;
    /// `.conflict` when the id is taken.
    func create(_ statement: PracticeStatement, audit: AuditRecord) async throws
    func statement(_ id: PracticeStatement.ID) async throws -> PracticeStatement?
    /// The learner's statements by period start then id.
    func statements(learner: Learner.ID) async throws -> [PracticeStatement]
    /// The placement's statements by period start then id.
    func statements(placement: Placement.ID) async throws -> [PracticeStatement]
    /// The statements `mentor` signed: those signed through a sign-off request
    /// that named this mentor, by period start then id. A co-mentor on the same
    /// placement signs through their own request, so their statements are not here.
    func statements(signedBy mentor: Mentor.ID) async throws -> [PracticeStatement]
}
