import ErkendCore
import ErkendPostgres
import ErkendTestSupport
import Foundation
import Testing

/// The audit log on PostgreSQL stays one chain when several nodes append at
/// once, and refuses changes to entries even to someone with SQL access.
@Suite("Audit log on PostgreSQL")
struct AuditChainAcrossNodesTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("Three nodes appending 60 entries at once leave one chain, in order, that verifies")
    func oneChainAcrossNodes() async throws {
        let url = try PostgresCluster.shared().makeDatabase()
        // Three connection pools stand for three Erkend nodes on one database.
        var nodes: [PostgresStore] = []
        for _ in 0..<3 { nodes.append(try await PostgresStore.open(url: url, connections: 4)) }
        defer { let all = nodes; Task { for node in all { await node.close() } } }

        let written = try await withThrowingTaskGroup(of: AuditEntry.self) { group in
            for index in 0..<60 {
                let node = nodes[index % nodes.count]
                group.addTask {
                    try await node.audit.append(AuditRecord(at: Self.now, actor: .staff("acc-\(index % 3)"), channel: .session("s-\(index)"),
                                                            action: AuditAction.personalDataExported, subject: Learner.ID(trusted: "L-\(index % 5)"), target: "export-\(index)"))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }

        #expect(Set(written.map(\.sequence)) == Set(1...60), "every append got its own place in the chain")
        let verification = try await nodes[0].audit.verify()
        #expect(verification.isIntact)
        #expect(verification.checked == 60)
        let entries = try await nodes[1].audit.entries(after: 0, limit: 100)
        #expect(entries.map(\.sequence) == Array(1...60))
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $1.previousHash == $0.hash })
        #expect(Set(entries.map(\.record.target)) == Set((0..<60).map { "export-\($0)" }))
        #expect(try await nodes[2].audit.head() == AuditHead(sequence: 60, hash: entries[59].hash))
        #expect(try await nodes[2].audit.entries(subject: "L-0", page: .first).total == 12)
    }

    @Test("UPDATE, DELETE and TRUNCATE of audit entries are refused by the database itself")
    func appendOnly() async throws {
        let cluster = try PostgresCluster.shared()
        let url = try cluster.makeDatabase()
        let store = try await PostgresStore.open(url: url, connections: 2)
        defer { Task { await store.close() } }
        try await store.audit.append(AuditRecord(at: Self.now, actor: .staff("acc-1"), channel: .session("s"),
                                                 action: AuditAction.personalDataExported, subject: "L-1", target: "export-1"))
        let database = String(url.split(separator: "/").last!)
        for statement in ["UPDATE audit_entry SET body = '{}'", "DELETE FROM audit_entry", "TRUNCATE audit_entry"] {
            #expect(throws: (any Error).self, "\(statement)") {
                try cluster.run("psql", ["-h", "127.0.0.1", "-p", "\(cluster.port)", "-U", cluster.user, "-d", database,
                                         "-v", "ON_ERROR_STOP=1", "-c", statement])
            }
        }
        #expect(try await store.audit.verify().checked == 1)
        #expect(try await store.audit.verify().isIntact)
    }
}
