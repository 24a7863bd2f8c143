public import ErkendCore
public import Foundation
import GRDB

/// OpenID4VCI state in SQLite: offers (`credentialOffer`), nonces (`credentialNonce`) and what was
/// issued (`credentialIssuance`). Every check-and-use is one write transaction, and the "use" is a
/// conditional UPDATE or DELETE whose row count decides, so concurrent processes cannot both succeed.
extension SQLiteAwardRepository {
    public func createOffer(_ offer: CredentialOffer, codeHash: String, transactionCodeHash: String?, audit: AuditRecord) async throws {
        let audit = try audit.about(offer.learner, target: offer.award.rawValue)
        try await database.transaction { db in
            guard let status = try String.fetchOne(db, sql: "SELECT status FROM award WHERE id = ? AND learner = ?",
                                                   arguments: [offer.award.rawValue, offer.learner.rawValue]) else {
                throw ErkendError(.notFound, "no award \(offer.award) of learner \(offer.learner)")
            }
            guard status != Award.Status.revoked.rawValue else {
                throw ErkendError(.conflict, "award \(offer.award) was revoked; it is no longer offered")
            }
            try db.execute(sql: """
                INSERT INTO credentialOffer (id, award, learner, codeHash, transactionCodeHash, expiresAt, body)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [offer.id, offer.award.rawValue, offer.learner.rawValue, codeHash, transactionCodeHash,
                                 offer.expiresAt.timeIntervalSince1970, try StoredText.json(offer)])
            try AuditWriter.append(audit, in: db)
        }
    }

    public func offer(id: String) async throws -> CredentialOffer? {
        try await database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM credentialOffer WHERE id = ?", arguments: [id])
                .map { try StoredText.decode(CredentialOffer.self, $0) }
        }
    }

    private enum Redemption: Sendable {
        case redeemed(CredentialOffer)
        case refused(OfferRedemptionError)
    }

    public func redeemOffer(codeHash: String, transactionCodeHash: String?, accessTokenHash: String, tokenExpiresAt: Date,
                            at now: Date) async throws -> CredentialOffer {
        let outcome: Redemption = try await database.transaction { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT credentialOffer.id, credentialOffer.body, transactionCodeHash, failedAttempts, expiresAt, usedAt, award.status
                FROM credentialOffer JOIN award ON award.id = credentialOffer.award WHERE codeHash = ?
                """, arguments: [codeHash]) else { return .refused(.unknownOrUsed) }
            let id: String = row["id"]
            guard (row["usedAt"] as Double?) == nil else { return .refused(.unknownOrUsed) }
            guard (row["expiresAt"] as Double) > now.timeIntervalSince1970 else { return .refused(.expired) }
            guard (row["status"] as String) != Award.Status.revoked.rawValue else { return .refused(.awardRevoked) }
            guard (row["failedAttempts"] as Int) < OfferLimits.transactionCodeAttempts else { return .refused(.tooManyAttempts) }
            if let expected = row["transactionCodeHash"] as String? {
                guard let sent = transactionCodeHash else { return .refused(.transactionCodeMissing) }
                guard sent == expected else {
                    // Counted, and kept: the refusal below does not roll this back.
                    try db.execute(sql: "UPDATE credentialOffer SET failedAttempts = failedAttempts + 1 WHERE id = ?", arguments: [id])
                    return .refused(.transactionCodeWrong)
                }
            }
            try db.execute(sql: """
                UPDATE credentialOffer SET usedAt = ?, accessTokenHash = ?, tokenExpiresAt = ? WHERE id = ? AND usedAt IS NULL
                """, arguments: [now.timeIntervalSince1970, accessTokenHash, tokenExpiresAt.timeIntervalSince1970, id])
            guard db.changesCount == 1 else { return .refused(.unknownOrUsed) }
            return .redeemed(try StoredText.decode(CredentialOffer.self, row["body"]))
        }
        switch outcome {
        case .redeemed(let offer): return offer
        case .refused(let reason): throw reason
        }
    }

    public func offer(accessTokenHash: String, at now: Date) async throws -> CredentialOffer? {
        try await database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM credentialOffer WHERE accessTokenHash = ? AND tokenExpiresAt > ?",
                                arguments: [accessTokenHash, now.timeIntervalSince1970])
                .map { try StoredText.decode(CredentialOffer.self, $0) }
        }
    }

    public func createNonce(hash: String, expiresAt: Date) async throws {
        try await database.transaction { db in
            // Expired nonces go as new ones come, so the table stays small without a sweeper.
            try db.execute(sql: "DELETE FROM credentialNonce WHERE expiresAt <= ?", arguments: [Date().timeIntervalSince1970 - 3600])
            try db.execute(sql: "INSERT INTO credentialNonce (hash, expiresAt) VALUES (?, ?)", arguments: [hash, expiresAt.timeIntervalSince1970])
        }
    }

    public func consumeNonce(hash: String, at now: Date) async throws -> Bool {
        try await database.transaction { db in
            try db.execute(sql: "DELETE FROM credentialNonce WHERE hash = ? AND expiresAt > ?", arguments: [hash, now.timeIntervalSince1970])
            return db.changesCount == 1
        }
    }

    public func recordIssuance(award: Award.ID, holderThumbprint: String, configuration: String, credentialID: String,
                               at now: Date, audit: AuditRecord) async throws {
        let record = try await self.award(award).map { try audit.about($0.learner, target: award.rawValue) } ?? audit
        let refusal: IssuanceRefusal? = try await database.transaction { db in
            guard var stored = try String.fetchOne(db, sql: "SELECT body FROM award WHERE id = ?", arguments: [award.rawValue])
                .map({ try StoredText.decode(Award.self, $0) }) else {
                throw ErkendError(.notFound, "no award \(award)")
            }
            guard stored.status != .revoked else { return .awardRevoked }
            try db.execute(sql: """
                INSERT INTO credentialIssuance (award, holderThumbprint, configuration, credentialID, issuedAt) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (award, holderThumbprint) DO NOTHING
                """, arguments: [award.rawValue, holderThumbprint, configuration, credentialID, now.timeIntervalSince1970])
            guard db.changesCount == 1 else { return .alreadyIssued }
            if stored.status == .offered {
                stored.status = .collected
                try Self.update(stored, in: db)
            }
            try AuditWriter.append(record, in: db)
            return nil
        }
        if let refusal { throw refusal }
    }
}

/// Limits the store enforces for offers (the same numbers as `OpenID4VCI` in ErkendCredentials, which the store does not import).
enum OfferLimits {
    static let transactionCodeAttempts = 5
}
