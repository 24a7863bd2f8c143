public import ErkendCore
import GRDB

/// `GET /ready` on SQLite: reads the applied migrations through a reader of the pool, so it fails
/// when the file cannot be read and answers while a write is in progress.
public struct SQLiteReadiness: DatabaseReadiness {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func pendingMigrations() async throws -> [String] {
        let applied = try await database.writer.read { db in try Migrations.migrator.appliedMigrations(db) }
        return Migrations.migrator.migrations.filter { !applied.contains($0) }
    }
}
