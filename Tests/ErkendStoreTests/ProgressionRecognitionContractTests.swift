import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import Testing

/// What every backend must do with recognition cases (EVC), their evidence and decisions. Runs once per `StoreBackend`.
@Suite("Progression recognition contract")
struct ProgressionRecognitionContractTests {
    typealias S = ProgressionSamples

    private let badge = EvidenceContent(key: "RC-1-EV-1", mediaType: "application/ld+json", bytes: Data(#"{"type":["VerifiableCredential","OpenBadgeCredential"]}"#.utf8))

    /// L-1 seeded, with the practice statement the sample case brings as evidence.
    private func seededStore(_ backend: StoreBackend) async throws -> (ErkendStorage, AnyObject?) {
        let (store, directory) = try await backend.makeStorage()
        try await S.seed(store)
        try await store.progression.statements.create(S.statement(), audit: S.audit(AuditAction.statementRequested))
        return (store, directory)
    }

    private func recognised(_ unit: ExactReference, _ id: UnitResult.ID) -> UnitResult {
        S.result(id, unit: unit, basis: .recognised(case: "RC-1"))
    }

    @Test("A case reads back with its evidence content, checksum and media type", arguments: StoreBackend.allCases)
    func caseRoundTrip(backend: StoreBackend) async throws {
        let (store, directory) = try await seededStore(backend)
        defer { _ = directory }

        try await store.progression.recognition.create(S.recognitionCase(), evidence: [badge], audit: S.audit(AuditAction.recognitionOpened))

        #expect(try await store.progression.recognition.recognitionCase("RC-1") == S.recognitionCase())
        #expect(try await store.progression.recognition.cases(learner: "L-1") == [S.recognitionCase()])
        let evidence = try #require(try await store.progression.recognition.evidence(key: "RC-1-EV-1"))
        #expect(evidence.bytes == badge.bytes)
        #expect(evidence.mediaType == "application/ld+json")
        #expect(evidence.sha256.count == 64)
        #expect(evidence.recognitionCase == "RC-1")
        #expect(try await store.progression.recognition.evidence(key: "none") == nil)
    }

    @Test("Evidence over 5 MiB, or content no item refers to, is refused", arguments: StoreBackend.allCases)
    func evidenceLimits(backend: StoreBackend) async throws {
        let (store, directory) = try await seededStore(backend)
        defer { _ = directory }
        let recognition = store.progression.recognition
        let tooLarge = EvidenceContent(key: "RC-1-EV-1", mediaType: "application/pdf", bytes: Data(count: EvidenceContent.maximumSize + 1))
        let stray = EvidenceContent(key: "other", mediaType: "application/pdf", bytes: Data([1, 2, 3]))

        let large = await #expect(throws: ErkendError.self) {
            try await recognition.create(S.recognitionCase(), evidence: [tooLarge], audit: S.audit(AuditAction.recognitionOpened))
        }
        let missing = await #expect(throws: ErkendError.self) {
            try await recognition.create(S.recognitionCase(), evidence: [], audit: S.audit(AuditAction.recognitionOpened))
        }
        let extra = await #expect(throws: ErkendError.self) {
            try await recognition.create(S.recognitionCase(), evidence: [badge, stray], audit: S.audit(AuditAction.recognitionOpened))
        }

        #expect(large?.code == .tooLarge)
        #expect(large?.message.contains("5 MiB") == true)
        #expect(missing?.code == .invalidInput)
        #expect(extra?.code == .invalidInput)
        #expect(try await recognition.cases(learner: "L-1").isEmpty)
    }

    @Test("Evidence naming a practice statement that is not stored for the learner is refused", arguments: StoreBackend.allCases)
    func evidenceStatementMustBeStored(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store)

        let error = await #expect(throws: ErkendError.self) {
            try await store.progression.recognition.create(S.recognitionCase(), evidence: [badge], audit: S.audit(AuditAction.recognitionOpened))
        }

        #expect(error?.code == .invalidInput)
        #expect(try await store.progression.recognition.evidence(key: "RC-1-EV-1") == nil)
    }

    @Test("A decision stores itself, the recognised units' results and one audit entry together", arguments: StoreBackend.allCases)
    func decisionWritesResults(backend: StoreBackend) async throws {
        let (store, directory) = try await seededStore(backend)
        defer { _ = directory }
        let recognition = store.progression.recognition
        try await recognition.create(S.recognitionCase(), evidence: [badge], audit: S.audit(AuditAction.recognitionOpened))
        let decision = RecognitionDecision(result: .partial, reasons: ["Badge dekt U-1 volledig"], assessor: "acc-9", decidedOn: "2025-11-28",
                                           recognised: [.unit(EntityReference("U-1", version: 1))])
        let entriesBefore = try await store.audit.verify().checked

        let decided = try await recognition.decide("RC-1", decision, resultingResults: [recognised("U-1@1", "R-RC-1")],
                                                   audit: S.audit(AuditAction.recognitionDecided, details: ["result": "partial"]))

        #expect(decided.decision == decision)
        #expect(try await recognition.recognitionCase("RC-1") == decided)
        let results = try await store.progression.results.results(learner: "L-1")
        #expect(results.map(\.id) == ["R-RC-1"])
        #expect(results.first?.basis == .recognised(case: "RC-1"))
        #expect(try await store.audit.verify().checked == entriesBefore + 1)
        #expect(try await store.audit.entries(subject: "L-1", page: .first).items.last?.record.target == "RC-1")
    }

    @Test("A decision whose results do not match what it recognises writes nothing", arguments: StoreBackend.allCases)
    func decisionResultsMustMatch(backend: StoreBackend) async throws {
        let (store, directory) = try await seededStore(backend)
        defer { _ = directory }
        let recognition = store.progression.recognition
        try await recognition.create(S.recognitionCase(), evidence: [badge], audit: S.audit(AuditAction.recognitionOpened))
        let full = RecognitionDecision(result: .full, reasons: ["Beide eenheden aangetoond"], assessor: "acc-9", decidedOn: "2025-11-28")

        let oneMissing = await #expect(throws: ErkendError.self) {
            try await recognition.decide("RC-1", full, resultingResults: [recognised("U-1@1", "R-1")], audit: S.audit(AuditAction.recognitionDecided))
        }
        let completedBasis = await #expect(throws: ErkendError.self) {
            try await recognition.decide("RC-1", full, resultingResults: [recognised("U-1@1", "R-1"), S.result("R-2", unit: "U-2@1")],
                                         audit: S.audit(AuditAction.recognitionDecided))
        }
        try await recognition.decide("RC-1", full, resultingResults: [recognised("U-1@1", "R-1"), recognised("U-2@1", "R-2")],
                                     audit: S.audit(AuditAction.recognitionDecided))
        let twice = await #expect(throws: ErkendError.self) {
            try await recognition.decide("RC-1", full, resultingResults: [recognised("U-1@1", "R-3"), recognised("U-2@1", "R-4")],
                                         audit: S.audit(AuditAction.recognitionDecided))
        }

        #expect(oneMissing?.code == .invalidInput)
        #expect(completedBasis?.code == .invalidInput)
        #expect(twice?.code == .conflict)
        #expect(try await store.progression.results.results(learner: "L-1").map(\.id) == ["R-1", "R-2"])
    }

    @Test("A recognised result cannot be recorded on its own", arguments: StoreBackend.allCases)
    func recognisedResultNeedsItsDecision(backend: StoreBackend) async throws {
        let (store, directory) = try await seededStore(backend)
        defer { _ = directory }

        let error = await #expect(throws: ErkendError.self) {
            try await store.progression.results.record(recognised("U-1@1", "R-1"), audit: S.audit(AuditAction.resultRecorded))
        }

        #expect(error?.code == .invalidInput)
    }
}
