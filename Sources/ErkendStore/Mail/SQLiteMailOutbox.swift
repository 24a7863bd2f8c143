public import ErkendCore
public import Foundation
import GRDB

/// The mail outbox in SQLite (`mailOutbox`).
public struct SQLiteMailOutbox: MailOutbox {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func due(at date: Date, limit: Int) async throws -> [OutgoingMail] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM mailOutbox WHERE status = 'queued' AND nextAttemptAt <= ? ORDER BY nextAttemptAt, createdAt, id LIMIT ?
                """, arguments: [StoredText.instant(date), limit]).map(MailRow.value(from:))
        }
    }

    public func markSent(_ id: OutgoingMail.ID, at date: Date) async throws {
        try await database.transaction { db in
            try db.execute(sql: """
                UPDATE mailOutbox SET status = 'sent', sentAt = ?, attempts = attempts + 1, "values" = '{}'
                WHERE id = ? AND status = 'queued'
                """, arguments: [StoredText.instant(date), id.rawValue])
            guard db.changesCount == 1 else { throw ErkendError(.conflict, "mail \(id) is not waiting to be sent") }
        }
    }

    public func markFailed(_ id: OutgoingMail.ID, error: String, retryAt: Date?, at date: Date) async throws {
        try await database.transaction { db in
            if let retryAt {
                try db.execute(sql: """
                    UPDATE mailOutbox SET attempts = attempts + 1, lastError = ?, nextAttemptAt = ? WHERE id = ? AND status = 'queued'
                    """, arguments: [String(error.prefix(1000)), StoredText.instant(retryAt), id.rawValue])
            } else {
                // Given up: the link in it is of no use to anyone any more.
                try db.execute(sql: """
                    UPDATE mailOutbox SET status = 'failed', attempts = attempts + 1, lastError = ?, "values" = '{}' WHERE id = ? AND status = 'queued'
                    """, arguments: [String(error.prefix(1000)), id.rawValue])
            }
            guard db.changesCount == 1 else { throw ErkendError(.conflict, "mail \(id) is not waiting to be sent") }
        }
    }

    public func mails(about: String) async throws -> [OutgoingMail] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM mailOutbox WHERE about = ? ORDER BY createdAt DESC, rowid DESC",
                             arguments: [about]).map(MailRow.value(from:))
        }
    }
}

/// Outbox rows: every field a column, the template values as JSON.
enum MailRow {
    static func insert(_ mail: OutgoingMail, in db: Database) throws {
        guard mail.status == .queued, mail.sentAt == nil else {
            throw ErkendError.invalid("status", "a mail enters the outbox queued and unsent")
        }
        guard mail.recipient.contains("@"), !mail.recipient.contains(where: { $0.isNewline || $0 == "<" || $0 == ">" }) else {
            throw ErkendError.invalid("recipient", "'\(mail.recipient)' is not an e-mail address")
        }
        try db.execute(sql: """
            INSERT INTO mailOutbox (id, recipient, recipientName, template, "values", about, createdAt, status, attempts, nextAttemptAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?)
            """, arguments: [mail.id.rawValue, mail.recipient, mail.recipientName, mail.template, try StoredText.json(mail.values),
                             mail.about, StoredText.instant(mail.createdAt), StoredText.instant(mail.nextAttemptAt)])
    }

    /// Cancels the mails about `about` still waiting, forgetting their values: the
    /// link in them no longer works (the request was used, or a new link was sent).
    static func cancelQueued(about: String, reason: String, in db: Database) throws {
        try db.execute(sql: """
            UPDATE mailOutbox SET status = 'cancelled', lastError = ?, "values" = '{}' WHERE about = ? AND status = 'queued'
            """, arguments: [reason, about])
    }

    static func value(from row: Row) throws -> OutgoingMail {
        guard let status = OutgoingMail.Status(rawValue: row["status"]) else {
            throw ErkendError(.storage, "unknown mail status in the database: \(row["status"] as String? ?? "?")")
        }
        return OutgoingMail(id: OutgoingMail.ID(trusted: row["id"]), recipient: row["recipient"], recipientName: row["recipientName"],
                            template: row["template"], values: try StoredText.decode([String: String].self, row["values"]),
                            about: row["about"], createdAt: try StoredText.instant(row["createdAt"]), status: status,
                            attempts: row["attempts"], nextAttemptAt: try StoredText.instant(row["nextAttemptAt"]),
                            sentAt: try (row["sentAt"] as String?).map(StoredText.instant), lastError: row["lastError"])
    }
}
