import ErkendCore
import PropertyBased
import Testing

@Suite("Progress measure")
struct ProgressMeasureTests {
    typealias F = ProgressionFixture
    let asOf: Day = "2025-06-30"

    func measure(decisions: [EntrustmentDecision] = [], results: [UnitResult] = [], programme: Programme = F.programme) throws -> ProgressMeasure {
        try ProgressMeasure.measure(programme: programme, catalogue: F.catalogue, decisions: decisions, results: results, asOf: asOf)
    }

    @Test("Without evidence the share is 0")
    func nothingYet() throws {
        let progress = try measure()

        #expect(progress.share == 0)
        #expect(progress.epaShare == 0)
        #expect(progress.unitShare == 0)
        #expect(progress.unitsRequired == 5)
    }

    @Test("The share averages the EPA part (levels reached of levels to the final target) and the unit part")
    func formula() throws {
        let progress = try measure(decisions: [F.decision("D-1", level: "3b", on: "2025-05-01"), F.decision("D-2", F.software, level: "3", on: "2025-05-01")],
                                   results: [F.result("R-1", "U-BASIS", on: "2025-01-01"), F.result("R-2", "K-1", on: "2025-01-01")])

        // EPA-CARE: 3b is the 5th of 7 levels up to 4; EPA-SOFT: 3 is the 3rd of 4 levels up to 4.
        let epaShare = (5.0 / 7 + 3.0 / 4) / 2
        // 1 of 3 required units, 1 of 2 choices.
        let unitShare = 2.0 / 5
        #expect(abs(progress.epaShare! - epaShare) < 1e-12)
        #expect(progress.unitShare == unitShare)
        #expect(abs(progress.share - (epaShare + unitShare) / 2) < 1e-12)
        #expect(progress.epas.map(\.currentLevel) == ["3b", "3"])
        #expect(progress.epas.map(\.targetLevel) == ["4", "4"])
    }

    @Test("A level above the final target counts as the target, not more")
    func cappedAtTarget() throws {
        let progress = try measure(decisions: [F.decision("D-1", level: "5", on: "2025-05-01")])

        #expect(progress.epas[0].share == 1)
        #expect(progress.epaShare == 0.5)
    }

    @Test("Extra electives in a choice group count only up to the number to choose")
    func electivesCapped() throws {
        let progress = try measure(results: [F.result("R-1", "K-1", on: "2025-01-01"), F.result("R-2", "K-2", on: "2025-01-01"), F.result("R-3", "K-3", on: "2025-01-01")])

        #expect(progress.unitsDone == 2)
    }

    @Test("Everything done gives exactly 1, shown as 100 percent")
    func allDone() throws {
        let progress = try measure(decisions: [F.decision("D-1", level: "4", on: "2025-05-01"), F.decision("D-2", F.software, level: "4", on: "2025-05-01")],
                                   results: ["U-BASIS", "U-HYG", "K-1", "K-3"].enumerated().map { F.result(UnitResult.ID(trusted: "R-\($0.offset)"), $0.element, on: "2025-01-01") }
                                       + [F.result("R-PIN", "U-PIN", version: 2, on: "2025-01-01")])

        #expect(progress.share == 1)
        #expect(progress.percent == 100)
    }

    @Test("A programme with units only measures units only")
    func unitsOnly() throws {
        let programme = Programme(code: "P-MC", title: LocalizedText(en: "Micro"), phases: [
            Phase(code: "enig", title: LocalizedText(en: "Only"), units: [EntityReference("U-BASIS"), EntityReference("U-HYG")]),
        ])

        let progress = try measure(results: [F.result("R-1", "U-HYG", on: "2025-01-01")], programme: programme)

        #expect(progress.epaShare == nil)
        #expect(progress.share == 0.5)
    }

    @Test("Property: adding a decision or a result never lowers the share, which stays between 0 and 1")
    func evidenceNeverLowers() async throws {
        let pool = ProgressionEvidencePool()
        await propertyCheck(input: Gen.bool.array(of: pool.count), Gen.int(in: 0...(pool.count - 1))) { picks, extra in
            var more = picks
            more[extra] = true
            let before = pool.pick(picks)
            let after = pool.pick(more)
            let first = try measure(decisions: before.decisions, results: before.results)
            let second = try measure(decisions: after.decisions, results: after.results)
            #expect(second.share >= first.share)
            #expect((0...1).contains(first.share))
        }
    }
}
