public import ErkendCore
import ErkendPostgres
public import ErkendStore
public import Foundation

/// The storage backends the contract tests run against. Every backend must
/// pass the same tests.
public enum StoreBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    /// A SQLite file in WAL mode, as `erkend serve` uses.
    case sqliteFile
    /// A private in-memory SQLite database.
    case sqliteMemory
    /// A database of its own in the test run's throw-away PostgreSQL cluster (`PostgresCluster`).
    case postgres

    /// The SQLite backends: for tests of what only SQLite has (its triggers seen through SQL, its files).
    public static let sqlite: [StoreBackend] = [.sqliteFile, .sqliteMemory]

    /// A fresh, empty SQLite store. The returned directory (if any) must stay alive while the store is used.
    public func makeStore() throws -> (ErkendStore, TemporaryDirectory?) {
        switch self {
        case .sqliteFile:
            let directory = try TemporaryDirectory("erkend-store")
            return (try ErkendStore.open(path: directory.path("erkend.sqlite")), directory)
        case .sqliteMemory:
            return (try ErkendStore.inMemory(), nil)
        case .postgres:
            preconditionFailure("makeStore() makes SQLite stores; use makeRepositories() for PostgreSQL")
        }
    }

    /// The repositories every backend has, on a fresh, empty database. The returned
    /// object keeps the database alive (a SQLite file's folder, a PostgreSQL connection pool).
    public func makeRepositories() async throws -> (Repositories, AnyObject?) {
        switch self {
        case .sqliteFile, .sqliteMemory:
            let (store, directory) = try makeStore()
            return (Repositories(taxonomy: store.taxonomy, catalogue: store.catalogue, audit: store.audit, accounts: store.accounts), directory)
        case .postgres:
            let url = try PostgresCluster.shared().makeDatabase()
            let store = try await PostgresStore.open(url: url, connections: 4)
            return (Repositories(taxonomy: store.taxonomy, catalogue: store.catalogue, audit: store.audit, accounts: store.accounts), PostgresLease(store))
        }
    }

    /// All of a backend's storage on a fresh, empty database, behind the backend-neutral protocols — what
    /// the progression and privacy contract suites take. The returned object keeps the database alive.
    public func makeStorage() async throws -> (ErkendStorage, AnyObject?) {
        switch self {
        case .sqliteFile, .sqliteMemory:
            let (store, directory) = try makeStore()
            return (store.storage, directory)
        case .postgres:
            let url = try PostgresCluster.shared().makeDatabase()
            let store = try await PostgresStore.open(url: url, connections: 8)
            return (store.storage, PostgresLease(store))
        }
    }

    public var description: String { rawValue }
}

/// The repositories of one backend that the contract suites use.
public struct Repositories: Sendable {
    public let taxonomy: any TaxonomyRepository
    public let catalogue: any CatalogueRepository
    public let audit: any AuditRepository
    public let accounts: any AccountRepository
}

/// Closes a PostgreSQL store's connections when the test lets go of it.
final class PostgresLease: @unchecked Sendable {
    let store: PostgresStore
    init(_ store: PostgresStore) { self.store = store }
    deinit {
        let store = store
        Task { await store.close() }
    }
}
