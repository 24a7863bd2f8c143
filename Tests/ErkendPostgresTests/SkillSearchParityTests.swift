import ErkendCore
import ErkendInterop
import ErkendPostgres
import ErkendStore
import ErkendTestSupport
import Foundation
import Testing

/// Skill search on PostgreSQL (full text, prefixes, BM25 ranking) answers as the
/// SQLite backend does on the ESCO subset Erkend ships: the same concepts, in
/// the same order, with the same totals.
@Suite("Skill search on PostgreSQL matches SQLite")
struct SkillSearchParityTests {
    /// Typed text as people type it: whole words, prefixes, several words, Dutch and English,
    /// diacritics, words that match thousands of labels and words that match none.
    static let texts = [
        "manage", "man", "m", "progr", "programming", "software develop", "communicat", "team", "klant", "klantgericht",
        "verpleeg", "zorg", "elektr", "elektriciteit", "lassen", "veilig", "veiligheid", "onderwijs", "leer", "data",
        "analyse", "analy", "ICT", "café", "creëren", "coördineren", "samenwerk", "werk in team", "Engels", "digital",
        "apply", "apply health", "xyzzy", "maintain equipment", "p", "de", "the", "in", "e-mail", "3d", "c++", "onder",
    ]

    @Test("Search results and their order are the same on both backends, in Dutch, English and all languages")
    func sameResultsAndOrder() async throws {
        let (postgres, lease) = try await StoreBackend.postgres.makeRepositories()
        defer { _ = lease }
        let sqlite = try ErkendStore.inMemory()
        let batch = try ESCOImporter.read(folder: RepositoryRoot.path("Catalogs/esco-subset-v1.1.1"))
        let sqliteSummary = try await sqlite.taxonomy.apply(batch, mode: .release)
        let postgresSummary = try await postgres.taxonomy.apply(batch, mode: .release)
        #expect(postgresSummary == sqliteSummary)
        #expect(try await postgres.taxonomy.stats() == (try await sqlite.taxonomy.stats()))

        var compared = 0
        var nonEmpty = 0
        for text in Self.texts {
            for language in [nil, "nl", "en"] as [String?] {
                for kinds in [[.skill], [.skill, .skillGroup], [.occupation]] as [Set<ConceptKind>] {
                    for page in [try PageRequest(page: 1, size: 50), try PageRequest(page: 2, size: 20)] {
                        let query = SkillQuery(text: text, language: language, kinds: kinds, page: page)
                        let expected = try await sqlite.taxonomy.search(query)
                        let found = try await postgres.taxonomy.search(query)
                        #expect(found.total == expected.total, "total for “\(text)” \(language ?? "any") \(kinds) page \(page.page)")
                        #expect(found.items.map(\.uri) == expected.items.map(\.uri), "order for “\(text)” \(language ?? "any") \(kinds) page \(page.page)")
                        #expect(found.items == expected.items)
                        compared += 1
                        if !expected.items.isEmpty { nonEmpty += 1 }
                    }
                }
            }
        }
        // Occupations are few in the subset and second pages often empty; still, a good share must find something.
        #expect(nonEmpty > compared / 4, "enough queries find something, so the comparison compares orders")
    }

    @Test("Filters by skill type, reuse level and obsolete status, and listing without text, match SQLite")
    func filtersMatch() async throws {
        let (postgres, lease) = try await StoreBackend.postgres.makeRepositories()
        defer { _ = lease }
        let sqlite = try ErkendStore.inMemory()
        let batch = try ESCOImporter.read(folder: RepositoryRoot.path("Catalogs/esco-subset-v1.1.1"))
        _ = try await sqlite.taxonomy.apply(batch, mode: .merge)
        _ = try await postgres.taxonomy.apply(batch, mode: .merge)

        let queries = [
            SkillQuery(text: nil), SkillQuery(text: nil, page: try PageRequest(page: 3, size: 40)),
            SkillQuery(text: "manage", skillType: .knowledge), SkillQuery(text: "man", reuseLevel: .transversal),
            SkillQuery(text: "work", includeObsolete: true), SkillQuery(text: nil, kinds: [.occupation]),
            SkillQuery(text: nil, skillType: .skillCompetence, reuseLevel: .crossSector),
        ]
        for query in queries {
            let expected = try await sqlite.taxonomy.search(query)
            let found = try await postgres.taxonomy.search(query)
            #expect(found.total == expected.total, "\(query)")
            #expect(found.items == expected.items, "\(query)")
        }
        let occupations = try await postgres.taxonomy.occupations(page: .first, text: "ver")
        #expect(occupations.items == (try await sqlite.taxonomy.occupations(page: .first, text: "ver")).items)
    }
}
