public import ErkendCore
import GRDB

/// All of Erkend's storage on one SQLite database, behind Core's protocols.
public struct ErkendStore: Sendable {
    public let database: ErkendDatabase
    public let taxonomy: SQLiteTaxonomyRepository
    public let catalogue: SQLiteCatalogueRepository
    public let accounts: SQLiteAccountRepository
    public let progression: SQLiteProgressionStore
    public let audit: SQLiteAuditRepository
    public let privacy: SQLitePrivacyRepository
    public let metrics: SQLiteMetricsRepository
    public let awards: SQLiteAwardRepository

    public init(database: ErkendDatabase) {
        self.database = database
        self.taxonomy = SQLiteTaxonomyRepository(database: database)
        self.catalogue = SQLiteCatalogueRepository(database: database)
        self.accounts = SQLiteAccountRepository(database: database)
        self.progression = SQLiteProgressionStore(database: database)
        self.audit = SQLiteAuditRepository(database: database)
        self.privacy = SQLitePrivacyRepository(database: database)
        self.metrics = SQLiteMetricsRepository(database: database)
        self.awards = SQLiteAwardRepository(database: database)
    }

    /// The same repositories as the backend-neutral storage the services take.
    public var storage: ErkendStorage {
        ErkendStorage(taxonomy: taxonomy, catalogue: catalogue, accounts: accounts, progression: progression, audit: audit,
                      privacy: privacy, metrics: metrics, awards: awards, readiness: SQLiteReadiness(database: database),
                      location: database.writer.path)
    }

    public static func open(path: String, durability: ErkendDatabase.Durability = .full) throws -> ErkendStore {
        ErkendStore(database: try ErkendDatabase.open(path: path, durability: durability))
    }

    public static func inMemory() throws -> ErkendStore {
        ErkendStore(database: try ErkendDatabase.inMemory())
    }
}
