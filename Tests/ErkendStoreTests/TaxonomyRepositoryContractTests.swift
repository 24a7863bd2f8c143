import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import Testing

/// What every taxonomy backend must do. Runs once per `StoreBackend`.
@Suite("Taxonomy repository contract")
struct TaxonomyRepositoryContractTests {
    @Test("A first import adds every concept and relation", arguments: StoreBackend.allCases)
    func firstImportAddsEverything(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }

        let summary = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .merge)

        #expect(summary.added == 4)
        #expect(summary.updated == 0)
        #expect(summary.relationsAdded == 4)
        let stats = try await store.taxonomy.stats()
        #expect(stats.skills == 2)
        #expect(stats.skillGroups == 1)
        #expect(stats.occupations == 1)
        #expect(stats.relations == 4)
        #expect(stats.labelsByLanguage["nl"] == 2)
    }

    @Test("Re-importing the same batch changes nothing and duplicates nothing", arguments: StoreBackend.allCases)
    func reimportIsIdempotent(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }
        _ = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .merge)

        let summary = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .release)

        #expect(summary.added == 0)
        #expect(summary.updated == 0)
        #expect(summary.unchanged == 4)
        #expect(summary.madeObsolete == 0)
        #expect(summary.relationsAdded == 0)
        #expect(try await store.taxonomy.stats().skills == 2)
    }

    @Test("A changed label updates the concept in place", arguments: StoreBackend.allCases)
    func changedLabelUpdates(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }
        _ = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .merge)
        var batch = Samples.taxonomyBatch()
        batch.statements[1].preferredLabel = "Swift programming"

        let summary = try await store.taxonomy.apply(batch, mode: .merge)

        #expect(summary.updated == 1)
        #expect(try await store.taxonomy.concept(Samples.skillA)?.preferredLabel["en"] == "Swift programming")
    }

    @Test("A release without a concept marks it obsolete and keeps it", arguments: StoreBackend.allCases)
    func releaseMarksMissingObsolete(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }
        _ = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .merge)
        var batch = Samples.taxonomyBatch()
        batch.statements.removeAll { $0.uri == Samples.skillB }
        batch.broader.removeAll { $0.value.narrower == Samples.skillB }
        batch.occupationSkills.removeAll { $0.value.skill == Samples.skillB }

        let summary = try await store.taxonomy.apply(batch, mode: .release)

        #expect(summary.madeObsolete == 1)
        let kept = try #require(try await store.taxonomy.concept(Samples.skillB))
        #expect(kept.isObsolete)
        #expect(try await store.taxonomy.stats().obsolete == 1)
        let found = try await store.taxonomy.search(SkillQuery(text: "test"))
        #expect(found.items.isEmpty, "obsolete skills are left out of searches by default")
    }

    @Test("Merging a subset keeps concepts the subset does not mention", arguments: StoreBackend.allCases)
    func mergeGivesTheUnion(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }
        _ = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .merge)
        var other = TaxonomyBatch()
        let extra = try ConceptURI("http://data.europa.eu/esco/skill/cccccccc-0000-4000-8000-000000000003")
        other.statements = [ConceptStatement(uri: extra, kind: .skill, language: "en", preferredLabel: "debug software", isObsolete: false, source: "skills_en.csv:2")]
        other.completeKinds = [.skill]

        let summary = try await store.taxonomy.apply(other, mode: .merge)

        #expect(summary.added == 1)
        #expect(summary.madeObsolete == 0)
        let stats = try await store.taxonomy.stats()
        #expect(stats.skills == 3)
        #expect(stats.obsolete == 0)
    }

    @Test("Dutch labels are added beside English ones without erasing them", arguments: StoreBackend.allCases)
    func languagesMerge(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }

        _ = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .merge)

        let concept = try #require(try await store.taxonomy.concept(Samples.skillB))
        #expect(concept.preferredLabel["en"] == "test software")
        #expect(concept.preferredLabel["nl"] == "software testen")
        #expect(concept.altLabels["nl"] == ["programmatuur testen"])
        #expect(concept.skillType == .skillCompetence)
        #expect(concept.collections == ["ict"])
    }

    @Test("A relation to an unknown concept fails the whole import", arguments: StoreBackend.allCases)
    func unknownReferenceFailsAtomically(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }
        var batch = Samples.taxonomyBatch()
        let ghost = try ConceptURI("http://data.europa.eu/esco/skill/dddddddd-0000-4000-8000-000000000004")
        batch.broader.append(Sourced(BroaderRelation(narrower: Samples.skillA, broader: ghost), source: "broaderRelationsSkillPillar.csv:9"))

        let error = await #expect(throws: ErkendError.self) { try await store.taxonomy.apply(batch, mode: .merge) }

        #expect(error?.code == .importFailed)
        #expect(error?.details.first?.location == "broaderRelationsSkillPillar.csv:9")
        #expect(try await store.taxonomy.stats().skills == 0, "nothing of the failed import is stored")
    }

    @Test("A broader relation that closes a cycle with stored ones is refused", arguments: StoreBackend.allCases)
    func cycleAcrossImportsIsRefused(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }
        _ = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .merge)
        var batch = TaxonomyBatch()
        batch.broader = [Sourced(BroaderRelation(narrower: Samples.skillGroup, broader: Samples.skillA), source: "broaderRelationsSkillPillar.csv:5")]

        let error = await #expect(throws: ErkendError.self) { try await store.taxonomy.apply(batch, mode: .merge) }

        #expect(error?.message.contains("cycle") == true)
        #expect(error?.message.contains("broaderRelationsSkillPillar.csv:5") == true)
        #expect(try await store.taxonomy.broader(of: Samples.skillGroup).isEmpty)
    }

    @Test("Search finds skills by prefix, by alternative label and per language", arguments: StoreBackend.allCases)
    func searchByLabel(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }
        _ = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .merge)

        let prefix = try await store.taxonomy.search(SkillQuery(text: "swif"))
        let alternative = try await store.taxonomy.search(SkillQuery(text: "software testing"))
        let dutch = try await store.taxonomy.search(SkillQuery(text: "programmatuur", language: "nl"))
        let dutchOnly = try await store.taxonomy.search(SkillQuery(text: "programming", language: "nl"))
        let groups = try await store.taxonomy.search(SkillQuery(text: "developing", kinds: [.skillGroup]))

        #expect(prefix.items.map(\.uri) == [Samples.skillA])
        #expect(alternative.items.first?.uri == Samples.skillB)
        #expect(dutch.items.map(\.uri) == [Samples.skillB])
        #expect(dutchOnly.items.isEmpty)
        #expect(groups.items.map(\.uri) == [Samples.skillGroup])
    }

    @Test("Search text cannot inject full-text syntax", arguments: StoreBackend.allCases)
    func searchIsSafe(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }
        _ = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .merge)

        for text in ["\"", "AND OR NOT", "swift*)", "NEAR(a b)", "'; DROP TABLE concept; --", "{preferredEn}:x", "^"] {
            _ = try await store.taxonomy.search(SkillQuery(text: text))
        }
        #expect(try await store.taxonomy.stats().skills == 2)
    }

    @Test("Browsing follows broader, narrower and occupation links", arguments: StoreBackend.allCases)
    func browsing(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }
        _ = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .merge)

        let broader = try await store.taxonomy.broader(of: Samples.skillA)
        let narrower = try await store.taxonomy.narrower(of: Samples.skillGroup)
        let occupations = try await store.taxonomy.occupations(requiring: Samples.skillA)
        let skills = try await store.taxonomy.skills(requiredBy: Samples.occupation)

        #expect(broader.map(\.uri) == [Samples.skillGroup])
        #expect(Set(narrower.map(\.uri)) == [Samples.skillA, Samples.skillB])
        #expect(occupations.map(\.requirement) == [.essential])
        #expect(skills.map(\.requirement) == [.essential, .optional])
        #expect(try await store.taxonomy.concepts(key: "S1.2.3").map(\.uri) == [Samples.skillGroup])
    }
}
