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
    /// The latest consent per purpose.
    func consents(learner: Learner.ID) async throws -> [Consent]
    func recordAccess(_ access: AccessRecord) async throws
    func accesses(learner: Learner.ID, page: PageRequest) async throws -> Page<AccessRecord>
    /// Removes the learner's personal data beyond the learner record itself: free-text
    /// feedback, decline reasons, evidence content, their account's name and access;
    /// keeps ids, dates, levels and hashes so decisions, the audit chain and status lists stay valid.
    func eraseContent(of learner: Learner.ID, pseudonym: String, at instant: Date) async throws
}
