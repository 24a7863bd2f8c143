import ArgumentParser
import ErkendCore
import ErkendStore
import Foundation

/// `erkend restore FILE`: put a backup in place of the database.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database by the backup FILE (stop erkend serve first).",
        discussion: """
        FILE must be an Erkend database that passes SQLite's integrity check, has no dangling
        references and an intact audit chain; anything else is refused and the database is left as it
        is. The restore refuses while erkend serve (or any erkend command) has the database open. The
        copy is migrated to this version's schema and renamed into place in one step; the database it
        replaces is kept beside it as DATABASE.replaced-TIMESTAMP. FILE itself is only read.

        Example: erkend restore backups/erkend-2026-11-29.sqlite --database erkend-data/erkend.sqlite
        """
    )

    @Argument(help: ArgumentHelp("The backup to restore.", valueName: "file"))
    var file: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let report = try await reportingErrors { try DatabaseRestore.restore(file, into: database.path) }
        let audit = report.check.audit
        print("restored \(file) as \(report.database) (\(ByteCountFormatter.string(fromByteCount: Int64(report.bytes), countStyle: .file)))")
        print("checked: integrity ok, foreign keys ok, audit log intact (\(audit.checked) entries, last \(audit.lastSequence.map(String.init) ?? "—") with hash \(audit.lastHash ?? "—"))")
        if !report.migrated.isEmpty { print("migrated to the current schema: \(report.migrated.joined(separator: ", "))") }
        if let kept = report.replacedKeptAt { print("the database it replaced is kept as \(kept)") }
    }
}
