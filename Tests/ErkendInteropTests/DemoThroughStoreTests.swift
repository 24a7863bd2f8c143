import ErkendCore
import ErkendInterop
import ErkendStore
import ErkendTestSupport
import Foundation
import Testing

/// The shipped data end to end through the real store: ESCO subset, demo
/// catalogue, validation, export and re-import.
@Suite("Demo catalogue through the store")
struct DemoThroughStoreTests {
    let store: ErkendStore
    let service: CatalogueService

    init() async throws {
        store = try ErkendStore.inMemory()
        service = CatalogueService(repository: store.catalogue, taxonomy: store.taxonomy, now: { Date(timeIntervalSince1970: 1_790_000_000) })
        let batch = try ESCOImporter.read(folder: RepositoryRoot.path("Catalogs/esco-subset-v1.1.1"))
        _ = try await store.taxonomy.apply(batch, mode: .merge)
    }

    private func importDemo() async throws -> CatalogueImportPlan {
        let contents = try CatalogueBundle.read(from: RepositoryRoot.path("Catalogs/demo"))
        let context = try await service.importContext(for: contents.entities)
        let plan = try contents.importPlan(existing: context.existing, knownSkills: context.knownSkills, obsoleteSkills: context.obsoleteSkills)
        try await service.apply(plan)
        return plan
    }

    @Test("The demo catalogue imports and validates clean against the shipped ESCO subset")
    func demoValidatesClean() async throws {
        let plan = try await importDemo()

        let report = try await service.validate()

        #expect(plan.summary.total.added > 50)
        #expect(report.findings == [])
    }

    @Test("Importing the demo twice changes nothing the second time")
    func importIsIdempotent() async throws {
        _ = try await importDemo()

        let again = try await importDemo()

        #expect(again.changes.isEmpty)
        #expect(again.summary.total.added == 0)
    }

    @Test("Export, import into a new database and export again gives identical files")
    func exportImportExportIsStable() async throws {
        _ = try await importDemo()
        let first = try TemporaryDirectory("export-1")
        let second = try TemporaryDirectory("export-2")
        try CatalogueBundle.write(try await store.catalogue.all(), metadata: CatalogueBundleMetadata(name: "x"), to: first.url)

        let other = try ErkendStore.inMemory()
        _ = try await other.taxonomy.apply(try ESCOImporter.read(folder: RepositoryRoot.path("Catalogs/esco-subset-v1.1.1")), mode: .merge)
        let otherService = CatalogueService(repository: other.catalogue, taxonomy: other.taxonomy, now: { Date() })
        let contents = try CatalogueBundle.read(from: first.url)
        _ = try await otherService.importEntities(contents.entities)
        try CatalogueBundle.write(try await other.catalogue.all(), metadata: CatalogueBundleMetadata(name: "x"), to: second.url)

        #expect(try Self.files(in: first.url) == Self.files(in: second.url))
    }

    @Test("The catalogue keeps what catalog.yaml says, so an export writes it back unchanged")
    func catalogueDescriptionSurvivesTheRoundTrip() async throws {
        _ = try await importDemo()
        let folder = try TemporaryDirectory("export-described")

        let stored = try #require(try await store.catalogue.catalogueDescription())
        let metadata = CatalogueBundleMetadata(stored)
        try CatalogueBundle.write(try await store.catalogue.all(), metadata: metadata, to: folder.url)

        #expect(stored.institution?.name == "Erkend demo-instelling (fictief)")
        #expect(try CatalogueBundle.read(from: folder.url).metadata == CatalogueBundle.read(from: RepositoryRoot.path("Catalogs/demo")).metadata)
    }

    @Test("A unit shared by both programmes shows both as its users")
    func reuseIsVisible() async throws {
        _ = try await importDemo()

        let users = try await store.catalogue.usages(of: .unit, code: "GEN-DIGI").filter { $0.user.kind == .programme }

        #expect(Set(users.map(\.user.code)).count == 2)
    }

    @Test("A failed import leaves the catalogue exactly as it was")
    func failedImportWritesNothing() async throws {
        _ = try await importDemo()
        let before = try await store.catalogue.all()
        var changed = try #require(before.compactMap { if case .unit(let unit) = $0, unit.status == .published { unit } else { nil } }.first)
        changed.title = LocalizedText(nl: "Stiekem gewijzigd")
        let fresh = Samples.outcome("BRAND-NEW", skills: [])

        await #expect(throws: ErkendError.self) { try await service.importEntities([.outcome(fresh), .unit(changed)]) }

        #expect(try await store.catalogue.all() == before)
    }

    static func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard !url.hasDirectoryPath else { continue }
            result[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return result
    }
}
