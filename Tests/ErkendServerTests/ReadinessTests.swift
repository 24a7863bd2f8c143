import ErkendCore
@testable import ErkendServer
import ErkendStore
import ErkendTestSupport
import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Logging
import Testing

/// `GET /ready` on SQLite, in-process: ready while the database answers with every migration, a
/// problem document otherwise; `GET /health` stays "alive" either way.
@Suite("Readiness")
struct ReadinessTests {
    @Test("/ready answers 200 on a current database and 503 naming the migration the database lacks; /health stays 200")
    func migrationsCurrent() async throws {
        let directory = try TemporaryDirectory("erkend-ready")
        let app = try await TestApplication(taxonomy: false, databasePath: directory.path("erkend.sqlite"))
        try await app.test { client in
            let ready = try await client.json(.get, "/ready")
            #expect(ready.status == .ok)
            #expect(ready.body["status"] as? String == "ready")
        }
        let last = try #require(try await app.store.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1")
        })
        // As if this node were newer than the database: its last migration is not there yet.
        try await app.store.database.writer.write { db in try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [last]) }
        try await app.test { client in
            let unready = try await client.json(.get, "/ready")
            #expect(unready.status == .serviceUnavailable)
            #expect(unready.headers[.contentType] == "application/problem+json")
            #expect((unready.body["detail"] as? String)?.contains(last) == true, "\(String(describing: unready.body))")
            #expect(unready.headers[.retryAfter] == "5")
            #expect(try await client.json(.get, "/health").status == .ok)
        }
    }

    // The time limit is the upper bound: a check that hung would fail here instead of stalling the run. A tighter
    // bound on the wall clock failed in a full parallel run, where tests that wait for child processes held the
    // cooperative threads and the timer woke after 20 s.
    @Test("/ready answers 503 once the database has not answered for its timeout, even if the check never returns", .timeLimit(.minutes(1)))
    func silentDatabase() async throws {
        let started = ContinuousClock.now
        let controller = ReadinessController(readiness: Silent(), timeout: .milliseconds(300))
        await #expect(throws: ErkendError.self) { try await controller.check(logger: Logger(label: "test")) }
        let waited = ContinuousClock.now - started
        // The check never returns: that the answer comes at all is the timeout working (loaded machines are slow to wake).
        #expect(waited >= .milliseconds(300), "\(waited)")
    }

    /// A database that never answers and ignores cancellation, like a pool waiting for a server that is gone.
    struct Silent: DatabaseReadiness {
        func pendingMigrations() async throws -> [String] {
            await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }
            return []
        }
    }
}
