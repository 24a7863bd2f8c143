import ErkendCore
import PropertyBased
import Testing

@Suite("Phase evaluation")
struct PhaseEvaluationTests {
    typealias F = ProgressionFixture
    let asOf: Day = "2025-06-30"

    func evaluate(decisions: [EntrustmentDecision] = [], results: [UnitResult] = [], programme: Programme = F.programme,
                  catalogue: CatalogueSnapshot = F.catalogue) throws -> PhaseEvaluation {
        try PhaseEvaluation.evaluate(programme: programme, catalogue: catalogue, decisions: decisions, results: results, asOf: asOf)
    }

    /// Everything the first two phases ask for.
    var firstTwoPhases: (decisions: [EntrustmentDecision], results: [UnitResult]) {
        ([F.decision("D-1", level: "3b", on: "2025-05-01"), F.decision("D-2", F.software, level: "3", on: "2025-05-01")],
         [F.result("R-1", "U-BASIS", on: "2024-12-01"), F.result("R-2", "K-1", on: "2025-01-10"),
          F.result("R-3", "U-HYG", on: "2025-03-01"), F.result("R-4", "U-PIN", version: 2, on: "2025-04-01")])
    }

    @Test("Without evidence the learner is in the first phase and needs all of it")
    func startsInFirstPhase() throws {
        let evaluation = try evaluate()

        #expect(evaluation.current == .phase(code: "orientatie"))
        #expect(evaluation.toNextPhase.units == [EntityReference("U-BASIS")])
        #expect(evaluation.toNextPhase.epaLevels == [EPAGap(epa: EntityReference("EPA-CARE"), currentLevel: nil, targetLevel: "2a")])
        #expect(evaluation.toNextPhase.choices == [ChoiceGap(group: "KD-ORI", choose: 1, chosen: [], remaining: 1,
                                                             options: [EntityReference("K-1"), EntityReference("K-2")])])
        #expect(evaluation.phases.map(\.isComplete) == [false, false, false])
    }

    @Test("A phase is complete with its units, its EPA targets at or above the level, and its choice groups")
    func firstPhaseComplete() throws {
        let evaluation = try evaluate(decisions: [F.decision("D-1", level: "2b", on: "2025-01-15")],
                                      results: [F.result("R-1", "U-BASIS", on: "2024-12-01"), F.result("R-2", "K-2", on: "2025-01-10")])

        #expect(evaluation.phases[0].isComplete)
        #expect(evaluation.current == .phase(code: "verdieping"))
        #expect(evaluation.toNextPhase.units == [EntityReference("U-HYG"), EntityReference("U-PIN", version: 2)])
        #expect(evaluation.toNextPhase.epaLevels == [
            EPAGap(epa: EntityReference("EPA-CARE"), currentLevel: "2b", targetLevel: "3b"),
            EPAGap(epa: EntityReference("EPA-SOFT"), currentLevel: nil, targetLevel: "3"),
        ])
    }

    @Test("A choice group left open keeps its phase incomplete")
    func openChoiceKeepsPhaseOpen() throws {
        let evaluation = try evaluate(decisions: [F.decision("D-1", level: "2a", on: "2025-01-15")],
                                      results: [F.result("R-1", "U-BASIS", on: "2024-12-01")])

        #expect(evaluation.current == .phase(code: "orientatie"))
        #expect(evaluation.toNextPhase.units.isEmpty)
        #expect(evaluation.toNextPhase.epaLevels.isEmpty)
        #expect(evaluation.toNextPhase.choices.map(\.group) == ["KD-ORI"])
    }

    @Test("Sub-level 3a is below a 3b target and 3c above it")
    func subLevelTargets() throws {
        let below = try evaluate(decisions: [F.decision("D-1", level: "3a", on: "2025-05-01")])
        let above = try evaluate(decisions: [F.decision("D-1", level: "3c", on: "2025-05-01")])

        #expect(below.phases[1].missing.epaLevels.first == EPAGap(epa: EntityReference("EPA-CARE"), currentLevel: "3a", targetLevel: "3b"))
        #expect(above.phases[1].missing.epaLevels.map(\.epa) == [EntityReference("EPA-SOFT")])
    }

    @Test("The highest active decision counts, whatever the order they were taken in")
    func highestDecisionCounts() throws {
        let evaluation = try evaluate(decisions: [F.decision("D-2", level: "2a", on: "2025-05-01"), F.decision("D-1", level: "3a", on: "2025-03-01")])

        #expect(evaluation.phases[1].missing.epaLevels.first?.currentLevel == "3a")
    }

    @Test("A unit the programme pins to version 2 is not done by passing version 1")
    func pinnedVersion() throws {
        let version1 = try evaluate(results: [F.result("R-1", "U-PIN", version: 1, on: "2025-04-01")])
        let version2 = try evaluate(results: [F.result("R-1", "U-PIN", version: 2, on: "2025-04-01")])

        #expect(version1.phases[1].missing.units.contains(EntityReference("U-PIN", version: 2)))
        #expect(!version2.phases[1].missing.units.contains(EntityReference("U-PIN", version: 2)))
    }

    @Test("An unpinned unit is done by a result for any of its versions")
    func anyVersion() throws {
        let evaluation = try evaluate(results: [F.result("R-1", "U-HYG", version: 4, on: "2025-04-01")])

        #expect(!evaluation.phases[1].missing.units.contains(EntityReference("U-HYG")))
    }

    @Test("A recognised unit counts like a completed one; a failed one does not count")
    func recognisedAndFailed() throws {
        let evaluation = try evaluate(results: [F.result("R-1", "U-BASIS", on: "2025-01-01", recognisedBy: "RC-1"),
                                                F.result("R-2", "K-1", on: "2025-01-01", outcome: .failed)])

        #expect(evaluation.phases[0].missing.units.isEmpty)
        #expect(evaluation.phases[0].missing.choices.map(\.group) == ["KD-ORI"])
    }

    @Test("Withdrawn, expired and later decisions do not count")
    func inactiveDecisionsIgnored() throws {
        let evaluation = try evaluate(decisions: [
            F.decision("D-1", level: "4", on: "2025-01-01", withdrawnOn: "2025-02-01"),
            F.decision("D-2", level: "4", on: "2024-01-01", validUntil: "2025-06-29"),
            F.decision("D-3", level: "4", on: "2025-07-01"),
        ])

        #expect(evaluation.phases[0].missing.epaLevels == [EPAGap(epa: EntityReference("EPA-CARE"), currentLevel: nil, targetLevel: "2a")])
    }

    @Test("A decision valid until the evaluation day still counts on that day")
    func validityInclusive() throws {
        let evaluation = try evaluate(decisions: [F.decision("D-1", level: "2a", on: "2025-01-01", validUntil: "2025-06-30")])

        #expect(evaluation.phases[0].missing.epaLevels.isEmpty)
    }

    @Test("Results after the evaluation day do not count yet")
    func laterResultsIgnored() throws {
        let evaluation = try evaluate(results: [F.result("R-1", "U-BASIS", on: "2025-07-01")])

        #expect(evaluation.phases[0].missing.units == [EntityReference("U-BASIS")])
    }

    @Test("With all phases complete but a programme-wide choice and credits open, the learner is on the final requirements")
    func finalRequirements() throws {
        let (decisions, results) = firstTwoPhases
        let evaluation = try evaluate(decisions: decisions + [F.decision("D-3", level: "4", on: "2025-06-01"),
                                                              F.decision("D-4", F.software, level: "5", on: "2025-06-01")],
                                      results: results)

        #expect(evaluation.phases.allSatisfy { $0.isComplete })
        #expect(evaluation.current == .finalRequirements)
        #expect(evaluation.toNextPhase.isEmpty)
        #expect(evaluation.toCompleteProgramme.choices.map(\.group) == ["KD-VRIJ"])
        #expect(evaluation.toCompleteProgramme.credits == CreditShortfall(required: Workload(sbu: 360), achieved: Workload(sbu: 300), short: Workload(sbu: 60)))
        #expect(!evaluation.isProgrammeComplete)
    }

    @Test("A unit in two choice groups counts for both")
    func sharedElective() throws {
        let evaluation = try evaluate(results: [F.result("R-1", "K-2", on: "2025-01-01")])

        #expect(evaluation.toCompleteProgramme.choices.isEmpty)
    }

    @Test("The programme is completed when every phase, choice and the minimum credits are done")
    func completed() throws {
        let (decisions, results) = firstTwoPhases
        let evaluation = try evaluate(decisions: decisions + [F.decision("D-3", level: "4", on: "2025-06-01"),
                                                              F.decision("D-4", F.software, level: "4", on: "2025-06-01")],
                                      results: results + [F.result("R-5", "K-2", on: "2025-05-01"), F.result("R-6", "K-3", on: "2025-05-01")])

        #expect(evaluation.current == .completed)
        #expect(evaluation.isProgrammeComplete)
        #expect(evaluation.toCompleteProgramme.isEmpty)
    }

    @Test("What the programme still needs lists each EPA once, at its highest target")
    func programmeNeedsFinalTargets() throws {
        let evaluation = try evaluate(decisions: [F.decision("D-1", level: "3b", on: "2025-05-01")])

        #expect(evaluation.toCompleteProgramme.epaLevels == [
            EPAGap(epa: EntityReference("EPA-CARE"), currentLevel: "3b", targetLevel: "4"),
            EPAGap(epa: EntityReference("EPA-SOFT"), currentLevel: nil, targetLevel: "4"),
        ])
        #expect(evaluation.toCompleteProgramme.units.count == 3)
        #expect(evaluation.toCompleteProgramme.credits?.short == Workload(sbu: 360))
    }

    @Test("Credits in ECTS are reported in ECTS")
    func creditsInECTS() throws {
        var programme = F.programme
        programme.minimumCredits = Workload(ects: 15)

        let evaluation = try evaluate(results: [F.result("R-1", "U-BASIS", on: "2025-01-01")], programme: programme)

        let credits = try #require(evaluation.toCompleteProgramme.credits)
        #expect(abs((credits.short.ects ?? 0) - (15 - 120.0 / 28)) < 1e-9)
        #expect(credits.short.sbu == nil)
    }

    @Test("An EPA missing from the snapshot is invalid input naming where the programme uses it")
    func missingEPA() {
        let catalogue = CatalogueSnapshot(epas: [F.care], units: F.units, outcomes: F.outcomes)

        let error = #expect(throws: ErkendError.self) { try evaluate(catalogue: catalogue) }

        #expect(error?.code == .invalidInput)
        #expect(error?.details.map(\.location) == ["phases[1].epaTargets[1].epa", "phases[2].epaTargets[1].epa"])
    }

    @Test("A target level not on the EPA's scale is invalid input naming the target")
    func targetOffScale() {
        var programme = F.programme
        programme.phases[0].epaTargets[0].level = "3"

        let error = #expect(throws: ErkendError.self) { try evaluate(programme: programme) }

        #expect(error?.details.map(\.location) == ["phases[0].epaTargets[0].level"])
    }

    @Test("A programme without phases or requirements is completed")
    func emptyProgramme() throws {
        let programme = Programme(code: "P-EMPTY", title: LocalizedText(en: "Empty"))

        let evaluation = try evaluate(programme: programme)

        #expect(evaluation.current == .completed)
    }

    @Test("Property: the order of decisions and results does not change the evaluation")
    func orderIndependent() async throws {
        let pool = ProgressionEvidencePool()
        await propertyCheck(input: Gen.bool.array(of: pool.count), Gen.uint64()) { picks, seed in
            let (decisions, results) = pool.pick(picks)
            var generator = SplitMix64(seed: seed)
            let first = try evaluate(decisions: decisions, results: results)
            let second = try evaluate(decisions: decisions.shuffled(using: &generator), results: results.shuffled(using: &generator))
            #expect(first == second)
        }
    }
}

/// A pool of decisions and results, some inactive or failed, to pick subsets from in property tests.
struct ProgressionEvidencePool {
    typealias F = ProgressionFixture

    let decisions: [EntrustmentDecision] = [
        F.decision("D-01", level: "2a", on: "2025-01-01"),
        F.decision("D-02", level: "2b", on: "2025-02-01"),
        F.decision("D-03", level: "3a", on: "2025-03-01"),
        F.decision("D-04", level: "3b", on: "2025-03-01"),
        F.decision("D-05", level: "3c", on: "2025-04-01", validUntil: "2025-06-01"),
        F.decision("D-06", level: "4", on: "2025-05-01", withdrawnOn: "2025-05-20"),
        F.decision("D-07", level: "4", on: "2025-06-15"),
        F.decision("D-08", level: "5", on: "2025-07-15"),
        F.decision("D-09", F.software, level: "2", on: "2025-01-01"),
        F.decision("D-10", F.software, level: "3", on: "2025-02-01"),
        F.decision("D-11", F.software, level: "4", on: "2025-06-01", validUntil: "2025-12-31"),
        F.decision("D-12", F.software, level: "5", on: "2024-06-01", validUntil: "2024-12-31"),
    ]
    let results: [UnitResult] = [
        F.result("R-01", "U-BASIS", on: "2024-11-01"),
        F.result("R-02", "U-HYG", on: "2025-01-01", outcome: .failed),
        F.result("R-03", "U-HYG", version: 2, on: "2025-02-01"),
        F.result("R-04", "U-PIN", version: 1, on: "2025-02-01"),
        F.result("R-05", "U-PIN", version: 2, on: "2025-03-01", recognisedBy: "RC-1"),
        F.result("R-06", "K-1", on: "2025-01-01"),
        F.result("R-07", "K-2", on: "2025-03-01"),
        F.result("R-08", "K-3", on: "2025-08-01"),
        F.result("R-09", "U-CODE", on: "2025-04-01"),
        F.result("R-10", "U-BASIS", on: "2025-05-01", recognisedBy: "RC-2"),
    ]

    var count: Int { decisions.count + results.count }

    /// The decisions and results whose flag in `picks` is set (decisions first, then results).
    func pick(_ picks: [Bool]) -> (decisions: [EntrustmentDecision], results: [UnitResult]) {
        let chosenDecisions = decisions.enumerated().filter { picks[$0.offset] }.map(\.element)
        let chosenResults = results.enumerated().filter { picks[decisions.count + $0.offset] }.map(\.element)
        return (chosenDecisions, chosenResults)
    }
}
