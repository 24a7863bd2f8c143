import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import Testing

/// What every progression backend must do with learners and their records. Runs once per `StoreBackend`.
@Suite("Progression records contract")
struct ProgressionRecordContractTests {
    typealias S = ProgressionSamples

    @Test("Every kind of record reads back equal to what was written", arguments: StoreBackend.allCases)
    func roundTrips(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        let progression = store.progression
        try await S.seed(store)

        try await progression.observations.record(S.observation(), audit: S.audit(AuditAction.observationRecorded))
        try await progression.decisions.record(S.decision(), audit: S.audit(AuditAction.decisionRecorded))
        try await progression.results.record(S.result(), audit: S.audit(AuditAction.resultRecorded))
        try await progression.statements.create(S.statement(), audit: S.audit(AuditAction.statementRequested))

        #expect(try await progression.learners.learner("L-1") == S.learner())
        #expect(try await progression.mentors.mentor("M-1") == S.mentor())
        #expect(try await progression.enrolments.enrolment("E-1") == S.enrolment())
        #expect(try await progression.enrolments.enrolments(learner: "L-1") == [S.enrolment()])
        #expect(try await progression.placements.placement("PL-1") == S.placement())
        #expect(try await progression.placements.placements(learner: "L-1") == [S.placement()])
        #expect(try await progression.observations.observation("O-1") == S.observation())
        #expect(try await progression.decisions.decision("D-1") == S.decision())
        #expect(try await progression.results.result("R-1") == S.result())
        #expect(try await progression.results.results(learner: "L-1") == [S.result()])
        #expect(try await progression.statements.statement("PS-1") == S.statement())
        #expect(try await progression.statements.statements(learner: "L-1") == [S.statement()])
        #expect(try await progression.statements.statements(placement: "PL-1") == [S.statement()])
        #expect(try await progression.learners.learner("L-404") == nil)
        #expect(try await progression.observations.observation("O-404") == nil)
    }

    @Test("Every write appends one audit entry about its learner and record", arguments: StoreBackend.allCases)
    func writesAreAudited(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store)

        try await store.progression.observations.record(S.observation(), audit: S.audit(AuditAction.observationRecorded, details: ["epa": "EPA-1@1"]))

        let entries = try await store.audit.entries(subject: "L-1", page: .first)
        #expect(entries.items.map(\.record.action) == [AuditAction.learnerCreated, AuditAction.enrolmentCreated, AuditAction.placementCreated, AuditAction.observationRecorded])
        #expect(entries.items.last?.record.target == "O-1", "the store fills in the record written")
        #expect(entries.items.last?.record.details == ["epa": "EPA-1@1"])
        #expect(try await store.audit.verify().isIntact)
    }

    @Test("An audit record naming another learner is refused and nothing is written", arguments: StoreBackend.allCases)
    func auditSubjectMustMatch(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store, second: true)
        var audit = S.audit(AuditAction.observationRecorded)
        audit.subject = "L-2"

        let error = await #expect(throws: ErkendError.self) {
            try await store.progression.observations.record(S.observation(), audit: audit)
        }

        #expect(error?.code == .invalidInput)
        #expect(try await store.progression.observations.observation("O-1") == nil)
    }

    @Test("Records cannot hang on another learner's enrolment, nor on one that does not exist", arguments: StoreBackend.allCases)
    func recordsStayWithTheirLearner(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store, second: true)
        let observations = store.progression.observations

        let otherEnrolment = await #expect(throws: ErkendError.self) {
            try await observations.record(S.observation(enrolment: "E-2"), audit: S.audit(AuditAction.observationRecorded))
        }
        let unknownEnrolment = await #expect(throws: ErkendError.self) {
            try await observations.record(S.observation(enrolment: "E-404"), audit: S.audit(AuditAction.observationRecorded))
        }
        try await observations.record(S.observation(), audit: S.audit(AuditAction.observationRecorded))
        let duplicate = await #expect(throws: ErkendError.self) {
            try await observations.record(S.observation(), audit: S.audit(AuditAction.observationRecorded))
        }

        #expect(otherEnrolment?.code == .invalidInput)
        #expect(unknownEnrolment?.code == .notFound)
        #expect(duplicate?.code == .conflict)
        #expect(try await observations.observations(learner: "L-1", epa: nil).count == 1)
    }

    @Test("Observations list per learner by day, optionally of one EPA code", arguments: StoreBackend.allCases)
    func observationsByLearnerAndEPA(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store, second: true)
        let observations = store.progression.observations
        try await observations.record(S.observation("O-3", date: "2025-11-22"), audit: S.audit(AuditAction.observationRecorded))
        try await observations.record(S.observation("O-1", date: "2025-11-20"), audit: S.audit(AuditAction.observationRecorded))
        try await observations.record(S.observation("O-2", epa: "EPA-2@1"), audit: S.audit(AuditAction.observationRecorded))
        try await observations.record(S.observation("O-9", learner: "L-2", enrolment: "E-2", mentor: "M-2"), audit: S.audit(AuditAction.observationRecorded))

        let all = try await observations.observations(learner: "L-1", epa: nil)
        let ofEPA = try await observations.observations(learner: "L-1", epa: "EPA-1")

        #expect(all.map(\.id) == ["O-1", "O-2", "O-3"])
        #expect(ofEPA.map(\.id) == ["O-1", "O-3"])
    }

    @Test("Learners list by name and filter by text, cohort and programme", arguments: StoreBackend.allCases)
    func learnerListFilters(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store, second: true)
        let learners = store.progression.learners
        try await learners.create(S.learner("L-3", name: "Anna Smit", number: "100003"), audit: S.audit(AuditAction.learnerCreated))
        try await store.progression.enrolments.create(S.enrolment("E-3", learner: "L-3", cohort: "2024-2025", programme: "P-2@1"),
                                                      audit: S.audit(AuditAction.enrolmentCreated))

        let all = try await learners.list(filter: LearnerFilter(), page: .first)
        let byText = try await learners.list(filter: LearnerFilter(text: "jans"), page: .first)
        let byNumber = try await learners.list(filter: LearnerFilter(text: "100003"), page: .first)
        let byCohort = try await learners.list(filter: LearnerFilter(cohort: "2025-2026"), page: .first)
        let byProgramme = try await learners.list(filter: LearnerFilter(programmeCode: "P-2"), page: .first)
        let secondPage = try await learners.list(filter: LearnerFilter(), page: try PageRequest(page: 2, size: 2))

        #expect(all.items.map(\.id) == ["L-3", "L-2", "L-1"])
        #expect(byText.items.map(\.id) == ["L-2"])
        #expect(byNumber.items.map(\.id) == ["L-3"])
        #expect(byCohort.items.map(\.id) == ["L-2", "L-1"])
        #expect(byProgramme.items.map(\.id) == ["L-3"])
        #expect(secondPage.items.map(\.id) == ["L-1"])
        #expect(secondPage.total == 3)
    }

    @Test("A student number belongs to one learner", arguments: StoreBackend.allCases)
    func studentNumberIsUnique(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store)

        let error = await #expect(throws: ErkendError.self) {
            try await store.progression.learners.create(S.learner("L-2", name: "Someone Else"), audit: S.audit(AuditAction.learnerCreated))
        }

        #expect(error?.code == .conflict)
        #expect(try await store.progression.learners.learner("L-2") == nil)
    }

    @Test("A mentor sees only the learners of their own placements", arguments: StoreBackend.allCases)
    func mentorsSeeTheirOwnLearners(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store, second: true)
        let placements = store.progression.placements

        let ofM1 = try await placements.learners(ofMentor: "M-1")
        let placementsOfM2 = try await placements.placements(ofMentor: "M-2")

        #expect(ofM1.map(\.id) == ["L-1"])
        #expect(placementsOfM2.map(\.id) == ["PL-2"])
        #expect(try await placements.isMentor("M-1", of: "L-1"))
        #expect(try await !placements.isMentor("M-1", of: "L-2"))
        #expect(try await store.progression.mentors.mentors(learner: "L-2").map(\.id) == ["M-2"])
    }

    @Test("A placement naming an unknown mentor is refused", arguments: StoreBackend.allCases)
    func placementMentorsMustExist(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store)

        let error = await #expect(throws: ErkendError.self) {
            try await store.progression.placements.create(S.placement("PL-9", mentors: ["M-404"]), audit: S.audit(AuditAction.placementCreated))
        }

        #expect(error?.code == .notFound)
        #expect(try await store.progression.placements.placement("PL-9") == nil)
    }

    @Test("An import stores learners, enrolments, placements and mentors together, with one audit entry", arguments: StoreBackend.allCases)
    func importStoresEverything(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        let rows = [
            LearnerImportRow(line: 2, learner: S.learner(), enrolment: S.enrolment(), placement: S.placement(), mentors: [S.mentor()]),
            LearnerImportRow(line: 3, learner: S.learner("L-2", name: "Daan Jansen", number: "100002"), enrolment: S.enrolment("E-2", learner: "L-2"),
                             placement: S.placement("PL-2", learner: "L-2", enrolment: "E-2"), mentors: [S.mentor()]),
        ]

        let summary = try await store.progression.learners.importLearners(rows, audit: S.audit(AuditAction.learnersImported, channel: .import("run-1")))
        var renamed = rows
        renamed[0].learner.name = "Sanne de Vries-Bakker"
        let again = try await store.progression.learners.importLearners(renamed, audit: S.audit(AuditAction.learnersImported, channel: .import("run-2")))

        #expect(summary.learnersAdded == 2)
        #expect(summary.mentors == 1)
        #expect(again.learnersAdded == 0)
        #expect(again.learnersUpdated == 2)
        #expect(try await store.progression.learners.learner("L-1")?.name == "Sanne de Vries-Bakker")
        #expect(try await store.progression.placements.learners(ofMentor: "M-1").map(\.id) == ["L-2", "L-1"])
        let log = try await store.audit.entries(after: 0, limit: 10)
        #expect(log.map(\.record.action) == [AuditAction.learnersImported, AuditAction.learnersImported])
        #expect(log.first?.record.details["learnersAdded"] == "2")
    }

    @Test("An import with one bad row writes nothing, and names the row", arguments: StoreBackend.allCases)
    func importIsAllOrNothing(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        let rows = [
            LearnerImportRow(line: 2, learner: S.learner(), enrolment: S.enrolment(), placement: S.placement(), mentors: [S.mentor()]),
            LearnerImportRow(line: 3, learner: S.learner("L-2", name: "Daan Jansen", number: "100002"), enrolment: S.enrolment("E-2", learner: "L-2"),
                             placement: S.placement("PL-2", learner: "L-2", enrolment: "E-2", mentors: ["M-404"])),
        ]

        let error = await #expect(throws: ErkendError.self) {
            try await store.progression.learners.importLearners(rows, audit: S.audit(AuditAction.learnersImported))
        }

        #expect(error?.details.first?.location == "line 3")
        #expect(error?.message.contains("M-404") == true)
        #expect(try await store.progression.learners.learner("L-1") == nil, "the good row before the bad one is not stored either")
        #expect(try await store.progression.mentors.mentor("M-1") == nil)
        #expect(try await store.audit.entries(after: 0, limit: 10).isEmpty)
    }

    @Test("Erasing a learner removes their personal data and keeps ids, records and a verifiable audit chain", arguments: StoreBackend.allCases)
    func eraseKeepsRecords(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store)
        try await store.progression.observations.record(S.observation(), audit: S.audit(AuditAction.observationRecorded))
        try await store.progression.results.record(S.result(), audit: S.audit(AuditAction.resultRecorded))

        let erased = try await store.progression.learners.erase("L-1", pseudonym: "Verwijderd L-1", audit: S.audit(AuditAction.learnerErased))

        let stored = try await store.progression.learners.learner("L-1")
        #expect(stored == erased)
        #expect(stored == Learner(id: "L-1", name: "Verwijderd L-1"), "name replaced; student number, e-mail and date of birth gone")
        #expect(try await store.progression.learners.list(filter: LearnerFilter(text: "Sanne"), page: .first).total == 0)
        #expect(try await store.progression.observations.observation("O-1") != nil)
        #expect(try await store.progression.results.results(learner: "L-1").count == 1)
        #expect(try await store.progression.enrolments.enrolments(learner: "L-1").count == 1)
        let verification = try await store.audit.verify()
        #expect(verification.isIntact)
        #expect(try await store.audit.entries(subject: "L-1", page: .first).items.last?.record.action == AuditAction.learnerErased)
        await #expect(throws: ErkendError.self) {
            try await store.progression.learners.erase("L-404", pseudonym: "x", audit: S.audit(AuditAction.learnerErased))
        }
    }

    @Test("A decision can be withdrawn once; the withdrawal is stored and audited", arguments: StoreBackend.allCases)
    func decisionWithdrawal(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store)
        let decisions = store.progression.decisions
        try await store.progression.observations.record(S.observation(), audit: S.audit(AuditAction.observationRecorded))
        try await decisions.record(S.decision(), audit: S.audit(AuditAction.decisionRecorded))
        let withdrawal = EntrustmentDecision.Withdrawal(on: "2025-12-01", by: "acc-7", reason: "Besluit op verkeerde stage gebaseerd")

        let withdrawn = try await decisions.withdraw("D-1", withdrawal, audit: S.audit(AuditAction.decisionWithdrawn))
        let again = await #expect(throws: ErkendError.self) {
            try await decisions.withdraw("D-1", withdrawal, audit: S.audit(AuditAction.decisionWithdrawn))
        }
        let unknown = await #expect(throws: ErkendError.self) {
            try await decisions.withdraw("D-404", withdrawal, audit: S.audit(AuditAction.decisionWithdrawn))
        }

        #expect(withdrawn.withdrawal == withdrawal)
        #expect(try await decisions.decisions(learner: "L-1") == [withdrawn], "the decision is kept, withdrawn")
        #expect(again?.code == .conflict)
        #expect(unknown?.code == .notFound)
        let actions = try await store.audit.entries(subject: "L-1", page: .first).items.map(\.record.action)
        #expect(actions.filter { $0 == AuditAction.decisionWithdrawn }.count == 1)
    }

    @Test("A decision resting on an observation that is not the learner's is refused", arguments: StoreBackend.allCases)
    func decisionBasisMustBeStored(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store)

        let error = await #expect(throws: ErkendError.self) {
            try await store.progression.decisions.record(S.decision(basis: ["O-404"]), audit: S.audit(AuditAction.decisionRecorded))
        }

        #expect(error?.code == .invalidInput)
        #expect(try await store.progression.decisions.decisions(learner: "L-1").isEmpty)
    }

    @Test("Progress inputs bring a learner's enrolments, decisions, results and observations in one read", arguments: StoreBackend.allCases)
    func progressInputs(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        try await S.seed(store, second: true)
        try await store.progression.observations.record(S.observation(), audit: S.audit(AuditAction.observationRecorded))
        try await store.progression.observations.record(S.observation("O-9", learner: "L-2", enrolment: "E-2", mentor: "M-2"), audit: S.audit(AuditAction.observationRecorded))
        try await store.progression.decisions.record(S.decision(), audit: S.audit(AuditAction.decisionRecorded))
        try await store.progression.results.record(S.result(), audit: S.audit(AuditAction.resultRecorded))

        let inputs = try #require(try await store.progression.progressInputs(learner: "L-1"))

        #expect(inputs.learner == S.learner())
        #expect(inputs.enrolments == [S.enrolment()])
        #expect(inputs.observations.map(\.id) == ["O-1"])
        #expect(inputs.decisions.map(\.id) == ["D-1"])
        #expect(inputs.results.map(\.id) == ["R-1"])
        #expect(try await store.progression.progressInputs(learner: "L-404") == nil)
    }

    @Test("A bulk insert of 1,000 learners with 10 observations each stores everything with one summary audit entry", arguments: StoreBackend.allCases)
    func bulkInsert(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeStorage()
        defer { _ = directory }
        let batch = S.generated(learners: 1_000, observationsEach: 10)

        try await store.progression.bulkInsert(batch, audit: S.audit(AuditAction.progressionGenerated, by: .system, channel: .cli("demo-generate")))

        #expect(try await store.progression.learners.list(filter: LearnerFilter(), page: .first).total == 1_000)
        let inputs = try #require(try await store.progression.progressInputs(learner: "GL-999"))
        #expect(inputs.observations.count == 10)
        #expect(inputs.observations == batch.observations.filter { $0.learner == "GL-999" })
        #expect(try await store.progression.placements.learners(ofMentor: "GM-3").count == 100)
        let log = try await store.audit.entries(after: 0, limit: 10)
        #expect(log.count == 1)
        #expect(log.first?.record.details["observations"] == "10000")
    }
}
