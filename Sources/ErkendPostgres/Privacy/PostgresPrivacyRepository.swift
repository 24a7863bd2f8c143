public import ErkendCore
public import Foundation
import Logging
import PostgresNIO

/// Consents, the access log and erasure in PostgreSQL, with the same effects
/// as the SQLite backend: the learner's personal data replaced by a pseudonym,
/// staff free text redacted, open links withdrawn, unsent mail cancelled,
/// evidence deleted, the account closed, awards revoked — in one transaction
/// with its audit entry. From then on triggers refuse new records about them.
public struct PostgresPrivacyRepository: PrivacyRepository {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func record(_ consent: Consent, audit: AuditRecord) async throws {
        try await record([(consent: consent, audit: audit)])
    }

    /// Several consents (switches changed together) with their audit entries, in one transaction.
    public func record(_ consents: [(consent: Consent, audit: AuditRecord)]) async throws {
        let changes = try consents.map { ($0.consent, try $0.audit.about($0.consent.learner, target: $0.consent.learner.rawValue)) }
        let logger = database.logger
        try await database.transaction { connection in
            for (consent, audit) in changes {
                try await connection.execute("""
                    INSERT INTO consent (learner, purpose, granted, at, recorded_by)
                    VALUES (\(consent.learner.rawValue), \(consent.purpose.rawValue), \(consent.granted), \(PostgresText.precise(consent.at)), \(consent.recordedBy))
                    """, logger: logger)
                _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger)
            }
        }
    }

    public func consents(learner: Learner.ID) async throws -> [Consent] {
        try await database.rows("""
            SELECT c.* FROM consent c
            WHERE c.learner = \(learner.rawValue) AND c.id = (SELECT max(id) FROM consent x WHERE x.learner = c.learner AND x.purpose = c.purpose)
            ORDER BY c.purpose
            """).compactMap { row in
            try ConsentPurpose(rawValue: row.value("purpose", as: String.self)).map {
                Consent(learner: learner, purpose: $0, granted: try row.value("granted"), at: PostgresText.precise(try row.value("at")) ?? .distantPast,
                        recordedBy: try row.value("recorded_by"))
            }
        }
    }

    public func recordAccess(_ access: AccessRecord) async throws {
        try await database.execute("""
            INSERT INTO access_log (at, learner, actor, channel, what)
            VALUES (\(PostgresText.precise(access.at)), \(access.learner.rawValue), \(access.actor), \(access.channel), \(access.what))
            """)
    }

    public func recordAccesses(_ accesses: [AccessRecord]) async throws {
        guard !accesses.isEmpty else { return }
        let logger = database.logger
        try await database.transaction { connection in
            for access in accesses {
                try await connection.execute("""
                    INSERT INTO access_log (at, learner, actor, channel, what)
                    VALUES (\(PostgresText.precise(access.at)), \(access.learner.rawValue), \(access.actor), \(access.channel), \(access.what))
                    """, logger: logger)
            }
        }
    }

    public func accesses(learner: Learner.ID, page: PageRequest) async throws -> Page<AccessRecord> {
        let logger = database.logger
        return try await database.read { connection in
            let total = try await connection.integer("SELECT count(*) FROM access_log WHERE learner = \(learner.rawValue)", logger: logger)
            let rows = try await connection.rows("""
                SELECT * FROM access_log WHERE learner = \(learner.rawValue) ORDER BY at DESC, id DESC LIMIT \(page.size) OFFSET \(page.offset)
                """, logger: logger)
            return Page(items: try rows.map {
                AccessRecord(at: PostgresText.precise(try $0.value("at")) ?? .distantPast, learner: learner, actor: try $0.value("actor"),
                             channel: try $0.value("channel"), what: try $0.value("what"))
            }, request: page, total: Int(total))
        }
    }

    public func erase(_ learner: Learner.ID, pseudonym: String, at instant: Date, audit: AuditRecord) async throws -> Learner {
        guard !pseudonym.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ErkendError.invalid("pseudonym", "give the name to show instead, such as 'Gewist \(learner)'")
        }
        let audit = try audit.about(learner, target: learner.rawValue)
        let id = learner.rawValue
        let today = Day(instant)
        let day = today.description
        let now = PostgresText.precise(instant)
        let logger = database.logger
        return try await database.transaction { connection in
            guard let row = try await connection.rows("SELECT erased_at FROM learner WHERE id = \(id) FOR UPDATE", logger: logger).first else {
                throw ErkendError.notFound("learner \(learner)")
            }
            if let earlier = try row.value("erased_at", as: String?.self) {
                throw ErkendError(.conflict, "learner \(learner)'s personal data was erased already (\(earlier))")
            }
            let pseudonymised = Learner(id: learner, name: pseudonym)
            try await PostgresLearnerRow.update(pseudonymised, on: connection, logger: logger)

            // Free text about the learner is replaced by a fixed marker (Erasure.redact).
            for observation in try await PostgresObservationRow.fetchAll(where: "learner = $1", [id], orderBy: "id", on: connection, logger: logger) {
                try await PostgresObservationRow.update(Erasure.redact(observation), on: connection, logger: logger)
            }
            for decision in try await PostgresDecisionRow.fetchAll(where: "learner = $1", [id], orderBy: "id", on: connection, logger: logger) {
                try await PostgresDecisionRow.update(Erasure.redact(decision), on: connection, logger: logger)
            }
            for recognitionCase in try await PostgresRecognitionCaseRow.fetchAll(where: "learner = $1", [id], orderBy: "id", on: connection, logger: logger) {
                try await PostgresRecognitionCaseRow.update(Erasure.redact(recognitionCase), on: connection, logger: logger)
            }
            for statement in try await PostgresPracticeStatementRow.fetchAll(where: "learner = $1", [id], orderBy: "id", on: connection, logger: logger) {
                try await PostgresPracticeStatementRow.update(Erasure.redact(statement), on: connection, logger: logger)
            }
            for placement in try await PostgresPlacementRow.fetchAll(where: "learner = $1", [id], orderBy: "id", on: connection, logger: logger) {
                var placement = Erasure.redact(placement)
                // A placement still running ends with the erasure (not before it started).
                if placement.endDate.map({ $0 > today }) ?? true {
                    placement.endDate = max(placement.startDate, today)
                }
                try await PostgresPlacementRow.update(placement, on: connection, logger: logger)
            }
            try await connection.execute("UPDATE signoff_request SET decline_reason = NULL WHERE learner = \(id)", logger: logger)
            // Open sign-off links are withdrawn: they can no longer be viewed, signed or declined.
            try await connection.execute("UPDATE signoff_request SET status = 'withdrawn' WHERE learner = \(id) AND status = 'open'", logger: logger)
            // Mail about the learner's sign-off requests keeps only its envelope; unsent mail is cancelled.
            try await connection.execute("""
                UPDATE mail_outbox SET template_values = '{}', status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END
                WHERE about IN (SELECT 'signoffRequest:' || id FROM signoff_request WHERE learner = \(id))
                """, logger: logger)
            try await connection.execute("UPDATE signoff_request SET held_submission = NULL WHERE learner = \(id)", logger: logger)
            // Active enrolments end on the day of the erasure.
            try await connection.execute("""
                UPDATE enrolment SET status = 'withdrawn', end_date = greatest(start_date, \(day)) WHERE learner = \(id) AND status = 'active'
                """, logger: logger)
            // Evidence goes whole: its content and its SHA-256.
            try await connection.execute("""
                DELETE FROM evidence_content WHERE recognition_case IN (SELECT id FROM recognition_case WHERE learner = \(id))
                """, logger: logger)
            // The learner's account can no longer sign in and no longer carries their name.
            for account in try await connection.rows("SELECT id FROM account WHERE learner = \(id)", logger: logger) {
                let accountID = try account.value("id", as: String.self)
                try await connection.execute("""
                    UPDATE account SET username = \("erased-\(accountID)"), display_name = \(pseudonym), disabled = true, password_hash = NULL
                    WHERE id = \(accountID)
                    """, logger: logger)
                try await connection.execute("DELETE FROM session WHERE account = \(accountID)", logger: logger)
                try await connection.execute("UPDATE api_token SET revoked_at = coalesce(revoked_at, \(now)) WHERE account = \(accountID)", logger: logger)
            }
            // From now on the triggers refuse new records about the learner.
            try await connection.execute("UPDATE learner SET erased_at = \(now) WHERE id = \(id)", logger: logger)
            try await PostgresAwardRepository.redactAll(learner: learner, marker: Erasure.marker, on: connection, logger: logger)
            let revoked = try await PostgresAwardRepository.revokeAll(
                where: "learner = $1", id, revocation: Award.Revocation(on: instant, by: audit.actor.id, reason: "the learner's personal data was erased"),
                on: connection, logger: logger)
            var record = audit
            if !revoked.isEmpty { record.details["revokedAwards"] = revoked.map(\.rawValue).joined(separator: ",") }
            _ = try await PostgresAuditWriter.append(record, on: connection, logger: logger)
            return pseudonymised
        }
    }
}
