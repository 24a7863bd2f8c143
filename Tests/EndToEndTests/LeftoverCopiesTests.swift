import ErkendTestSupport
import Foundation
import Testing

/// A killed `erkend backup` leaves `.NAME.partial-XXXXXXXX`, a killed `erkend
/// restore` leaves `.NAME.restoring-XXXXXXXX`: full copies of the database,
/// personal data included. The next backup, the next restore and the next
/// start remove them — but never the copy a backup still running is writing.
@Suite("Leftover copies", .serialized)
struct LeftoverCopiesTests {
    /// Leaves the hidden copies a killed backup and a killed restore leave (copies of `database`) in `folder`.
    static func leaveCopies(of database: String, in folder: TemporaryDirectory, backupName: String) throws -> [String] {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: database))
        let names = [".\(backupName).partial-1a2b3c4d", ".\(backupName).partial-1a2b3c4d-journal",
                     ".erkend.sqlite.restoring-deadbeef", ".erkend.sqlite.restoring-deadbeef-wal", ".erkend.sqlite.partial-0c0ffee0"]
        for name in names { try bytes.write(to: folder.url.appendingPathComponent(name)) }
        return names
    }

    static func present(_ names: [String], in folder: TemporaryDirectory) -> [String] {
        names.filter { FileManager.default.fileExists(atPath: folder.path($0)) }
    }

    @Test("copies left by a killed backup or restore are removed by the next backup, the next restore and the next start")
    func leftoversRemoved() async throws {
        let folder = try TemporaryDirectory("erkend-leftovers")
        let database = folder.path("erkend.sqlite")
        let created = try ErkendBinary.run(["learners", "list", "--database", database])
        try #require(created.status == 0, "\(created.error)")

        // A backup still running holds its copy; it must survive every clean-up.
        let running = folder.path(".other.sqlite.partial-0badf00d")
        FileManager.default.createFile(atPath: running, contents: Data("in progress".utf8))
        let descriptor = open(running, O_RDONLY)
        #expect(flock(descriptor, LOCK_EX) == 0)
        defer { close(descriptor) }
        // Look-alikes that are not Erkend's copies stay too.
        let unrelated = [".notes.partial-draft", "erkend.sqlite.partial-1a2b3c4d"]
        for name in unrelated { FileManager.default.createFile(atPath: folder.path(name), contents: Data("keep".utf8)) }

        var left = try Self.leaveCopies(of: database, in: folder, backupName: "backup.sqlite")
        let backup = try ErkendBinary.run(["backup", folder.path("backup.sqlite"), "--database", database])
        #expect(backup.status == 0, "\(backup.error)")
        #expect(Self.present(left, in: folder).isEmpty, "after a backup: \(Self.present(left, in: folder))")

        left = try Self.leaveCopies(of: database, in: folder, backupName: "backup.sqlite")
        let restore = try ErkendBinary.run(["restore", folder.path("backup.sqlite"), "--database", database])
        #expect(restore.status == 0, "\(restore.error)")
        #expect(Self.present(left, in: folder).isEmpty, "after a restore: \(Self.present(left, in: folder))")

        left = try Self.leaveCopies(of: database, in: folder, backupName: "backup.sqlite")
        let server = try ServerProcess(arguments: [], directory: folder)
        #expect(Self.present(left, in: folder).isEmpty, "after erkend serve started: \(Self.present(left, in: folder))")
        #expect(server.stop() == 0)

        #expect(FileManager.default.fileExists(atPath: running), "the copy of a backup still running was removed")
        #expect(Self.present(unrelated, in: folder) == unrelated, "files that only look like copies were removed")
    }

    @Test("a backup to a place that cannot be written says why in words")
    func impossiblePath() async throws {
        let folder = try TemporaryDirectory("erkend-backup-path")
        let database = folder.path("erkend.sqlite")
        try #require(ErkendBinary.run(["learners", "list", "--database", database]).status == 0)
        try "a file".write(toFile: folder.path("plain-file"), atomically: true, encoding: .utf8)

        let underFile = try ErkendBinary.run(["backup", folder.path("plain-file/backups/erkend.sqlite"), "--database", database])
        #expect(underFile.status != 0)
        #expect(underFile.error.contains("is a file, not a folder"), "\(underFile.error)")
        let inProc = try ErkendBinary.run(["backup", "/proc/erkend-backups/erkend.sqlite", "--database", database])
        #expect(inProc.status != 0)
        for output in [underFile.error, inProc.error] {
            #expect(output.contains("cannot create the folder"), "\(output)")
            #expect(!output.contains("NSCocoaErrorDomain") && !output.contains("Error Domain"), "\(output)")
        }
    }
}
