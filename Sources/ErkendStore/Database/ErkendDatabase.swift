public import Foundation
public import GRDB

/// The SQLite database of one Erkend installation: a file in WAL mode (readers
/// never wait for the writer), or an in-memory database for tests.
public struct ErkendDatabase: Sendable {
    public let writer: any DatabaseWriter
    /// Held shared while a file database is open, so that a restore cannot replace it underneath.
    let lock: DatabaseLock?
    /// Small, frequent writes (observations) share transactions through it.
    let groupCommit: GroupCommit

    init(writer: any DatabaseWriter, lock: DatabaseLock? = nil) {
        self.writer = writer
        self.lock = lock
        self.groupCommit = GroupCommit(writer: writer)
    }

    /// Opens (creating if needed) the database file at `path` and brings its schema up to date.
    /// Holds `DatabaseLock` shared for as long as the returned value (or a copy) lives.
    ///
    /// - Throws: `ErkendError` `.conflict` while `erkend restore` replaces the file.
    public static func open(path: String) throws -> ErkendDatabase {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let lock = try DatabaseLock.acquire(.shared, for: path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = 8
        configuration.prepareDatabase { db in
            // NORMAL is durable in WAL mode at every checkpoint and survives
            // process crashes; only an OS crash could lose the last commits.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 32 MiB of page cache per connection keeps a large import's pages in
            // memory until commit instead of spilling them to the WAL as it goes.
            try db.execute(sql: "PRAGMA cache_size = -32768")
            // Erased personal data is overwritten on disk, not left in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        let database = ErkendDatabase(writer: pool, lock: lock)
        try Migrations.migrator.migrate(pool)
        return database
    }

    /// A private in-memory database with the current schema, for tests and throw-away runs.
    public static func inMemory() throws -> ErkendDatabase {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue)
        return ErkendDatabase(writer: queue)
    }
}
