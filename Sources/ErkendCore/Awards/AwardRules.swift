import Foundation

/// Turns what happened in progression into awards. Pure: ids and evidence are
/// passed in, nothing is read or stored.
public enum AwardRules {
    /// The award for a passed unit result: `unitPassed`, or `recognitionGranted`
    /// when the result came from a recognition (EVC) decision. A failed result gives none.
    ///
    /// - Parameters:
    ///   - validityMonths: how long the unit says an award stays valid (`LearningUnit.validityMonths`).
    ///   - evidence: only the evidence the learner allowed.
    public static func award(for result: UnitResult, id: Award.ID, validityMonths: Int? = nil,
                             evidence: [Award.Evidence] = []) throws -> Award {
        guard result.outcome == .passed else {
            throw ErkendError(.ruleViolation, "result \(result.id) of \(result.unit) was not passed; only a passed unit gives an award")
        }
        let kind: Award.Kind = result.basis.isRecognised ? .recognitionGranted : .unitPassed
        let award = Award(
            id: id, kind: kind, learner: result.learner, certifies: result.unit, issuedOn: result.achievedOn,
            validUntil: validityMonths.map { result.achievedOn.adding(months: $0) }, grade: result.grade,
            source: sourceName(result), evidence: evidence)
        try award.validate()
        return award
    }

    /// The award for an entrustment decision. A withdrawn decision gives none.
    public static func award(for decision: EntrustmentDecision, id: Award.ID, evidence: [Award.Evidence] = []) throws -> Award {
        guard decision.withdrawal == nil else {
            throw ErkendError(.ruleViolation, "decision \(decision.id) was withdrawn; a withdrawn decision gives no award")
        }
        let observations = decision.basis.count
        var summary = "Based on \(observations) observation\(observations == 1 ? "" : "s")"
        summary += decision.ruleMet ? "; the EPA's decision rule was met." : "; the decision rule was not met, the committee decided: \(decision.overrideReason ?? "no reason recorded")."
        let award = Award(
            id: id, kind: .entrustmentDecision, learner: decision.learner, certifies: decision.epa,
            issuedOn: decision.decidedOn, validUntil: decision.validUntil.map { $0.advanced(by: 1) },
            entrustment: Award.Entrustment(level: decision.level, scope: decision.scope, committee: decision.committee, basisSummary: summary),
            source: "decision:\(decision.id)", evidence: evidence)
        try award.validate()
        return award
    }

    /// The awards for a recognition case: one per unit its decision recognises,
    /// with the exact version the caller resolved for each. A case without a
    /// positive decision gives none.
    public static func awards(for recognition: RecognitionCase, ids: (EntityReference) -> Award.ID,
                              exactVersion: (EntityReference) -> ExactReference?) throws -> [Award] {
        guard let decision = recognition.decision, decision.result != .refused else { return [] }
        return try recognition.recognisedUnits.map { reference in
            guard let exact = exactVersion(reference) else {
                throw ErkendError(.notFound, "unit \(reference) recognised by case \(recognition.id) has no published version to certify")
            }
            let award = Award(
                id: ids(reference), kind: .recognitionGranted, learner: recognition.learner, certifies: exact,
                issuedOn: decision.decidedOn, source: "recognition:\(recognition.id)")
            try award.validate()
            return award
        }
    }

    private static func sourceName(_ result: UnitResult) -> String {
        switch result.basis {
        case .completed: "result:\(result.id)"
        case .recognised(let recognitionCase): "recognition:\(recognitionCase)"
        }
    }
}

/// How awards get their entry in a status list. Every list has 131,072 entries
/// (the W3C Bitstring Status List minimum), and a list takes new awards only
/// until it is half full: indexes are drawn at random, so a full list would make
/// drawing slow, and a list that fills up in order would say who got their
/// credentials together.
public enum StatusAllocation {
    public static let entriesPerList = 131_072
    public static let fillLimit = entriesPerList / 2

    /// The list new awards go to, given the highest list in use and how many entries it has.
    public static func openList(highest: Int?, used: Int) -> Int {
        guard let highest else { return 1 }
        return used >= fillLimit ? highest + 1 : highest
    }

    /// A random index to try in a list; the store retries while the index is taken.
    public static func candidateIndex(using generator: inout some RandomNumberGenerator) -> Int {
        Int.random(in: 0..<entriesPerList, using: &generator)
    }
}
