public import ErkendCore
public import Foundation
import GRDB

/// Consents, the access log and the erasure of free text in SQLite.
public struct SQLitePrivacyRepository: PrivacyRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func record(_ consent: Consent, audit: AuditRecord) async throws {
        let audit = try audit.about(consent.learner, target: consent.learner.rawValue)
        try await database.transaction { db in
            try db.execute(sql: "INSERT INTO consent (learner, purpose, granted, at, recordedBy) VALUES (?, ?, ?, ?, ?)",
                           arguments: [consent.learner.rawValue, consent.purpose.rawValue, consent.granted, Timestamp.text(consent.at), consent.recordedBy])
            try AuditWriter.append(audit, in: db)
        }
    }

    public func consents(learner: Learner.ID) async throws -> [Consent] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.* FROM consent c
                WHERE c.learner = ? AND c.id = (SELECT max(id) FROM consent x WHERE x.learner = c.learner AND x.purpose = c.purpose)
                ORDER BY c.purpose
                """, arguments: [learner.rawValue]).compactMap { row in
                ConsentPurpose(rawValue: row["purpose"]).map {
                    Consent(learner: learner, purpose: $0, granted: row["granted"], at: Timestamp.date(row["at"]) ?? .distantPast, recordedBy: row["recordedBy"])
                }
            }
        }
    }

    public func recordAccess(_ access: AccessRecord) async throws {
        try await StoreErrors.translate {
            try await database.writer.write { db in
                try db.execute(sql: "INSERT INTO accessLog (at, learner, actor, channel, what) VALUES (?, ?, ?, ?, ?)",
                               arguments: [Timestamp.text(access.at), access.learner.rawValue, access.actor, access.channel, access.what])
            }
        }
    }

    public func accesses(learner: Learner.ID, page: PageRequest) async throws -> Page<AccessRecord> {
        try await database.writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM accessLog WHERE learner = ?", arguments: [learner.rawValue]) ?? 0
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM accessLog WHERE learner = ? ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
                                        arguments: [learner.rawValue, page.size, page.offset])
            return Page(items: rows.map {
                AccessRecord(at: Timestamp.date($0["at"]) ?? .distantPast, learner: learner, actor: $0["actor"], channel: $0["channel"], what: $0["what"])
            }, request: page, total: total)
        }
    }

    public func eraseContent(of learner: Learner.ID, pseudonym: String, at instant: Date) async throws {
        try await database.transaction { db in
            let id = learner.rawValue
            // Free text written about the learner goes; levels, dates and observers stay as the basis of decisions.
            try db.execute(sql: "UPDATE observation SET body = json_set(body, '$.feedback', '[gewist]') WHERE learner = ?", arguments: [id])
            try db.execute(sql: "UPDATE signoffRequest SET declineReason = NULL WHERE learner = ?", arguments: [id])
            // Evidence content goes; its SHA-256 stays, so what was judged can still be proven if a copy turns up.
            try db.execute(sql: """
                UPDATE evidenceContent SET content = X'', size = 0
                WHERE recognitionCase IN (SELECT id FROM recognitionCase WHERE learner = ?)
                """, arguments: [id])
            // The learner's account can no longer sign in and no longer carries their name.
            for account in try String.fetchAll(db, sql: "SELECT id FROM account WHERE learner = ?", arguments: [id]) {
                try db.execute(sql: "UPDATE account SET username = ?, displayName = ?, disabled = 1, passwordHash = NULL WHERE id = ?",
                               arguments: ["erased-\(account)", pseudonym, account])
                try db.execute(sql: "DELETE FROM session WHERE account = ?", arguments: [account])
                try db.execute(sql: "UPDATE apiToken SET revokedAt = coalesce(revokedAt, ?) WHERE account = ?", arguments: [Timestamp.text(instant), account])
            }
        }
    }
}
