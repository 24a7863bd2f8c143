public import ErkendCore
import Crypto
import Foundation
import Logging
import PostgresNIO

/// The audit log in PostgreSQL: table `audit_entry`, append-only by trigger,
/// the same hash chain as the SQLite backend (hash = SHA-256 of the previous
/// hash's 64 hex characters and the record's canonical JSON).
///
/// Several nodes append to one chain: every append takes a transaction-scoped
/// advisory lock first, so reading the head and inserting the next entry
/// cannot interleave with another node's append; the chain never forks.
public struct PostgresAuditRepository: AuditRepository {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    @discardableResult
    public func append(_ record: AuditRecord) async throws -> AuditEntry {
        let logger = database.logger
        return try await database.transaction { connection in
            try await PostgresAuditWriter.append(record, on: connection, logger: logger)
        }
    }

    public func entries(subject: Learner.ID, page: PageRequest) async throws -> Page<AuditEntry> {
        let total = Int(try await database.rows("SELECT count(*) FROM audit_entry WHERE subject = \(subject.rawValue)")[0][0].decode(Int64.self))
        let rows = try await database.rows("""
            SELECT sequence, body, previous_hash, hash FROM audit_entry WHERE subject = \(subject.rawValue)
            ORDER BY sequence LIMIT \(page.size) OFFSET \(page.offset)
            """)
        return Page(items: try rows.map(PostgresAuditWriter.entry(from:)), request: page, total: total)
    }

    public func entries(after sequence: Int, limit: Int) async throws -> [AuditEntry] {
        guard (1...AuditEntry.maximumPerRead).contains(limit) else {
            throw ErkendError.invalid("limit", "must be between 1 and \(AuditEntry.maximumPerRead), got \(limit)")
        }
        return try await database.rows("""
            SELECT sequence, body, previous_hash, hash FROM audit_entry WHERE sequence > \(sequence) ORDER BY sequence LIMIT \(limit)
            """).map(PostgresAuditWriter.entry(from:))
    }

    public func verify() async throws -> AuditVerification {
        var checked = 0
        var lastSequence: Int?
        var lastHash: String?
        var firstBreak: AuditVerification.Break?
        // Read in slices so a long log is never held in memory at once.
        var after: Int64 = 0
        walk: while true {
            let rows = try await database.rows("""
                SELECT sequence, at, action, subject, body, previous_hash, hash FROM audit_entry WHERE sequence > \(after) ORDER BY sequence LIMIT 5000
                """)
            if rows.isEmpty { break }
            for row in rows {
                let sequence = Int(try row.value("sequence", as: Int64.self))
                after = Int64(sequence)
                let previousHash = try row.value("previous_hash", as: String.self)
                let hash = try row.value("hash", as: String.self)
                let body = try row.value("body", as: String.self)
                let expected = (lastSequence ?? 0) + 1
                checked += 1
                if sequence != expected {
                    let what = expected == sequence - 1 ? "entry \(expected) is" : "entries \(expected)…\(sequence - 1) are"
                    firstBreak = .init(sequence: expected, problem: .entryMissing, message: "\(what) missing: entry \(sequence) follows entry \(lastSequence.map(String.init) ?? "none")")
                    break walk
                }
                if previousHash != (lastHash ?? AuditEntry.genesisHash) {
                    let before = lastSequence.map { "the hash of entry \($0)" } ?? "the 64 zeros a chain starts from"
                    firstBreak = .init(sequence: sequence, problem: .linkBroken, message: "entry \(sequence) does not chain to \(before): that entry or this link was changed")
                    break walk
                }
                if PostgresAuditWriter.hash(previousHash: previousHash, body: body) != hash {
                    firstBreak = .init(sequence: sequence, problem: .bodyChanged, message: "entry \(sequence)'s body does not match its hash: it was changed after it was written")
                    break walk
                }
                let record = try? ErkendJSON.decoder().decode(AuditRecord.self, from: Data(body.utf8))
                let mismatch: String? = if let record {
                    try row.value("subject", as: String?.self) != record.subject?.rawValue ? "subject"
                        : try row.value("action", as: String.self) != record.action ? "action"
                        : try row.value("at", as: String.self) != record.at.formatted(.iso8601) ? "at" : nil
                } else { "body" }
                if let mismatch {
                    firstBreak = .init(sequence: sequence, problem: .bodyChanged, message: "entry \(sequence)'s \(mismatch) column does not match its body")
                    break walk
                }
                lastSequence = sequence
                lastHash = hash
            }
        }
        return AuditVerification(checked: checked, lastSequence: lastSequence, lastHash: lastHash, firstBreak: firstBreak)
    }

    public func head() async throws -> AuditHead? {
        try await database.rows("SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1").first.map {
            AuditHead(sequence: Int(try $0.value("sequence", as: Int64.self)), hash: try $0.value("hash"))
        }
    }

    public func sequence(ofHash hash: String) async throws -> Int? {
        try await database.rows("SELECT sequence FROM audit_entry WHERE hash = \(hash.lowercased())").first
            .map { Int(try $0.value("sequence", as: Int64.self)) }
    }
}

/// Appends to the audit log inside a transaction someone else opened, so a change and its entry commit together.
enum PostgresAuditWriter {
    /// The advisory lock that serializes appends across connections and nodes.
    static let lockKey: Int64 = 0x45_726B_656E_64_03

    static func append(_ record: AuditRecord, on connection: PostgresConnection, logger: Logger) async throws -> AuditEntry {
        try record.validate()
        let body = String(decoding: try ErkendJSON.encoder().encode(record), as: UTF8.self)
        try await connection.execute("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
        let last = try await connection.rows("SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1", logger: logger).first
        let sequence = (try last.map { try $0.value("sequence", as: Int64.self) } ?? 0) + 1
        let previousHash = try last.map { try $0.value("hash", as: String.self) } ?? AuditEntry.genesisHash
        let hash = Self.hash(previousHash: previousHash, body: body)
        let at = record.at.formatted(.iso8601)
        try await connection.execute("""
            INSERT INTO audit_entry (sequence, at, action, subject, body, previous_hash, hash)
            VALUES (\(sequence), \(at), \(record.action), \(record.subject?.rawValue), \(body), \(previousHash), \(hash))
            """, logger: logger)
        return AuditEntry(sequence: Int(sequence), record: try ErkendJSON.decoder().decode(AuditRecord.self, from: Data(body.utf8)),
                          previousHash: previousHash, hash: hash)
    }

    static func entry(from row: PostgresRandomAccessRow) throws -> AuditEntry {
        let body = try row.value("body", as: String.self)
        let record: AuditRecord
        do {
            record = try ErkendJSON.decoder().decode(AuditRecord.self, from: Data(body.utf8))
        } catch {
            throw ErkendError(.storage, "a stored audit record cannot be read back", cause: String(describing: error))
        }
        return AuditEntry(sequence: Int(try row.value("sequence", as: Int64.self)), record: record,
                          previousHash: try row.value("previous_hash"), hash: try row.value("hash"))
    }

    /// SHA-256 of the previous hash's hex characters followed by the body's UTF-8 bytes, as lowercase hex.
    static func hash(previousHash: String, body: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(previousHash.utf8))
        hasher.update(data: Data(body.utf8))
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// SHA-256 of `data` as lowercase hex (sign-off tokens, evidence).
    static func digest(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
