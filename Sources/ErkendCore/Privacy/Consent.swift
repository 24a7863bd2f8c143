public import Foundation

/// What a learner may agree to share beyond what the institution needs.
public enum ConsentPurpose: String, Sendable, Codable, CaseIterable {
    /// Workplace mentors see grades of unit results, not only passed/failed.
    case gradesToMentors = "grades-to-mentors"
    /// Workplace mentors see the evidence handed in for recognition.
    case evidenceToMentors = "evidence-to-mentors"
}

/// A learner's consent, as last given or withdrawn.
public struct Consent: Hashable, Sendable, Codable {
    public var learner: Learner.ID
    public var purpose: ConsentPurpose
    public var granted: Bool
    public var at: Date
    /// Who recorded it (the learner, or staff on the learner's written request), as an identifier.
    public var recordedBy: String

    public init(learner: Learner.ID, purpose: ConsentPurpose, granted: Bool, at: Date, recordedBy: String) {
        self.learner = learner
        self.purpose = purpose
        self.granted = granted
        self.at = at
        self.recordedBy = recordedBy
    }
}

/// One look at, or delivery of, a learner's data by someone other than the learner.
public struct AccessRecord: Hashable, Sendable, Codable {
    public var at: Date
    public var learner: Learner.ID
    /// Who: an account, a mentor, a link — identifiers only.
    public var actor: String
    public var channel: String
    /// What was read or sent, e.g. `GET /api/v1/learners/:learner/progress`.
    public var what: String

    public init(at: Date, learner: Learner.ID, actor: String, channel: String, what: String) {
        self.at = at
        self.learner = learner
        self.actor = actor
        self.channel = channel
        self.what = what
    }
}

/// Storage of consents and the access log.
public protocol PrivacyRepository: Sendable {
    func record(_ consent: Consent, audit: AuditRecord) async throws
    /// Records several consents, each with its audit entry, in one transaction: all or none.
    func record(_ consents: [(consent: Consent, audit: AuditRecord)]) async throws
    /// The latest consent per purpose.
    func consents(learner: Learner.ID) async throws -> [Consent]
    func recordAccess(_ access: AccessRecord) async throws
    /// Records several accesses (a list of learners that was read) in one transaction.
    func recordAccesses(_ accesses: [AccessRecord]) async throws
    func accesses(learner: Learner.ID, page: PageRequest) async throws -> Page<AccessRecord>
    /// Erases the learner's personal data in one transaction with `audit`: the learner
    /// record's name (replaced by `pseudonym`), student number, e-mail address and date of
    /// birth; the free text of every record about them (`Erasure.redact`); decline
    /// reasons; evidence content and its SHA-256; their account's name and access.
    /// Ends active enrolments and open placements on the day of `instant`, withdraws
    /// open sign-off links (status `withdrawn`), and marks the learner erased, so that the store refuses new
    /// records about them. Ids, dates, levels and codes stay, so decisions, the audit
    /// chain and status lists stay valid.
    ///
    /// - Throws: `ErkendError` `.notFound` for an unknown learner, `.conflict` when the
    ///   learner was erased already.
    func erase(_ learner: Learner.ID, pseudonym: String, at instant: Date, audit: AuditRecord) async throws -> Learner
}
