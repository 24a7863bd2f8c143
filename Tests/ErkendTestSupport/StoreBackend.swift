public import ErkendStore
public import Foundation

/// The storage backends the contract tests run against. A new backend
/// (PostgreSQL for multi-node installations) adds a case here and must pass
/// the same tests.
public enum StoreBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    /// A SQLite file in WAL mode, as `erkend serve` uses.
    case sqliteFile
    /// A private in-memory SQLite database.
    case sqliteMemory

    /// A fresh, empty store. The returned directory (if any) must stay alive while the store is used.
    public func makeStore() throws -> (ErkendStore, TemporaryDirectory?) {
        switch self {
        case .sqliteFile:
            let directory = try TemporaryDirectory("erkend-store")
            return (try ErkendStore.open(path: directory.path("erkend.sqlite")), directory)
        case .sqliteMemory:
            return (try ErkendStore.inMemory(), nil)
        }
    }

    public var description: String { rawValue }
}

