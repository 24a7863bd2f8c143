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

    /// When a commit counts as done.
    public enum Durability: String, Sendable, CaseIterable {
        /// A commit returns once the WAL holding it is on stable storage (`synchronous = FULL`:
        /// one fsync of the WAL per transaction, so per group commit). What Erkend acknowledges
        /// survives a process crash, an OS crash and a power cut. The default; the only one
        /// `erkend serve` uses.
        case full
        /// A commit returns once it is written to the WAL, and the WAL is synced only at a
        /// checkpoint (`synchronous = NORMAL`): survives a process crash, not an OS crash or a
        /// power cut. Only for measuring what `full` costs (`erkend bench … --durability normal`).
        case normal
    }

    /// Opens (creating if needed) the database file at `path` and brings its schema up to date.
    /// Holds `DatabaseLock` shared for as long as the returned value (or a copy) lives.
    ///
    /// - Throws: `ErkendError` `.conflict` while `erkend restore` replaces the file.
    public static func open(path: String, durability: Durability = .full) throws -> ErkendDatabase {
        let url = URL(fileURLWithPath: path)
        try SQLiteFiles.createFolder(url.deletingLastPathComponent(), for: "the database")
        let lock = try DatabaseLock.acquire(.shared, for: path)
        // No restore runs while the shared lock is held: copies a killed restore or backup
        // left beside the database are leftovers, removed on start.
        SQLiteFiles.removeLeftovers(in: url.deletingLastPathComponent().path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = 8
        configuration.prepareDatabase { db in
            // An acknowledged write is on stable storage: FULL syncs the WAL at every
            // commit. NORMAL (synced only at checkpoints) lost acknowledged observations
            // when the file system failed (issue 14); group commit keeps the fsyncs few.
            try db.execute(sql: durability == .full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
            // 32 MiB of page cache per connection keeps a large import's pages in
            // memory until commit instead of spilling them to the WAL as it goes.
            try db.execute(sql: "PRAGMA cache_size = -32768")
            // Erased personal data is overwritten on disk, not left in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB sets the pool's writer to NORMAL after it enables WAL, after prepareDatabase ran;
        // set the writer (the one connection that commits) once more.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: durability == .full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
        }
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
