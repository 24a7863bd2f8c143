import ErkendCore
import ErkendInterop
import ErkendPostgres
import ErkendStore
import ErkendTestSupport
import Foundation
import Testing

/// The ESCO import on PostgreSQL streams its rows with COPY FROM STDIN; the
/// other way (arrays through `unnest`) is kept for the benchmark. Both must
/// store exactly the same rows, whatever characters the labels hold.
@Suite("Taxonomy import with COPY on PostgreSQL")
struct TaxonomyCopyImportTests {
    /// Labels with every character COPY's text format escapes, and a Windows line end.
    static func awkwardBatch() -> TaxonomyBatch {
        var batch = Samples.taxonomyBatch()
        batch.statements[1].preferredLabel = "programming\tin Swift \\ C:\\temp"
        batch.statements[1].altLabels = ["Swift\r\nprogramming", "\\N", "write \"Swift\" code"]
        batch.statements[1].description = "Writes programs.\nTab:\there, backslash-n: \\n, NULL-like: \\N."
        batch.statements[2].preferredLabel = "test software 🧪 ëï"
        return batch
    }

    /// The concept table and the relation tables as COPY TO writes them, in id order.
    static func dump(_ cluster: PostgresCluster, _ url: String) throws -> String {
        let connection = ["-X", "-q", "-h", "127.0.0.1", "-p", "\(cluster.port)", "-U", cluster.user, "-d", String(url.split(separator: "/").last!)]
        return try cluster.run("psql", connection + [
            "-c", "COPY (SELECT * FROM concept ORDER BY id) TO STDOUT",
            "-c", "COPY (SELECT * FROM concept_broader ORDER BY 1, 2) TO STDOUT",
            "-c", "COPY (SELECT * FROM occupation_skill ORDER BY 1, 2) TO STDOUT",
            "-c", "COPY (SELECT * FROM skill_skill ORDER BY 1, 2) TO STDOUT",
        ])
    }

    @Test("COPY and the array statements store the same rows, escapes included, on a first import and on an update")
    func copyMatchesArrays() async throws {
        let cluster = try PostgresCluster.shared()
        var dumps: [PostgresBulkLoading: [String]] = [:]
        var summaries: [PostgresBulkLoading: [TaxonomyImportSummary]] = [:]
        for way in PostgresBulkLoading.allCases {
            let url = try cluster.makeDatabase()
            let database = try await PostgresDatabase.open(try PostgresLocation(url: url), connections: 2)
            let taxonomy = PostgresTaxonomyRepository(database: database, loading: way)
            summaries[way, default: []].append(try await taxonomy.apply(Self.awkwardBatch(), mode: .merge))
            dumps[way, default: []].append(try Self.dump(cluster, url))
            var changed = Self.awkwardBatch()
            changed.statements[2].preferredLabel = "test\tsoftware\\again"
            summaries[way, default: []].append(try await taxonomy.apply(changed, mode: .release))
            dumps[way, default: []].append(try Self.dump(cluster, url))
            await database.close()
        }
        #expect(summaries[.copy] == summaries[.unnest])
        #expect(summaries[.copy]?.last?.updated == 1)
        #expect(dumps[.copy] == dumps[.unnest])
        #expect(dumps[.copy]?.first?.contains("C:\\\\temp") == true, "the backslash arrived as one backslash (COPY TO doubles it)")
    }

    @Test("A label with tabs, backslashes and line ends reads back as SQLite stores it")
    func awkwardLabelsReadBack() async throws {
        let (postgres, lease) = try await StoreBackend.postgres.makeRepositories()
        defer { _ = lease }
        let sqlite = try ErkendStore.inMemory()
        _ = try await sqlite.taxonomy.apply(Self.awkwardBatch(), mode: .merge)
        _ = try await postgres.taxonomy.apply(Self.awkwardBatch(), mode: .merge)
        for uri in [Samples.skillA, Samples.skillB, Samples.skillGroup, Samples.occupation] {
            let stored = try await postgres.taxonomy.concept(uri)
            #expect(stored != nil)
            #expect(stored == (try await sqlite.taxonomy.concept(uri)))
        }
        #expect(try await postgres.taxonomy.concept(Samples.skillA)?.preferredLabel["en"] == "programming\tin Swift \\ C:\\temp")
        let found = try await postgres.taxonomy.search(SkillQuery(text: "temp", language: "en"))
        #expect(found.items.map(\.uri) == (try await sqlite.taxonomy.search(SkillQuery(text: "temp", language: "en"))).items.map(\.uri))
    }

    @Test("An import the server refuses halfway through COPY, or that names an unknown concept, leaves nothing behind")
    func failedImportLeavesNothing() async throws {
        let (postgres, lease) = try await StoreBackend.postgres.makeRepositories()
        defer { _ = lease }
        // PostgreSQL's text holds no NUL character: the server refuses the row while the COPY is under way.
        var refused = Self.awkwardBatch()
        refused.statements[2].description = "nul \u{0} here"
        await #expect(throws: (any Error).self) { try await postgres.taxonomy.apply(refused, mode: .merge) }
        var unknown = Self.awkwardBatch()
        let missing = try ConceptURI("http://data.europa.eu/esco/skill/cccccccc-0000-4000-8000-000000000009")
        unknown.broader.append(Sourced(BroaderRelation(narrower: Samples.skillA, broader: missing), source: "broaderRelationsSkillPillar.csv:9"))
        await #expect(throws: (any Error).self) { try await postgres.taxonomy.apply(unknown, mode: .merge) }
        let stats = try await postgres.taxonomy.stats()
        #expect(stats.skills == 0 && stats.relations == 0)
        // The staging tables went with the transaction: the next import on a pooled connection works.
        let summary = try await postgres.taxonomy.apply(Self.awkwardBatch(), mode: .merge)
        #expect(summary.added == 4)
        #expect(try await postgres.taxonomy.stats().relations == 4)
    }
}
