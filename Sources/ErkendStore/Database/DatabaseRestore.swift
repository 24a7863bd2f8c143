public import ErkendCore
public import Foundation
import GRDB

/// Puts a backup in place of an installation's database: only a sound Erkend
/// database whose audit chain is intact, never while Erkend has the database
/// open, and atomically — at every moment the database path holds either the
/// old database or the restored one, never a mix or a half-copied file.
public enum DatabaseRestore {
    /// What a restore did.
    public struct Report: Sendable, Equatable {
        public var database: String
        public var bytes: Int
        /// Where the database that was replaced is kept, if there was one.
        public var replacedKeptAt: String?
        /// The migrations the restored copy was brought up to date with.
        public var migrated: [String]
        public var check: DatabaseCheck
    }

    /// Restores `file` (a backup) as the database at `database`.
    ///
    /// Holds `DatabaseLock` exclusively throughout; copies `file` with SQLite's
    /// backup into a temporary file in the database's folder; checks the copy
    /// (`DatabaseCheck`) and migrates it to this version's schema; keeps the
    /// database it replaces (with its `-wal`) as `DATABASE.replaced-TIMESTAMP`;
    /// removes the old `-shm`; and renames the copy into place. `file` is only read.
    ///
    /// - Throws: `ErkendError` `.conflict` while an Erkend process has the
    ///   database open; `.invalidInput` naming `file` when it is not an SQLite
    ///   or Erkend database, or fails its checks; `.notFound` when `file` does
    ///   not exist. Nothing at `database` changes when it throws.
    public static func restore(_ file: String, into database: String, at instant: Date = Date()) throws -> Report {
        let source = URL(fileURLWithPath: file).standardizedFileURL
        let target = URL(fileURLWithPath: database).standardizedFileURL
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw ErkendError(.notFound, "there is no backup at \(source.path)")
        }
        guard source.resolvingSymlinksInPath() != target.resolvingSymlinksInPath() else {
            throw ErkendError(.invalidInput, "\(source.path) is the database itself")
        }
        let folder = target.deletingLastPathComponent()
        try SQLiteFiles.createFolder(folder, for: "the database")
        let lock = try DatabaseLock.acquire(.exclusive, for: target.path)
        defer { withExtendedLifetime(lock) {} }
        // What an earlier, killed restore or backup left here goes first.
        SQLiteFiles.removeLeftovers(in: folder.path)

        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).restoring-\(UUID().uuidString.prefix(8))")
        let hold = try SQLiteFiles.TemporaryCopy(temporary.path)
        defer { withExtendedLifetime(hold) {} }
        try copy(source.path, to: temporary.path)
        let check = try SQLiteFiles.check(temporary.path, as: source.path)
        try DatabaseBackup.translating(source.path) {
            let queue = try DatabaseQueue(path: temporary.path)
            try Migrations.migrator.migrate(queue)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try queue.close()
        }
        try SQLiteFiles.synchronize(temporary.path)

        var kept: String?
        if SQLiteFiles.exists(target.path) {
            let aside = target.path + ".replaced-" + Self.stamp(instant)
            // The old database stays whole under its new name: its -wal moves with it,
            // since committed changes may still be only there after a crash.
            try SQLiteFiles.keep(target.path, as: aside)
            if SQLiteFiles.exists(target.path + "-wal") { try SQLiteFiles.move(target.path + "-wal", to: aside + "-wal") }
            kept = aside
        }
        // No -wal or -shm of the old database may meet the new file: SQLite would
        // replay the old log into it.
        for suffix in SQLiteFiles.sidecars { unlink(target.path + suffix) }
        try SQLiteFiles.move(temporary.path, to: target.path)
        return Report(database: target.path, bytes: SQLiteFiles.size(target.path), replacedKeptAt: kept,
                      migrated: check.pendingMigrations, check: check)
    }

    /// Copies the database file `source` (with its -wal, if it has one) to `destination` as one file.
    private static func copy(_ source: String, to destination: String) throws {
        try DatabaseBackup.translating(source) {
            var configuration = Configuration()
            configuration.readonly = true
            let reader = try DatabaseQueue(path: source, configuration: configuration)
            defer { try? reader.close() }
            let copy = try DatabaseQueue(path: destination)
            defer { try? copy.close() }
            try reader.backup(to: copy)
        }
    }

    private static func stamp(_ instant: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: instant)
    }
}
