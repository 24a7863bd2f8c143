/// Filters for a list of learners; every filter given must hold.
public struct LearnerFilter: Hashable, Sendable {
    /// Text to find in the name, student number or e-mail address.
    public var text: String?
    /// Only learners with an enrolment in this cohort.
    public var cohort: String?
    /// Only learners with an enrolment in a version of this programme.
    public var programmeCode: String?
    /// Only learners holding at least one entrustment decision that is not withdrawn.
    public var withActiveDecisions: Bool

    public init(text: String? = nil, cohort: String? = nil, programmeCode: String? = nil, withActiveDecisions: Bool = false) {
        self.text = text
        self.cohort = cohort
        self.programmeCode = programmeCode
        self.withActiveDecisions = withActiveDecisions
    }
}

/// Storage of learners and their personal data.
public protocol LearnerRepository: Sendable {
    /// Throws `.conflict` when the id or the student number is taken.
    func create(_ learner: Learner, audit: AuditRecord) async throws
    /// Replaces the stored learner with the same id; `.notFound` when there is none.
    func update(_ learner: Learner, audit: AuditRecord) async throws
    func learner(_ id: Learner.ID) async throws -> Learner?
    /// Learners by name, then id.
    func list(filter: LearnerFilter, page: PageRequest) async throws -> Page<Learner>
    /// Stores the learners, mentors, enrolments and placements of an import
    /// (a CSV file) in one transaction, adding what is new and replacing what
    /// has the same id: all rows or none. A bad row throws an error whose
    /// details name its line. Appends `audit` once, with the counts written
    /// added to its details; an empty target becomes the channel's id (the import run).
    @discardableResult
    func importLearners(_ rows: [LearnerImportRow], audit: AuditRecord) async throws -> LearnerImportSummary
    /// Replaces the learner's personal data — name by `pseudonym`, student
    /// number, e-mail address and date of birth removed — and keeps the id and
    /// every progression record, so that results and the audit chain stay
    /// whole. Returns the learner as stored now; `.notFound` for an unknown id.
    @discardableResult
    func erase(_ id: Learner.ID, pseudonym: String, audit: AuditRecord) async throws -> Learner
}
