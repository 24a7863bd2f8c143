import ErkendCore
import ErkendTestSupport
import Foundation
import Testing

/// What every backend must do with consents, the access log and erasure. Runs once per `StoreBackend`.
@Suite("Privacy repository contract")
struct PrivacyRepositoryContractTests {
    typealias S = ProgressionSamples

    @Test("The latest consent per purpose counts, and every consent is audited", arguments: StoreBackend.allCases)
    func consents(backend: StoreBackend) async throws {
        let (store, lease) = try await backend.makeStorage()
        defer { _ = lease }
        try await S.seed(store)
        let given = Consent(learner: "L-1", purpose: .gradesToMentors, granted: true, at: S.now, recordedBy: "staff:acc-1")
        try await store.privacy.record(given, audit: S.audit("consent.granted"))
        try await store.privacy.record(Consent(learner: "L-1", purpose: .gradesToMentors, granted: false, at: S.now.addingTimeInterval(60), recordedBy: "staff:acc-1"),
                                       audit: S.audit("consent.withdrawn"))
        try await store.privacy.record(Consent(learner: "L-1", purpose: .evidenceToMentors, granted: true, at: S.now, recordedBy: "staff:acc-1"),
                                       audit: S.audit("consent.granted"))

        let consents = try await store.privacy.consents(learner: "L-1")
        #expect(consents.map(\.purpose) == [.evidenceToMentors, .gradesToMentors])
        #expect(consents.first { $0.purpose == .gradesToMentors }?.granted == false)
        #expect(consents.first { $0.purpose == .gradesToMentors }?.at == S.now.addingTimeInterval(60))
        let actions = try await store.audit.entries(subject: "L-1", page: .first).items.map(\.record.action)
        #expect(actions.suffix(3) == ["consent.granted", "consent.withdrawn", "consent.granted"])
        #expect(try await store.privacy.consents(learner: "L-404").isEmpty)
    }

    @Test("Switches changed together are stored together: all of them with their audit entries, or none", arguments: StoreBackend.allCases)
    func consentsTogether(backend: StoreBackend) async throws {
        let (store, lease) = try await backend.makeStorage()
        defer { _ = lease }
        try await S.seed(store)
        let grades = Consent(learner: "L-1", purpose: .gradesToMentors, granted: true, at: S.now, recordedBy: "staff:acc-1")
        let evidence = Consent(learner: "L-1", purpose: .evidenceToMentors, granted: true, at: S.now, recordedBy: "staff:acc-1")
        // The second audit entry names no action, so the write fails after the first consent is in.
        await #expect(throws: ErkendError.self) {
            try await store.privacy.record([(consent: grades, audit: S.audit("consent.granted")), (consent: evidence, audit: S.audit(""))])
        }
        #expect(try await store.privacy.consents(learner: "L-1").isEmpty, "nothing of the failed pair stays")
        try await store.privacy.record([(consent: grades, audit: S.audit("consent.granted")), (consent: evidence, audit: S.audit("consent.granted"))])
        #expect(try await store.privacy.consents(learner: "L-1").map(\.purpose) == [.evidenceToMentors, .gradesToMentors])
        let actions = try await store.audit.entries(subject: "L-1", page: .first).items.map(\.record.action)
        #expect(actions.suffix(2) == ["consent.granted", "consent.granted"])
    }

    @Test("The access log lists a learner's accesses newest first, a page at a time", arguments: StoreBackend.allCases)
    func accessLog(backend: StoreBackend) async throws {
        let (store, lease) = try await backend.makeStorage()
        defer { _ = lease }
        try await S.seed(store, second: true)
        try await store.privacy.recordAccess(AccessRecord(at: S.now, learner: "L-1", actor: "staff:acc-1", channel: "session", what: "progress"))
        try await store.privacy.recordAccesses((1...4).map {
            AccessRecord(at: S.now.addingTimeInterval(Double($0)), learner: "L-1", actor: "mentor:M-1", channel: "session", what: "observation \($0)")
        })
        try await store.privacy.recordAccess(AccessRecord(at: S.now, learner: "L-2", actor: "staff:acc-1", channel: "session", what: "progress"))

        let first = try await store.privacy.accesses(learner: "L-1", page: PageRequest(page: 1, size: 2))
        #expect(first.total == 5)
        #expect(first.items.map(\.what) == ["observation 4", "observation 3"])
        let last = try await store.privacy.accesses(learner: "L-1", page: PageRequest(page: 3, size: 2))
        #expect(last.items.map(\.what) == ["progress"])
        #expect(last.items.first?.at == S.now)
    }

    @Test("Erasure replaces personal data, redacts free text, closes open links and their mail, revokes awards, and refuses new records",
          arguments: StoreBackend.allCases)
    func erasure(backend: StoreBackend) async throws {
        let (store, lease) = try await backend.makeStorage()
        defer { _ = lease }
        try await S.seed(store)
        let progression = store.progression
        try await progression.observations.record(S.observation(), audit: S.audit(AuditAction.observationRecorded))
        try await progression.decisions.record(S.decision(), audit: S.audit(AuditAction.decisionRecorded))
        let mail = OutgoingMail(id: "MAIL-1", recipient: "joris@example.nl", recipientName: "Joris Bakker", template: "signoff-request",
                                values: ["learner": "Sanne de Vries", "link": "https://erkend.example/s/\(S.token)"],
                                about: OutgoingMail.about(signoff: "SR-1"), createdAt: S.now)
        try await progression.signoffs.create(S.signoffRequest(), token: S.token, mail: mail, audit: S.audit(AuditAction.signoffRequested))
        #expect(try await store.awards.awards(learner: "L-1").map(\.status) == [.offered])

        let erasedAt = S.now.addingTimeInterval(3600)
        let erased = try await store.privacy.erase("L-1", pseudonym: "Gewist L-1", at: erasedAt, audit: S.audit(AuditAction.learnerErased))

        #expect(erased == Learner(id: "L-1", name: "Gewist L-1"))
        #expect(try await progression.learners.learner("L-1") == Learner(id: "L-1", name: "Gewist L-1"))
        #expect(try await progression.observations.observation("O-1") == Erasure.redact(S.observation()))
        #expect(try await progression.decisions.decision("D-1") == Erasure.redact(S.decision()))
        #expect(try await progression.signoffs.request("SR-1")?.status == .withdrawn, "withdrawn, not expired")
        let mails = try await progression.outbox.mails(about: OutgoingMail.about(signoff: "SR-1"))
        #expect(mails.map(\.status) == [.cancelled])
        #expect(mails.first?.values.isEmpty == true, "the mail keeps its envelope only")
        #expect(try await progression.enrolments.enrolment("E-1")?.status == .withdrawn)
        let awards = try await store.awards.awards(learner: "L-1")
        #expect(awards.map(\.status) == [.revoked])
        #expect(awards.first?.entrustment?.basisSummary == Erasure.marker)

        await #expect(throws: ErkendError.self) {
            try await progression.observations.record(S.observation("O-2"), audit: S.audit(AuditAction.observationRecorded))
        }
        let refusal = await #expect(throws: ErkendError.self) {
            try await progression.learners.update(S.learner(), audit: S.audit(AuditAction.learnerUpdated))
        }
        #expect(refusal?.code == .conflict, "an erased learner is not given a name again")
        let again = await #expect(throws: ErkendError.self) {
            try await store.privacy.erase("L-1", pseudonym: "Gewist L-1", at: erasedAt, audit: S.audit(AuditAction.learnerErased))
        }
        #expect(again?.code == .conflict)
        #expect(try await progression.observations.observations(learner: "L-1", epa: nil).count == 1)
        #expect(try await store.audit.verify().isIntact)
        #expect(try await store.audit.entries(subject: "L-1", page: .first).items.last?.record.action == AuditAction.learnerErased)
    }
}
