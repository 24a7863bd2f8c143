/// An entrustment decision (bekwaamverklaring) as a committee records it.
public struct NewDecision: Hashable, Sendable, Codable {
    public var epa: EntityReference
    public var level: String
    /// The day of the decision; today when left out.
    public var decidedOn: Day?
    public var committee: String
    public var deciders: [String]
    /// The observations it rests on; the qualifying ones for the rule when left out.
    public var basis: [Observation.ID]?
    /// Where the entrustment holds (a department, a kind of workplace).
    public var scope: String?
    public var validUntil: Day?
    /// Needed, with a reason, to decide when the EPA's rule is not met.
    public var overrideReason: String?

    public init(epa: EntityReference, level: String, decidedOn: Day? = nil, committee: String, deciders: [String], basis: [Observation.ID]? = nil,
                scope: String? = nil, validUntil: Day? = nil, overrideReason: String? = nil) {
        self.epa = epa
        self.level = level
        self.decidedOn = decidedOn
        self.committee = committee
        self.deciders = deciders
        self.basis = basis
        self.scope = scope
        self.validUntil = validUntil
        self.overrideReason = overrideReason
    }
}

/// A unit result as staff record it.
public struct NewResult: Hashable, Sendable, Codable {
    /// The unit: its code (the newest published version) or `CODE@N`, the exact version followed.
    public var unit: EntityReference
    public var outcome: UnitResult.Outcome
    public var grade: String?
    public var achievedOn: Day
    public var assessor: String

    public init(unit: EntityReference, outcome: UnitResult.Outcome = .passed, grade: String? = nil, achievedOn: Day, assessor: String) {
        self.unit = unit
        self.outcome = outcome
        self.grade = grade
        self.achievedOn = achievedOn
        self.assessor = assessor
    }

    /// `outcome` may be left out: a recorded result is passed unless it says otherwise.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        unit = try container.decode(EntityReference.self, forKey: .unit)
        outcome = try container.decodeIfPresent(UnitResult.Outcome.self, forKey: .outcome) ?? .passed
        grade = try container.decodeIfPresent(String.self, forKey: .grade)
        achievedOn = try container.decode(Day.self, forKey: .achievedOn)
        assessor = try container.decode(String.self, forKey: .assessor)
    }
}

extension ProgressionService {
    /// Whether the EPA's decision rule supports `level` today, and on which observations.
    public func checkDecisionRule(_ learner: Learner.ID, epa reference: EntityReference, level: String, on day: Day? = nil) async throws -> DecisionRuleEvaluation {
        let (_, _, epa) = try await resolveEPA(reference, for: learner)
        let observations = try await storage.observations.observations(learner: learner, epa: epa.code)
        return try DecisionRuleEvaluation.evaluate(epa: epa, level: level, observations: observations, on: day ?? today)
    }

    /// Records a decision. A decision the rule does not support needs an override reason.
    public func decide(_ learner: Learner.ID, _ input: NewDecision, by principal: Principal) async throws -> DecisionValidation.Checked {
        _ = try await requireLearner(learner)
        guard !input.committee.isBlank else { throw ErkendError.invalid("committee", "name the committee (examencommissie, competentiecommissie)") }
        guard !input.deciders.isEmpty, !input.deciders.contains(where: \.isBlank) else {
            throw ErkendError.invalid("deciders", "name who decided")
        }
        let (enrolment, _, epa) = try await resolveEPA(input.epa, for: learner)
        let observations = try await storage.observations.observations(learner: learner, epa: epa.code)
        let day = input.decidedOn ?? today
        let basis = try input.basis ?? DecisionRuleEvaluation.evaluate(epa: epa, level: input.level, observations: observations, on: day).qualifying
        let decision = EntrustmentDecision(
            id: EntrustmentDecision.ID(trusted: makeID()), learner: learner, enrolment: enrolment.id, epa: ExactReference(epa),
            level: input.level, decidedOn: day, committee: input.committee.trimmed, deciders: input.deciders.map(\.trimmed), basis: basis,
            scope: input.scope?.trimmed.nilIfBlank, validUntil: input.validUntil, ruleMet: false,
            overrideReason: input.overrideReason?.trimmed.nilIfBlank, recordedAt: now())
        let checked = try DecisionValidation.validate(decision, epa: epa, enrolment: enrolment, observations: observations, today: today)
        var details = ["epa": checked.decision.epa.description, "level": checked.decision.level, "ruleMet": String(checked.decision.ruleMet)]
        if checked.decision.overrideReason != nil { details["override"] = "true" }
        try await storage.decisions.record(checked.decision, audit: audit(principal, AuditAction.decisionRecorded, subject: learner, details: details))
        return checked
    }

    /// Withdraws a decision, with a reason.
    public func withdraw(_ learner: Learner.ID, decision id: EntrustmentDecision.ID, reason: String, by principal: Principal) async throws -> EntrustmentDecision {
        guard let decision = try await storage.decisions.decision(id), decision.learner == learner else {
            throw ErkendError.notFound("decision \(id) of learner \(learner)")
        }
        let withdrawn = try DecisionValidation.withdraw(decision, on: today, by: principal.auditActor.description, reason: reason, today: today)
        guard let withdrawal = withdrawn.withdrawal else { throw ErkendError.invalid("reason", "a withdrawal needs a reason") }
        return try await storage.decisions.withdraw(id, withdrawal, audit: audit(principal, AuditAction.decisionWithdrawn, subject: learner, target: id.rawValue))
    }

    public func decisions(_ learner: Learner.ID) async throws -> [EntrustmentDecision] {
        _ = try await requireLearner(learner)
        return try await storage.decisions.decisions(learner: learner)
    }

    /// Records a unit result against the exact unit version.
    public func recordResult(_ learner: Learner.ID, _ input: NewResult, by principal: Principal) async throws -> UnitResult {
        _ = try await requireLearner(learner)
        guard !input.assessor.isBlank else { throw ErkendError.invalid("assessor", "name the assessor") }
        guard input.achievedOn <= today else { throw ErkendError.invalid("achievedOn", "\(input.achievedOn) is in the future") }
        guard case .unit(let unit) = try await published(.unit, input.unit) else { throw ErkendError.notFound("unit \(input.unit)") }
        let enrolments = try await storage.enrolments.enrolments(learner: learner)
        var enrolment: Enrolment.ID?
        for candidate in enrolments where enrolment == nil {
            if try await programme(candidate.programme).allUnits.contains(where: { $0.code == unit.code }) { enrolment = candidate.id }
        }
        let result = UnitResult(id: UnitResult.ID(trusted: makeID()), learner: learner, enrolment: enrolment, unit: ExactReference(unit),
                                outcome: input.outcome, grade: input.grade?.trimmed.nilIfBlank, achievedOn: input.achievedOn,
                                assessor: input.assessor.trimmed, basis: .completed)
        try await storage.results.record(result, audit: audit(principal, AuditAction.resultRecorded, subject: learner,
                                                               details: ["unit": result.unit.description, "outcome": result.outcome.rawValue]))
        return result
    }

    public func results(_ learner: Learner.ID) async throws -> [UnitResult] {
        _ = try await requireLearner(learner)
        return try await storage.results.results(learner: learner)
    }
}
