public import ErkendCore
public import Logging

/// Erkend's storage on a PostgreSQL database, behind Core's protocols: the
/// backend for installations of several Erkend nodes on one database. Every
/// storage protocol has its implementation here, with the same behaviour as
/// the SQLite backend (the contract suites run against both).
public struct PostgresStore: Sendable {
    public let database: PostgresDatabase
    public let taxonomy: PostgresTaxonomyRepository
    public let catalogue: PostgresCatalogueRepository
    public let audit: PostgresAuditRepository
    public let accounts: PostgresAccountRepository
    public let progression: PostgresProgressionStore
    public let privacy: PostgresPrivacyRepository
    public let metrics: PostgresMetricsRepository
    public let awards: PostgresAwardRepository

    public init(database: PostgresDatabase) {
        self.database = database
        self.taxonomy = PostgresTaxonomyRepository(database: database)
        self.catalogue = PostgresCatalogueRepository(database: database)
        self.audit = PostgresAuditRepository(database: database)
        self.accounts = PostgresAccountRepository(database: database)
        self.progression = PostgresProgressionStore(database: database)
        self.privacy = PostgresPrivacyRepository(database: database)
        self.metrics = PostgresMetricsRepository(database: database)
        self.awards = PostgresAwardRepository(database: database)
    }

    /// The same repositories as the backend-neutral storage the services take; closing it closes the pool.
    public var storage: ErkendStorage {
        let database = database
        return ErkendStorage(taxonomy: taxonomy, catalogue: catalogue, accounts: accounts, progression: progression, audit: audit,
                             privacy: privacy, metrics: metrics, awards: awards, signInAttempts: PostgresSignInAttempts(database: database),
                             guessLimits: PostgresGuessLimits(database: database), readiness: PostgresReadiness(database: database),
                             location: database.location.description,
                             close: { await database.close() })
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
