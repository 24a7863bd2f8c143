import ErkendCore
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file chores of backup and restore: a database is a file plus the
/// `-wal`, `-shm` and `-journal` files SQLite keeps beside it, and a rename is
/// durable only once its folder is synchronized.
enum SQLiteFiles {
    static let sidecars = ["-wal", "-shm", "-journal"]

    /// Removes the database file `path` and its sidecars, if there.
    static func remove(_ path: String) {
        for suffix in [""] + sidecars { unlink(path + suffix) }
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// Checks the database file at `path`, naming it `name` in errors.
    static func check(_ path: String, as name: String) throws -> DatabaseCheck {
        try DatabaseBackup.translating(name) {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            return try queue.read { db in try DatabaseCheck.run(db, file: name) }
        }
    }

    /// Writes the file's data through to the disk.
    static func synchronize(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open \(path)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("cannot write \(path) to disk") }
    }

    /// Renames atomically (both in one folder) and makes the new name durable.
    static func move(_ from: String, to: String) throws {
        guard rename(from, to) == 0 else { throw failure("cannot rename \(from) to \(to)") }
        try synchronize(URL(fileURLWithPath: to).deletingLastPathComponent().path)
    }

    /// Gives `path` the second name `second` (a hard link), or copies when the
    /// file system has no hard links.
    static func keep(_ path: String, as second: String) throws {
        if link(path, second) != 0 {
            do {
                try FileManager.default.copyItem(atPath: path, toPath: second)
            } catch {
                throw failure("cannot keep \(path) as \(second)")
            }
        }
    }

    private static func failure(_ message: String) -> ErkendError {
        ErkendError(.storage, "\(message): \(String(cString: strerror(errno)))")
    }
}
