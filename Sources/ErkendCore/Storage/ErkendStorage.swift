/// All of Erkend's storage on one backend, as services and commands use it:
/// one repository per kind of record. A backend (the embedded SQLite
/// database, a PostgreSQL server) builds one of these; what only one backend
/// can do — SQLite's online backup and restore, its file lock — stays with
/// that backend's own type.
///
/// Every repository of one value works on the same database, so a record one
/// of them writes is there for the others to read.
public struct ErkendStorage: Sendable {
    public var taxonomy: any TaxonomyRepository
    public var catalogue: any CatalogueRepository
    public var accounts: any AccountRepository
    public var progression: any ProgressionStorage
    public var audit: any AuditRepository
    public var privacy: any PrivacyRepository
    /// What throughput and reuse metrics are computed from.
    public var metrics: any MetricsRepository
    /// What learners achieved, whatever credential renders it.
    public var awards: any AwardRepository
    /// Where failed sign-ins are counted when several nodes share the database; nil keeps them in memory.
    public var signInAttempts: (any SignInAttemptStore)?
    /// Where the guess limits on secrets (sign-off links, passwords, pre-authorized codes) count: in
    /// memory for one node, in the database several nodes share.
    public var guessLimits: any GuessLimitStore
    /// Whether the database answers and has this version's migrations (`GET /ready`); nil: nothing to ask.
    public var readiness: (any DatabaseReadiness)?
    /// Where the data is, for messages and logs: a file path, or a server and
    /// database name. Never a password.
    public var location: String
    private let closing: @Sendable () async -> Void

    public init(taxonomy: any TaxonomyRepository, catalogue: any CatalogueRepository, accounts: any AccountRepository,
                progression: any ProgressionStorage, audit: any AuditRepository, privacy: any PrivacyRepository,
                metrics: any MetricsRepository, awards: any AwardRepository, signInAttempts: (any SignInAttemptStore)? = nil,
                guessLimits: any GuessLimitStore = MemoryGuessLimits(), readiness: (any DatabaseReadiness)? = nil, location: String, close: @escaping @Sendable () async -> Void = {}) {
        self.taxonomy = taxonomy
        self.catalogue = catalogue
        self.accounts = accounts
        self.progression = progression
        self.audit = audit
        self.privacy = privacy
        self.metrics = metrics
        self.awards = awards
        self.signInAttempts = signInAttempts
        self.guessLimits = guessLimits
        self.readiness = readiness
        self.location = location
        self.closing = close
    }

    /// Lets go of the backend's connections once nothing uses the storage any more.
    public func close() async {
        await closing()
    }
}
