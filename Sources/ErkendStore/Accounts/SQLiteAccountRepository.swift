public import ErkendCore
public import Foundation
import GRDB

/// Accounts, sessions and API tokens in SQLite.
public struct SQLiteAccountRepository: AccountRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func create(_ account: Account, passwordHash: String?, audit: AuditRecord?) async throws {
        try account.validate()
        try await StoreErrors.translate {
            try await database.writer.write { db in
                if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account WHERE username = ?)", arguments: [account.username]) == true {
                    throw ErkendError(.conflict, "the user name \(account.username) is taken")
                }
                try db.execute(sql: """
                    INSERT INTO account (id, username, displayName, roles, learner, mentor, disabled, createdAt, passwordHash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [account.id.rawValue, account.username, account.displayName, Self.encode(account.roles),
                                     account.learner?.rawValue, account.mentor?.rawValue, account.isDisabled,
                                     Timestamp.text(account.createdAt), passwordHash])
                if let audit { try AuditWriter.append(audit, in: db) }
            }
        }
    }

    public func update(_ account: Account, audit: AuditRecord?) async throws {
        try account.validate()
        try await StoreErrors.translate {
            try await database.writer.write { db in
                try db.execute(sql: """
                    UPDATE account SET username = ?, displayName = ?, roles = ?, learner = ?, mentor = ?, disabled = ? WHERE id = ?
                    """, arguments: [account.username, account.displayName, Self.encode(account.roles), account.learner?.rawValue,
                                     account.mentor?.rawValue, account.isDisabled, account.id.rawValue])
                guard db.changesCount == 1 else { throw ErkendError.notFound("account \(account.id)") }
                if account.isDisabled {
                    try Self.endAccess(of: account.id, at: audit?.at ?? Date(), in: db)
                }
                if let audit { try AuditWriter.append(audit, in: db) }
            }
        }
    }

    public func account(_ id: Account.ID) async throws -> Account? {
        try await database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id.rawValue]).map(Self.account(from:))
        }
    }

    public func account(username: String) async throws -> (account: Account, password: PasswordState)? {
        try await database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE username = ?", arguments: [username]).map { row in
                (Self.account(from: row),
                 PasswordState(hash: row["passwordHash"], failedAttempts: row["failedAttempts"],
                               lockedUntil: (row["lockedUntil"] as String?).flatMap(Timestamp.date)))
            }
        }
    }

    public func account(learner: Learner.ID) async throws -> Account? {
        try await database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE learner = ?", arguments: [learner.rawValue]).map(Self.account(from:))
        }
    }

    public func accounts(page: PageRequest) async throws -> Page<Account> {
        try await database.writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM account") ?? 0
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY username LIMIT ? OFFSET ?", arguments: [page.size, page.offset])
            return Page(items: rows.map(Self.account(from:)), request: page, total: total)
        }
    }

    public func setPassword(_ id: Account.ID, hash: String, endAccess: Bool, at instant: Date, audit: AuditRecord?) async throws {
        try await StoreErrors.translate {
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE account SET passwordHash = ?, failedAttempts = 0, lockedUntil = NULL WHERE id = ?", arguments: [hash, id.rawValue])
                guard db.changesCount == 1 else { throw ErkendError.notFound("account \(id)") }
                if endAccess { try Self.endAccess(of: id, at: instant, in: db) }
                if let audit { try AuditWriter.append(audit, in: db) }
            }
        }
    }

    /// Ends every session of the account and revokes its API tokens that are not revoked yet.
    static func endAccess(of id: Account.ID, at instant: Date, in db: Database) throws {
        try db.execute(sql: "DELETE FROM session WHERE account = ?", arguments: [id.rawValue])
        try db.execute(sql: "UPDATE apiToken SET revokedAt = ? WHERE account = ? AND revokedAt IS NULL", arguments: [Timestamp.text(instant), id.rawValue])
    }

    public func recordFailedSignIn(_ id: Account.ID, audit: AuditRecord?) async throws -> Int {
        try await StoreErrors.translate {
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE account SET failedAttempts = failedAttempts + 1 WHERE id = ?", arguments: [id.rawValue])
                if let audit { try AuditWriter.append(audit, in: db) }
                return try Int.fetchOne(db, sql: "SELECT failedAttempts FROM account WHERE id = ?", arguments: [id.rawValue]) ?? 0
            }
        }
    }

    public func recordSuccessfulSignIn(_ id: Account.ID) async throws {
        try await write("UPDATE account SET failedAttempts = 0, lockedUntil = NULL WHERE id = ?", [id.rawValue], mustChange: nil)
    }

    public func createSession(_ session: Session, secretHash: String) async throws {
        try await write("""
            INSERT INTO session (secretHash, id, account, csrfToken, createdAt, lastSeenAt, expiresAt) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [secretHash, session.id, session.account.rawValue, session.csrfToken, Timestamp.text(session.createdAt),
                  Timestamp.text(session.lastSeenAt), Timestamp.text(session.expiresAt)], mustChange: nil)
    }

    public func session(secretHash: String) async throws -> Session? {
        try await database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM session WHERE secretHash = ?", arguments: [secretHash]).map(Self.session(from:))
        }
    }

    public func sessionWithAccount(secretHash: String) async throws -> (session: Session, account: Account)? {
        try await database.writer.read { db in
            guard let session = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM session WHERE secretHash = ?"), arguments: [secretHash])
                .map(Self.session(from:)),
                let account = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM account WHERE id = ?"), arguments: [session.account.rawValue])
                .map(Self.account(from:)) else { return nil }
            return (session, account)
        }
    }

    public func touchSession(secretHash: String, at instant: Date) async throws {
        try await write("UPDATE session SET lastSeenAt = ? WHERE secretHash = ?", [Timestamp.text(instant), secretHash], mustChange: nil)
    }

    public func deleteSession(secretHash: String) async throws {
        try await write("DELETE FROM session WHERE secretHash = ?", [secretHash], mustChange: nil)
    }

    public func deleteSessions(of account: Account.ID) async throws {
        try await write("DELETE FROM session WHERE account = ?", [account.rawValue], mustChange: nil)
    }

    public func createToken(_ token: APIToken, secretHash: String, audit: AuditRecord?) async throws {
        try await StoreErrors.translate {
            try await database.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO apiToken (secretHash, id, account, name, scopes, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [secretHash, token.id, token.account.rawValue, token.name, token.scopes.map(\.rawValue).sorted().joined(separator: " "),
                                     Timestamp.text(token.createdAt), token.expiresAt.map(Timestamp.text)])
                if let audit { try AuditWriter.append(audit, in: db) }
            }
        }
    }

    public func tokenWithAccount(secretHash: String) async throws -> (token: APIToken, account: Account)? {
        try await database.writer.read { db in
            guard let token = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM apiToken WHERE secretHash = ?"), arguments: [secretHash])
                .map(Self.token(from:)),
                let account = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM account WHERE id = ?"), arguments: [token.account.rawValue])
                .map(Self.account(from:)) else { return nil }
            return (token, account)
        }
    }

    public func tokens(of account: Account.ID) async throws -> [APIToken] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM apiToken WHERE account = ? ORDER BY createdAt, id", arguments: [account.rawValue]).map(Self.token(from:))
        }
    }

    public func revokeToken(_ id: String, of account: Account.ID, at instant: Date, audit: AuditRecord?) async throws {
        try await StoreErrors.translate {
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE apiToken SET revokedAt = coalesce(revokedAt, ?) WHERE id = ? AND account = ?",
                               arguments: [Timestamp.text(instant), id, account.rawValue])
                guard db.changesCount > 0 else { throw ErkendError.notFound("API token \(id)") }
                if let audit { try AuditWriter.append(audit, in: db) }
            }
        }
    }

    public func touchToken(_ id: String, at instant: Date) async throws {
        try await write("UPDATE apiToken SET lastUsedAt = ? WHERE id = ?", [Timestamp.text(instant), id], mustChange: nil)
    }

    // MARK: - Rows

    private func write(_ sql: String, _ arguments: StatementArguments, mustChange what: String?) async throws {
        try await StoreErrors.translate {
            try await database.writer.write { db in
                try db.execute(sql: sql, arguments: arguments)
                if let what, db.changesCount == 0 { throw ErkendError.notFound(what) }
            }
        }
    }

    static func encode(_ roles: Set<Role>) -> String {
        roles.sorted().map(\.rawValue).joined(separator: " ")
    }

    static func account(from row: Row) -> Account {
        let roles: String = row["roles"]
        return Account(
            id: Account.ID(trusted: row["id"]), username: row["username"], displayName: row["displayName"],
            roles: Set(roles.split(separator: " ").compactMap { Role(rawValue: String($0)) }),
            learner: (row["learner"] as String?).map { Learner.ID(trusted: $0) },
            mentor: (row["mentor"] as String?).map { Mentor.ID(trusted: $0) },
            isDisabled: row["disabled"], createdAt: Timestamp.date(row["createdAt"]) ?? .distantPast)
    }

    static func session(from row: Row) -> Session {
        Session(id: row["id"], account: Account.ID(trusted: row["account"]), csrfToken: row["csrfToken"],
                createdAt: Timestamp.date(row["createdAt"]) ?? .distantPast,
                lastSeenAt: Timestamp.date(row["lastSeenAt"]) ?? .distantPast,
                expiresAt: Timestamp.date(row["expiresAt"]) ?? .distantPast)
    }

    static func token(from row: Row) -> APIToken {
        let scopes: String = row["scopes"]
        return APIToken(
            id: row["id"], account: Account.ID(trusted: row["account"]), name: row["name"],
            scopes: Set(scopes.split(separator: " ").compactMap { TokenScope(rawValue: String($0)) }),
            createdAt: Timestamp.date(row["createdAt"]) ?? .distantPast,
            expiresAt: (row["expiresAt"] as String?).flatMap(Timestamp.date),
            revokedAt: (row["revokedAt"] as String?).flatMap(Timestamp.date),
            lastUsedAt: (row["lastUsedAt"] as String?).flatMap(Timestamp.date))
    }
}
