import ErkendCore
import ErkendInterop
import ErkendPostgres
import ErkendTestSupport
import Foundation
import Testing

/// Backup and restore of a PostgreSQL installation with PostgreSQL's own
/// tools, as Docs/operations.md describes them: `pg_dump --format=custom`,
/// then `pg_restore` into an empty database.
@Suite("PostgreSQL backup with pg_dump")
struct PostgresBackupTests {
    @Test("pg_dump and pg_restore carry the skills framework, the catalogue description and the audit chain over intact")
    func dumpAndRestore() async throws {
        let cluster = try PostgresCluster.shared()
        let sourceURL = try cluster.makeDatabase()
        let source = try await PostgresStore.open(url: sourceURL, connections: 2)
        let batch = try ESCOImporter.read(folder: RepositoryRoot.path("Catalogs/esco-subset-v1.1.1"))
        _ = try await source.taxonomy.apply(batch, mode: .release)
        for index in 1...5 {
            try await source.audit.append(AuditRecord(at: Date(timeIntervalSince1970: 1_790_000_000), actor: .staff("acc-1"), channel: .session("s"),
                                                      action: AuditAction.personalDataExported, subject: "L-1", target: "export-\(index)"))
        }
        let head = try await source.audit.head()
        let stats = try await source.taxonomy.stats()
        let search = try await source.taxonomy.search(SkillQuery(text: "manage", language: "en"))
        await source.close()

        let folder = try TemporaryDirectory("erkend-pg-dump")
        // As root the programs run as the cluster's owner, who must be able to write the dump.
        _ = try? FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.url.path)
        let dump = folder.path("erkend.dump")
        let connection = ["-h", "127.0.0.1", "-p", "\(cluster.port)", "-U", cluster.user]
        try cluster.run("pg_dump", connection + ["--format=custom", "--file=\(dump)", String(sourceURL.split(separator: "/").last!)])
        let targetURL = try cluster.makeDatabase()
        try cluster.run("pg_restore", connection + ["--exit-on-error", "--no-owner", "-d", String(targetURL.split(separator: "/").last!), dump])

        let restored = try await PostgresStore.open(url: targetURL, connections: 2)
        defer { Task { await restored.close() } }
        let verification = try await restored.audit.verify()
        #expect(verification.isIntact)
        #expect(verification.checked == 5)
        #expect(try await restored.audit.head() == head)
        #expect(try await restored.taxonomy.stats() == stats)
        let again = try await restored.taxonomy.search(SkillQuery(text: "manage", language: "en"))
        #expect(again.items == search.items && again.total == search.total && search.total > 0)
        // Appending after the restore continues the same chain.
        let next = try await restored.audit.append(AuditRecord(at: Date(timeIntervalSince1970: 1_790_000_100), actor: .staff("acc-1"), channel: .session("s"),
                                                               action: AuditAction.personalDataExported, subject: "L-1", target: "after-restore"))
        #expect(next.sequence == 6)
        #expect(next.previousHash == head?.hash)
    }
}
