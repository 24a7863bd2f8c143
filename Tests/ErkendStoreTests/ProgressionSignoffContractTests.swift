import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import Testing

/// What every backend must do with mentors' single-use sign-off links. Runs once per `StoreBackend`.
@Suite("Progression sign-off contract")
struct ProgressionSignoffContractTests {
    typealias S = ProgressionSamples

    /// A store with L-1/M-1 (and L-2/M-2) seeded and one open request for an observation of EPA-1@1 by M-1 of L-1.
    private func storeWithRequest(_ backend: StoreBackend, purpose: SignoffRequest.Purpose = .observation(epa: S.epa)) async throws -> (ErkendStorage, AnyObject?) {
        let (store, directory) = try await backend.makeStorage()
        try await S.seed(store, second: true)
        if case .practiceStatement = purpose {
            try await store.progression.statements.create(S.statement(), audit: S.audit(AuditAction.statementRequested))
        }
        try await store.progression.signoffs.create(S.signoffRequest(purpose: purpose), token: S.token, audit: S.audit(AuditAction.signoffRequested))
        return (store, directory)
    }

    private var signAudit: AuditRecord {
        S.audit(AuditAction.signoffSigned, by: .mentor("M-1"), channel: .signoffLink("SR-1"))
    }

    @Test("A request is found by its token, never stores the token, and is listed as open for its mentor", arguments: StoreBackend.allCases)
    func requestByToken(backend: StoreBackend) async throws {
        let (store, directory) = try await storeWithRequest(backend)
        defer { _ = directory }
        let signoffs = store.progression.signoffs

        let found = try await signoffs.request(token: S.token)
        let altered = try await signoffs.request(token: S.token + "x")
        let open = try await signoffs.openRequests(mentor: "M-1", at: S.now.addingTimeInterval(60))
        let afterExpiry = try await signoffs.openRequests(mentor: "M-1", at: S.now.addingTimeInterval(SignoffRequest.defaultLifetime))

        #expect(found == S.signoffRequest())
        #expect(altered == nil)
        #expect(open.map(\.id) == ["SR-1"])
        #expect(afterExpiry.isEmpty)
        #expect(try await signoffs.openRequests(mentor: "M-2", at: S.now).isEmpty)
        let log = try await store.audit.entries(after: 0, limit: 100)
        #expect(!log.contains { $0.record.mentions(S.token) })
    }

    @Test("A request for a mentor who is not on the learner's placements, or with a short token, is refused", arguments: StoreBackend.allCases)
    func requestNeedsTheLearnersMentor(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store, second: true)
        let signoffs = store.progression.signoffs

        let otherMentor = await #expect(throws: ErkendError.self) {
            try await signoffs.create(S.signoffRequest(mentor: "M-2"), token: S.token, audit: S.audit(AuditAction.signoffRequested))
        }
        let shortToken = await #expect(throws: ErkendError.self) {
            try await signoffs.create(S.signoffRequest(), token: "short", audit: S.audit(AuditAction.signoffRequested))
        }

        #expect(otherMentor?.code == .invalidInput)
        #expect(shortToken?.code == .invalidInput)
        #expect(try await signoffs.request(token: S.token) == nil)
    }

    @Test("Signing stores the observation, marks the request used and appends one audit entry", arguments: StoreBackend.allCases)
    func signStoresObservation(backend: StoreBackend) async throws {
        let (store, directory) = try await storeWithRequest(backend)
        defer { _ = directory }
        let at = S.now.addingTimeInterval(3_600)

        let used = try await store.progression.signoffs.sign(token: S.token, observation: S.observation(), at: at, audit: signAudit)

        #expect(used.status == .signed)
        #expect(used.usedAt == at)
        #expect(used.resultingRecord == "O-1")
        #expect(try await store.progression.signoffs.request("SR-1") == used)
        #expect(try await store.progression.observations.observation("O-1") == S.observation())
        let last = try #require(try await store.audit.entries(subject: "L-1", page: .first).items.last)
        #expect(last.record.action == AuditAction.signoffSigned)
        #expect(last.record.target == "O-1")
        #expect(last.record.details["signoffRequest"] == "SR-1")
    }

    @Test("A link used twice is refused the second time, and nothing more is recorded", arguments: StoreBackend.allCases)
    func usedTwice(backend: StoreBackend) async throws {
        let (store, directory) = try await storeWithRequest(backend)
        defer { _ = directory }
        let signoffs = store.progression.signoffs
        try await signoffs.sign(token: S.token, observation: S.observation(), at: S.now, audit: signAudit)
        let entriesBefore = try await store.audit.verify().checked

        let error = await #expect(throws: ErkendError.self) {
            try await signoffs.sign(token: S.token, observation: S.observation("O-2"), at: S.now, audit: signAudit)
        }
        let decline = await #expect(throws: ErkendError.self) {
            try await signoffs.decline(token: S.token, reason: "Toch niet", at: S.now, audit: signAudit)
        }

        #expect(error?.code == .conflict)
        #expect(decline?.code == .conflict)
        #expect(try await store.progression.observations.observation("O-2") == nil)
        #expect(try await store.audit.verify().checked == entriesBefore)
        #expect(try await signoffs.request("SR-1")?.status == .signed)
    }

    @Test("An expired link is refused, nothing is recorded, and the request is marked expired", arguments: StoreBackend.allCases)
    func expired(backend: StoreBackend) async throws {
        let (store, directory) = try await storeWithRequest(backend)
        defer { _ = directory }
        let expiry = S.signoffRequest().expiresAt
        let entriesBefore = try await store.audit.verify().checked

        let error = await #expect(throws: ErkendError.self) {
            try await store.progression.signoffs.sign(token: S.token, observation: S.observation(), at: expiry, audit: signAudit)
        }

        #expect(error?.code == .conflict)
        #expect(error?.message.contains("expired") == true)
        #expect(try await store.progression.observations.observation("O-1") == nil)
        #expect(try await store.audit.verify().checked == entriesBefore)
        #expect(try await store.progression.signoffs.request("SR-1")?.status == .expired)
    }

    @Test("An altered token finds nothing", arguments: StoreBackend.allCases)
    func alteredToken(backend: StoreBackend) async throws {
        let (store, directory) = try await storeWithRequest(backend)
        defer { _ = directory }
        var altered = Array(S.token)
        altered[5] = "X"

        let error = await #expect(throws: ErkendError.self) {
            try await store.progression.signoffs.sign(token: String(altered), observation: S.observation(), at: S.now, audit: signAudit)
        }

        #expect(error?.code == .notFound)
        #expect(try await store.progression.observations.observation("O-1") == nil)
        #expect(try await store.progression.signoffs.request("SR-1")?.status == .open)
    }

    @Test("An observation of another learner, EPA or mentor than the link's is refused and the link stays open",
          arguments: StoreBackend.allCases)
    func mismatchRefused(backend: StoreBackend) async throws {
        let (store, directory) = try await storeWithRequest(backend)
        defer { _ = directory }
        let signoffs = store.progression.signoffs
        let mismatches = [
            S.observation(learner: "L-2", enrolment: "E-2"),
            S.observation(epa: "EPA-1@2"),
            S.observation(epa: "EPA-2@1"),
            S.observation(mentor: "M-2"),
        ]

        var codes: [ErkendError.Code] = []
        for observation in mismatches {
            do {
                try await signoffs.sign(token: S.token, observation: observation, at: S.now, audit: signAudit)
            } catch let error as ErkendError {
                codes.append(error.code)
            }
        }

        #expect(codes == [.invalidInput, .invalidInput, .invalidInput, .invalidInput])
        #expect(try await store.progression.observations.observations(learner: "L-1", epa: nil).isEmpty)
        #expect(try await store.progression.observations.observations(learner: "L-2", epa: nil).isEmpty)
        #expect(try await signoffs.request("SR-1")?.status == .open)
    }

    @Test("An audit record that contains the token is refused", arguments: StoreBackend.allCases)
    func tokenNeverLogged(backend: StoreBackend) async throws {
        let (store, directory) = try await storeWithRequest(backend)
        defer { _ = directory }
        let leaky = S.audit(AuditAction.signoffSigned, by: .mentor("M-1"), channel: AuditChannel(kind: .signoffLink, id: S.token))

        let error = await #expect(throws: ErkendError.self) {
            try await store.progression.signoffs.sign(token: S.token, observation: S.observation(), at: S.now, audit: leaky)
        }

        #expect(error?.code == .invalidInput)
        #expect(try await store.progression.signoffs.request("SR-1")?.status == .open)
    }

    @Test("Signing a practice statement through its link stores the signed statement, for the same placement only", arguments: StoreBackend.allCases)
    func signStatement(backend: StoreBackend) async throws {
        let (store, directory) = try await storeWithRequest(backend, purpose: .practiceStatement("PS-1"))
        defer { _ = directory }
        var signed = S.statement()
        signed.status = .signed
        signed.signedBy = PracticeStatement.Signatory(name: "Joris Bakker", organisation: "Zorggroep Oost")
        signed.signedOn = "2025-11-29"

        try await store.progression.placements.create(S.placement("PL-3"), audit: S.audit(AuditAction.placementCreated))
        var moved = signed
        moved.placement = "PL-3"

        let observation = await #expect(throws: ErkendError.self) {
            try await store.progression.signoffs.sign(token: S.token, observation: S.observation(), at: S.now, audit: signAudit)
        }
        let otherPlacement = await #expect(throws: ErkendError.self) {
            try await store.progression.signoffs.sign(token: S.token, statement: moved, at: S.now, audit: signAudit)
        }
        let used = try await store.progression.signoffs.sign(token: S.token, statement: signed, at: S.now, audit: signAudit)

        #expect(observation?.code == .invalidInput, "a statement's link cannot sign an observation")
        #expect(otherPlacement?.code == .invalidInput, "the mentor signs the statement of the placement it was requested for")
        #expect(used.resultingRecord == "PS-1")
        #expect(try await store.progression.statements.statement("PS-1") == signed)
    }

    @Test("Declining marks the request, and a requested statement, declined with the reason", arguments: StoreBackend.allCases)
    func decline(backend: StoreBackend) async throws {
        let (store, directory) = try await storeWithRequest(backend, purpose: .practiceStatement("PS-1"))
        defer { _ = directory }

        let declined = try await store.progression.signoffs.decline(token: S.token, reason: "Periode klopt niet", at: S.now,
                                                                    audit: S.audit(AuditAction.signoffDeclined, by: .mentor("M-1"), channel: .signoffLink("SR-1")))

        #expect(declined.status == .declined)
        #expect(declined.declineReason == "Periode klopt niet")
        #expect(try await store.progression.signoffs.request("SR-1") == declined)
        #expect(try await store.progression.statements.statement("PS-1")?.status == .declined)
        let last = try #require(try await store.audit.entries(subject: "L-1", page: .first).items.last)
        #expect(last.record.action == AuditAction.signoffDeclined)
        #expect(!last.record.details.values.contains("Periode klopt niet"), "the reason is free text and stays out of the log")
    }

    @Test("Two mentors on one placement each find only the practice statements they signed themselves", arguments: StoreBackend.allCases)
    func statementsSignedByMentor(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store, second: true)
        let progression = store.progression
        try await progression.placements.create(S.placement("PL-3", mentors: ["M-1", "M-2"]), audit: S.audit(AuditAction.placementCreated))
        // PS-A is signed by M-1, PS-B by M-2, PS-C was asked of M-1 but not signed, PS-D was declined by M-1.
        var signed: [PracticeStatement.ID: PracticeStatement] = [:]
        for (id, mentor) in [("PS-A", "M-1"), ("PS-B", "M-2"), ("PS-C", "M-1"), ("PS-D", "M-1")] {
            var statement = S.statement(PracticeStatement.ID(trusted: id))
            statement.placement = "PL-3"
            try await progression.statements.create(statement, audit: S.audit(AuditAction.statementRequested))
            let token = "\(id)-" + String(repeating: "t", count: 40)
            try await progression.signoffs.create(S.signoffRequest(SignoffRequest.ID(trusted: "SR-\(id)"), purpose: .practiceStatement(statement.id),
                                                                   mentor: Mentor.ID(trusted: mentor)),
                                                  token: token, audit: S.audit(AuditAction.signoffRequested))
            let audit = S.audit(AuditAction.signoffSigned, by: .mentor(Mentor.ID(trusted: mentor)), channel: .signoffLink(SignoffRequest.ID(trusted: "SR-\(id)")))
            switch id {
            case "PS-C": continue
            case "PS-D": try await progression.signoffs.decline(token: token, reason: "Niet bij ons", at: S.now, audit: audit)
            default:
                statement.status = .signed
                statement.signedBy = PracticeStatement.Signatory(name: mentor == "M-1" ? "Joris Bakker" : "Fatima El Amrani", organisation: "Zorggroep Oost")
                statement.signedOn = S.today
                try await progression.signoffs.sign(token: token, statement: statement, at: S.now, audit: audit)
                signed[statement.id] = statement
            }
        }

        let first = try await progression.statements.statements(signedBy: "M-1")
        let second = try await progression.statements.statements(signedBy: "M-2")

        #expect(first == [try #require(signed["PS-A"])], "M-1 signed only PS-A; PS-C waits and PS-D was declined")
        #expect(second == [try #require(signed["PS-B"])], "M-2 sees the statement they signed, not M-1's on the same placement")
        #expect(try await progression.statements.statements(placement: "PL-3").count == 4, "the placement itself holds all four")
        #expect(try await progression.statements.statements(signedBy: "M-404").isEmpty)
    }

    @Test("An erasure withdraws the learner's open links with the status withdrawn, leaves used ones as they were, and a withdrawn link is refused in words",
          arguments: StoreBackend.allCases)
    func erasureWithdrawsOpenLinks(backend: StoreBackend) async throws {
        let (store, directory) = try await storeWithRequest(backend)
        defer { _ = directory }
        let signoffs = store.progression.signoffs
        let used = String(repeating: "u", count: 43)
        try await signoffs.create(S.signoffRequest("SR-2"), token: used, audit: S.audit(AuditAction.signoffRequested))
        try await signoffs.sign(token: used, observation: S.observation(), at: S.now, audit: S.audit(AuditAction.signoffSigned, by: .mentor("M-1"),
                                                                                                          channel: .signoffLink("SR-2")))
        let other = String(repeating: "o", count: 43)
        try await signoffs.create(S.signoffRequest("SR-3", learner: "L-2", mentor: "M-2"), token: other, audit: S.audit(AuditAction.signoffRequested))
        let erasedAt = S.now.addingTimeInterval(3_600)

        _ = try await store.privacy.erase("L-1", pseudonym: "Gewist L-1", at: erasedAt, audit: S.audit(AuditAction.learnerErased))

        let withdrawn = try #require(try await signoffs.request("SR-1"))
        #expect(withdrawn.status == .withdrawn)
        #expect(withdrawn.status(at: withdrawn.expiresAt.addingTimeInterval(60)) == .withdrawn, "withdrawn stays withdrawn, also past its expiry")
        #expect(withdrawn.expiresAt == S.signoffRequest().expiresAt && withdrawn.usedAt == nil, "nothing else about the request changes")
        #expect(try await signoffs.request("SR-2")?.status == .signed, "a used link keeps its status")
        #expect(try await signoffs.request("SR-3")?.status == .open, "another learner's link stays open")
        #expect(try await signoffs.requests(learner: "L-1").map(\.id) == ["SR-2", "SR-1"], "newest first, then by id")
        #expect(try await signoffs.requests(learner: "L-2").map(\.id) == ["SR-3"])
        let refused = await #expect(throws: ErkendError.self) {
            try await signoffs.sign(token: S.token, observation: S.observation("O-9"), at: erasedAt, audit: signAudit)
        }
        #expect(refused?.code == .conflict)
        #expect(refused?.message.contains("withdrawn") == true, "\(String(describing: refused?.message))")
    }
}
