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

    /// Creates `folder` (and its parents) for `purpose`, saying in words why it cannot be.
    static func createFolder(_ folder: URL, for purpose: String) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            // Find the part of the path that exists, and say what is wrong with it.
            var existing = folder
            var isFolder: ObjCBool = false
            while !FileManager.default.fileExists(atPath: existing.path, isDirectory: &isFolder), existing.path != "/" {
                existing.deleteLastPathComponent()
            }
            let reason = if !isFolder.boolValue {
                "\(existing.path) is a file, not a folder"
            } else if access(existing.path, W_OK) != 0 {
                "there is no permission to write in \(existing.path)"
            } else {
                "\(error.localizedDescription)"
            }
            throw ErkendError(.storage, "cannot create the folder \(folder.path) for \(purpose): \(reason)", cause: "\(error)")
        }
    }

    /// A temporary copy in the making, held with an exclusive `flock` for as long as this
    /// value lives, so that `removeLeftovers` can tell it from the copy of a killed process.
    final class TemporaryCopy {
        let path: String
        private let descriptor: Int32

        init(_ path: String) throws {
            self.path = path
            descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw SQLiteFiles.failure("cannot create \(path)") }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                close(descriptor)
                throw SQLiteFiles.failure("cannot lock \(path)")
            }
        }

        deinit {
            SQLiteFiles.remove(path)
            close(descriptor)
        }
    }

    /// Whether `name` is a hidden temporary copy of a backup (`.NAME.partial-XXXXXXXX`) or a
    /// restore (`.NAME.restoring-XXXXXXXX`), or one of their sidecars; the base copy's name if so.
    static func leftoverBase(_ name: String) -> String? {
        guard name.hasPrefix(".") else { return nil }
        var base = name
        for suffix in sidecars where base.hasSuffix(suffix) {
            base.removeLast(suffix.count)
            break
        }
        for marker in [".partial-", ".restoring-"] {
            guard let range = base.range(of: marker, options: .backwards) else { continue }
            let tag = base[range.upperBound...]
            if tag.count == 8, tag.allSatisfy(\.isHexDigit) { return base }
        }
        return nil
    }

    /// Removes what a killed `erkend backup` or `erkend restore` left in `folder`: hidden
    /// partial copies (each a full copy of the database, personal data included) with their
    /// sidecars. A copy a running backup or restore still holds (`TemporaryCopy`) stays.
    /// Returns the paths removed.
    @discardableResult
    static func removeLeftovers(in folder: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        var held: Set<String> = []
        var free: Set<String> = []
        for name in names.sorted() {
            guard let base = leftoverBase(name) else { continue }
            let basePath = folder + "/" + base
            if !held.contains(basePath), !free.contains(basePath) {
                let descriptor = open(basePath, O_RDONLY | O_CLOEXEC)
                if descriptor < 0 {
                    free.insert(basePath)   // the copy itself is gone: its sidecars are leftovers
                } else {
                    if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { free.insert(basePath) } else { held.insert(basePath) }
                    close(descriptor)
                }
            }
            guard free.contains(basePath) else { continue }
            if unlink(folder + "/" + name) == 0 { removed.append(folder + "/" + name) }
        }
        return removed
    }

    private static func failure(_ message: String) -> ErkendError {
        ErkendError(.storage, "\(message): \(String(cString: strerror(errno)))")
    }
}
