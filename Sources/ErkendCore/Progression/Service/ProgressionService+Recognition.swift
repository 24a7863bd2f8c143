public import Foundation

/// One piece of evidence handed in for recognition.
public struct NewEvidence: Hashable, Sendable, Codable {
    public var kind: EvidenceItem.Kind
    /// What the evidence is; read from the credential when left out for an Open Badge.
    public var title: String?
    public var issuer: String?
    public var issuedOn: Day?
    /// The credential as JSON (or a VC-JWT) for Open Badges; base64 for a document.
    public var content: String?
    /// The media type of a document, such as application/pdf.
    public var mediaType: String?
    /// For evidence that is a practice statement of this learner.
    public var practiceStatement: PracticeStatement.ID?
}

/// A recognition case (EVC, vrijstelling) as a learner or coach opens it: the
/// evidence, and the units or outcomes it should count for.
public struct NewRecognitionCase: Hashable, Sendable, Codable {
    public var evidence: [NewEvidence]
    /// Units or outcomes, each with the evidence (by position in `evidence`) that covers it.
    public var targets: [NewRecognitionTarget]
}

public struct NewRecognitionTarget: Hashable, Sendable, Codable {
    public var target: RecognitionTarget
    /// Positions in the case's evidence list, from 0.
    public var evidence: [Int]
    public var rationale: String?
}

/// An assessor's decision on a case.
public struct NewRecognitionDecision: Hashable, Sendable, Codable {
    public var result: RecognitionDecision.Result
    public var reasons: [String]
    /// For a partial decision: which of the case's targets are recognised.
    public var recognised: [RecognitionTarget]?
    public var decidedOn: Day?
}

extension ProgressionService {
    /// Opens a recognition case with its evidence, stored with the case.
    public func openRecognition(_ learner: Learner.ID, _ input: NewRecognitionCase, by principal: Principal) async throws -> RecognitionCase {
        _ = try await requireLearner(learner)
        guard !input.evidence.isEmpty else { throw ErkendError.invalid("evidence", "hand in at least one piece of evidence") }
        let caseID = RecognitionCase.ID(trusted: makeID())
        var items: [EvidenceItem] = []
        var contents: [EvidenceContent] = []
        for (index, evidence) in input.evidence.enumerated() {
            let location = "evidence[\(index)]"
            let itemID = EvidenceItem.ID(trusted: makeID())
            switch evidence.kind {
            case .practiceStatement:
                guard let id = evidence.practiceStatement, let statement = try await storage.statements.statement(id), statement.learner == learner else {
                    throw ErkendError.invalid("\(location).practiceStatement", "name one of the learner's practice statements")
                }
                guard statement.status == .signed else {
                    throw ErkendError.invalid("\(location).practiceStatement", "practice statement \(id) is not signed yet")
                }
                items.append(EvidenceItem(id: itemID, kind: .practiceStatement, title: evidence.title ?? "Praktijkverklaring",
                                          issuer: statement.signedBy?.organisation ?? statement.signedBy?.name ?? "", issuedOn: statement.signedOn,
                                          source: .practiceStatement(id), identityMethod: statement.signedBy?.identityMethod))
            case .openBadge2, .openBadge3:
                guard let content = evidence.content, !content.isBlank else {
                    throw ErkendError.invalid("\(location).content", "paste the credential (its JSON, or a VC-JWT)")
                }
                let summary = try OpenBadgeSummary.read(content, kind: evidence.kind, at: location)
                let key = itemID.rawValue
                items.append(EvidenceItem(id: itemID, kind: evidence.kind, title: evidence.title ?? summary.title,
                                          issuer: evidence.issuer ?? summary.issuer, issuedOn: evidence.issuedOn ?? summary.issuedOn, source: .stored(key: key)))
                contents.append(EvidenceContent(key: key, mediaType: summary.mediaType, bytes: Data(content.utf8)))
            case .document:
                guard let content = evidence.content, let bytes = Data(base64Encoded: content), !bytes.isEmpty else {
                    throw ErkendError.invalid("\(location).content", "send the document base64-encoded")
                }
                guard let title = evidence.title, !title.isBlank else { throw ErkendError.invalid("\(location).title", "say what the document is") }
                let key = itemID.rawValue
                items.append(EvidenceItem(id: itemID, kind: .document, title: title, issuer: evidence.issuer ?? "", issuedOn: evidence.issuedOn, source: .stored(key: key)))
                contents.append(EvidenceContent(key: key, mediaType: evidence.mediaType ?? "application/octet-stream", bytes: bytes))
            }
        }
        var mappings: [RecognitionMapping] = []
        for (index, target) in input.targets.enumerated() {
            let kind: CatalogueKind = if case .unit = target.target { .unit } else { .outcome }
            _ = try await published(kind, target.target.reference)
            let evidence = try target.evidence.map { position -> EvidenceItem.ID in
                guard items.indices.contains(position) else {
                    throw ErkendError.invalid("targets[\(index)].evidence", "there is no evidence number \(position); evidence is numbered from 0")
                }
                return items[position].id
            }
            mappings.append(RecognitionMapping(target: target.target, evidence: evidence, rationale: target.rationale?.trimmed.nilIfBlank))
        }
        let enrolment = try await storage.enrolments.enrolments(learner: learner).first { $0.status == .active }?.id
        let recognitionCase = RecognitionCase(id: caseID, learner: learner, enrolment: enrolment, openedOn: today, evidence: items, mappings: mappings)
        try recognitionCase.validate()
        try await storage.recognition.create(recognitionCase, evidence: contents, audit: audit(principal, AuditAction.recognitionOpened, subject: learner))
        return recognitionCase
    }

    /// Decides a case. Recognised units get a passed result marked as recognised,
    /// which counts toward the programme like a completed unit.
    public func decideRecognition(_ learner: Learner.ID, case id: RecognitionCase.ID, _ input: NewRecognitionDecision, by principal: Principal) async throws -> RecognitionCase {
        guard var recognitionCase = try await storage.recognition.recognitionCase(id), recognitionCase.learner == learner else {
            throw ErkendError.notFound("recognition case \(id) of learner \(learner)")
        }
        guard recognitionCase.decision == nil else { throw ErkendError(.conflict, "recognition case \(id) is decided already") }
        let decision = RecognitionDecision(result: input.result, reasons: input.reasons.map(\.trimmed).filter { !$0.isBlank },
                                           assessor: principal.auditActor.description, decidedOn: input.decidedOn ?? today,
                                           recognised: input.recognised ?? [])
        recognitionCase.decision = decision
        try recognitionCase.validate()
        var results: [UnitResult] = []
        for unit in recognitionCase.recognisedUnits {
            guard case .unit(let resolved) = try await published(.unit, unit) else { continue }
            results.append(UnitResult(id: UnitResult.ID(trusted: makeID()), learner: learner, enrolment: recognitionCase.enrolment,
                                      unit: ExactReference(resolved), outcome: .passed, achievedOn: decision.decidedOn,
                                      assessor: decision.assessor, basis: .recognised(case: id)))
        }
        return try await storage.recognition.decide(id, decision, resultingResults: results, audit: audit(
            principal, AuditAction.recognitionDecided, subject: learner, target: id.rawValue,
            details: ["result": decision.result.rawValue, "units": String(results.count)]))
    }

    public func recognitionCases(_ learner: Learner.ID) async throws -> [RecognitionCase] {
        _ = try await requireLearner(learner)
        return try await storage.recognition.cases(learner: learner)
    }
}
