import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import GRDB
import Testing

/// The migration that lets a sign-off request be `withdrawn` rebuilds SQLite's table (a CHECK
/// constraint cannot be altered): what was stored before must come through unchanged.
@Suite("Sign-off withdrawn migration")
struct SignoffWithdrawnMigrationTests {
    typealias S = ProgressionSamples

    @Test("Rebuilding the sign-off table keeps every request, its indexes and the erased-learner trigger")
    func rebuildKeepsRequests() async throws {
        let directory = try TemporaryDirectory("erkend-withdrawn-migration")
        let path = directory.path("erkend.sqlite")
        var before: [SignoffRequest] = []
        do {
            let store = try ErkendStore.open(path: path)
            try await S.seed(store, second: true)
            let signoffs = store.storage.progression.signoffs
            try await signoffs.create(S.signoffRequest(), token: S.token, audit: S.audit(AuditAction.signoffRequested))
            let used = String(repeating: "u", count: 43)
            try await signoffs.create(S.signoffRequest("SR-2", learner: "L-2", mentor: "M-2"), token: used, audit: S.audit(AuditAction.signoffRequested))
            try await signoffs.sign(token: used, observation: S.observation("O-2", learner: "L-2", enrolment: "E-2", mentor: "M-2"), at: S.now,
                                    audit: S.audit(AuditAction.signoffSigned, by: .mentor("M-2"), channel: .signoffLink("SR-2")))
            before = [try #require(try await signoffs.request("SR-1")), try #require(try await signoffs.request("SR-2"))]
        }
        // Run the migration again on the filled table, as an older database meets it.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = '2026-12-03-signoff-withdrawn'")
        }
        try queue.close()

        let store = try ErkendStore.open(path: path)
        let signoffs = store.storage.progression.signoffs
        #expect(try await signoffs.request("SR-1") == before[0])
        #expect(try await signoffs.request("SR-2") == before[1])
        #expect(try await signoffs.request(token: S.token)?.id == "SR-1", "found by its token's hash as before")
        let schema = try await store.database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'signoffRequest' ORDER BY name")
        }
        #expect(schema.contains("signoffRequest_mentor") && schema.contains("signoffRequest_learner") && schema.contains("signoffRequest_erasedLearner"),
                "\(schema)")
        _ = try await store.storage.privacy.erase("L-1", pseudonym: "Gewist L-1", at: S.now, audit: S.audit(AuditAction.learnerErased))
        #expect(try await signoffs.request("SR-1")?.status == .withdrawn, "the new status fits the rebuilt table")
        await #expect(throws: (any Error).self, "the trigger still refuses a link for an erased learner") {
            try await signoffs.create(S.signoffRequest("SR-9"), token: String(repeating: "n", count: 43), audit: S.audit(AuditAction.signoffRequested))
        }
    }
}
