import ErkendStore
import ErkendTestSupport
import Foundation
import GRDB
import Testing

/// An acknowledged write is on stable storage: every connection Erkend opens on
/// a database file syncs the WAL at each commit (`synchronous = FULL`).
@Suite("Durable commits")
struct DurabilityPragmaTests {
    @Test("every connection to a database file commits with synchronous = FULL in WAL mode")
    func fullOnEveryConnection() async throws {
        let directory = try TemporaryDirectory("erkend-durability")
        let store = try ErkendStore.open(path: directory.path("erkend.sqlite"))
        let writer = try await store.database.writer.write { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        // Readers of a pool are separate connections; each must have the same setting.
        let readers = try await withThrowingTaskGroup(of: Int?.self) { group in
            for _ in 0..<4 {
                group.addTask { try await store.database.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } }
            }
            return try await group.reduce(into: [Int?]()) { $0.append($1) }
        }
        #expect(writer.0 == "wal")
        #expect(writer.1 == 2, "synchronous is \(String(describing: writer.1)); 2 is FULL")
        #expect(readers.allSatisfy { $0 == 2 }, "\(readers)")
    }

    @Test("the NORMAL setting exists only when asked for, to measure what FULL costs")
    func normalOnlyOnRequest() async throws {
        let directory = try TemporaryDirectory("erkend-durability")
        let store = try ErkendStore.open(path: directory.path("erkend.sqlite"), durability: .normal)
        let level = try await store.database.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(level == 1)
    }
}
