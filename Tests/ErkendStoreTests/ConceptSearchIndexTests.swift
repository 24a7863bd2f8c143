import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import GRDB
import Testing

/// The skill search index reads its text from `concept` (FTS5 external
/// content), so every change to a concept must leave and re-enter the index in
/// the right order; SQLite's own integrity check compares index and content.
@Suite("Concept search index")
struct ConceptSearchIndexTests {
    private func indexIsConsistent(_ store: ErkendStore) async throws {
        try await store.database.writer.write { db in
            // rank 1: also compare the index with the concept rows it was built from.
            try db.execute(sql: "INSERT INTO conceptSearch (conceptSearch, rank) VALUES ('integrity-check', 1)")
        }
    }

    @Test("Changed labels and obsolete marks keep the index equal to the concepts, and searches follow them")
    func updatesAndObsoleteMarksKeepTheIndexConsistent() async throws {
        let store = try ErkendStore.inMemory()
        _ = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .merge)
        try await indexIsConsistent(store)

        var renamed = Samples.taxonomyBatch()
        renamed.statements[1].preferredLabel = "coding in Swift"
        renamed.statements[1].altLabels = ["Swift development"]
        _ = try await store.taxonomy.apply(renamed, mode: .merge)
        try await indexIsConsistent(store)

        var release = renamed
        release.statements.removeAll { $0.uri == Samples.skillB }
        release.broader.removeAll { $0.value.narrower == Samples.skillB }
        release.occupationSkills.removeAll { $0.value.skill == Samples.skillB }
        _ = try await store.taxonomy.apply(release, mode: .release)
        try await indexIsConsistent(store)

        #expect(try await store.taxonomy.search(SkillQuery(text: "coding")).items.map(\.uri) == [Samples.skillA])
        #expect(try await store.taxonomy.search(SkillQuery(text: "development")).items.map(\.uri) == [Samples.skillA])
        #expect(try await store.taxonomy.search(SkillQuery(text: "programming")).items.isEmpty, "the old label is gone from the index")
        #expect(try await store.taxonomy.search(SkillQuery(text: "testen", language: "nl")).items.isEmpty, "obsolete skills are left out")
    }

    @Test("An import, which runs with foreign keys off, leaves them on — also when it fails")
    func foreignKeysAreOnAfterAnImport() async throws {
        let store = try ErkendStore.inMemory()
        func foreignKeys() async throws -> Int? {
            try await store.database.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        }
        _ = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .merge)
        #expect(try await foreignKeys() == 1)

        var broken = Samples.taxonomyBatch()
        broken.broader.append(Sourced(BroaderRelation(narrower: Samples.skillA, broader: try ConceptURI("http://data.europa.eu/esco/skill/unknown")),
                                      source: "broaderRelationsSkillPillar_en.csv:9"))
        await #expect(throws: ErkendError.self) { try await store.taxonomy.apply(broken, mode: .merge) }
        #expect(try await foreignKeys() == 1)
    }

    @Test("A large first import, which rebuilds the indexes, leaves the search index consistent")
    func largeImportIsConsistent() async throws {
        let store = try ErkendStore.inMemory()
        var batch = TaxonomyBatch()
        for index in 0..<2_500 {
            let uri = try ConceptURI("http://data.europa.eu/esco/skill/bbbbbbbb-0000-4000-8000-\(String(format: "%012d", index))")
            batch.statements.append(ConceptStatement(uri: uri, kind: .skill, language: "en", preferredLabel: "skill number \(index)",
                                                     altLabels: ["alternative \(index)"], isObsolete: false, source: "skills_en.csv:\(index + 2)"))
        }
        _ = try await store.taxonomy.apply(batch, mode: .merge)

        try await indexIsConsistent(store)
        #expect(try await store.taxonomy.search(SkillQuery(text: "alternative")).total == 2_500)
    }
}
