public import ErkendCore
public import Foundation
import Logging
import PostgresNIO

/// Sign-off requests in PostgreSQL, found by the SHA-256 of their token. A
/// link is used once, also when several nodes receive it at the same instant:
/// the use marks the request used only while it is still open, and of two
/// concurrent transactions the second waits for the first's row lock, then
/// finds the request no longer open and rolls back.
public struct PostgresSignoffRepository: SignoffRepository {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func create(_ request: SignoffRequest, token: String, mail: OutgoingMail?, audit: AuditRecord) async throws {
        guard token.count >= SignoffRequest.minimumTokenLength else {
            throw ErkendError.invalid("token", "a sign-off token has at least \(SignoffRequest.minimumTokenLength) characters, so that it cannot be guessed")
        }
        guard request.status == .open, request.usedAt == nil, request.resultingRecord == nil, request.declineReason == nil else {
            throw ErkendError.invalid("status", "a sign-off request is created open and unused")
        }
        guard request.createdAt < request.expiresAt else {
            throw ErkendError.invalid("expiresAt", "the link must expire after it is created")
        }
        let audit = try Self.checked(audit, token: token, about: request, target: request.id.rawValue)
        let logger = database.logger
        try await database.transaction { connection in
            if try await Self.fetch(id: request.id, on: connection, logger: logger) != nil {
                throw ErkendError(.conflict, "sign-off request \(request.id) already exists")
            }
            try await PostgresRelations.requireLearner(request.learner, on: connection, logger: logger)
            try await PostgresRelations.requireMentor(request.mentor, on: connection, logger: logger)
            if case .practiceStatement(let id) = request.purpose {
                guard let statement = try await PostgresPracticeStatementRow.fetchOne(id: id.rawValue, on: connection, logger: logger),
                      statement.learner == request.learner else {
                    throw ErkendError.notFound("practice statement \(id) of learner \(request.learner)")
                }
                guard statement.status == .requested else {
                    throw ErkendError(.conflict, "practice statement \(id) is \(statement.status.rawValue) already")
                }
            }
            guard try await PostgresPlacementRow.isMentor(request.mentor, of: request.learner, on: connection, logger: logger) else {
                throw ErkendError.invalid("mentor", "mentor \(request.mentor) is not on a placement of learner \(request.learner), so cannot sign for them")
            }
            try await Self.insert(request, tokenHash: PostgresText.sha256(token), on: connection, logger: logger)
            if let mail { try await PostgresMailRow.insert(mail, on: connection, logger: logger) }
            _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger)
        }
    }

    public func reissue(_ id: SignoffRequest.ID, token: String, mail: OutgoingMail, at date: Date, audit: AuditRecord) async throws {
        guard token.count >= SignoffRequest.minimumTokenLength else {
            throw ErkendError.invalid("token", "a sign-off token has at least \(SignoffRequest.minimumTokenLength) characters, so that it cannot be guessed")
        }
        let logger = database.logger
        try await database.transaction { connection in
            guard let request = try await Self.fetch(id: id, on: connection, logger: logger) else { throw ErkendError.notFound("sign-off request \(id)") }
            try request.checkUsable(at: date)
            let record = try Self.checked(audit, token: token, about: request, target: request.id.rawValue)
            let changed = try await connection.rows("""
                UPDATE signoff_request SET token_hash = \(PostgresText.sha256(token)) WHERE id = \(id.rawValue) AND status = 'open' RETURNING id
                """, logger: logger)
            guard changed.count == 1 else { throw ErkendError(.conflict, "This sign-off request was used meanwhile") }
            try await PostgresMailRow.cancelQueued(about: OutgoingMail.about(signoff: id), reason: "a newer link was sent", on: connection, logger: logger)
            try await PostgresMailRow.insert(mail, on: connection, logger: logger)
            _ = try await PostgresAuditWriter.append(record, on: connection, logger: logger)
        }
    }

    public func request(token: String) async throws -> SignoffRequest? {
        let hash = PostgresText.sha256(token)
        let logger = database.logger
        return try await database.read { connection in try await Self.fetch(tokenHash: hash, on: connection, logger: logger) }
    }

    public func request(_ id: SignoffRequest.ID) async throws -> SignoffRequest? {
        let logger = database.logger
        return try await database.read { connection in try await Self.fetch(id: id, on: connection, logger: logger) }
    }

    public func openRequests(mentor: Mentor.ID, at date: Date) async throws -> [SignoffRequest] {
        let logger = database.logger
        return try await database.read { connection in
            try await connection.rows("""
                SELECT * FROM signoff_request WHERE mentor = \(mentor.rawValue) AND status = 'open' AND expires_at > \(PostgresText.instant(date))
                ORDER BY created_at, id
                """, logger: logger).map(Self.value(from:))
        }
    }

    public func requests(learner: Learner.ID) async throws -> [SignoffRequest] {
        let logger = database.logger
        return try await database.read { connection in
            try await connection.rows("SELECT * FROM signoff_request WHERE learner = \(learner.rawValue) ORDER BY created_at DESC, id DESC",
                                      logger: logger).map(Self.value(from:))
        }
    }

    @discardableResult
    public func sign(token: String, observation: Observation, at date: Date, audit: AuditRecord) async throws -> SignoffRequest {
        try await consume(token: token, at: date, audit: audit, target: observation.id.rawValue) { request, connection, logger in
            try request.check(observation)
            try await PostgresObservationRepository.store(observation, on: connection, logger: logger)
            return (.signed, observation.id.rawValue)
        }
    }

    @discardableResult
    public func sign(token: String, statement: PracticeStatement, at date: Date, audit: AuditRecord) async throws -> SignoffRequest {
        try await consume(token: token, at: date, audit: audit, target: statement.id.rawValue) { request, connection, logger in
            try request.check(signed: statement)
            if let stored = try await PostgresPracticeStatementRow.fetchOne(id: statement.id.rawValue, on: connection, logger: logger),
               stored.placement != statement.placement {
                throw ErkendError.invalid("placement", "practice statement \(statement.id) covers placement \(stored.placement), not \(statement.placement)")
            }
            try await Self.replaceRequested(statement, on: connection, logger: logger)
            return (.signed, statement.id.rawValue)
        }
    }

    @discardableResult
    public func decline(token: String, reason: String, at date: Date, audit: AuditRecord) async throws -> SignoffRequest {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ErkendError.invalid("reason", "say why you decline, so the learner and school can act on it")
        }
        return try await consume(token: token, at: date, audit: audit, target: nil, reason: reason) { request, connection, logger in
            if case .practiceStatement(let id) = request.purpose,
               var statement = try await PostgresPracticeStatementRow.fetchOne(id: id.rawValue, on: connection, logger: logger) {
                statement.status = .declined
                try await Self.replaceRequested(statement, on: connection, logger: logger)
            }
            return (.declined, nil)
        }
    }

    @discardableResult
    public func hold(token: String, submission: SignoffSubmission, code: String, codeExpiresAt: Date, mail: OutgoingMail,
                     at date: Date, audit: AuditRecord) async throws -> SignoffRequest {
        let hash = PostgresText.sha256(token)
        let body = try PostgresText.json(submission)
        let logger = database.logger
        return try await database.transaction { connection in
            guard var request = try await Self.fetch(tokenHash: hash, on: connection, logger: logger) else {
                throw ErkendError.notFound("a sign-off link with this token")
            }
            try request.checkUsable(at: date)
            guard request.onTheSpot else {
                throw ErkendError.invalid("onTheSpot", "this link was mailed to the mentor and signs without a code")
            }
            guard !audit.mentions(code) else { throw ErkendError.invalid("audit", "the audit record contains the one-time code") }
            let record = try Self.checked(audit, token: token, about: request, target: request.id.rawValue)
            try await connection.execute("""
                UPDATE signoff_request SET held_submission = \(body), held_at = \(PostgresText.instant(date)),
                    code_hash = \(Self.codeHash(code, request: request.id)), code_expires_at = \(PostgresText.instant(codeExpiresAt)), code_attempts = 0
                WHERE id = \(request.id.rawValue) AND status = 'open'
                """, logger: logger)
            try await PostgresMailRow.cancelQueued(about: OutgoingMail.about(signoff: request.id), reason: "a newer code was sent", on: connection, logger: logger)
            try await PostgresMailRow.insert(mail, on: connection, logger: logger)
            _ = try await PostgresAuditWriter.append(record, on: connection, logger: logger)
            request.heldSince = try PostgresText.instant(PostgresText.instant(date))
            return request
        }
    }

    public func confirm(token: String, code: String, at date: Date, maximumAttempts: Int) async throws -> SignoffSubmission {
        let hash = PostgresText.sha256(token)
        let logger = database.logger
        let outcome: Result<SignoffSubmission, ErkendError> = try await database.transaction { connection in
            guard let request = try await Self.fetch(tokenHash: hash, on: connection, logger: logger) else {
                throw ErkendError.notFound("a sign-off link with this token")
            }
            try request.checkUsable(at: date)
            // FOR UPDATE: attempts on two nodes at once are counted one after the other.
            guard let row = try await connection.rows("""
                    SELECT held_submission, code_hash, code_expires_at, code_attempts FROM signoff_request WHERE id = \(request.id.rawValue) FOR UPDATE
                    """, logger: logger).first,
                  let body = try row.value("held_submission", as: String?.self), let stored = try row.value("code_hash", as: String?.self),
                  let expiry = try row.value("code_expires_at", as: String?.self) else {
                throw ErkendError(.conflict, "No signature waits for a code on this link; sign first, and Erkend mails the mentor a code")
            }
            let attempts = try row.value("code_attempts", as: Int.self)
            guard attempts < maximumAttempts else {
                return .failure(ErkendError(.conflict, "Too many wrong codes; sign again to get a new code"))
            }
            guard try PostgresText.instant(expiry) > date else {
                return .failure(ErkendError(.conflict, "The code has expired; sign again to get a new code"))
            }
            guard Self.codeHash(code, request: request.id) == stored else {
                // Counted even though the answer is a refusal: the count is what stops guessing.
                try await connection.execute("UPDATE signoff_request SET code_attempts = code_attempts + 1 WHERE id = \(request.id.rawValue)", logger: logger)
                let left = maximumAttempts - attempts - 1
                return .failure(ErkendError.invalid("code", left > 0 ? "this is not the code that was mailed; \(left) attempts left"
                                                                     : "this is not the code that was mailed; sign again to get a new code"))
            }
            return .success(try PostgresText.decode(SignoffSubmission.self, body))
        }
        return try outcome.get()
    }

    /// The work every use of a link shares, in one transaction (see `SQLiteSignoffRepository.consume`).
    private func consume(token: String, at date: Date, audit: AuditRecord, target: String?, reason: String? = nil,
                         produce: (SignoffRequest, PostgresConnection, Logger) async throws -> (SignoffRequest.Status, String?)) async throws -> SignoffRequest {
        let hash = PostgresText.sha256(token)
        let logger = database.logger
        let outcome: Result<SignoffRequest, ErkendError> = try await database.transaction { connection in
            guard var request = try await Self.fetch(tokenHash: hash, on: connection, logger: logger) else {
                throw ErkendError.notFound("a sign-off link with this token")
            }
            do {
                try request.checkUsable(at: date)
            } catch let refusal as ErkendError where request.status(at: date) == .expired {
                try await connection.execute("UPDATE signoff_request SET status = 'expired' WHERE id = \(request.id.rawValue) AND status = 'open'", logger: logger)
                return .failure(refusal)
            }
            var record = try Self.checked(audit, token: token, about: request, target: target ?? request.id.rawValue)
            record.details["signoffRequest"] = request.id.rawValue
            let (status, resultingRecord) = try await produce(request, connection, logger)
            let changed = try await connection.rows("""
                UPDATE signoff_request SET status = \(status.rawValue), used_at = \(PostgresText.instant(date)), resulting_record = \(resultingRecord),
                    decline_reason = \(reason), held_submission = NULL, code_hash = NULL
                WHERE id = \(request.id.rawValue) AND status = 'open' RETURNING id
                """, logger: logger)
            guard changed.count == 1 else { throw ErkendError(.conflict, "This sign-off link was used meanwhile") }
            try await PostgresMailRow.cancelQueued(about: OutgoingMail.about(signoff: request.id), reason: "the link was used before the mail went out",
                                                   on: connection, logger: logger)
            _ = try await PostgresAuditWriter.append(record, on: connection, logger: logger)
            request.status = status
            request.usedAt = try PostgresText.instant(PostgresText.instant(date))
            request.resultingRecord = resultingRecord
            request.declineReason = reason
            return .success(request)
        }
        return try outcome.get()
    }

    private static func replaceRequested(_ statement: PracticeStatement, on connection: PostgresConnection, logger: Logger) async throws {
        guard try await PostgresPracticeStatementRow.update(statement, on: connection, logger: logger, onlyIf: "status = 'requested'") else {
            throw ErkendError(.conflict, "practice statement \(statement.id) is no longer waiting to be signed")
        }
    }

    private static func checked(_ audit: AuditRecord, token: String, about request: SignoffRequest, target: String) throws -> AuditRecord {
        guard !audit.mentions(token) else {
            throw ErkendError.invalid("audit", "the audit record contains the sign-off token; log the request id instead")
        }
        return try audit.about(request.learner, target: target)
    }

    // MARK: - Rows

    static func codeHash(_ code: String, request: SignoffRequest.ID) -> String {
        PostgresText.sha256("\(request.rawValue):\(code)")
    }

    static func insert(_ request: SignoffRequest, tokenHash: String, on connection: PostgresConnection, logger: Logger) async throws {
        var epaCode: String?
        var epaVersion: Int32?
        var statement: String?
        switch request.purpose {
        case .observation(let epa):
            epaCode = epa.code
            epaVersion = Int32(epa.version)
        case .practiceStatement(let id):
            statement = id.rawValue
        }
        let purpose = statement == nil ? "observation" : "practiceStatement"
        try await connection.execute("""
            INSERT INTO signoff_request (id, token_hash, purpose, epa_code, epa_version, practice_statement, learner, mentor, requested_by,
                                         created_at, expires_at, status, used_at, resulting_record, decline_reason, on_the_spot)
            VALUES (\(request.id.rawValue), \(tokenHash), \(purpose), \(epaCode), \(epaVersion), \(statement), \(request.learner.rawValue),
                    \(request.mentor.rawValue), \(request.requestedBy), \(PostgresText.instant(request.createdAt)), \(PostgresText.instant(request.expiresAt)),
                    \(request.status.rawValue), \(request.usedAt.map(PostgresText.instant)), \(request.resultingRecord), \(request.declineReason),
                    \(request.onTheSpot))
            """, logger: logger)
    }

    static func fetch(id: SignoffRequest.ID, on connection: PostgresConnection, logger: Logger) async throws -> SignoffRequest? {
        try await connection.rows("SELECT * FROM signoff_request WHERE id = \(id.rawValue)", logger: logger).first.map(value(from:))
    }

    static func fetch(tokenHash: String, on connection: PostgresConnection, logger: Logger) async throws -> SignoffRequest? {
        try await connection.rows("SELECT * FROM signoff_request WHERE token_hash = \(tokenHash)", logger: logger).first.map(value(from:))
    }

    static func value(from row: PostgresRandomAccessRow) throws -> SignoffRequest {
        let purpose: SignoffRequest.Purpose
        if let statement = try row.value("practice_statement", as: String?.self) {
            purpose = .practiceStatement(PracticeStatement.ID(trusted: statement))
        } else {
            purpose = .observation(epa: ExactReference(try row.value("epa_code"), version: try row.value("epa_version", as: Int.self)))
        }
        let statusText = try row.value("status", as: String.self)
        guard let status = SignoffRequest.Status(rawValue: statusText) else {
            throw ErkendError(.storage, "unknown sign-off status in the database: \(statusText)")
        }
        return SignoffRequest(
            id: SignoffRequest.ID(trusted: try row.value("id")), purpose: purpose, learner: Learner.ID(trusted: try row.value("learner")),
            mentor: Mentor.ID(trusted: try row.value("mentor")), requestedBy: try row.value("requested_by"),
            createdAt: try PostgresText.instant(try row.value("created_at")), expiresAt: try PostgresText.instant(try row.value("expires_at")),
            status: status, usedAt: try row.value("used_at", as: String?.self).map(PostgresText.instant),
            resultingRecord: try row.value("resulting_record"), declineReason: try row.value("decline_reason"),
            onTheSpot: try row.value("on_the_spot"), heldSince: try row.value("held_at", as: String?.self).map(PostgresText.instant))
    }
}

/// The mail outbox in PostgreSQL (`mail_outbox`).
public struct PostgresMailOutbox: MailOutbox {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    /// How long a node that took a mail to send keeps it from the other nodes' senders: longer than a
    /// delivery takes, so a mail goes out once; if the node dies meanwhile, another sends it after this.
    static let claimLease: TimeInterval = 300

    /// The due mails, claimed for this node's sender: several nodes each run a sender over the one
    /// outbox, and each due mail is handed to one of them (`FOR UPDATE SKIP LOCKED`, then pushed
    /// `claimLease` into the future until it is marked sent or failed).
    public func due(at date: Date, limit: Int) async throws -> [OutgoingMail] {
        let now = PostgresText.instant(date)
        let lease = PostgresText.instant(date.addingTimeInterval(Self.claimLease))
        return try await database.rows("""
            WITH picked AS (
                SELECT id, next_attempt_at AS due_at FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= \(now)
                ORDER BY next_attempt_at, created_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE mail_outbox m SET next_attempt_at = \(lease) FROM picked WHERE m.id = picked.id RETURNING m.*, picked.due_at
            )
            SELECT * FROM claimed ORDER BY due_at, created_at, id
            """).map { row in
            var mail = try PostgresMailRow.value(from: row)
            mail.nextAttemptAt = try PostgresText.instant(try row.value("due_at"))
            return mail
        }
    }

    public func markSent(_ id: OutgoingMail.ID, at date: Date) async throws {
        let changed = try await database.rows("""
            UPDATE mail_outbox SET status = 'sent', sent_at = \(PostgresText.instant(date)), attempts = attempts + 1, template_values = '{}'
            WHERE id = \(id.rawValue) AND status = 'queued' RETURNING id
            """)
        guard changed.count == 1 else { throw ErkendError(.conflict, "mail \(id) is not waiting to be sent") }
    }

    public func markFailed(_ id: OutgoingMail.ID, error: String, retryAt: Date?, at date: Date) async throws {
        let message = String(error.prefix(1000))
        let changed: [PostgresRandomAccessRow]
        if let retryAt {
            changed = try await database.rows("""
                UPDATE mail_outbox SET attempts = attempts + 1, last_error = \(message), next_attempt_at = \(PostgresText.instant(retryAt))
                WHERE id = \(id.rawValue) AND status = 'queued' RETURNING id
                """)
        } else {
            // Given up: the link in it is of no use to anyone any more.
            changed = try await database.rows("""
                UPDATE mail_outbox SET status = 'failed', attempts = attempts + 1, last_error = \(message), template_values = '{}'
                WHERE id = \(id.rawValue) AND status = 'queued' RETURNING id
                """)
        }
        guard changed.count == 1 else { throw ErkendError(.conflict, "mail \(id) is not waiting to be sent") }
    }

    public func mails(about: String) async throws -> [OutgoingMail] {
        try await database.rows("SELECT * FROM mail_outbox WHERE about = \(about) ORDER BY created_at DESC, seq DESC").map(PostgresMailRow.value(from:))
    }
}

/// Outbox rows: every field a column, the template values as JSON.
enum PostgresMailRow {
    static func insert(_ mail: OutgoingMail, on connection: PostgresConnection, logger: Logger) async throws {
        guard mail.status == .queued, mail.sentAt == nil else {
            throw ErkendError.invalid("status", "a mail enters the outbox queued and unsent")
        }
        guard mail.recipient.contains("@"), !mail.recipient.contains(where: { $0.isNewline || $0 == "<" || $0 == ">" }) else {
            throw ErkendError.invalid("recipient", "'\(mail.recipient)' is not an e-mail address")
        }
        try await connection.execute("""
            INSERT INTO mail_outbox (id, recipient, recipient_name, template, template_values, about, created_at, status, attempts, next_attempt_at)
            VALUES (\(mail.id.rawValue), \(mail.recipient), \(mail.recipientName), \(mail.template), \(try PostgresText.json(mail.values)),
                    \(mail.about), \(PostgresText.instant(mail.createdAt)), 'queued', 0, \(PostgresText.instant(mail.nextAttemptAt)))
            """, logger: logger)
    }

    static func cancelQueued(about: String, reason: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.execute("""
            UPDATE mail_outbox SET status = 'cancelled', last_error = \(reason), template_values = '{}' WHERE about = \(about) AND status = 'queued'
            """, logger: logger)
    }

    static func value(from row: PostgresRandomAccessRow) throws -> OutgoingMail {
        let statusText = try row.value("status", as: String.self)
        guard let status = OutgoingMail.Status(rawValue: statusText) else {
            throw ErkendError(.storage, "unknown mail status in the database: \(statusText)")
        }
        return OutgoingMail(id: OutgoingMail.ID(trusted: try row.value("id")), recipient: try row.value("recipient"),
                            recipientName: try row.value("recipient_name"), template: try row.value("template"),
                            values: try PostgresText.decode([String: String].self, try row.value("template_values")),
                            about: try row.value("about"), createdAt: try PostgresText.instant(try row.value("created_at")), status: status,
                            attempts: try row.value("attempts"), nextAttemptAt: try PostgresText.instant(try row.value("next_attempt_at")),
                            sentAt: try row.value("sent_at", as: String?.self).map(PostgresText.instant), lastError: try row.value("last_error"))
    }
}
