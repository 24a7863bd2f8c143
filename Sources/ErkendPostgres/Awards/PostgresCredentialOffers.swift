public import ErkendCore
public import Foundation
import PostgresNIO

/// OpenID4VCI state in PostgreSQL, as the SQLite backend keeps it: every check-and-use is one transaction
/// whose conditional UPDATE or DELETE decides, so two nodes cannot both redeem a code or use a nonce.
extension PostgresAwardRepository {
    public func createOffer(_ offer: CredentialOffer, codeHash: String, transactionCodeHash: String?, audit: AuditRecord) async throws {
        let audit = try audit.about(offer.learner, target: offer.award.rawValue)
        let logger = database.logger
        try await database.transaction { connection in
            guard let status = try await connection.rows("""
                SELECT status FROM award WHERE id = \(offer.award.rawValue) AND learner = \(offer.learner.rawValue)
                """, logger: logger).first.map({ try $0.value("status", as: String.self) }) else {
                throw ErkendError(.notFound, "no award \(offer.award) of learner \(offer.learner)")
            }
            guard status != Award.Status.revoked.rawValue else {
                throw ErkendError(.conflict, "award \(offer.award) was revoked; it is no longer offered")
            }
            try await connection.execute("""
                INSERT INTO credential_offer (id, award, learner, code_hash, transaction_code_hash, expires_at, body)
                VALUES (\(offer.id), \(offer.award.rawValue), \(offer.learner.rawValue), \(codeHash), \(transactionCodeHash),
                        \(offer.expiresAt.timeIntervalSince1970), \(try PostgresText.json(offer)))
                """, logger: logger)
            _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger)
        }
    }

    public func offer(id: String) async throws -> CredentialOffer? {
        try await database.rows("SELECT body FROM credential_offer WHERE id = \(id)").first
            .map { try PostgresText.decode(CredentialOffer.self, try $0.value("body")) }
    }

    public func redeemOffer(codeHash: String, transactionCodeHash: String?, accessTokenHash: String, tokenExpiresAt: Date,
                            at now: Date) async throws -> CredentialOffer {
        let logger = database.logger
        let outcome: Result<CredentialOffer, OfferRedemptionError> = try await database.transaction { connection in
            guard let row = try await connection.rows("""
                SELECT o.id, o.body, o.transaction_code_hash, o.failed_attempts, o.expires_at, o.used_at, a.status
                FROM credential_offer o JOIN award a ON a.id = o.award WHERE o.code_hash = \(codeHash) FOR UPDATE OF o
                """, logger: logger).first else { return .failure(.unknownOrUsed) }
            let id = try row.value("id", as: String.self)
            guard try row.value("used_at", as: Double?.self) == nil else { return .failure(.unknownOrUsed) }
            guard try row.value("expires_at", as: Double.self) > now.timeIntervalSince1970 else { return .failure(.expired) }
            guard try row.value("status", as: String.self) != Award.Status.revoked.rawValue else { return .failure(.awardRevoked) }
            guard try row.value("failed_attempts", as: Int.self) < 5 else { return .failure(.tooManyAttempts) }
            if let expected = try row.value("transaction_code_hash", as: String?.self) {
                guard let sent = transactionCodeHash else { return .failure(.transactionCodeMissing) }
                guard sent == expected else {
                    // Counted, and kept: the refusal is returned, so the transaction commits.
                    try await connection.execute("UPDATE credential_offer SET failed_attempts = failed_attempts + 1 WHERE id = \(id)", logger: logger)
                    return .failure(.transactionCodeWrong)
                }
            }
            let changed = try await connection.rows("""
                UPDATE credential_offer SET used_at = \(now.timeIntervalSince1970), access_token_hash = \(accessTokenHash),
                    token_expires_at = \(tokenExpiresAt.timeIntervalSince1970)
                WHERE id = \(id) AND used_at IS NULL RETURNING id
                """, logger: logger)
            guard changed.count == 1 else { return .failure(.unknownOrUsed) }
            return .success(try PostgresText.decode(CredentialOffer.self, try row.value("body")))
        }
        return try outcome.get()
    }

    public func offer(accessTokenHash: String, at now: Date) async throws -> CredentialOffer? {
        try await database.rows("""
            SELECT body FROM credential_offer WHERE access_token_hash = \(accessTokenHash) AND token_expires_at > \(now.timeIntervalSince1970)
            """).first.map { try PostgresText.decode(CredentialOffer.self, try $0.value("body")) }
    }

    public func createNonce(hash: String, expiresAt: Date) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            // Expired nonces go as new ones come, so the table stays small without a sweeper.
            try await connection.execute("DELETE FROM credential_nonce WHERE expires_at <= \(Date().timeIntervalSince1970 - 3600)", logger: logger)
            try await connection.execute("INSERT INTO credential_nonce (hash, expires_at) VALUES (\(hash), \(expiresAt.timeIntervalSince1970))", logger: logger)
        }
    }

    public func consumeNonce(hash: String, at now: Date) async throws -> Bool {
        try await database.rows("""
            DELETE FROM credential_nonce WHERE hash = \(hash) AND expires_at > \(now.timeIntervalSince1970) RETURNING hash
            """).count == 1
    }

    public func recordIssuance(award: Award.ID, holderThumbprint: String, configuration: String, credentialID: String,
                               at now: Date, audit: AuditRecord) async throws {
        let record = try await self.award(award).map { try audit.about($0.learner, target: award.rawValue) } ?? audit
        let logger = database.logger
        let refusal: IssuanceRefusal? = try await database.transaction { connection in
            guard var stored = try await connection.rows("SELECT body FROM award WHERE id = \(award.rawValue) FOR UPDATE", logger: logger).first
                .map({ try PostgresText.decode(Award.self, try $0.value("body")) }) else {
                throw ErkendError(.notFound, "no award \(award)")
            }
            guard stored.status != .revoked else { return .awardRevoked }
            let inserted = try await connection.rows("""
                INSERT INTO credential_issuance (award, holder_thumbprint, configuration, credential_id, issued_at)
                VALUES (\(award.rawValue), \(holderThumbprint), \(configuration), \(credentialID), \(now.timeIntervalSince1970))
                ON CONFLICT (award, holder_thumbprint) DO NOTHING RETURNING award
                """, logger: logger)
            guard inserted.count == 1 else { return .alreadyIssued }
            if stored.status == .offered {
                stored.status = .collected
                try await Self.update(stored, on: connection, logger: logger)
            }
            _ = try await PostgresAuditWriter.append(record, on: connection, logger: logger)
            return nil
        }
        if let refusal { throw refusal }
    }
}
