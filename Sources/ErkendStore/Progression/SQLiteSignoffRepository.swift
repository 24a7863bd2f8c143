public import ErkendCore
public import Foundation
import GRDB

/// Sign-off requests in SQLite, found by the SHA-256 of their token.
public struct SQLiteSignoffRepository: SignoffRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
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
        try await database.transaction { db in
            if try SignoffRequestRow.fetchOne(db, id: request.id) != nil {
                throw ErkendError(.conflict, "sign-off request \(request.id) already exists")
            }
            try StoredRelations.requireLearner(request.learner, in: db)
            try StoredRelations.requireMentor(request.mentor, in: db)
            if case .practiceStatement(let id) = request.purpose {
                guard let statement = try PracticeStatementRow.fetchOne(db, id: id.rawValue), statement.learner == request.learner else {
                    throw ErkendError.notFound("practice statement \(id) of learner \(request.learner)")
                }
                guard statement.status == .requested else {
                    throw ErkendError(.conflict, "practice statement \(id) is \(statement.status.rawValue) already")
                }
            }
            guard try PlacementRow.isMentor(request.mentor, of: request.learner, in: db) else {
                throw ErkendError.invalid("mentor", "mentor \(request.mentor) is not on a placement of learner \(request.learner), so cannot sign for them")
            }
            try SignoffRequestRow.insert(request, tokenHash: SignoffRequestRow.tokenHash(token), in: db)
            if let mail { try MailRow.insert(mail, in: db) }
            try AuditWriter.append(audit, in: db)
        }
    }

    public func reissue(_ id: SignoffRequest.ID, token: String, mail: OutgoingMail, at date: Date, audit: AuditRecord) async throws {
        guard token.count >= SignoffRequest.minimumTokenLength else {
            throw ErkendError.invalid("token", "a sign-off token has at least \(SignoffRequest.minimumTokenLength) characters, so that it cannot be guessed")
        }
        try await database.transaction { db in
            guard let request = try SignoffRequestRow.fetchOne(db, id: id) else { throw ErkendError.notFound("sign-off request \(id)") }
            try request.checkUsable(at: date)
            let record = try Self.checked(audit, token: token, about: request, target: request.id.rawValue)
            try db.execute(sql: "UPDATE signoffRequest SET tokenHash = ? WHERE id = ? AND status = 'open'",
                           arguments: [SignoffRequestRow.tokenHash(token), id.rawValue])
            guard db.changesCount == 1 else { throw ErkendError(.conflict, "This sign-off request was used meanwhile") }
            try MailRow.cancelQueued(about: OutgoingMail.about(signoff: id), reason: "a newer link was sent", in: db)
            try MailRow.insert(mail, in: db)
            try AuditWriter.append(record, in: db)
        }
    }

    public func request(token: String) async throws -> SignoffRequest? {
        let hash = SignoffRequestRow.tokenHash(token)
        return try await database.writer.read { db in try SignoffRequestRow.fetchOne(db, tokenHash: hash) }
    }

    public func request(_ id: SignoffRequest.ID) async throws -> SignoffRequest? {
        try await database.writer.read { db in try SignoffRequestRow.fetchOne(db, id: id) }
    }

    public func openRequests(mentor: Mentor.ID, at date: Date) async throws -> [SignoffRequest] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM signoffRequest WHERE mentor = ? AND status = 'open' AND expiresAt > ? ORDER BY createdAt, id
                """, arguments: [mentor.rawValue, StoredText.instant(date)]).map(SignoffRequestRow.value(from:))
        }
    }

    public func requests(learner: Learner.ID) async throws -> [SignoffRequest] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM signoffRequest WHERE learner = ? ORDER BY createdAt DESC, id DESC",
                             arguments: [learner.rawValue]).map(SignoffRequestRow.value(from:))
        }
    }

    @discardableResult
    public func sign(token: String, observation: Observation, at date: Date, audit: AuditRecord) async throws -> SignoffRequest {
        try await consume(token: token, at: date, audit: audit, target: observation.id.rawValue) { request, db in
            try request.check(observation)
            try SQLiteObservationRepository.store(observation, in: db)
            return (.signed, observation.id.rawValue)
        }
    }

    @discardableResult
    public func sign(token: String, statement: PracticeStatement, at date: Date, audit: AuditRecord) async throws -> SignoffRequest {
        try await consume(token: token, at: date, audit: audit, target: statement.id.rawValue) { request, db in
            try request.check(signed: statement)
            if let stored = try PracticeStatementRow.fetchOne(db, id: statement.id.rawValue), stored.placement != statement.placement {
                throw ErkendError.invalid("placement", "practice statement \(statement.id) covers placement \(stored.placement), not \(statement.placement)")
            }
            try Self.replaceRequested(statement, in: db)
            return (.signed, statement.id.rawValue)
        }
    }

    @discardableResult
    public func decline(token: String, reason: String, at date: Date, audit: AuditRecord) async throws -> SignoffRequest {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ErkendError.invalid("reason", "say why you decline, so the learner and school can act on it")
        }
        return try await consume(token: token, at: date, audit: audit, target: nil, reason: reason) { request, db in
            if case .practiceStatement(let id) = request.purpose, var statement = try PracticeStatementRow.fetchOne(db, id: id.rawValue) {
                statement.status = .declined
                try Self.replaceRequested(statement, in: db)
            }
            return (.declined, nil)
        }
    }

    @discardableResult
    public func hold(token: String, submission: SignoffSubmission, code: String, codeExpiresAt: Date, mail: OutgoingMail,
                     at date: Date, audit: AuditRecord) async throws -> SignoffRequest {
        let hash = SignoffRequestRow.tokenHash(token)
        let body = try StoredText.json(submission)
        return try await database.transaction { db in
            guard var request = try SignoffRequestRow.fetchOne(db, tokenHash: hash) else {
                throw ErkendError.notFound("a sign-off link with this token")
            }
            try request.checkUsable(at: date)
            guard request.onTheSpot else {
                throw ErkendError.invalid("onTheSpot", "this link was mailed to the mentor and signs without a code")
            }
            guard !audit.mentions(code) else { throw ErkendError.invalid("audit", "the audit record contains the one-time code") }
            let record = try Self.checked(audit, token: token, about: request, target: request.id.rawValue)
            try db.execute(sql: """
                UPDATE signoffRequest SET heldSubmission = ?, heldAt = ?, codeHash = ?, codeExpiresAt = ?, codeAttempts = 0
                WHERE id = ? AND status = 'open'
                """, arguments: [body, StoredText.instant(date), SignoffRequestRow.codeHash(code, request: request.id),
                                 StoredText.instant(codeExpiresAt), request.id.rawValue])
            try MailRow.cancelQueued(about: OutgoingMail.about(signoff: request.id), reason: "a newer code was sent", in: db)
            try MailRow.insert(mail, in: db)
            try AuditWriter.append(record, in: db)
            request.heldSince = try StoredText.instant(StoredText.instant(date))
            return request
        }
    }

    public func confirm(token: String, code: String, at date: Date, maximumAttempts: Int) async throws -> SignoffSubmission {
        let hash = SignoffRequestRow.tokenHash(token)
        let outcome: Result<SignoffSubmission, ErkendError> = try await database.transaction { db in
            guard let request = try SignoffRequestRow.fetchOne(db, tokenHash: hash) else {
                throw ErkendError.notFound("a sign-off link with this token")
            }
            try request.checkUsable(at: date)
            guard let row = try Row.fetchOne(db, sql: "SELECT heldSubmission, codeHash, codeExpiresAt, codeAttempts FROM signoffRequest WHERE id = ?",
                                             arguments: [request.id.rawValue]),
                  let body = row["heldSubmission"] as String?, let stored = row["codeHash"] as String?, let expiry = row["codeExpiresAt"] as String? else {
                throw ErkendError(.conflict, "No signature waits for a code on this link; sign first, and Erkend mails the mentor a code")
            }
            let attempts: Int = row["codeAttempts"]
            guard attempts < maximumAttempts else {
                return .failure(ErkendError(.conflict, "Too many wrong codes; sign again to get a new code"))
            }
            guard try StoredText.instant(expiry) > date else {
                return .failure(ErkendError(.conflict, "The code has expired; sign again to get a new code"))
            }
            guard SignoffRequestRow.codeHash(code, request: request.id) == stored else {
                // Counted even though the answer is a refusal: the count is what stops guessing.
                try db.execute(sql: "UPDATE signoffRequest SET codeAttempts = codeAttempts + 1 WHERE id = ?", arguments: [request.id.rawValue])
                let left = maximumAttempts - attempts - 1
                return .failure(ErkendError.invalid("code", left > 0 ? "this is not the code that was mailed; \(left) attempts left"
                                                                     : "this is not the code that was mailed; sign again to get a new code"))
            }
            return .success(try StoredText.decode(SignoffSubmission.self, body))
        }
        return try outcome.get()
    }

    /// The work every use of a link shares, in one transaction: find the
    /// request by token, check it is usable, let `produce` check and store the
    /// record, mark the request used — only if it is still open, so that of two
    /// concurrent uses exactly one wins — and append the audit record.
    /// An expired request is marked expired, and that alone is committed.
    private func consume(token: String, at date: Date, audit: AuditRecord, target: String?, reason: String? = nil,
                         produce: @escaping @Sendable (SignoffRequest, Database) throws -> (SignoffRequest.Status, String?)) async throws -> SignoffRequest {
        let hash = SignoffRequestRow.tokenHash(token)
        let outcome: Result<SignoffRequest, ErkendError> = try await database.transaction { db in
            guard var request = try SignoffRequestRow.fetchOne(db, tokenHash: hash) else {
                throw ErkendError.notFound("a sign-off link with this token")
            }
            do {
                try request.checkUsable(at: date)
            } catch let refusal as ErkendError where request.status(at: date) == .expired {
                try db.execute(sql: "UPDATE signoffRequest SET status = 'expired' WHERE id = ? AND status = 'open'", arguments: [request.id.rawValue])
                return .failure(refusal)
            }
            var record = try Self.checked(audit, token: token, about: request, target: target ?? request.id.rawValue)
            record.details["signoffRequest"] = request.id.rawValue
            let (status, resultingRecord) = try produce(request, db)
            try db.execute(sql: """
                UPDATE signoffRequest SET status = ?, usedAt = ?, resultingRecord = ?, declineReason = ?, heldSubmission = NULL, codeHash = NULL
                WHERE id = ? AND status = 'open'
                """, arguments: [status.rawValue, StoredText.instant(date), resultingRecord, reason, request.id.rawValue])
            guard db.changesCount == 1 else { throw ErkendError(.conflict, "This sign-off link was used meanwhile") }
            try MailRow.cancelQueued(about: OutgoingMail.about(signoff: request.id), reason: "the link was used before the mail went out", in: db)
            try AuditWriter.append(record, in: db)
            request.status = status
            // As a later read returns it: to the second.
            request.usedAt = try StoredText.instant(StoredText.instant(date))
            request.resultingRecord = resultingRecord
            request.declineReason = reason
            return .success(request)
        }
        return try outcome.get()
    }

    /// Replaces a statement that is still requested by its signed or declined form.
    private static func replaceRequested(_ statement: PracticeStatement, in db: Database) throws {
        guard try PracticeStatementRow.update(statement, in: db, onlyIf: "status = 'requested'") else {
            throw ErkendError(.conflict, "practice statement \(statement.id) is no longer waiting to be signed")
        }
    }

    /// The audit record for a use of `request`: about its learner, and never containing the token.
    private static func checked(_ audit: AuditRecord, token: String, about request: SignoffRequest, target: String) throws -> AuditRecord {
        guard !audit.mentions(token) else {
            throw ErkendError.invalid("audit", "the audit record contains the sign-off token; log the request id instead")
        }
        return try audit.about(request.learner, target: target)
    }
}
