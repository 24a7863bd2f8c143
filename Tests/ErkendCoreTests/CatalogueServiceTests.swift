import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import Testing

@Suite("Catalogue lifecycle")
struct CatalogueServiceTests {
    let store: ErkendStore
    let service: CatalogueService
    static let instant = Date(timeIntervalSince1970: 1_790_000_000)

    init() async throws {
        store = try ErkendStore.inMemory()
        service = CatalogueService(repository: store.catalogue, taxonomy: store.taxonomy, now: { CatalogueServiceTests.instant })
        _ = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .merge)
    }

    @Test("A new entity starts as version 1 draft whatever the input says")
    func createStartsAsDraft() async throws {
        var input = Samples.outcome()
        input.version = 7
        input.status = .published

        let created = try await service.create(.outcome(input))

        #expect(created.key == VersionKey(.outcome, "LO-1", 1))
        #expect(created.status == .draft)
    }

    @Test("Creating a code that exists is a conflict")
    func duplicateCodeConflicts() async throws {
        _ = try await service.create(.outcome(Samples.outcome()))

        let error = await #expect(throws: ErkendError.self) { try await service.create(.outcome(Samples.outcome())) }

        #expect(error?.code == .conflict)
    }

    @Test("Publishing sets the status and the time, and a published version never changes")
    func publishedIsFrozen() async throws {
        _ = try await service.create(.outcome(Samples.outcome()))

        let published = try await service.publish(VersionKey(.outcome, "LO-1", 1))
        let error = await #expect(throws: ErkendError.self) {
            try await service.updateDraft(VersionKey(.outcome, "LO-1", 1), with: .outcome(Samples.outcome()))
        }

        #expect(published.status == .published)
        #expect(published.entity.publishedAt == Self.instant)
        #expect(error?.code == .conflict)
        #expect(error?.message.contains("new version") == true)
    }

    @Test("Publishing refuses references to drafts and to missing entities, naming each")
    func publishChecksReferences() async throws {
        _ = try await service.create(.outcome(Samples.outcome()))
        _ = try await service.create(.unit(Samples.unit(outcomes: ["LO-1", "LO-404"])))

        let error = await #expect(throws: ErkendError.self) { try await service.publish(VersionKey(.unit, "U-1", 1)) }

        #expect(error?.code == .ruleViolation)
        #expect(error?.details.map(\.location) == ["outcomes[0]", "outcomes[1]"])
        #expect(error?.details.first?.message.contains("publish it first") == true)
        #expect(error?.details.last?.message.contains("does not exist") == true)
    }

    @Test("Publishing refuses alignments to skills the taxonomy does not have")
    func publishChecksSkills() async throws {
        let unknown = try ConceptURI("http://data.europa.eu/esco/skill/00000000-0000-4000-8000-00000000dead")
        _ = try await service.create(.outcome(Samples.outcome(skills: [unknown])))

        let error = await #expect(throws: ErkendError.self) { try await service.publish(VersionKey(.outcome, "LO-1", 1)) }

        #expect(error?.details.first?.message.contains("not in the taxonomy") == true)
    }

    @Test("A new version starts from the newest one, and only one draft exists at a time")
    func newVersionFromNewest() async throws {
        _ = try await service.create(.outcome(Samples.outcome()))
        _ = try await service.publish(VersionKey(.outcome, "LO-1", 1))

        let draft = try await service.newVersion(.outcome, code: "LO-1")
        let error = await #expect(throws: ErkendError.self) { try await service.newVersion(.outcome, code: "LO-1") }

        #expect(draft.key.version == 2)
        #expect(draft.status == .draft)
        #expect(draft.entity.publishedAt == nil)
        #expect(error?.code == .conflict)
    }

    @Test("Deprecating names the replacement, which must exist")
    func deprecateWithReplacement() async throws {
        _ = try await service.create(.outcome(Samples.outcome()))
        _ = try await service.publish(VersionKey(.outcome, "LO-1", 1))
        _ = try await service.newVersion(.outcome, code: "LO-1")
        _ = try await service.publish(VersionKey(.outcome, "LO-1", 2))

        let missing = await #expect(throws: ErkendError.self) {
            try await service.deprecate(VersionKey(.outcome, "LO-1", 1), replacedBy: EntityReference("LO-9"), by: .commandLine)
        }
        let deprecated = try await service.deprecate(VersionKey(.outcome, "LO-1", 1), replacedBy: EntityReference("LO-1", version: 2), by: .commandLine)

        #expect(missing?.code == .invalidInput)
        #expect(deprecated.status == .deprecated)
        #expect(deprecated.entity.replacedBy == EntityReference("LO-1", version: 2))
        #expect(try await service.resolve(.outcome, EntityReference("LO-1"))?.key.version == 2)
        let logged = try await store.audit.entries(after: 0, limit: 100).filter { $0.record.action == AuditAction.catalogueDeprecated }
        #expect(logged.count == 1, "one audit entry, for the deprecation that happened, none for the refused one")
        #expect(logged.first?.record.target == "outcome LO-1@1")
        #expect(logged.first?.record.details["replacedBy"] == "LO-1@2")
    }

    @Test("Drafts can be deleted; published versions cannot")
    func deleteOnlyDrafts() async throws {
        _ = try await service.create(.outcome(Samples.outcome()))
        _ = try await service.publish(VersionKey(.outcome, "LO-1", 1))
        _ = try await service.newVersion(.outcome, code: "LO-1")

        try await service.deleteDraft(VersionKey(.outcome, "LO-1", 2))
        let error = await #expect(throws: ErkendError.self) { try await service.deleteDraft(VersionKey(.outcome, "LO-1", 1)) }

        #expect(error?.code == .conflict)
        #expect(try await store.catalogue.versions(.outcome, code: "LO-1").count == 1)
    }

    @Test("Shape errors name the field")
    func shapeErrorsNameTheField() async throws {
        var unit = Samples.unit()
        unit.level = QualificationLevel(eqf: 9)

        let error = await #expect(throws: ErkendError.self) { try await service.create(.unit(unit)) }

        #expect(error?.details.first?.location == "level.eqf")
        #expect(error?.message.contains("1 to 8") == true)
    }
}
