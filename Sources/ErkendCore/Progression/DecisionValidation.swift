/// Whether an entrustment decision may be recorded or withdrawn.
///
/// Recording (`validate`) refuses with `.invalidInput` a decision that names
/// another EPA version, learner or enrolment than those given, a level not on
/// the scale, a day after `today`, no committee or deciders, a `validUntil`
/// before the decision day, a basis naming observations that are not this
/// learner's observations of this EPA, or a withdrawal. It refuses with
/// `.ruleViolation` a decision dated before the enrolment started, and one the
/// decision rule does not support — evaluated over the observations named in
/// `basis` only — unless it carries a non-blank `overrideReason`.
/// The decision returned has `ruleMet` set from the evaluation; the caller's
/// value is ignored.
///
/// Withdrawing (`withdraw`) needs a non-blank reason and who withdraws, a day
/// not before the decision and not after `today`, and a decision not withdrawn already.
public enum DecisionValidation {
    /// A decision that may be recorded, with the rule evaluation that justified `ruleMet`.
    public struct Checked: Hashable, Sendable, Codable {
        public var decision: EntrustmentDecision
        public var evaluation: DecisionRuleEvaluation
    }

    public static func validate(_ decision: EntrustmentDecision, epa: EPA, enrolment: Enrolment, observations: [Observation], today: Day) throws -> Checked {
        var problems: [ErkendError.Detail] = []
        if !decision.epa.identifies(epa) {
            problems.append(.init(location: "epa", message: "the decision names EPA \(decision.epa), but EPA \(epa.code)@\(epa.version) was given to check it against"))
        }
        if decision.learner != enrolment.learner {
            problems.append(.init(location: "learner", message: "learner \(decision.learner) is not the learner of enrolment \(enrolment.id)"))
        }
        if decision.enrolment != enrolment.id {
            problems.append(.init(location: "enrolment", message: "the decision names enrolment \(decision.enrolment), not \(enrolment.id)"))
        }
        if epa.scale.position(of: decision.level) == nil {
            problems.append(ErkendError.levelNotOnScale(decision.level, epa: epa, at: "level").details[0])
        }
        if decision.decidedOn > today {
            problems.append(.init(location: "decidedOn", message: "\(decision.decidedOn) is in the future (today is \(today)); record a decision once it is taken"))
        }
        if decision.committee.isBlank {
            problems.append(.init(location: "committee", message: "name the committee that decided"))
        }
        if decision.deciders.isEmpty || decision.deciders.contains(where: \.isBlank) {
            problems.append(.init(location: "deciders", message: "name every person who decided"))
        }
        if let validUntil = decision.validUntil, validUntil < decision.decidedOn {
            problems.append(.init(location: "validUntil", message: "\(validUntil) is before the decision day \(decision.decidedOn)"))
        }
        if decision.withdrawal != nil {
            problems.append(.init(location: "withdrawal", message: "a new decision cannot be withdrawn already; withdraw it after recording"))
        }
        let byID = Dictionary(observations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var basis: [Observation] = []
        var seen = Set<Observation.ID>()
        for (index, id) in decision.basis.enumerated() {
            guard seen.insert(id).inserted else {
                problems.append(.init(location: "basis[\(index)]", message: "observation \(id) is named twice"))
                continue
            }
            guard let observation = byID[id], observation.learner == decision.learner, observation.epa.code == decision.epa.code else {
                problems.append(.init(location: "basis[\(index)]", message: "observation \(id) is not one of this learner's observations of EPA \(decision.epa.code)"))
                continue
            }
            basis.append(observation)
        }
        if !problems.isEmpty {
            throw ErkendError(.invalidInput, "The decision cannot be recorded: \(problems.map(\.message).joined(separator: "; "))", details: problems)
        }

        if decision.decidedOn < enrolment.startDate {
            let message = "\(decision.decidedOn) is before the enrolment started on \(enrolment.startDate)"
            throw ErkendError(.ruleViolation, "The decision cannot be recorded: \(message)", details: [.init(location: "decidedOn", message: message)])
        }
        let evaluation = try DecisionRuleEvaluation.evaluate(epa: epa, level: decision.level, observations: basis, on: decision.decidedOn)
        if !evaluation.isMet && (decision.overrideReason?.isBlank ?? true) {
            let message = "the decision rule for level \(decision.level) is not met (\(evaluation.summary)); give an override reason to decide anyway"
            throw ErkendError(.ruleViolation, "The decision cannot be recorded: \(message)", details: [.init(location: "overrideReason", message: message)])
        }
        var checked = decision
        checked.ruleMet = evaluation.isMet
        return Checked(decision: checked, evaluation: evaluation)
    }

    public static func withdraw(_ decision: EntrustmentDecision, on day: Day, by person: String, reason: String, today: Day) throws -> EntrustmentDecision {
        if let withdrawal = decision.withdrawal {
            let message = "decision \(decision.id) was already withdrawn on \(withdrawal.on) by \(withdrawal.by)"
            throw ErkendError(.ruleViolation, message, details: [.init(location: "withdrawal", message: message)])
        }
        var problems: [ErkendError.Detail] = []
        if reason.isBlank {
            problems.append(.init(location: "reason", message: "say why the decision is withdrawn"))
        }
        if person.isBlank {
            problems.append(.init(location: "by", message: "name who withdraws the decision"))
        }
        if day < decision.decidedOn {
            problems.append(.init(location: "on", message: "\(day) is before the decision was taken on \(decision.decidedOn)"))
        }
        if day > today {
            problems.append(.init(location: "on", message: "\(day) is in the future (today is \(today)); withdraw on the day it takes effect"))
        }
        guard problems.isEmpty else {
            throw ErkendError(.invalidInput, "The decision cannot be withdrawn: \(problems.map(\.message).joined(separator: "; "))", details: problems)
        }
        var withdrawn = decision
        withdrawn.withdrawal = .init(on: day, by: person, reason: reason)
        return withdrawn
    }
}
