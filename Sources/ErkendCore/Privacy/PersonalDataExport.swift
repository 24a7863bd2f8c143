public import Foundation

/// Everything Erkend holds about one learner, in one machine-readable document
/// (AVG/GDPR articles 15 and 20), with why each kind of record is kept.
public struct PersonalDataExport: Sendable, Codable {
    public var exportedAt: Date
    public var learner: Learner
    public var enrolments: [Enrolment]
    public var placements: [Placement]
    public var mentors: [Mentor]
    public var observations: [Observation]
    public var decisions: [EntrustmentDecision]
    public var results: [UnitResult]
    public var practiceStatements: [PracticeStatement]
    public var recognitionCases: [RecognitionCase]
    public var consents: [Consent]
    /// Who looked at or received the learner's data.
    public var accessLog: [AccessRecord]
    /// The audit entries about the learner (identifiers only).
    public var auditEntries: [AuditEntry]
    /// Why each kind of record is kept, and on which lawful basis.
    public var processing: [ProcessingRecord]
}
