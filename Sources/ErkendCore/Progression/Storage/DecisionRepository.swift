/// Storage of entrustment decisions. Decisions are never deleted or changed,
/// except that an active one can be withdrawn once.
public protocol DecisionRepository: Sendable {
    /// Stores a checked decision (`DecisionValidation.validate`). `.notFound`
    /// for an unknown enrolment; `.invalidInput` when the enrolment is another
    /// learner's, a basis observation is not stored for this learner, or the
    /// decision is withdrawn already; `.conflict` when the id is taken.
    func record(_ decision: EntrustmentDecision, audit: AuditRecord) async throws
    /// Withdraws a decision that is not withdrawn yet; check the withdrawal with
    /// `DecisionValidation.withdraw` first. `.notFound` for an unknown id,
    /// `.conflict` when it was withdrawn already (also by a concurrent call).
    /// Returns the decision as stored now.
    @discardableResult
    func withdraw(_ id: EntrustmentDecision.ID, _ withdrawal: EntrustmentDecision.Withdrawal, audit: AuditRecord) async throws -> EntrustmentDecision
    func decision(_ id: EntrustmentDecision.ID) async throws -> EntrustmentDecision?
    /// The learner's decisions, withdrawn ones included, by decision day then id.
    func decisions(learner: Learner.ID) async throws -> [EntrustmentDecision]
}
