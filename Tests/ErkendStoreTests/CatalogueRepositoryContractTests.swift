import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import Testing

/// What every catalogue backend must do. Runs once per `StoreBackend`.
@Suite("Catalogue repository contract")
struct CatalogueRepositoryContractTests {
    @Test("A written entity reads back equal, with its versions in order", arguments: StoreBackend.allCases)
    func roundTrip(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }
        let first = AnyCatalogueEntity.unit(Samples.unit(status: .published))
        var second = Samples.unit()
        second.version = 2
        second.title = LocalizedText(nl: "Programmeren 2")

        try await store.catalogue.write([.insert(first), .insert(.unit(second))])

        #expect(try await store.catalogue.entity(first.key) == first)
        #expect(try await store.catalogue.versions(.unit, code: "U-1").map(\.key.version) == [1, 2])
    }

    @Test("The stored JSON of a version is exactly its encoding, with its current status", arguments: StoreBackend.allCases)
    func storedJSONIsTheEncoding(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }
        let unit = AnyCatalogueEntity.unit(Samples.unit(status: .published))
        try await store.catalogue.write([.insert(unit)])

        let stored = try #require(try await store.catalogue.storedJSON(unit.key))

        #expect(stored.status == .published)
        #expect(stored.json == String(decoding: try ErkendJSON.encoder().encode(unit), as: UTF8.self))
        #expect(try await store.catalogue.storedJSON(VersionKey(.unit, "U-1", 9)) == nil)
    }

    @Test("Inserting an existing version is a conflict and writes nothing of the batch", arguments: StoreBackend.allCases)
    func insertConflictRollsBack(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }
        try await store.catalogue.write([.insert(.unit(Samples.unit()))])

        let error = await #expect(throws: ErkendError.self) {
            try await store.catalogue.write([.insert(.outcome(Samples.outcome())), .insert(.unit(Samples.unit()))])
        }

        #expect(error?.code == .conflict)
        #expect(try await store.catalogue.versions(.outcome, code: "LO-1").isEmpty, "the outcome of the failed batch is not stored")
    }

    @Test("Replacing expects the stored status, so concurrent publishers cannot both win", arguments: StoreBackend.allCases)
    func replaceChecksExpectation(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }
        try await store.catalogue.write([.insert(.unit(Samples.unit()))])
        let published = AnyCatalogueEntity.unit(Samples.unit(status: .published))
        try await store.catalogue.write([.replace(published, expecting: .draft)])

        let error = await #expect(throws: ErkendError.self) {
            try await store.catalogue.write([.replace(.unit(Samples.unit()), expecting: .draft)])
        }

        #expect(error?.code == .conflict)
        #expect(try await store.catalogue.entity(published.key)?.status == .published)
    }

    @Test("Only drafts can be deleted", arguments: StoreBackend.allCases)
    func deleteDraftOnly(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }
        try await store.catalogue.write([.insert(.unit(Samples.unit(status: .published))), .insert(.outcome(Samples.outcome()))])

        await #expect(throws: ErkendError.self) { try await store.catalogue.write([.deleteDraft(VersionKey(.unit, "U-1", 1))]) }
        try await store.catalogue.write([.deleteDraft(VersionKey(.outcome, "LO-1", 1))])

        #expect(try await store.catalogue.entity(VersionKey(.unit, "U-1", 1)) != nil)
        #expect(try await store.catalogue.entity(VersionKey(.outcome, "LO-1", 1)) == nil)
    }

    @Test("Lists filter by status, text, level and skill, newest version per code", arguments: StoreBackend.allCases)
    func listFilters(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }
        var unit2 = Samples.unit()
        unit2.version = 2
        var other = Samples.unit("U-2", outcomes: [], status: .published)
        other.title = LocalizedText(nl: "Samenwerken")
        other.level = QualificationLevel(nlqf: 3)
        try await store.catalogue.write([
            .insert(.outcome(Samples.outcome(skills: [Samples.skillB], status: .published))),
            .insert(.unit(Samples.unit(status: .published))), .insert(.unit(unit2)), .insert(.unit(other)),
        ])

        let latest = try await store.catalogue.list(.unit, filter: CatalogueFilter(), page: .first)
        let published = try await store.catalogue.list(.unit, filter: CatalogueFilter(status: .published), page: .first)
        let everything = try await store.catalogue.list(.unit, filter: CatalogueFilter(latestOnly: false), page: .first)
        let byText = try await store.catalogue.list(.unit, filter: CatalogueFilter(text: "samen"), page: .first)
        let byLevel = try await store.catalogue.list(.unit, filter: CatalogueFilter(level: 3), page: .first)
        let bySkill = try await store.catalogue.list(.unit, filter: CatalogueFilter(skill: Samples.skillB), page: .first)
        let secondPage = try await store.catalogue.list(.unit, filter: CatalogueFilter(latestOnly: false), page: try PageRequest(page: 2, size: 2))

        #expect(latest.items.map { "\($0.code)@\($0.version)" } == ["U-1@2", "U-2@1"])
        #expect(published.items.map { "\($0.code)@\($0.version)" } == ["U-1@1", "U-2@1"])
        #expect(everything.total == 3)
        #expect(byText.items.map(\.code) == ["U-2"])
        #expect(byLevel.items.map(\.code) == ["U-2"])
        #expect(bySkill.items.map(\.code) == ["U-1"], "units are found through the skills of their outcomes")
        #expect(secondPage.items.count == 1)
        #expect(secondPage.total == 3)
    }

    @Test("Usages show every programme that uses a unit", arguments: StoreBackend.allCases)
    func usagesShowReuse(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }
        try await store.catalogue.write([
            .insert(.unit(Samples.unit())),
            .insert(.programme(Samples.programme("P-1"))),
            .insert(.programme(Samples.programme("P-2"))),
        ])

        let usages = try await store.catalogue.usages(of: .unit, code: "U-1")

        #expect(usages.map(\.user.code) == ["P-1", "P-2"])
        #expect(usages.first?.path == "phases[0].units[0]")
    }
}
