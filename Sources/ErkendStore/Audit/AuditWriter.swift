import ErkendCore
import GRDB

/// Appends to the audit log inside a write transaction someone else opened,
/// so that a change and its audit entry are committed or rolled back together.
enum AuditWriter {
    /// Appends `record` as the next entry of the chain. Call only inside a write
    /// transaction: SQLite has one writer at a time, so reading the last entry
    /// and inserting the next cannot interleave with another append.
    static func append(_ record: AuditRecord, in db: Database) throws {
        // No entry decoded back: the writes that audit never use it, and each of their transactions runs alone.
        _ = try write(record, in: db)
    }

    /// `append`, returning the entry as a later read returns it: `at` to the second.
    static func appendEntry(_ record: AuditRecord, in db: Database) throws -> AuditEntry {
        let written = try write(record, in: db)
        return AuditEntry(sequence: written.sequence, record: try StoredText.decode(AuditRecord.self, written.body),
                          previousHash: written.previousHash, hash: written.hash)
    }

    private static func write(_ record: AuditRecord, in db: Database) throws -> (sequence: Int, body: String, previousHash: String, hash: String) {
        try record.validate()
        let body = try AuditChain.body(of: record)
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT sequence, hash FROM auditEntry ORDER BY sequence DESC LIMIT 1"))
        let sequence = (last?["sequence"] as Int? ?? 0) + 1
        let previousHash = last?["hash"] as String? ?? AuditEntry.genesisHash
        let hash = AuditChain.hash(previousHash: previousHash, body: body)
        try db.cachedStatement(sql: """
            INSERT INTO auditEntry (sequence, at, action, subject, body, previousHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [sequence, StoredText.instant(record.at), record.action, record.subject?.rawValue, body, previousHash, hash])
        return (sequence, body, previousHash, hash)
    }

    /// The entry a row of `auditEntry` holds.
    static func entry(from row: Row) throws -> AuditEntry {
        AuditEntry(sequence: row["sequence"], record: try StoredText.decode(AuditRecord.self, row["body"]),
                   previousHash: row["previousHash"], hash: row["hash"])
    }
}
