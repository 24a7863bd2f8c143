public import ErkendCore
public import Foundation
import GRDB

/// A copy of a live Erkend database in one self-contained file, made with
/// SQLite's online backup: a consistent snapshot of the last committed state,
/// taken without stopping `erkend serve` (in WAL mode a reader never blocks
/// the writer, and the writer never changes what a reader sees).
public enum DatabaseBackup {
    /// What a backup wrote.
    public struct Report: Sendable, Equatable {
        public var file: String
        public var bytes: Int
        public var seconds: Double
        public var check: DatabaseCheck
    }

    /// Copies the database at `database` to `file`, checks the copy, and only
    /// then gives it its name: `file` either does not appear or is a checked,
    /// complete backup. The copy is in rollback-journal mode, one file with no
    /// `-wal` beside it, so it can be moved and archived as is.
    ///
    /// - Parameter replacing: overwrite `file` if it exists; otherwise an
    ///   existing file is refused.
    /// - Throws: `ErkendError` when there is no database at `database`, when
    ///   it is not Erkend's, when `file` exists (and `replacing` is false) or is
    ///   the database itself, and when the copy fails its checks.
    public static func backup(database: String, to file: String, replacing: Bool = false) throws -> Report {
        let started = Date()
        let source = URL(fileURLWithPath: database).standardizedFileURL
        let target = URL(fileURLWithPath: file).standardizedFileURL
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw ErkendError(.notFound, "there is no database at \(source.path)")
        }
        guard source.resolvingSymlinksInPath() != target.resolvingSymlinksInPath() else {
            throw ErkendError(.invalidInput, "\(target.path) is the database itself; write the backup to another file")
        }
        if FileManager.default.fileExists(atPath: target.path), !replacing {
            throw ErkendError(.conflict, "\(target.path) exists already; choose another name or pass --force to replace it")
        }
        let folder = target.deletingLastPathComponent()
        try SQLiteFiles.createFolder(folder, for: "the backup")
        // What an earlier, killed backup left here goes first: a partial copy is a full copy of personal data.
        SQLiteFiles.removeLeftovers(in: folder.path)
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        let hold = try SQLiteFiles.TemporaryCopy(temporary.path)
        defer { withExtendedLifetime(hold) {} }

        try translating(database) {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            let reader = try DatabaseQueue(path: source.path, configuration: configuration)
            // Refuse before copying anything from a file that is not ours.
            try reader.read { db in
                guard try db.tableExists("grdb_migrations") else {
                    throw ErkendError(.invalidInput, "\(source.path): it is not an Erkend database (it has no migration table)")
                }
            }
            let copy = try DatabaseQueue(path: temporary.path)
            // One step: the whole copy is read under a single read lock, so it is one snapshot.
            try reader.backup(to: copy)
            try copy.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
            }
            try copy.close()
            try reader.close()
        }
        let check = try SQLiteFiles.check(temporary.path, as: target.path)
        try SQLiteFiles.synchronize(temporary.path)
        try SQLiteFiles.move(temporary.path, to: target.path)
        return Report(file: target.path, bytes: SQLiteFiles.size(target.path), seconds: Date().timeIntervalSince(started), check: check)
    }

    /// Runs `body`, turning SQLite's failures into `ErkendError`s that name `file`.
    static func translating<T>(_ file: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ErkendError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw ErkendError(.invalidInput, "\(file): it is not an SQLite database", cause: error.description)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            throw ErkendError(.invalidInput, "\(file): the database is damaged (\(error.message ?? "corrupt"))", cause: error.description)
        } catch let error as DatabaseError {
            throw ErkendError(.storage, "\(file): \(error.message ?? "SQLite failed")", cause: error.description)
        }
    }
}
