public import Foundation

/// The learner's rights under the AVG/GDPR: see everything, know who saw it,
/// choose what to share, and have personal data erased.
public struct PrivacyService: Sendable {
    public let progression: ProgressionService
    public let privacy: any PrivacyRepository
    public let audit: any AuditRepository

    public init(progression: ProgressionService, privacy: any PrivacyRepository, audit: any AuditRepository) {
        self.progression = progression
        self.privacy = privacy
        self.audit = audit
    }

    /// All of a learner's data; the export itself is recorded in the audit log.
    public func export(_ id: Learner.ID, by principal: Principal) async throws -> PersonalDataExport {
        let storage = progression.storage
        let record = try await progression.record(id)
        // The learner's own export is an access too (staff reads are logged by the route guard);
        // logged first, so that an export whose access cannot be logged is not given.
        if principal.learner == id {
            try await privacy.recordAccess(AccessRecord(at: progression.now(), learner: id, actor: principal.auditIdentifier,
                                                        channel: principal.auditChannel.description, what: "GET /api/v1/learners/:learner/export"))
        }
        let cases = try await storage.recognition.cases(learner: id)
        var evidence: [ExportedEvidence] = []
        for item in cases.flatMap(\.evidence) {
            guard case .stored(let key) = item.source, let stored = try await storage.recognition.evidence(key: key) else { continue }
            evidence.append(ExportedEvidence(stored))
        }
        var accesses: [AccessRecord] = []
        var page = try PageRequest(page: 1, size: PageRequest.maximumSize)
        while true {
            let batch = try await privacy.accesses(learner: id, page: page)
            accesses += batch.items
            guard batch.items.count == page.size else { break }
            page = try PageRequest(page: page.page + 1, size: page.size)
        }
        var entries: [AuditEntry] = []
        page = try PageRequest(page: 1, size: PageRequest.maximumSize)
        while true {
            let batch = try await audit.entries(subject: id, page: page)
            entries += batch.items
            guard batch.items.count == page.size else { break }
            page = try PageRequest(page: page.page + 1, size: page.size)
        }
        let export = PersonalDataExport(
            exportedAt: progression.now(), learner: record.learner, enrolments: record.enrolments, placements: record.placements,
            mentors: record.mentors, observations: try await storage.observations.observations(learner: id, epa: nil),
            decisions: try await storage.decisions.decisions(learner: id), results: try await storage.results.results(learner: id),
            practiceStatements: try await storage.statements.statements(learner: id), recognitionCases: cases, evidence: evidence,
            consents: try await privacy.consents(learner: id), accessLog: accesses, auditEntries: entries, processing: ProcessingRecord.register)
        _ = try await audit.append(progression.audit(principal, AuditAction.personalDataExported, subject: id, target: id.rawValue))
        return export
    }

    /// Erases or pseudonymises a learner's personal data on request. Ids, dates,
    /// levels and codes stay, so decisions keep their basis, the audit chain
    /// verifies and credentials can still be revoked; names, contact details,
    /// free text (`Erasure.redactedFields`) and evidence go; enrolments end, open
    /// sign-off links are withdrawn, and no new records about the learner are
    /// accepted. The audit entry keeps the reason (checked by
    /// `Erasure.validateReason` to hold no personal data) and who asked.
    public func erase(_ id: Learner.ID, reason: String, by principal: Principal) async throws -> Learner {
        let learner = try await progression.requireLearner(id)
        try Erasure.validateReason(reason, of: learner)
        let audit = progression.audit(principal, AuditAction.learnerErased, subject: id, target: id.rawValue, details: [
            "reason": reason.trimmingCharacters(in: .whitespacesAndNewlines),
            "requestedBy": principal.auditIdentifier,
        ])
        return try await privacy.erase(id, pseudonym: Erasure.pseudonym(of: id), at: progression.now(), audit: audit)
    }

    /// Gives or withdraws consent.
    public func setConsent(_ id: Learner.ID, _ purpose: ConsentPurpose, granted: Bool, by principal: Principal) async throws -> Consent {
        _ = try await progression.requireLearner(id)
        let consent = Consent(learner: id, purpose: purpose, granted: granted, at: progression.now(), recordedBy: principal.auditActor.description)
        try await privacy.record(consent, audit: progression.audit(principal, granted ? "consent.granted" : "consent.withdrawn", subject: id,
                                                                   target: id.rawValue, details: ["purpose": purpose.rawValue]))
        return consent
    }

    /// Sets several switches at once, as a form of switches does: only the purposes whose answer
    /// changes are recorded, each with its audit entry, all in one transaction.
    public func setConsents(_ id: Learner.ID, _ wanted: [ConsentPurpose: Bool], by principal: Principal) async throws -> [Consent] {
        _ = try await progression.requireLearner(id)
        let current = try await privacy.consents(learner: id)
        let instant = progression.now()
        var changes: [(consent: Consent, audit: AuditRecord)] = []
        for purpose in ConsentPurpose.allCases {
            guard let granted = wanted[purpose], granted != (current.first { $0.purpose == purpose }?.granted ?? false) else { continue }
            let consent = Consent(learner: id, purpose: purpose, granted: granted, at: instant, recordedBy: principal.auditActor.description)
            changes.append((consent, progression.audit(principal, granted ? "consent.granted" : "consent.withdrawn", subject: id,
                                                       target: id.rawValue, details: ["purpose": purpose.rawValue])))
        }
        if !changes.isEmpty { try await privacy.record(changes) }
        return changes.map(\.consent)
    }

    /// Whether the learner agreed to `purpose`.
    public func hasConsent(_ id: Learner.ID, _ purpose: ConsentPurpose) async throws -> Bool {
        try await privacy.consents(learner: id).first { $0.purpose == purpose }?.granted ?? false
    }
}
