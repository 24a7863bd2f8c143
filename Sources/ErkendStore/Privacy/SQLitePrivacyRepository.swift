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
        try await record([(consent: consent, audit: audit)])
    }

    public func record(_ consents: [(consent: Consent, audit: AuditRecord)]) async throws {
        let changes = try consents.map { ($0.consent, try $0.audit.about($0.consent.learner, target: $0.consent.learner.rawValue)) }
        try await database.transaction { db in
            for (consent, audit) in changes {
                try db.execute(sql: "INSERT INTO consent (learner, purpose, granted, at, recordedBy) VALUES (?, ?, ?, ?, ?)",
                               arguments: [consent.learner.rawValue, consent.purpose.rawValue, consent.granted, Timestamp.text(consent.at), consent.recordedBy])
                try AuditWriter.append(audit, in: db)
            }
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

    public func recordAccesses(_ accesses: [AccessRecord]) async throws {
        guard !accesses.isEmpty else { return }
        try await database.transaction { db in
            let statement = try db.cachedStatement(sql: "INSERT INTO accessLog (at, learner, actor, channel, what) VALUES (?, ?, ?, ?, ?)")
            for access in accesses {
                try statement.execute(arguments: [Timestamp.text(access.at), access.learner.rawValue, access.actor, access.channel, access.what])
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

    public func erase(_ learner: Learner.ID, pseudonym: String, at instant: Date, audit: AuditRecord) async throws -> Learner {
        guard !pseudonym.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw ErkendError.invalid("pseudonym", "give the name to show instead, such as 'Gewist \(learner)'") }
        let audit = try audit.about(learner, target: learner.rawValue)
        let id = learner.rawValue
        let today = Day(instant)
        let day = today.description
        let now = Timestamp.text(instant)
        let erased = try await database.transaction { db in
            guard let erasedAt = try Row.fetchOne(db, sql: "SELECT erasedAt FROM learner WHERE id = ?", arguments: [id]) else {
                throw ErkendError.notFound("learner \(learner)")
            }
            if let earlier = erasedAt["erasedAt"] as String? {
                throw ErkendError(.conflict, "learner \(learner)'s personal data was erased already (\(earlier))")
            }
            let pseudonymised = Learner(id: learner, name: pseudonym)
            try LearnerRow.update(pseudonymised, in: db)

            // Free text about the learner is replaced by a fixed marker (Erasure.redact).
            for observation in try ObservationRow.fetchAll(db, where: "learner = ?", [id], orderBy: "id") {
                try ObservationRow.update(Erasure.redact(observation), in: db)
            }
            for decision in try DecisionRow.fetchAll(db, where: "learner = ?", [id], orderBy: "id") {
                try DecisionRow.update(Erasure.redact(decision), in: db)
            }
            for recognitionCase in try RecognitionCaseRow.fetchAll(db, where: "learner = ?", [id], orderBy: "id") {
                try RecognitionCaseRow.update(Erasure.redact(recognitionCase), in: db)
            }
            for statement in try PracticeStatementRow.fetchAll(db, where: "learner = ?", [id], orderBy: "id") {
                try PracticeStatementRow.update(Erasure.redact(statement), in: db)
            }
            for placement in try PlacementRow.fetchAll(db, where: "learner = ?", [id], orderBy: "id") {
                var placement = Erasure.redact(placement)
                // A placement still running ends with the erasure (not before it started).
                if placement.endDate.map({ $0 > today }) ?? true {
                    placement.endDate = max(placement.startDate, today)
                }
                try PlacementRow.update(placement, in: db)
            }
            try db.execute(sql: "UPDATE signoffRequest SET declineReason = NULL WHERE learner = ?", arguments: [id])
            // Open sign-off links are withdrawn: they can no longer be viewed, signed or declined.
            try db.execute(sql: """
                UPDATE signoffRequest SET status = 'withdrawn' WHERE learner = ? AND status = 'open'
                """, arguments: [id])
            // Mail about the learner's sign-off requests names the learner: unsent mail is
            // cancelled, and every such mail keeps only its envelope (to whom, when), not its text.
            try db.execute(sql: """
                UPDATE mailOutbox SET "values" = '{}', status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END
                WHERE about IN (SELECT 'signoffRequest:' || id FROM signoffRequest WHERE learner = ?)
                """, arguments: [id])
            // A signature held for an on-the-spot confirmation is the mentor's text about the learner.
            try db.execute(sql: "UPDATE signoffRequest SET heldSubmission = NULL WHERE learner = ?", arguments: [id])
            // Active enrolments end on the day of the erasure.
            try db.execute(sql: """
                UPDATE enrolment SET status = 'withdrawn', endDate = max(startDate, ?) WHERE learner = ? AND status = 'active'
                """, arguments: [day, id])
            // Evidence goes whole: its content, and its SHA-256, which could identify a small
            // document if a copy turns up. The audit chain holds only the case's id, so it
            // verifies without it.
            try db.execute(sql: """
                DELETE FROM evidenceContent WHERE recognitionCase IN (SELECT id FROM recognitionCase WHERE learner = ?)
                """, arguments: [id])
            // The learner's account can no longer sign in and no longer carries their name.
            for account in try String.fetchAll(db, sql: "SELECT id FROM account WHERE learner = ?", arguments: [id]) {
                try db.execute(sql: "UPDATE account SET username = ?, displayName = ?, disabled = 1, passwordHash = NULL WHERE id = ?",
                               arguments: ["erased-\(account)", pseudonym, account])
                try db.execute(sql: "DELETE FROM session WHERE account = ?", arguments: [account])
                try db.execute(sql: "UPDATE apiToken SET revokedAt = coalesce(revokedAt, ?) WHERE account = ?", arguments: [now, account])
            }
            // From now on the schema's triggers refuse new records about the learner.
            try db.execute(sql: "UPDATE learner SET erasedAt = ? WHERE id = ?", arguments: [now, id])
            // Every credential of the learner stops verifying: the awards are revoked (their status bits set)
            // and the free text they copied is redacted.
            try SQLiteAwardRepository.redactAll(learner: learner, marker: Erasure.marker, in: db)
            let revoked = try SQLiteAwardRepository.revokeAll(
                where: "learner = ?", id, revocation: Award.Revocation(on: instant, by: audit.actor.id, reason: "the learner's personal data was erased"),
                in: db)
            var record = audit
            if !revoked.isEmpty { record.details["revokedAwards"] = revoked.map(\.rawValue).joined(separator: ",") }
            try AuditWriter.append(record, in: db)
            return pseudonymised
        }
        // The WAL still holds the pages as they were before the erasure. Copy it into the
        // database (where secure_delete has overwritten the old text) and empty it now,
        // rather than leave the old pages in the -wal file until it is next reused. If a
        // long read holds the WAL, the next checkpoint does it.
        _ = try? await database.writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        return erased
    }
}
