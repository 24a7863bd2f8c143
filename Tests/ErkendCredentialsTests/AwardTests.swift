import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import Testing

@Suite("Awards")
struct AwardTests {
    @Test("a passed unit gives a unit-passed award for that exact version, valid for the unit's months; a failed one gives none")
    func unitResult() throws {
        let award = try AwardRules.award(for: ProgressionSamples.result(), id: "AW-1", validityMonths: 24)
        #expect(award.kind == .unitPassed)
        #expect(award.certifies == "U-1@1")
        #expect(award.issuedOn == ProgressionSamples.today)
        #expect(award.validUntil == "2027-11-29")
        #expect(award.lawfulBasis == .legalObligation)
        var failed = ProgressionSamples.result()
        failed.outcome = .failed
        #expect(throws: ErkendError.self) { try AwardRules.award(for: failed, id: "AW-2") }
    }

    @Test("a recognised result gives a recognition award, kept on the ground of consent")
    func recognised() throws {
        let award = try AwardRules.award(for: ProgressionSamples.result(basis: .recognised(case: "RC-1")), id: "AW-1")
        #expect(award.kind == .recognitionGranted)
        #expect(award.lawfulBasis == .consent)
        #expect(award.source == "recognition:RC-1")
    }

    @Test("an entrustment decision gives an award with level, scope and basis; a withdrawn one gives none")
    func decision() throws {
        var decision = ProgressionSamples.decision()
        decision.scope = "Afdeling 3"
        let award = try AwardRules.award(for: decision, id: "AW-1")
        #expect(award.entrustment?.level == "3")
        #expect(award.entrustment?.scope == "Afdeling 3")
        #expect(award.entrustment?.basisSummary.contains("1 observation") == true)
        decision.withdrawal = EntrustmentDecision.Withdrawal(on: ProgressionSamples.today, by: "acc-1", reason: "mistake")
        #expect(throws: ErkendError.self) { try AwardRules.award(for: decision, id: "AW-2") }
    }

    @Test("evidence is named by a URL or URN and appears once")
    func evidenceRules() throws {
        var award = try AwardRules.award(for: ProgressionSamples.result(), id: "AW-1")
        award.evidence = [Award.Evidence(id: "portfolio", name: "Portfolio")]
        #expect(throws: ErkendError.self) { try award.validate() }
        award.evidence = [Award.Evidence(id: "urn:x:1", name: "A"), Award.Evidence(id: "urn:x:1", name: "B")]
        #expect(throws: ErkendError.self) { try award.validate() }
    }

    @Test("the SQLite award repository stores, refuses a second award from the same result, revokes once, and audits each change")
    func repository() async throws {
        let store = try ErkendStore.inMemory()
        try await store.progression.learners.create(ProgressionSamples.learner(), audit: ProgressionSamples.audit(AuditAction.learnerCreated))
        let awards = SQLiteAwardRepository(database: store.database)
        let award = try AwardRules.award(for: ProgressionSamples.result(), id: "AW-1")
        try await awards.create(award, audit: ProgressionSamples.audit(AuditAction.awardCreated))
        let stored = try #require(try await awards.award("AW-1"))
        #expect(stored.statusEntry?.list == 1)
        #expect((0..<StatusAllocation.entriesPerList).contains(stored.statusEntry?.index ?? -1))
        var withoutEntry = stored
        withoutEntry.statusEntry = nil
        #expect(withoutEntry == award)
        #expect(try await awards.statusLists() == [1])
        var again = award
        again.id = "AW-2"
        let conflict = await #expect(throws: ErkendError.self) { try await awards.create(again, audit: ProgressionSamples.audit(AuditAction.awardCreated)) }
        #expect(conflict?.code == .conflict)

        let collected = try await awards.markCollected("AW-1", audit: ProgressionSamples.audit(AuditAction.awardCollected))
        #expect(collected.status == .collected)
        let revoked = try await awards.revoke("AW-1", Award.Revocation(on: ProgressionSamples.now, by: "acc-1", reason: "fraude vastgesteld"),
                                              audit: ProgressionSamples.audit(AuditAction.awardRevoked))
        #expect(revoked.status == .revoked)
        await #expect(throws: ErkendError.self) {
            try await awards.revoke("AW-1", Award.Revocation(on: ProgressionSamples.now, by: "acc-1", reason: "again"), audit: ProgressionSamples.audit(AuditAction.awardRevoked))
        }
        #expect(try await awards.awards(learner: "L-1").map(\.status) == [.revoked])
        let actions = try await store.audit.entries(subject: "L-1", page: PageRequest()).items.map(\.record.action)
        #expect(actions.filter { $0.hasPrefix("award.") } == [AuditAction.awardCreated, AuditAction.awardCollected, AuditAction.awardRevoked])
    }

    @Test("recording a passed result or a decision makes its award in the same audit entry; withdrawing and erasing revoke them in the status lists")
    func awardsFollowTheRecords() async throws {
        typealias S = ProgressionSamples
        let store = try ErkendStore.inMemory()
        try await S.seed(store)
        try await store.progression.observations.record(S.observation(), audit: S.audit(AuditAction.observationRecorded))
        try await store.progression.decisions.record(S.decision(), audit: S.audit(AuditAction.decisionRecorded))
        try await store.progression.results.record(S.result(), audit: S.audit(AuditAction.resultRecorded))
        var failed = S.result("R-2")
        failed.outcome = .failed
        try await store.progression.results.record(failed, audit: S.audit(AuditAction.resultRecorded))

        let made = try await store.awards.awards(learner: "L-1")
        #expect(made.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.entrustmentDecision, .unitPassed])
        #expect(made.allSatisfy { $0.status == .offered && $0.statusEntry?.list == 1 })
        let entries = try await store.audit.entries(subject: "L-1", page: PageRequest()).items.map(\.record)
        let decisionAward = try #require(made.first { $0.kind == .entrustmentDecision })
        let resultAward = try #require(made.first { $0.kind == .unitPassed })
        #expect(entries.first { $0.action == AuditAction.decisionRecorded }?.details["award"] == decisionAward.id.rawValue)
        #expect(entries.first { $0.action == AuditAction.resultRecorded && $0.target == "R-1" }?.details["award"] == resultAward.id.rawValue)
        #expect(entries.first { $0.action == AuditAction.resultRecorded && $0.target == "R-2" }?.details["award"] == nil)
        #expect(try await store.awards.revokedIndexes(list: 1).isEmpty)

        try await store.progression.decisions.withdraw("D-1", EntrustmentDecision.Withdrawal(on: S.today, by: "acc-2", reason: "basis onvoldoende"),
                                                       audit: S.audit(AuditAction.decisionWithdrawn))
        #expect(try await store.awards.award(decisionAward.id)?.status == .revoked)
        #expect(try await store.awards.revokedIndexes(list: 1) == [decisionAward.statusEntry!.index])

        _ = try await store.privacy.erase("L-1", pseudonym: "Gewist L-1", at: S.now, audit: S.audit(AuditAction.learnerErased))
        let after = try await store.awards.awards(learner: "L-1")
        #expect(after.allSatisfy { $0.status == .revoked })
        #expect(try await store.awards.revokedIndexes(list: 1) == made.compactMap { $0.statusEntry?.index }.sorted())
        #expect(after.first { $0.kind == .entrustmentDecision }?.entrustment?.basisSummary == Erasure.marker)
        #expect(try await store.audit.verify().isIntact)
    }

    @Test("a batch of 2,000 awards is stored in one transaction with distinct random status entries and one audit entry")
    func batch() async throws {
        let store = try ErkendStore.inMemory()
        try await store.progression.learners.create(ProgressionSamples.learner(), audit: ProgressionSamples.audit(AuditAction.learnerCreated))
        let before = try await store.audit.verify().checked
        let batch = (0..<2_000).map { index in
            Award(id: Award.ID(trusted: "AW-\(index)"), kind: .unitPassed, learner: "L-1", certifies: ExactReference("U-\(index)", version: 1),
                  issuedOn: ProgressionSamples.today, source: "batch:\(index)")
        }
        try await store.awards.createAll(batch, audit: ProgressionSamples.audit(AuditAction.awardCreated))
        let stored = try await store.awards.awards(learner: "L-1")
        #expect(stored.count == 2_000)
        #expect(Set(stored.compactMap(\.statusEntry)).count == 2_000)
        #expect(try await store.audit.verify().checked == before + 1)
        // Not sequential: the indexes are spread over the whole list.
        #expect((stored.compactMap { $0.statusEntry?.index }.max() ?? 0) > StatusAllocation.entriesPerList / 2)
        let duplicate = batch[0...0].map { award -> Award in var copy = award; copy.id = "AW-again"; return copy }
        await #expect(throws: ErkendError.self) { try await store.awards.createAll(duplicate, audit: ProgressionSamples.audit(AuditAction.awardCreated)) }
    }
}

