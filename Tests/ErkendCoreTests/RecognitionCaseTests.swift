import ErkendCore
import Foundation
import Testing

@Suite("Recognition cases and practice statements")
struct RecognitionCaseTests {
    let evidence = [
        EvidenceItem(id: "EV-1", kind: .openBadge3, title: "Basiszorg", issuer: "ROC Noord", issuedOn: "2023-06-01", source: .stored(key: "blob/ev-1.json")),
        EvidenceItem(id: "EV-2", kind: .practiceStatement, title: "Praktijkverklaring Zorggroep", issuer: "Zorggroep", issuedOn: "2024-12-20", source: .practiceStatement("PS-1")),
    ]
    let mappings = [
        RecognitionMapping(target: .unit(EntityReference("U-BASIS")), evidence: ["EV-1"], rationale: "Same outcomes"),
        RecognitionMapping(target: .unit(EntityReference("U-HYG")), evidence: ["EV-2"]),
        RecognitionMapping(target: .outcome(EntityReference("LO-REPORT")), evidence: ["EV-2"]),
    ]

    func recognitionCase(_ decision: RecognitionDecision?) -> RecognitionCase {
        RecognitionCase(id: "RC-1", learner: "L-1", enrolment: "E-1", openedOn: "2025-01-10", evidence: evidence, mappings: mappings, decision: decision)
    }

    @Test("A full recognition credits every mapped target, and its units become results")
    func full() throws {
        let recognition = recognitionCase(RecognitionDecision(result: .full, reasons: ["Badge and statement cover all outcomes"], assessor: "E. Mulder", decidedOn: "2025-02-01"))

        try recognition.validate()

        #expect(recognition.recognisedUnits == [EntityReference("U-BASIS"), EntityReference("U-HYG")])
        #expect(recognition.recognisedTargets.count == 3)
    }

    @Test("A partial recognition credits only what it lists")
    func partial() throws {
        let recognition = recognitionCase(RecognitionDecision(result: .partial, reasons: ["Hygiene not shown in practice"], assessor: "E. Mulder",
                                                              decidedOn: "2025-02-01", recognised: [.unit(EntityReference("U-BASIS"))]))

        try recognition.validate()

        #expect(recognition.recognisedUnits == [EntityReference("U-BASIS")])
    }

    @Test("A refused or undecided case credits nothing")
    func refusedOrOpen() throws {
        let refused = recognitionCase(RecognitionDecision(result: .refused, reasons: ["Evidence older than five years"], assessor: "E. Mulder", decidedOn: "2025-02-01"))

        try refused.validate()

        #expect(refused.recognisedTargets.isEmpty)
        #expect(recognitionCase(nil).recognisedTargets.isEmpty)
    }

    @Test("A partial decision must list mapped targets, every decision needs reasons and an assessor, and it cannot precede the case")
    func inconsistentDecision() {
        let recognition = recognitionCase(RecognitionDecision(result: .partial, reasons: [" "], assessor: "", decidedOn: "2025-01-01",
                                                              recognised: [.unit(EntityReference("U-OTHER"))]))

        let error = #expect(throws: ErkendError.self) { try recognition.validate() }

        #expect(error?.code == .invalidInput)
        #expect(error?.details.map(\.location) == ["decision.assessor", "decision.reasons", "decision.decidedOn", "decision.recognised[0]"])
    }

    @Test("Mappings must name evidence of the case")
    func mappingsNameEvidence() {
        var recognition = recognitionCase(nil)
        recognition.mappings.append(RecognitionMapping(target: .unit(EntityReference("K-1")), evidence: ["EV-9"]))

        let error = #expect(throws: ErkendError.self) { try recognition.validate() }

        #expect(error?.details.map(\.location) == ["mappings[3].evidence[0]"])
    }

    @Test("A recognition case round-trips through JSON")
    func coding() throws {
        let recognition = recognitionCase(RecognitionDecision(result: .partial, reasons: ["Partly"], assessor: "E. Mulder",
                                                              decidedOn: "2025-02-01", recognised: [.outcome(EntityReference("LO-REPORT"))]))

        let data = try ErkendJSON.encoder().encode(recognition)

        #expect(try ErkendJSON.decoder().decode(RecognitionCase.self, from: data) == recognition)
    }

    @Test("A signed practice statement names who signed and when; a requested one does not")
    func practiceStatement() throws {
        var statement = PracticeStatement(id: "PS-1", learner: "L-1", placement: "PL-1", periodStart: "2025-01-01", periodEnd: "2025-06-30",
                                          tasks: [PerformedTask(reference: .werkproces(code: "B1-K1-W2"), description: "Zorgplan opstellen")])
        try statement.validate()

        statement.status = .signed
        let unsigned = #expect(throws: ErkendError.self) { try statement.validate() }
        statement.signedBy = .init(name: "M. Visser", organisation: "Zorggroep")
        statement.signedOn = "2025-07-01"
        try statement.validate()

        #expect(unsigned?.details.map(\.location) == ["signedBy", "signedOn"])
    }

    @Test("A practice statement needs a forward period and described tasks")
    func practiceStatementShape() {
        let statement = PracticeStatement(id: "PS-1", learner: "L-1", placement: "PL-1", periodStart: "2025-06-30", periodEnd: "2025-01-01",
                                          tasks: [PerformedTask(reference: .epa(EntityReference("EPA-CARE")), description: "")])

        let error = #expect(throws: ErkendError.self) { try statement.validate() }

        #expect(error?.details.map(\.location) == ["periodEnd", "tasks[0].description"])
    }
}
