import Foundation

/// What erasing a learner's personal data (AVG/GDPR article 17) does to the
/// records about them, as pure functions the storage applies in the erasure's
/// one transaction.
///
/// Free text that staff, mentors or the learner wrote about the learner is
/// personal data: it may name them, describe them or quote them. Each such
/// field is replaced by `marker` — the same fixed text whatever was there, so
/// not even its length stays. What the records rest on stays: ids, dates,
/// levels, codes, results, and who acted (observer, deciders, committee,
/// assessor, signatory, the placement's organisation), which is the
/// accountability of a decision and data about those people, not about the
/// learner.
public enum Erasure {
    /// What replaces erased free text.
    public static let marker = "[gewist]"

    /// The longest reason an erasure may carry.
    public static let maximumReasonLength = 200

    /// The free-text fields erasure replaces, as they are named in the API and the export;
    /// `Docs/security.md` lists the same.
    public static let redactedFields = [
        "observation.feedback", "observation.context.workplace", "observation.context.department",
        "decision.scope", "decision.overrideReason", "decision.withdrawal.reason",
        "recognitionCase.evidence[].title", "recognitionCase.evidence[].issuer",
        "recognitionCase.mappings[].rationale", "recognitionCase.decision.reasons[]",
        "practiceStatement.tasks[].description", "practiceStatement.tasks[].frequency",
        "placement.department", "signoffRequest.declineReason",
    ]

    public static func redact(_ observation: Observation) -> Observation {
        var observation = observation
        observation.feedback = marker
        observation.context.workplace = observation.context.workplace.map { _ in marker }
        observation.context.department = observation.context.department.map { _ in marker }
        return observation
    }

    public static func redact(_ decision: EntrustmentDecision) -> EntrustmentDecision {
        var decision = decision
        decision.scope = decision.scope.map { _ in marker }
        decision.overrideReason = decision.overrideReason.map { _ in marker }
        decision.withdrawal?.reason = marker
        return decision
    }

    public static func redact(_ recognitionCase: RecognitionCase) -> RecognitionCase {
        var recognitionCase = recognitionCase
        for index in recognitionCase.evidence.indices {
            recognitionCase.evidence[index].title = marker
            recognitionCase.evidence[index].issuer = marker
        }
        for index in recognitionCase.mappings.indices {
            recognitionCase.mappings[index].rationale = recognitionCase.mappings[index].rationale.map { _ in marker }
        }
        // One marker for all reasons: how many there were says nothing worth keeping.
        if recognitionCase.decision != nil { recognitionCase.decision?.reasons = [marker] }
        return recognitionCase
    }

    public static func redact(_ statement: PracticeStatement) -> PracticeStatement {
        var statement = statement
        for index in statement.tasks.indices {
            statement.tasks[index].description = marker
            statement.tasks[index].frequency = statement.tasks[index].frequency.map { _ in marker }
        }
        return statement
    }

    public static func redact(_ placement: Placement) -> Placement {
        var placement = placement
        placement.department = placement.department.map { _ in marker }
        return placement
    }

    /// The pseudonym an erased learner is shown under.
    public static func pseudonym(of id: Learner.ID) -> String {
        "Gewist \(String(id.rawValue.prefix(8)))"
    }

    /// Checks the reason an erasure is recorded with. It goes into the audit
    /// log, which can never be changed or erased, so it must not be personal
    /// data: not blank, at most `maximumReasonLength` characters, and without
    /// the learner's name, e-mail address or student number. A request's
    /// reference ("AVG-verzoek 2026-041") is what it is for.
    public static func validateReason(_ reason: String, of learner: Learner) throws {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ErkendError.invalid("reason", "record why the data is erased (the request's reference)") }
        guard trimmed.count <= maximumReasonLength else {
            throw ErkendError.invalid("reason", "give the request's reference in at most \(maximumReasonLength) characters; it is kept in the audit log for good")
        }
        let folded = trimmed.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let personal = [learner.name, learner.email, learner.studentNumber].compactMap { $0 }
            + learner.name.split(separator: " ").map(String.init).filter { $0.count >= 4 }
        for value in personal where !value.isBlank {
            if folded.contains(value.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)) {
                throw ErkendError.invalid("reason", "the reason is kept in the audit log for good and must not hold the learner's name, e-mail address or student number; give the request's reference instead")
            }
        }
    }
}
