public import ErkendCore
public import Logging

/// Erkend's storage on a PostgreSQL database, behind Core's protocols: the
/// backend for installations of several Erkend nodes on one database.
///
/// Done so far: the skills framework, the catalogue, the audit log and accounts
/// (with sessions and API tokens). Progression and privacy are still SQLite-only, so `erkend serve` cannot
/// run on PostgreSQL yet.
public struct PostgresStore: Sendable {
    public let database: PostgresDatabase
    public let taxonomy: PostgresTaxonomyRepository
    public let catalogue: PostgresCatalogueRepository
    public let audit: PostgresAuditRepository
    public let accounts: PostgresAccountRepository

    public init(database: PostgresDatabase) {
        self.database = database
        self.taxonomy = PostgresTaxonomyRepository(database: database)
        self.catalogue = PostgresCatalogueRepository(database: database)
        self.audit = PostgresAuditRepository(database: database)
        self.accounts = PostgresAccountRepository(database: database)
    }

    /// Connects to `postgres://user@host:port/database` (password from the environment or a file, see
    /// `PostgresLocation`) and brings the schema up to date.
    public static func open(url: String, connections: Int = 20, logger: Logger = PostgresDatabase.defaultLogger) async throws -> PostgresStore {
        PostgresStore(database: try await PostgresDatabase.open(try PostgresLocation(url: url), connections: connections, logger: logger))
    }

    public func close() async {
        await database.close()
    }
}
