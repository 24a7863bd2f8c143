import ErkendCore
import PropertyBased
import Testing

@Suite("Skills profile")
struct SkillsProfileTests {
    typealias F = ProgressionFixture
    let today: Day = "2025-06-30"

    func profile(decisions: [EntrustmentDecision] = [], results: [UnitResult] = [], on day: Day? = nil,
                 policy: CurrencyPolicy = .standard, catalogue: CatalogueSnapshot = F.catalogue) throws -> SkillsProfile {
        try SkillsProfile.build(learner: F.learner, results: results, decisions: decisions, catalogue: catalogue, today: day ?? today,
                                policy: policy, isTechnical: { $0 == F.skillSoftware })
    }

    @Test("A passed unit gives the skills of its outcomes, with the result, day and outcome as evidence")
    func unitGivesSkills() throws {
        let profile = try profile(results: [F.result("R-1", "U-BASIS", on: today)])

        let care = try #require(profile.standing(of: F.skillCare))
        #expect(profile.skills.map(\.skill) == [F.skillCare])
        #expect(care.currency == 1)
        #expect(care.status == .current)
        #expect(care.halfLife == HalfLife(years: 5, source: .generalDefault))
        #expect(care.evidence == [SkillEvidence(source: .unitResult(id: "R-1", unit: "U-BASIS@1", recognised: false), via: .outcome(EntityReference("LO-CARE")),
                                                relation: .exact, day: today, halfLife: care.halfLife, currency: 1)])
    }

    @Test("An active decision gives the EPA's own skills and those of its outcomes")
    func decisionGivesSkills() throws {
        let profile = try profile(decisions: [F.decision("D-1", level: "3b", on: "2025-06-01")])

        #expect(profile.skills.map(\.skill) == [F.skillCare, F.skillReport])
        #expect(profile.standing(of: F.skillCare)?.evidence.first?.via == .epaSkill)
        #expect(profile.standing(of: F.skillReport)?.evidence.first?.via == .outcome(EntityReference("LO-REPORT")))
        #expect(profile.standing(of: F.skillReport)?.evidence.first?.relation == .broader)
    }

    @Test("A recognised unit gives skills too, and its evidence says it was recognised")
    func recognisedUnit() throws {
        let profile = try profile(results: [F.result("R-1", "U-HYG", on: "2025-01-01", recognisedBy: "RC-7")])

        #expect(profile.standing(of: F.skillHygiene)?.evidence.first?.source == .unitResult(id: "R-1", unit: "U-HYG@1", recognised: true))
    }

    @Test("Failed results, withdrawn or expired decisions and other learners' records give nothing")
    func nothingFromInactive() throws {
        var otherLearners = F.result("R-4", "U-CODE", on: "2025-01-01")
        otherLearners.learner = "L-2"

        let profile = try profile(decisions: [F.decision("D-1", level: "3b", on: "2025-01-01", withdrawnOn: "2025-02-01"),
                                              F.decision("D-2", F.software, level: "3", on: "2024-01-01", validUntil: "2025-01-01")],
                                  results: [F.result("R-1", "U-HYG", on: "2025-01-01", outcome: .failed), otherLearners])

        #expect(profile.skills.isEmpty)
    }

    @Test("After one half-life a skill is at 0.5, still current; newer evidence refreshes it")
    func halfLifeAndRefresh() throws {
        let policy = CurrencyPolicy(generalHalfLifeYears: 4)
        let old = try profile(results: [F.result("R-1", "U-BASIS", on: "2021-06-30")], policy: policy)
        let refreshed = try profile(results: [F.result("R-1", "U-BASIS", on: "2021-06-30"), F.result("R-2", "U-PIN", version: 2, on: "2025-06-29")], policy: policy)

        #expect(old.standing(of: F.skillCare)?.currency == 0.5)
        #expect(old.standing(of: F.skillCare)?.status == .current)
        #expect(refreshed.standing(of: F.skillCare)?.newestEvidence == "2025-06-29")
        #expect(refreshed.standing(of: F.skillCare)?.evidence.map(\.day) == ["2025-06-29", "2021-06-30"])
        #expect(try #require(refreshed.standing(of: F.skillCare)?.currency) > 0.99)
    }

    @Test("Technical skills fade with 2.5 years unless the unit sets its own half-life")
    func technicalHalfLife() throws {
        let viaEPA = try profile(decisions: [F.decision("D-1", F.software, level: "3", on: "2024-06-30")])
        let viaUnit = try profile(results: [F.result("R-1", "U-CODE", on: "2024-05-30")])
        var general = F.software
        general.skillHalfLifeYears = nil
        let defaultTechnical = try profile(decisions: [F.decision("D-1", general, level: "3", on: "2024-06-30")],
                                           catalogue: CatalogueSnapshot(epas: [general], outcomes: F.outcomes))

        #expect(viaEPA.standing(of: F.skillSoftware)?.halfLife == HalfLife(years: 1, source: .entity))
        #expect(viaUnit.standing(of: F.skillSoftware)?.halfLife == HalfLife(years: 0.5, source: .entity))
        #expect(viaUnit.standing(of: F.skillSoftware)?.status == .stale)
        #expect(defaultTechnical.standing(of: F.skillSoftware)?.halfLife == HalfLife(years: 2.5, source: .technicalDefault))
    }

    @Test("Newer evidence that decays faster does not lower a skill held through slower-decaying evidence")
    func fasterNewerEvidence() throws {
        // The EPA decision (1-year half-life) is older than the unit (half a year) but still the more current of the two on 2026-06-30.
        let decision = F.decision("D-1", F.software, level: "3", on: "2025-06-01")
        let before = try profile(decisions: [decision], on: "2026-06-30")
        let after = try profile(decisions: [decision], results: [F.result("R-1", "U-CODE", on: "2025-06-10")], on: "2026-06-30")

        let standing = try #require(after.standing(of: F.skillSoftware))
        #expect(standing.currency == before.standing(of: F.skillSoftware)?.currency)
        #expect(standing.halfLife.years == 1)
        #expect(standing.newestEvidence == "2025-06-10")
    }

    @Test("Fading and stale follow the thresholds")
    func statuses() throws {
        let profile = try profile(results: [F.result("R-1", "U-BASIS", on: "2019-06-30"), F.result("R-2", "U-HYG", on: "2012-06-30")])

        #expect(profile.standing(of: F.skillCare)?.status == .fading)
        #expect(profile.standing(of: F.skillHygiene)?.status == .stale)
    }

    @Test("A decision whose validity ends within 60 days is due for re-entrustment")
    func validityEndingSoon() throws {
        let profile = try profile(decisions: [F.decision("D-1", level: "3b", on: "2025-01-01", validUntil: "2025-08-15"),
                                              F.decision("D-2", F.software, level: "3", on: "2025-06-01", validUntil: "2025-08-30")])

        #expect(profile.reentrustmentDue == [ReentrustmentDue(decision: "D-1", epa: "EPA-CARE@1", level: "3b",
                                                              reasons: [.validityEnds(on: "2025-08-15", inDays: 46)])])
    }

    @Test("A decision whose skills have faded below the threshold is due, naming the skills")
    func skillsFaded() throws {
        let profile = try profile(decisions: [F.decision("D-1", F.software, level: "4", on: "2023-06-30")])

        let due = try #require(profile.reentrustmentDue.first)
        guard case .skillsFading(let skills, let lowest) = due.reasons.first else {
            Issue.record("expected fading skills, got \(due.reasons)")
            return
        }
        #expect(skills == [F.skillSoftware])
        #expect(abs(lowest - Currency.value(of: "2023-06-30", on: today, halfLifeYears: 1)) < 1e-12)
    }

    @Test("Only the standing decision of an EPA is considered, and a unit can keep its skills current")
    func standingDecisionOnly() throws {
        let profile = try profile(decisions: [F.decision("D-1", F.software, level: "3", on: "2023-01-01", validUntil: "2025-07-01"),
                                              F.decision("D-2", F.software, level: "4", on: "2024-06-01")],
                                  results: [F.result("R-1", "U-CODE", on: "2025-06-01")])

        #expect(profile.reentrustmentDue.isEmpty)
    }

    @Test("Outcomes and EPAs missing from the snapshot are invalid input, each named")
    func missingEntities() {
        let catalogue = CatalogueSnapshot(epas: [F.care], units: F.units, outcomes: [])

        let error = #expect(throws: ErkendError.self) {
            try profile(decisions: [F.decision("D-2", F.software, level: "3", on: "2025-01-01")],
                        results: [F.result("R-1", "U-BASIS", on: "2025-01-01")], catalogue: catalogue)
        }

        #expect(error?.code == .invalidInput)
        #expect(error?.details.map(\.location) == ["outcomes[LO-CARE]", "decisions[D-2].epa"])
    }

    @Test("Property: with time alone no skill's currency rises")
    func neverRisesWithTime() async throws {
        let pool = ProgressionEvidencePool()
        await propertyCheck(input: Gen.bool.array(of: pool.count), Gen.int(in: 0...3000)) { picks, days in
            let (decisions, results) = pool.pick(picks)
            // Evidence of the pool runs to 2025-08-01; decisions expire, but none appears later than the first day.
            let start: Day = "2025-08-01"
            let now = try profile(decisions: decisions, results: results, on: start)
            let later = try profile(decisions: decisions, results: results, on: start.adding(days: days))
            for standing in later.skills {
                #expect(standing.currency <= (now.standing(of: standing.skill)?.currency ?? 0))
                #expect(standing.currency > 0 && standing.currency <= 1)
            }
        }
    }

    @Test("Property: adding a result never lowers any skill's currency")
    func newerEvidenceNeverLowers() async throws {
        let pool = ProgressionEvidencePool()
        let units = F.units
        await propertyCheck(input: Gen.bool.array(of: pool.count), Gen.int(in: 0...(units.count - 1)), Gen.int(in: -4000...0)) { picks, unitIndex, offset in
            let (decisions, results) = pool.pick(picks)
            let unit = units[unitIndex]
            let extra = F.result("R-extra", unit.code, version: unit.version, on: Day("2025-08-01").adding(days: offset))
            let before = try profile(decisions: decisions, results: results, on: "2025-08-01")
            let after = try profile(decisions: decisions, results: results + [extra], on: "2025-08-01")
            for standing in before.skills {
                #expect((after.standing(of: standing.skill)?.currency ?? 0) >= standing.currency)
            }
        }
    }

    @Test("Property: the order of decisions and results does not change the profile")
    func orderIndependent() async throws {
        let pool = ProgressionEvidencePool()
        await propertyCheck(input: Gen.bool.array(of: pool.count), Gen.uint64()) { picks, seed in
            let (decisions, results) = pool.pick(picks)
            var generator = SplitMix64(seed: seed)
            let first = try profile(decisions: decisions, results: results, on: "2025-08-01")
            let second = try profile(decisions: decisions.shuffled(using: &generator), results: results.shuffled(using: &generator), on: "2025-08-01")
            #expect(first == second)
        }
    }
}
