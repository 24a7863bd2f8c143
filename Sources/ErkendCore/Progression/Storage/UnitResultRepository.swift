/// Storage of unit results. A recognised result is written by
/// `RecognitionRepository.decide`, together with the decision it comes from.
public protocol UnitResultRepository: Sendable {
    /// Stores a result with basis `.completed`. `.notFound` for an unknown
    /// learner or enrolment; `.invalidInput` for a recognised basis or an
    /// enrolment of another learner; `.conflict` when the id is taken.
    func record(_ result: UnitResult, audit: AuditRecord) async throws
    func result(_ id: UnitResult.ID) async throws -> UnitResult?
    /// The learner's results by achievement day then id.
    func results(learner: Learner.ID) async throws -> [UnitResult]
}
