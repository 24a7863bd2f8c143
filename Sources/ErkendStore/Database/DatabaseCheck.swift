public import ErkendCore
import Foundation
import GRDB

/// What checking a whole database file found: that it is Erkend's, that
/// SQLite finds it sound, and that its audit chain is intact.
public struct DatabaseCheck: Sendable, Equatable {
    /// The named migrations the file has, oldest first.
    public var migrations: [String]
    /// Migrations of this version of Erkend the file does not have yet.
    public var pendingMigrations: [String]
    /// The audit chain as walked end to end.
    public var audit: AuditVerification

    /// Checks the database `db` is connected to, reading only.
    ///
    /// - Throws: `ErkendError` `.invalidInput` naming `file` when it is not an
    ///   Erkend database or comes from a newer Erkend, when `PRAGMA
    ///   integrity_check` or `PRAGMA foreign_key_check` find a problem, or when
    ///   the audit chain is broken.
    static func run(_ db: Database, file: String) throws -> DatabaseCheck {
        let migrator = Migrations.migrator
        guard try db.tableExists("grdb_migrations") else {
            throw refusal(file, "it is not an Erkend database (it has no migration table)")
        }
        let applied = try migrator.appliedMigrations(db)
        guard applied.first == migrator.migrations.first else {
            throw refusal(file, "it is not an Erkend database (its migrations are \(applied.prefix(3).joined(separator: ", ")))")
        }
        let unknown = applied.filter { !migrator.migrations.contains($0) }
        guard unknown.isEmpty else {
            throw refusal(file, "it was written by a newer version of Erkend (migrations \(unknown.joined(separator: ", "))); upgrade Erkend first")
        }
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        guard integrity == ["ok"] else {
            throw refusal(file, "the database is damaged: SQLite's integrity check finds \(integrity.prefix(3).joined(separator: "; "))")
        }
        let dangling = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        guard dangling.isEmpty else {
            let first = dangling[0]
            throw refusal(file, "\(dangling.count) rows point at rows that do not exist (first in table \(first[0] as String? ?? "?"), row \(first[1] as Int64? ?? 0))")
        }
        var verifier = AuditChainVerifier()
        if try db.tableExists("auditEntry") {
            let rows = try Row.fetchCursor(db, sql: "SELECT sequence, at, action, subject, body, previousHash, hash FROM auditEntry ORDER BY sequence")
            while let row = try rows.next() {
                if !verifier.check(row) { break }
            }
        }
        let audit = verifier.result
        if let broken = audit.firstBreak {
            throw refusal(file, "its audit log is broken: \(broken.message)")
        }
        return DatabaseCheck(migrations: applied, pendingMigrations: migrator.migrations.filter { !applied.contains($0) }, audit: audit)
    }

    private static func refusal(_ file: String, _ reason: String) -> ErkendError {
        ErkendError(.invalidInput, "\(file): \(reason)")
    }
}
