import ErkendCore
import Testing

@Suite("Decision validation")
struct DecisionValidationTests {
    typealias F = ProgressionFixture
    let today: Day = "2025-06-30"
    let observations = [
        F.observation("O-1", level: "3b", on: "2025-03-01", by: "M-1"),
        F.observation("O-2", level: "3c", on: "2025-04-01", by: "M-2"),
        F.observation("O-3", level: "3b", on: "2025-05-01", by: "M-1"),
        F.observation("O-4", level: "2a", on: "2025-05-02", by: "M-3"),
    ]

    func validate(_ decision: EntrustmentDecision) throws -> DecisionValidation.Checked {
        try DecisionValidation.validate(decision, epa: F.care, enrolment: F.enrolment, observations: observations, today: today)
    }

    @Test("A decision the rule supports is accepted and marked as meeting the rule")
    func supported() throws {
        var decision = F.decision("D-1", level: "3b", on: "2025-06-15", basis: ["O-1", "O-2", "O-3"])
        decision.ruleMet = false

        let checked = try validate(decision)

        #expect(checked.decision.ruleMet)
        #expect(checked.evaluation.isMet)
    }

    @Test("A decision the rule does not support needs an override reason, and the refusal says what is short")
    func unsupportedNeedsOverride() {
        let decision = F.decision("D-1", level: "3b", on: "2025-06-15", basis: ["O-1", "O-3", "O-4"])

        let error = #expect(throws: ErkendError.self) { try validate(decision) }

        #expect(error?.code == .ruleViolation)
        #expect(error?.details.map(\.location) == ["overrideReason"])
        #expect(error?.message.contains("2 of 3 observations at level 3b or higher in the last 6 months; 1 of 2 different observers") == true)
    }

    @Test("A blank override reason is no reason")
    func blankOverride() {
        let decision = F.decision("D-1", level: "4", on: "2025-06-15", basis: ["O-1"], override: "   ")

        let error = #expect(throws: ErkendError.self) { try validate(decision) }

        #expect(error?.code == .ruleViolation)
    }

    @Test("With an override reason, an unsupported decision is accepted and marked as not meeting the rule")
    func overrideAccepted() throws {
        let decision = F.decision("D-1", level: "4", on: "2025-06-15", basis: ["O-1", "O-2"],
                                  override: "Observed daily by the ward's team lead; two formal observations suffice here")

        let checked = try validate(decision)

        #expect(!checked.decision.ruleMet)
        #expect(checked.evaluation.shortfalls == [.observations(have: 0, need: 3), .observers(have: 0, need: 2)])
    }

    @Test("Only the observations named as basis count, even when others would meet the rule")
    func onlyBasisCounts() {
        let decision = F.decision("D-1", level: "3b", on: "2025-06-15", basis: ["O-1", "O-2"])

        #expect(throws: ErkendError.self) { try validate(decision) }
    }

    @Test("A basis naming unknown, repeated or other learners' observations is invalid input")
    func badBasis() {
        let decision = F.decision("D-1", level: "3b", on: "2025-06-15", basis: ["O-1", "O-1", "O-404"])

        let error = #expect(throws: ErkendError.self) { try validate(decision) }

        #expect(error?.code == .invalidInput)
        #expect(error?.details.map(\.location) == ["basis[1]", "basis[2]"])
    }

    @Test("Missing committee and deciders, a future day and validity ending before the decision are all named")
    func shapeProblems() {
        var decision = F.decision("D-1", level: "3b", on: "2025-07-02", validUntil: "2025-07-01", basis: ["O-1", "O-2", "O-3"])
        decision.committee = ""
        decision.deciders = []

        let error = #expect(throws: ErkendError.self) { try validate(decision) }

        #expect(error?.code == .invalidInput)
        #expect(error?.details.map(\.location) == ["decidedOn", "committee", "deciders", "validUntil"])
    }

    @Test("A decision before the enrolment started is a rule violation")
    func beforeEnrolment() {
        let decision = F.decision("D-1", level: "1", on: "2024-08-01", override: "Transferred from another school")

        let error = #expect(throws: ErkendError.self) { try validate(decision) }

        #expect(error?.code == .ruleViolation)
        #expect(error?.details.map(\.location) == ["decidedOn"])
    }

    @Test("Withdrawing records who, when and why, and ends the decision on that day")
    func withdraw() throws {
        let decision = F.decision("D-1", level: "3b", on: "2025-03-01")

        let withdrawn = try DecisionValidation.withdraw(decision, on: "2025-06-01", by: "Examencommissie", reason: "Fraud found in the basis", today: today)

        #expect(withdrawn.withdrawal == .init(on: "2025-06-01", by: "Examencommissie", reason: "Fraud found in the basis"))
        #expect(withdrawn.isActive(on: "2025-05-31"))
        #expect(!withdrawn.isActive(on: "2025-06-01"))
    }

    @Test("Withdrawing needs a reason")
    func withdrawNeedsReason() {
        let decision = F.decision("D-1", level: "3b", on: "2025-03-01")

        let error = #expect(throws: ErkendError.self) {
            try DecisionValidation.withdraw(decision, on: "2025-06-01", by: "Examencommissie", reason: " ", today: today)
        }

        #expect(error?.code == .invalidInput)
        #expect(error?.details.map(\.location) == ["reason"])
    }

    @Test("A withdrawn decision cannot be withdrawn again, nor before it was taken or in the future")
    func withdrawTwiceOrOutOfTime() {
        let withdrawn = F.decision("D-1", level: "3b", on: "2025-03-01", withdrawnOn: "2025-04-01")
        let decision = F.decision("D-2", level: "3b", on: "2025-03-01")

        let twice = #expect(throws: ErkendError.self) {
            try DecisionValidation.withdraw(withdrawn, on: "2025-06-01", by: "X", reason: "Again", today: today)
        }
        let early = #expect(throws: ErkendError.self) {
            try DecisionValidation.withdraw(decision, on: "2025-02-01", by: "X", reason: "Early", today: today)
        }
        let future = #expect(throws: ErkendError.self) {
            try DecisionValidation.withdraw(decision, on: "2025-07-01", by: "X", reason: "Later", today: today)
        }

        #expect(twice?.code == .ruleViolation)
        #expect(early?.details.map(\.location) == ["on"])
        #expect(future?.details.map(\.location) == ["on"])
    }

    @Test("A decision holds from its day through validUntil inclusive")
    func activeWindow() {
        let decision = F.decision("D-1", level: "3b", on: "2025-03-01", validUntil: "2026-02-28")

        #expect(!decision.isActive(on: "2025-02-28"))
        #expect(decision.isActive(on: "2025-03-01"))
        #expect(decision.isActive(on: "2026-02-28"))
        #expect(!decision.isActive(on: "2026-03-01"))
    }
}
