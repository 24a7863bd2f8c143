import ErkendCredentials
import ErkendTestSupport
import Foundation
import GRDB
import LinkedData
import Testing

/// `erkend migrate-data`: a whole installation moves from its SQLite file into PostgreSQL and the
/// registry goes on serving from there as if nothing happened.
@Suite("Moving an installation to PostgreSQL", .serialized)
struct MigrateDataTests {
    static let publicURL = CredentialRoutesTests.publicURL

    /// What a learner, her coach and the administrator see of Sanne Visser (the demo's half-way learner).
    struct Seen: Equatable {
        var progress: Data
        var awards: Data
        var learners: Data
    }

    static func look(_ server: ServerProcess) async throws -> (Seen, learner: String, award: String) {
        let coach = try await CredentialRoutesTests.signIn(server, "coach@demo.erkend.nl")
        let learners = try await server.request("GET", "/api/v1/learners?pageSize=50", headers: coach)
        let items = try #require((try JSONSerialization.jsonObject(with: learners.body) as? [String: Any])?["items"] as? [[String: Any]])
        let sanne = try #require(items.first { $0["name"] as? String == "Sanne Visser" }?["id"] as? String)
        let progress = try await server.request("GET", "/api/v1/learners/\(sanne)/progress", headers: coach)
        #expect(progress.status == 200)
        let admin = try await CredentialRoutesTests.signIn(server, "beheer@demo.erkend.nl")
        let awards = try await server.request("GET", "/api/v1/learners/\(sanne)/awards", headers: admin)
        let list = try #require(try JSONSerialization.jsonObject(with: awards.body) as? [[String: Any]])
        let award = try #require(list.first?["id"] as? String)
        return (Seen(progress: progress.body, awards: awards.body, learners: learners.body), sanne, award)
    }

    @Test("the demo installation moves to PostgreSQL intact, and a server on PostgreSQL shows the same progress and hands out a credential that verifies with the moved keys")
    func demoMovesIntact() async throws {
        let cluster = try PostgresCluster.shared()
        let directory = try TemporaryDirectory("erkend-migrate")
        let sqliteServer = try ServerProcess(arguments: ["--demo", "--public-url", Self.publicURL], directory: directory)
        // One learner asked to be erased: her records stay, her name goes, and nothing new may be recorded about her.
        let admin = try await CredentialRoutesTests.signIn(sqliteServer, "beheer@demo.erkend.nl")
        let list = try await sqliteServer.request("GET", "/api/v1/learners?pageSize=50", headers: admin)
        let everyone = try #require((try JSONSerialization.jsonObject(with: list.body) as? [String: Any])?["items"] as? [[String: Any]])
        let lotte = try #require(everyone.first { $0["name"] as? String == "Lotte Jansen" }?["id"] as? String)
        let erasure = try await sqliteServer.request("POST", "/api/v1/learners/\(lotte)/erasure", body: #"{"reason": "verzoek van de student"}"#, headers: admin)
        #expect(erasure.status == 200, "\(String(decoding: erasure.body, as: UTF8.self))")
        let (before, learner, award) = try await Self.look(sqliteServer)
        let beforeKeys = try await sqliteServer.request("GET", "/.well-known/did.json").body
        sqliteServer.kill()
        let head = try ErkendBinary.run(["audit", "head", "--database", sqliteServer.database])
        #expect(head.status == 0)

        let url = try cluster.makeDatabase()
        let keys = directory.path("moved-keys")
        let moved = try ErkendBinary.run(["migrate-data", "--from", sqliteServer.database, "--to", url, "--keys-to", keys])
        #expect(moved.status == 0, "\(moved.output) \(moved.error)")
        #expect(moved.output.contains("every table arrived intact"), "\(moved.output)")
        for table in ["concept", "catalogue_entity", "account", "learner", "observation", "entrustment_decision", "signoff_request",
                      "mail_outbox", "award", "audit_entry", "metric_observation_span", "recognition_case", "consent"] {
            #expect(moved.output.contains("  \(table) "), "the report names \(table)")
        }
        #expect(!moved.output.contains("DIFFERENT"))
        // The audit chain is the same chain: the head the SQLite file had is the head on PostgreSQL.
        let movedHead = try ErkendBinary.run(["audit", "head", "--database", url])
        #expect(movedHead.output == head.output && !head.output.isEmpty)
        let verified = try ErkendBinary.run(["audit", "verify", "--database", url])
        #expect(verified.status == 0, "\(verified.output) \(verified.error)")

        let postgresServer = try ServerProcess(arguments: ["--public-url", Self.publicURL, "--keys", keys], directory: directory, database: url)
        defer { postgresServer.kill() }
        let (after, learnerAfter, awardAfter) = try await Self.look(postgresServer)
        #expect(learnerAfter == learner && awardAfter == award)
        #expect(after.progress == before.progress, "the learner's progress reads the same from PostgreSQL")
        #expect(after.awards == before.awards)
        #expect(after.learners == before.learners)
        // The administrator who signed in on the SQLite server is still signed in: sessions moved too.
        let sameSession = try await postgresServer.request("GET", "/api/v1/learners?pageSize=50", headers: admin)
        #expect(sameSession.status == 200 && sameSession.body == after.learners)
        let servedKeys = try await postgresServer.request("GET", "/.well-known/did.json").body
        #expect(servedKeys == beforeKeys, "the moved keys are the keys the SQLite installation signed with")

        // Sanne downloads her award from the PostgreSQL node; it verifies against the keys served there.
        let owner = try await CredentialRoutesTests.signIn(postgresServer, "leerling@demo.erkend.nl")
        let file = try await postgresServer.request("GET", "/api/v1/learners/\(learner)/awards/\(award)/ob3", headers: owner)
        #expect(file.status == 200)
        let verifier = try CredentialRoutesTests.keys(JSONParser.parse(servedKeys))
        let signers = try DataIntegrity.verify(try JSONParser.parse(file.body), loader: try ErkendContext.loader(publicURL: Self.publicURL)) { verifier[$0] }
        #expect(signers == ["did:web:erkend.test#ed25519-1"])

        let psql = ["-X", "-At", "-h", "127.0.0.1", "-p", "\(cluster.port)", "-U", cluster.user, "-d", String(url.split(separator: "/").last!)]
        let erased = try cluster.run("psql", psql + ["-c", "SELECT count(*) FROM learner WHERE erased_at IS NOT NULL AND id = '\(lotte)'"])
        #expect(erased.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "the erased learner is still erased on PostgreSQL")

        // Backup of the live installation with PostgreSQL's tools (Docs/operations.md), while the node serves;
        // restored into a fresh database, its audit chain verifies with the same head.
        let dumps = try TemporaryDirectory("erkend-migrate-dump")
        _ = try? FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: dumps.url.path)
        let dump = dumps.path("erkend.dump")
        let connection = ["-h", "127.0.0.1", "-p", "\(cluster.port)", "-U", cluster.user]
        let liveHead = try ErkendBinary.run(["audit", "head", "--database", url])
        try cluster.run("pg_dump", connection + ["--format=custom", "--file=\(dump)", String(url.split(separator: "/").last!)])
        let restoredURL = try cluster.makeDatabase()
        try cluster.run("pg_restore", connection + ["--exit-on-error", "--no-owner", "-d", String(restoredURL.split(separator: "/").last!), dump])
        let restoredCheck = try ErkendBinary.run(["audit", "verify", "--database", restoredURL, "--expect-head", liveHead.output.trimmingCharacters(in: .whitespacesAndNewlines)])
        #expect(restoredCheck.status == 0, "\(restoredCheck.output) \(restoredCheck.error)")
        #expect(restoredCheck.output.contains("still holds the expected head"))

        // A second move into the same, now filled database is refused.
        let again = try ErkendBinary.run(["migrate-data", "--from", sqliteServer.database, "--to", url])
        #expect(again.status != 0)
        #expect(again.error.contains("not empty"), "\(again.error)")
    }

    @Test("a source whose audit chain is broken is refused before anything is written")
    func brokenChainRefused() async throws {
        let cluster = try PostgresCluster.shared()
        let directory = try TemporaryDirectory("erkend-migrate-broken")
        let server = try ServerProcess(arguments: ["--demo"], directory: directory)
        server.kill()
        // Someone changed an entry behind Erkend's back (past the append-only trigger).
        let queue = try DatabaseQueue(path: server.database)
        try await queue.write { db in
            try db.execute(sql: "DROP TRIGGER auditEntry_noUpdate")
            try db.execute(sql: "UPDATE auditEntry SET body = body || ' ' WHERE sequence = 2")
        }
        try queue.close()

        let url = try cluster.makeDatabase()
        let refused = try ErkendBinary.run(["migrate-data", "--from", server.database, "--to", url])
        #expect(refused.status != 0)
        #expect(refused.error.contains("NOT intact"), "\(refused.error)")
        let psql = ["-X", "-At", "-h", "127.0.0.1", "-p", "\(cluster.port)", "-U", cluster.user, "-d", String(url.split(separator: "/").last!)]
        let tables = try cluster.run("psql", psql + ["-c", "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"])
        #expect(tables.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "not even the schema was made")
    }

    @Test("a move while a server still writes to the SQLite file is rolled back, leaving the target empty")
    func writesDuringTheMoveRollBack() async throws {
        let cluster = try PostgresCluster.shared()
        let directory = try TemporaryDirectory("erkend-migrate-busy")
        let server = try ServerProcess(arguments: ["--demo"], directory: directory)
        defer { server.kill() }
        let client = try await RegistryClient.signIn(server)
        let (learner, _) = try await client.placedLearner("Daan de Vries")
        let url = try cluster.makeDatabase()
        // Observations keep arriving (each an audit entry) while the move reads the file.
        let writing = Task {
            var written = 0
            while !Task.isCancelled {
                if await client.recordObservation(learner) != nil { written += 1 }
            }
            return written
        }
        let moved = try await ErkendBinary.runAsync(["migrate-data", "--from", server.database, "--to", url])
        writing.cancel()
        #expect(try await writing.value > 0)
        #expect(moved.status != 0, "\(moved.output)")
        #expect(moved.error.contains("stop it first"), "\(moved.error)")
        let psql = ["-X", "-At", "-h", "127.0.0.1", "-p", "\(cluster.port)", "-U", cluster.user, "-d", String(url.split(separator: "/").last!)]
        let rows = try cluster.run("psql", psql + ["-c", "SELECT (SELECT count(*) FROM audit_entry) + (SELECT count(*) FROM learner) + (SELECT count(*) FROM concept)"])
        #expect(rows.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "nothing was committed")
    }
}
