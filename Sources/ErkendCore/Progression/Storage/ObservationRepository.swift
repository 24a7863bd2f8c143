/// Storage of observations. Observations are never changed once recorded.
public protocol ObservationRepository: Sendable {
    /// Stores a checked observation (`ObservationValidation`). `.notFound` for
    /// an unknown enrolment; `.invalidInput` when the enrolment or placement is
    /// another learner's; `.conflict` when the id is taken.
    func record(_ observation: Observation, audit: AuditRecord) async throws
    func observation(_ id: Observation.ID) async throws -> Observation?
    /// The learner's observations, of one EPA code (any version) when given, by day then id.
    func observations(learner: Learner.ID, epa code: String?) async throws -> [Observation]
}
