public import ErkendCore
import PostgresNIO

/// `GET /ready` on PostgreSQL: one query for the applied migrations, which fails when the server
/// cannot be reached or refuses the connection.
public struct PostgresReadiness: DatabaseReadiness {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func pendingMigrations() async throws -> [String] {
        let applied = Set(try await database.rows("SELECT name FROM erkend_migration").map { try $0.value("name", as: String.self) })
        return PostgresMigrations.names.filter { !applied.contains($0) }
    }
}
