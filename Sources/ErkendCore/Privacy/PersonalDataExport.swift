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
    /// The evidence the recognition cases keep, itself: each stored file or credential.
    public var evidence: [ExportedEvidence]
    public var consents: [Consent]
    /// Who looked at or received the learner's data.
    public var accessLog: [AccessRecord]
    /// The audit entries about the learner (identifiers only).
    public var auditEntries: [AuditEntry]
    /// Why each kind of record is kept, and on which lawful basis.
    public var processing: [ProcessingRecord]
}

/// One piece of stored evidence in an export: the data itself, not a reference to it.
public struct ExportedEvidence: Sendable, Codable, Hashable {
    /// The key the case's evidence item names (`source.key`).
    public var key: String
    public var recognitionCase: RecognitionCase.ID
    public var mediaType: String
    public var size: Int
    /// The content as text, for text, JSON and XML media types (a credential, a note).
    public var text: String?
    /// The content in base64, for every other media type (a PDF, an image).
    public var base64: String?

    public init(_ stored: StoredEvidence) {
        key = stored.key
        recognitionCase = stored.recognitionCase
        mediaType = stored.mediaType
        size = stored.bytes.count
        let type = stored.mediaType.lowercased()
        let textual = type.hasPrefix("text/") || type.contains("json") || type.contains("xml") || type.hasSuffix("jwt")
        if textual, let text = String(data: stored.bytes, encoding: .utf8) {
            self.text = text
        } else {
            base64 = stored.bytes.base64EncodedString()
        }
    }
}
