import ErkendCore
import ErkendTestSupport
import Foundation
import Testing

/// Awards for completed phases and programmes, made in the transaction of the record that completes
/// them. Runs once per `StoreBackend`.
@Suite("Completion awards contract")
struct CompletionAwardContractTests {
    typealias S = ProgressionSamples

    /// P-1@1 (phase `orientatie`: U-1 and EPA-1 at 2; phase `zelfstandig`: EPA-1 at 4), its unit and EPA.
    static func seedCatalogue(_ store: ErkendStorage) async throws {
        try await store.catalogue.write([
            .insert(.outcome(Samples.outcome(status: .published))),
            .insert(.unit(Samples.unit(status: .published))),
            .insert(.epa(Samples.epa(status: .published))),
            .insert(.programme(Samples.programme(status: .published))),
        ])
    }

    static func decision(_ id: EntrustmentDecision.ID, level: String, on day: Day) -> EntrustmentDecision {
        var decision = S.decision(id)
        decision.level = level
        decision.decidedOn = day
        return decision
    }

    @Test("The record that completes a phase makes its award in its own transaction and audit entry; the programme's comes with the last phase; never twice",
          arguments: StoreBackend.allCases)
    func phaseAndProgramme(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store)
        try await Self.seedCatalogue(store)
        let progression = store.progression
        try await progression.observations.record(S.observation(), audit: S.audit(AuditAction.observationRecorded))
        try await progression.decisions.record(Self.decision("D-1", level: "3", on: "2025-11-20"), audit: S.audit(AuditAction.decisionRecorded))
        #expect(try await store.awards.awards(learner: "L-1").map(\.kind) == [.entrustmentDecision], "U-1 is still missing")

        try await progression.results.record(S.result(), audit: S.audit(AuditAction.resultRecorded))
        var awards = try await store.awards.awards(learner: "L-1")
        let phase = try #require(awards.first { $0.kind == .phaseCompleted })
        #expect(phase.certifies == "P-1@1")
        #expect(phase.phase == "orientatie")
        #expect(phase.issuedOn == S.today, "dated the day the last piece arrived")
        #expect(phase.lawfulBasis == .legalObligation)
        #expect(phase.statusEntry != nil)
        #expect(!awards.contains { $0.kind == .programmeCompleted }, "zelfstandig asks for EPA-1 at 4")
        var entries = try await store.audit.entries(subject: "L-1", page: PageRequest()).items.map(\.record)
        let resultEntry = try #require(entries.first { $0.action == AuditAction.resultRecorded && $0.target == "R-1" })
        #expect(resultEntry.details["completionAwards"] == phase.id.rawValue)
        #expect(resultEntry.details["award"] != nil, "the unit's own award is named beside it")

        // Passing the unit again completes nothing new.
        try await progression.results.record(S.result("R-3"), audit: S.audit(AuditAction.resultRecorded))
        #expect(try await store.awards.awards(learner: "L-1").filter { $0.kind == .phaseCompleted }.count == 1)

        try await progression.decisions.record(Self.decision("D-2", level: "4", on: "2025-12-01"), audit: S.audit(AuditAction.decisionRecorded))
        awards = try await store.awards.awards(learner: "L-1")
        let completions = awards.filter { $0.kind == .phaseCompleted || $0.kind == .programmeCompleted }
        #expect(completions.map(\.kind) == [.phaseCompleted, .phaseCompleted, .programmeCompleted]
                || completions.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.phaseCompleted, .phaseCompleted, .programmeCompleted])
        #expect(Set(completions.compactMap(\.phase)) == ["orientatie", "zelfstandig"])
        let programme = try #require(completions.first { $0.kind == .programmeCompleted })
        #expect(programme.certifies == "P-1@1")
        #expect(programme.issuedOn == "2025-12-01")
        entries = try await store.audit.entries(subject: "L-1", page: PageRequest()).items.map(\.record)
        let decisionEntry = try #require(entries.first { $0.action == AuditAction.decisionRecorded && $0.target == "D-2" })
        let named = Set(decisionEntry.details["completionAwards"]?.split(separator: ",").map(String.init) ?? [])
        #expect(named == Set(completions.filter { $0.id != phase.id }.map(\.id.rawValue)))
        #expect(try await store.audit.verify().isIntact)

        // A later decision completes nothing again.
        try await progression.decisions.record(Self.decision("D-3", level: "5", on: "2025-12-02"), audit: S.audit(AuditAction.decisionRecorded))
        #expect(try await store.awards.awards(learner: "L-1").filter { $0.kind == .phaseCompleted || $0.kind == .programmeCompleted }.count == 3)
    }

    @Test("Withdrawing the decision a phase rested on revokes that phase's and the programme's awards, not the phase that still holds",
          arguments: StoreBackend.allCases)
    func withdrawalUndoesCompletion(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store)
        try await Self.seedCatalogue(store)
        let progression = store.progression
        try await progression.observations.record(S.observation(), audit: S.audit(AuditAction.observationRecorded))
        try await progression.decisions.record(Self.decision("D-1", level: "3", on: "2025-11-20"), audit: S.audit(AuditAction.decisionRecorded))
        try await progression.results.record(S.result(), audit: S.audit(AuditAction.resultRecorded))
        try await progression.decisions.record(Self.decision("D-2", level: "4", on: "2025-12-01"), audit: S.audit(AuditAction.decisionRecorded))
        let before = try await store.awards.awards(learner: "L-1")
        let orientatie = try #require(before.first { $0.phase == "orientatie" })
        let zelfstandig = try #require(before.first { $0.phase == "zelfstandig" })
        let programme = try #require(before.first { $0.kind == .programmeCompleted })

        try await progression.decisions.withdraw("D-2", EntrustmentDecision.Withdrawal(on: "2025-12-05", by: "acc-2", reason: "basis onvoldoende"),
                                                 audit: S.audit(AuditAction.decisionWithdrawn))
        let after = try await store.awards.awards(learner: "L-1")
        #expect(after.first { $0.id == orientatie.id }?.status == .offered, "D-1 at 3 still meets orientatie's level 2")
        #expect(after.first { $0.id == zelfstandig.id }?.status == .revoked)
        #expect(after.first { $0.id == programme.id }?.status == .revoked)
        #expect(after.first { $0.id == programme.id }?.revocation?.reason == "the entrustment decision was withdrawn")
        let entries = try await store.audit.entries(subject: "L-1", page: PageRequest()).items.map(\.record)
        let named = Set(entries.first { $0.action == AuditAction.decisionWithdrawn }?.details["revokedAwards"]?.split(separator: ",").map(String.init) ?? [])
        #expect(named.isSuperset(of: [zelfstandig.id.rawValue, programme.id.rawValue]))
        #expect(!named.contains(orientatie.id.rawValue))
        let revokedIndexes = Set(try await store.awards.revokedIndexes(list: 1))
        #expect(revokedIndexes.isSuperset(of: [zelfstandig.statusEntry!.index, programme.statusEntry!.index]))
    }

    @Test("A recognition decision that credits the missing unit completes the phase", arguments: StoreBackend.allCases)
    func recognitionCompletes(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store)
        try await Self.seedCatalogue(store)
        let progression = store.progression
        try await progression.observations.record(S.observation(), audit: S.audit(AuditAction.observationRecorded))
        try await progression.decisions.record(Self.decision("D-1", level: "2", on: "2025-11-20"), audit: S.audit(AuditAction.decisionRecorded))
        try await progression.statements.create(S.statement(), audit: S.audit(AuditAction.statementRequested))
        let badge = EvidenceContent(key: "RC-1-EV-1", mediaType: "application/ld+json", bytes: Data(#"{"type":["VerifiableCredential","OpenBadgeCredential"]}"#.utf8))
        try await progression.recognition.create(S.recognitionCase(), evidence: [badge], audit: S.audit(AuditAction.recognitionOpened))
        let decision = RecognitionDecision(result: .partial, reasons: ["Badge dekt U-1 volledig"], assessor: "acc-9", decidedOn: "2025-11-25",
                                           recognised: [.unit(EntityReference("U-1", version: 1))])
        var credited = S.result("R-RC-1", basis: .recognised(case: "RC-1"))
        credited.achievedOn = "2025-11-25"
        try await progression.recognition.decide("RC-1", decision, resultingResults: [credited], audit: S.audit(AuditAction.recognitionDecided))

        let awards = try await store.awards.awards(learner: "L-1")
        let phase = try #require(awards.first { $0.kind == .phaseCompleted })
        #expect(phase.phase == "orientatie")
        #expect(phase.issuedOn == "2025-11-25")
        let entries = try await store.audit.entries(subject: "L-1", page: PageRequest()).items.map(\.record)
        #expect(entries.first { $0.action == AuditAction.recognitionDecided }?.details["completionAwards"] == phase.id.rawValue)
    }

    @Test("Without the programme in the catalogue the record is written and nothing is awarded for completion", arguments: StoreBackend.allCases)
    func unknownProgramme(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store)
        try await store.progression.results.record(S.result(), audit: S.audit(AuditAction.resultRecorded))
        #expect(try await store.awards.awards(learner: "L-1").map(\.kind) == [.unitPassed])
    }
}
