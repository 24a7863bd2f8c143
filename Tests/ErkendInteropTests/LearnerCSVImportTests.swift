import ErkendCore
import ErkendInterop
import ErkendStore
import ErkendTestSupport
import Foundation
import Testing

/// Learner files through the real store: programmes resolved against the
/// catalogue, re-imports that update, and what a file does not say kept.
@Suite("Learner CSV import through the store")
struct LearnerCSVImportTests {
    let store: ErkendStore
    let audit = ProgressionSamples.audit(AuditAction.learnersImported, by: .system, channel: .cli("learners-import"))

    init() async throws {
        store = try ErkendStore.inMemory()
        try await store.catalogue.write([.insert(.programme(Self.programme("SD-25604", version: 1, status: .published)))])
    }

    private static func programme(_ code: String, version: Int, status: LifecycleStatus) -> Programme {
        var programme = Samples.programme(code, status: status)
        programme.version = version
        return programme
    }

    @discardableResult
    private func run(_ text: String, name: String = "learners.csv") async throws -> LearnerFileImport.Outcome {
        let file = try LearnerCSV(data: Data(text.utf8), source: name)
        return try await LearnerFileImport.run(file, catalogue: store.catalogue, progression: store.progression, audit: audit)
    }

    private static let export = "studentnummer,naam,email,geboortedatum,opleiding,cohort,startdatum\n"
        + "900001,Els Proef,els@student.example,2008-01-15,SD-25604,2025-2026,2025-09-01\n"
        + "900002,Sem Breukelbit,sem@student.example,2008-05-30,SD-25604,2025-2026,2025-09-01\n"

    private static let bpvSheet = "studentnummer,naam,opleiding,cohort,startdatum,leerbedrijf,bpv_start,praktijkopleider,praktijkopleider_email\n"
        + "900001,Els Proef,SD-25604,2025-2026,2025-09-01,Acme,2026-02-02,Karin Sleutelaar,karin@acme.example\n"

    @Test("Importing the same file twice adds once and then updates: nothing is duplicated")
    func reimportUpdates() async throws {
        let first = try await run(Self.export + "900003,Noor Proef,,,SD-25604,2025-2026,2025-09-01\n")
        let second = try await run(Self.export + "900003,Noor Proef,,,SD-25604,2025-2026,2025-09-01\n")

        #expect(first.summary.learnersAdded == 3 && first.summary.enrolments == 3)
        #expect(second.summary.learnersAdded == 0 && second.summary.learnersUpdated == 3)
        let stored = try await store.progression.learners.list(filter: LearnerFilter(), page: .first)
        #expect(stored.total == 3)
        #expect(try await store.progression.enrolments.enrolments(learner: "900001").count == 1)
    }

    @Test("A code without a version enrols in its newest published version, never in a draft")
    func newestPublishedVersion() async throws {
        try await store.catalogue.write([.insert(.programme(Self.programme("SD-25604", version: 2, status: .published))),
                                         .insert(.programme(Self.programme("SD-25604", version: 3, status: .draft)))])

        try await run(Self.export)

        let enrolment = try #require(try await store.progression.enrolments.enrolments(learner: "900001").first)
        #expect(enrolment.programme == "SD-25604@2")
        #expect(enrolment.id == "900001-SD-25604-2025-09-01")
    }

    @Test("A BPV coordinator's sheet without e-mail columns adds the placement and keeps the stored e-mail addresses")
    func absentColumnsKeepStoredValues() async throws {
        try await run(Self.export)

        let outcome = try await run(Self.bpvSheet, name: "bpv.csv")

        #expect(outcome.summary.placements == 1 && outcome.summary.mentors == 1)
        let els = try await store.progression.learners.learner("900001")
        #expect(els?.email == "els@student.example")
        #expect(els?.dateOfBirth == "2008-01-15")
        let placements = try await store.progression.placements.placements(learner: "900001")
        #expect(placements.map(\.organisation) == ["Acme"])
        #expect(placements.first?.mentors.count == 1)
    }

    @Test("Re-importing keeps an enrolment's programme version and status, and says so when the file names another version")
    func storedEnrolmentKeepsVersionAndStatus() async throws {
        try await run(Self.export)
        var withdrawn = try #require(try await store.progression.enrolments.enrolment("900002-SD-25604-2025-09-01"))
        withdrawn.status = .withdrawn
        withdrawn.endDate = "2025-12-19"
        try await store.progression.enrolments.update(withdrawn, audit: ProgressionSamples.audit("enrolment.updated"))
        try await store.catalogue.write([.insert(.programme(Self.programme("SD-25604", version: 2, status: .published)))])

        let outcome = try await run(Self.export.replacingOccurrences(of: "2025-2026", with: "2025-2026b"))

        let els = try #require(try await store.progression.enrolments.enrolment("900001-SD-25604-2025-09-01"))
        let sem = try #require(try await store.progression.enrolments.enrolment("900002-SD-25604-2025-09-01"))
        #expect(els.programme == "SD-25604@1" && els.cohort == "2025-2026b")
        #expect(sem.status == .withdrawn && sem.endDate == "2025-12-19" && sem.programme == "SD-25604@1")
        #expect(outcome.notes.map(\.location) == ["learners.csv:2", "learners.csv:3"])
        #expect(outcome.notes.first?.message.contains("stays on SD-25604@1") == true)
    }

    @Test("A row the store refuses names the file and line, and nothing of the file is stored")
    func storeRefusalNamesFileAndLine() async throws {
        try await run("id,studentnummer,naam\nL-1,900001,Els Proef\n")

        let error = await #expect(throws: ErkendError.self) {
            try await run("id,studentnummer,naam\nL-9,900009,Nieuw\nL-2,900001,Iemand Anders\n", name: "second.csv")
        }

        #expect(error?.message.hasPrefix("second.csv: ") == true)
        #expect(error?.details.first?.location == "second.csv:3")
        #expect(error?.description.contains("student number 900001") == true)
        #expect(try await store.progression.learners.learner("L-9") == nil)
    }

    @Test("The import is audited once, as the command line's, with the counts and no personal data")
    func auditedOnce() async throws {
        try await run(Self.bpvSheet)

        let entries = try await store.audit.entries(after: 0, limit: 10)
        #expect(entries.map(\.record.action) == [AuditAction.learnersImported])
        let record = try #require(entries.first?.record)
        #expect(record.channel == .cli("learners-import"))
        #expect(record.details["learnersAdded"] == "1" && record.details["mentors"] == "1")
        #expect(!record.mentions("karin") && !record.mentions("Els") && !record.mentions("Acme"))
    }

    // MARK: Which version

    @Test("The resolver refuses an unknown code, a missing version, a draft, and a deprecated code unless pinned")
    func resolverRules() throws {
        var deprecated = Self.programme("OLD-1", version: 1, status: .deprecated)
        deprecated.replacedBy = EntityReference("SD-25604")
        let resolver = ProgrammeResolver(versions: [
            .programme(Self.programme("SD-25604", version: 1, status: .published)),
            .programme(Self.programme("SD-25604", version: 2, status: .draft)),
            .programme(deprecated),
            .programme(Self.programme("NEW-1", version: 1, status: .draft)),
        ])

        #expect(try resolver.resolve("SD-25604") == "SD-25604@1")
        #expect(try resolver.resolve("OLD-1@1") == "OLD-1@1")
        #expect(message { try resolver.resolve("SD-99999") } == "programme SD-99999 is not in the catalogue; check the code, or import the catalogue first")
        #expect(message { try resolver.resolve("SD-25604@7") } == "programme SD-25604 has no version 7; it has version 1, 2")
        #expect(message { try resolver.resolve("SD-25604@2") } == "programme SD-25604@2 is a draft; learners enrol in a published version only")
        #expect(message { try resolver.resolve("OLD-1") }?.contains("OLD-1@1 is deprecated (replaced by SD-25604); write OLD-1@1") == true)
        #expect(message { try resolver.resolve("NEW-1") } == "programme NEW-1 has only a draft (NEW-1@1); publish it before enrolling learners")
        #expect(message { try resolver.resolve("SD 25604") }?.hasPrefix("'SD 25604' is not a programme code") == true)
    }

    private func message(_ body: () throws -> ExactReference) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return (error as? ErkendError)?.message
        }
    }
}
