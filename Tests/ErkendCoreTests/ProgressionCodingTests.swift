import ErkendCore
import Foundation
import Testing

@Suite("Progression JSON shapes")
struct ProgressionCodingTests {
    typealias F = ProgressionFixture

    func json(_ value: some Encodable) throws -> String {
        String(decoding: try ErkendJSON.encoder().encode(value), as: UTF8.self)
    }

    func roundTrips<T: Codable & Equatable>(_ value: T) throws -> Bool {
        try ErkendJSON.decoder().decode(T.self, from: ErkendJSON.encoder().encode(value)) == value
    }

    @Test("Enums with values are written as an object with a kind beside the case's fields")
    func taggedShapes() throws {
        #expect(try json(UnitResult.Basis.completed) == #"{"kind":"completed"}"#)
        #expect(try json(UnitResult.Basis.recognised(case: "RC-1")) == #"{"kind":"recognised","recognitionCase":"RC-1"}"#)
        #expect(try json(PhaseEvaluation.Position.phase(code: "verdieping")) == #"{"kind":"phase","phase":"verdieping"}"#)
        #expect(try json(PhaseEvaluation.Position.completed) == #"{"kind":"completed"}"#)
        #expect(try json(RecognitionTarget.unit(EntityReference("U-1", version: 2))) == #"{"kind":"unit","reference":"U-1@2"}"#)
        #expect(try json(PerformedTask.Reference.werkproces(code: "B1-K1-W2")) == #"{"code":"B1-K1-W2","kind":"werkproces"}"#)
        #expect(try json(EvidenceItem.Source.practiceStatement("PS-1")) == #"{"kind":"practiceStatement","practiceStatement":"PS-1"}"#)
        #expect(try json(DecisionRuleEvaluation.Shortfall.observers(have: 1, need: 2)) == #"{"have":1,"kind":"observers","need":2}"#)
        #expect(try json(SkillEvidence.Route.epaSkill) == #"{"kind":"epaSkill"}"#)
        #expect(try json(ReentrustmentDue.Reason.validityEnds(on: "2025-08-15", inDays: 46)) == #"{"inDays":46,"kind":"validityEnds","on":"2025-08-15"}"#)
    }

    @Test("An unknown kind is refused with the kinds that are known")
    func unknownKind() {
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(UnitResult.Basis.self, from: Data(#"{"kind":"guessed"}"#.utf8))
        }

        #expect(String(describing: error).contains("expected completed, recognised"))
    }

    @Test("Rule outcomes round-trip through JSON unchanged")
    func outcomesRoundTrip() throws {
        let decisions = [F.decision("D-1", level: "3b", on: "2025-01-01", validUntil: "2025-08-01"), F.decision("D-2", F.software, level: "3", on: "2023-01-01")]
        let results = [F.result("R-1", "U-BASIS", on: "2024-12-01", recognisedBy: "RC-1"), F.result("R-2", "U-CODE", on: "2024-06-01")]
        let observations = [F.observation("O-1", level: "3b", on: "2025-05-01")]

        let rule = try DecisionRuleEvaluation.evaluate(epa: F.care, level: "3b", observations: observations, on: "2025-06-30")
        let phases = try PhaseEvaluation.evaluate(programme: F.programme, catalogue: F.catalogue, decisions: decisions, results: results, asOf: "2025-06-30")
        let progress = try ProgressMeasure.measure(programme: F.programme, catalogue: F.catalogue, decisions: decisions, results: results, asOf: "2025-06-30")
        let profile = try SkillsProfile.build(learner: F.learner, results: results, decisions: decisions, catalogue: F.catalogue,
                                              today: "2025-06-30", isTechnical: { _ in true })

        #expect(try roundTrips(rule))
        #expect(try roundTrips(phases))
        #expect(try roundTrips(progress))
        #expect(try roundTrips(profile))
        #expect(profile.reentrustmentDue.count == 2)
    }
}
