/// Storage of recognition cases (EVC, vrijstelling), the evidence they keep,
/// and their decisions.
public protocol RecognitionRepository: Sendable {
    /// Stores an undecided case (`RecognitionCase.validate` must pass) with the
    /// content of every evidence item whose source is `.stored(key:)`: one
    /// `EvidenceContent` per such key, no more and no fewer (`.invalidInput`).
    /// `.tooLarge` for content over `EvidenceContent.maximumSize`;
    /// `.invalidInput` for evidence naming a practice statement that is not
    /// the learner's stored statement; `.notFound` for an unknown learner or
    /// enrolment; `.conflict` when the case id or an evidence key is taken.
    func create(_ recognitionCase: RecognitionCase, evidence: [EvidenceContent], audit: AuditRecord) async throws
    /// Records the decision on an undecided case together with the results of
    /// the units it recognises, in one transaction with one audit entry.
    /// `resultingResults` must be exactly one passed result with basis
    /// `.recognised(case: id)` per unit the decision recognises
    /// (`RecognitionCase.checkResults`), `.invalidInput` otherwise. `.notFound`
    /// for an unknown case, `.conflict` for a case decided already.
    /// Returns the case as stored now.
    @discardableResult
    func decide(_ id: RecognitionCase.ID, _ decision: RecognitionDecision, resultingResults: [UnitResult], audit: AuditRecord) async throws -> RecognitionCase
    func recognitionCase(_ id: RecognitionCase.ID) async throws -> RecognitionCase?
    /// The learner's cases by opening day then id.
    func cases(learner: Learner.ID) async throws -> [RecognitionCase]
    /// The stored content of an evidence item, by the key of its `.stored(key:)` source.
    func evidence(key: String) async throws -> StoredEvidence?
}
