import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import Testing

/// What every backend must do when writers race: one winner where there can
/// be only one, everything stored where all can be, and an intact audit chain.
@Suite("Progression concurrency contract")
struct ProgressionConcurrencyContractTests {
    typealias S = ProgressionSamples

    @Test("Twenty concurrent uses of one sign-off link: exactly one succeeds and one observation is stored",
          arguments: [StoreBackend.sqliteFile, .postgres])
    func concurrentSignoffs(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store)
        try await store.progression.signoffs.create(S.signoffRequest(), token: S.token, audit: S.audit(AuditAction.signoffRequested))
        let signoffs = store.progression.signoffs

        let outcomes = await withTaskGroup(of: ErkendError.Code?.self) { group in
            for attempt in 0..<20 {
                group.addTask {
                    do {
                        try await signoffs.sign(token: S.token, observation: S.observation(Observation.ID(trusted: "O-\(attempt)")), at: S.now,
                                                audit: S.audit(AuditAction.signoffSigned, by: .mentor("M-1"), channel: .signoffLink("SR-1")))
                        return nil
                    } catch let error as ErkendError {
                        return error.code
                    } catch {
                        return .storage
                    }
                }
            }
            return await group.reduce(into: [ErkendError.Code?]()) { $0.append($1) }
        }

        #expect(outcomes.filter { $0 == nil }.count == 1)
        #expect(outcomes.compactMap { $0 }.allSatisfy { $0 == .conflict })
        #expect(try await store.progression.observations.observations(learner: "L-1", epa: nil).count == 1)
        #expect(try await store.audit.verify().isIntact)
    }

    @Test("Fifty concurrent observations and decisions for one learner are all stored, and the audit chain verifies",
          arguments: StoreBackend.allCases)
    func concurrentRecords(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store)
        let progression = store.progression

        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                group.addTask {
                    let observation = Observation.ID(trusted: "O-\(index)")
                    try await progression.observations.record(S.observation(observation), audit: S.audit(AuditAction.observationRecorded))
                    try await progression.decisions.record(S.decision(EntrustmentDecision.ID(trusted: "D-\(index)"), basis: [observation]),
                                                           audit: S.audit(AuditAction.decisionRecorded))
                }
            }
            try await group.waitForAll()
        }

        let inputs = try #require(try await progression.progressInputs(learner: "L-1"))
        #expect(inputs.observations.count == 50)
        #expect(inputs.decisions.count == 50)
        let verification = try await store.audit.verify()
        #expect(verification.isIntact)
        #expect(verification.checked == 4 + 100, "seed (4) and one entry per record")
    }

    @Test("Concurrent observations of which some are refused: each refusal reaches its own caller, the rest are stored with one audit entry each",
          arguments: StoreBackend.allCases)
    func refusalsAmongConcurrentRecords(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store)
        let observations = store.progression.observations

        // Every third names an enrolment that does not exist; the stored ones may share transactions with them.
        let refused = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<60 {
                group.addTask {
                    let observation = S.observation(Observation.ID(trusted: "O-\(index)"), enrolment: index % 3 == 0 ? "E-missing" : "E-1")
                    do {
                        try await observations.record(observation, audit: S.audit(AuditAction.observationRecorded))
                        return false
                    } catch is ErkendError {
                        return true
                    }
                }
            }
            return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }

        let stored = try await observations.observations(learner: "L-1", epa: nil)
        #expect(refused == 20)
        #expect(stored.count == 40)
        #expect(stored.allSatisfy { Int($0.id.rawValue.dropFirst(2))! % 3 != 0 })
        let verification = try await store.audit.verify()
        #expect(verification.isIntact)
        #expect(verification.checked == 4 + 40, "seed (4) and one entry per stored observation, none for the refused")
    }
}
