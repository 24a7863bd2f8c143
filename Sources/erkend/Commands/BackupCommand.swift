import ArgumentParser
import ErkendCore
import ErkendStore
import Foundation

/// `erkend backup FILE`: a checked copy of the database, safe while serving.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to FILE with SQLite's online backup, safe while erkend serve is running.",
        discussion: """
        The copy is one consistent snapshot of everything committed when the backup started. It is
        checked (SQLite's integrity check, foreign keys, the audit chain) before it gets its name, so FILE
        either does not appear or is a complete backup. FILE is a single SQLite file; restore it with
        erkend restore FILE.

        Example: erkend backup backups/erkend-$(date +%F).sqlite
        """
    )

    @Argument(help: ArgumentHelp("Where to write the backup.", valueName: "file"))
    var file: String

    @Flag(help: "Replace FILE if it exists.")
    var force = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let report = try await reportingErrors { try DatabaseBackup.backup(database: database.path, to: file, replacing: force) }
        let audit = report.check.audit
        try reportingErrorsSync {
            try AuditHeadFile.write(audit.lastSequence.flatMap { sequence in audit.lastHash.map { AuditHead(sequence: sequence, hash: $0) } }, forBackup: report.file)
        }
        print("backed up \(database.path) to \(report.file): \(ByteCountFormatter.string(fromByteCount: Int64(report.bytes), countStyle: .file)) in \(String(format: "%.2f", report.seconds)) s")
        if audit.lastSequence != nil { print("audit head \(audit.lastSequence!) recorded in \(AuditHeadFile.path(forBackup: report.file))") }
        print("checked: integrity ok, foreign keys ok, audit log intact (\(audit.checked) entries, last \(audit.lastSequence.map(String.init) ?? "—") with hash \(audit.lastHash ?? "—"))")
    }
}
