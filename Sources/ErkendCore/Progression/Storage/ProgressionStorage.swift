/// Everything about learners' progression that Erkend stores, one repository
/// per kind of record, on one storage backend.
///
/// House rules every implementation keeps, and the contract tests check:
/// - each method is one transaction: it is stored whole or not at all;
/// - every write takes an `AuditRecord` and appends it to the audit log in
///   the same transaction. The repository fills in an empty `subject` (the
///   learner the change is about) and `target` (the id of the record
///   written), and refuses with `.invalidInput` a record naming another learner;
/// - errors are `ErkendError`: `.notFound` for an unknown id passed to a write,
///   `.conflict` for a duplicate id or a state that changed meanwhile,
///   `.invalidInput` for a value that contradicts what is stored (an
///   observation whose enrolment is another learner's);
/// - reads return `nil` or an empty list for unknown ids.
///
/// The repositories check how records relate to each other and to stored
/// state; whether a record may be made at all (a level on the EPA's scale, a
/// decision rule met) is for the core's validations before the call.
public protocol ProgressionStorage: Sendable {
    var learners: any LearnerRepository { get }
    var enrolments: any EnrolmentRepository { get }
    var mentors: any MentorRepository { get }
    var placements: any PlacementRepository { get }
    var observations: any ObservationRepository { get }
    var signoffs: any SignoffRepository { get }
    /// The mails waiting to be sent; sign-off requests put theirs in it.
    var outbox: any MailOutbox { get }
    var decisions: any DecisionRepository { get }
    var results: any UnitResultRepository { get }
    var statements: any PracticeStatementRepository { get }
    var recognition: any RecognitionRepository { get }

    /// What computing one learner's progress needs, read at one moment;
    /// `nil` when the learner does not exist. Cheap enough to call per request.
    func progressInputs(learner: Learner.ID) async throws -> ProgressInputs?

    /// Stores generated data fast, in one transaction per call, for the demo
    /// generator and load tests: call it in chunks of a few thousand learners.
    /// Records may only refer to records of the same or an earlier batch.
    /// Appends `audit` once, as a summary, with the counts written added to its
    /// details and an empty target set to the channel's id (the generator run);
    /// nothing else of the batch is audited.
    func bulkInsert(_ batch: ProgressionBatch, audit: AuditRecord) async throws
}

public extension ProgressionStorage {
    func bulkInsert(learners: [Learner] = [], enrolments: [Enrolment] = [], placements: [Placement] = [], mentors: [Mentor] = [],
                    observations: [Observation] = [], decisions: [EntrustmentDecision] = [], results: [UnitResult] = [],
                    audit: AuditRecord) async throws {
        try await bulkInsert(ProgressionBatch(learners: learners, enrolments: enrolments, placements: placements, mentors: mentors,
                                              observations: observations, decisions: decisions, results: results), audit: audit)
    }
}
