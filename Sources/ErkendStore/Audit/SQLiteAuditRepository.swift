public import ErkendCore
import Foundation
import GRDB

/// The audit log in SQLite: table `auditEntry`, append-only by trigger, and
/// checked end to end by `verify()`.
public struct SQLiteAuditRepository: AuditRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    @discardableResult
    public func append(_ record: AuditRecord) async throws -> AuditEntry {
        try await database.transaction { db in try AuditWriter.appendEntry(record, in: db) }
    }

    public func entries(subject: Learner.ID, page: PageRequest) async throws -> Page<AuditEntry> {
        try await database.writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM auditEntry WHERE subject = ?", arguments: [subject.rawValue]) ?? 0
            let entries = try Row.fetchAll(db, sql: """
                SELECT sequence, body, previousHash, hash FROM auditEntry WHERE subject = ?
                ORDER BY sequence LIMIT ? OFFSET ?
                """, arguments: [subject.rawValue, page.size, page.offset]).map(AuditWriter.entry(from:))
            return Page(items: entries, request: page, total: total)
        }
    }

    public func entries(after sequence: Int, limit: Int) async throws -> [AuditEntry] {
        guard (1...AuditEntry.maximumPerRead).contains(limit) else {
            throw ErkendError.invalid("limit", "must be between 1 and \(AuditEntry.maximumPerRead), got \(limit)")
        }
        return try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT sequence, body, previousHash, hash FROM auditEntry WHERE sequence > ? ORDER BY sequence LIMIT ?",
                             arguments: [sequence, limit]).map(AuditWriter.entry(from:))
        }
    }

    public func verify() async throws -> AuditVerification {
        try await database.writer.read { db in
            var verifier = AuditChainVerifier()
            let rows = try Row.fetchCursor(db, sql: "SELECT sequence, at, action, subject, body, previousHash, hash FROM auditEntry ORDER BY sequence")
            while let row = try rows.next() {
                if !verifier.check(row) { break }
            }
            return verifier.result
        }
    }

    public func head() async throws -> AuditHead? {
        try await database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT sequence, hash FROM auditEntry ORDER BY sequence DESC LIMIT 1").map {
                AuditHead(sequence: $0["sequence"], hash: $0["hash"])
            }
        }
    }

    public func sequence(ofHash hash: String) async throws -> Int? {
        try await database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT sequence FROM auditEntry WHERE hash = ?", arguments: [hash.lowercased()])
        }
    }
}
