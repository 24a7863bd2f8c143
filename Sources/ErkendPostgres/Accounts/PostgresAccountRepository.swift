public import ErkendCore
public import Foundation
import Logging
import PostgresNIO

/// Accounts, sessions and API tokens in PostgreSQL. Any node can answer for a
/// session or token another node created: they live in the database only.
/// Failed sign-ins count in the database too, so the lockout holds across nodes.
public struct PostgresAccountRepository: AccountRepository {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func create(_ account: Account, passwordHash: String?, audit: AuditRecord?) async throws {
        try account.validate()
        let logger = database.logger
        try await database.transaction { connection in
            if try await !connection.rows("SELECT 1 FROM account WHERE username = \(account.username)", logger: logger).isEmpty {
                throw ErkendError(.conflict, "the user name \(account.username) is taken")
            }
            try await connection.execute("""
                INSERT INTO account (id, username, display_name, roles, learner, mentor, disabled, created_at, password_hash)
                VALUES (\(account.id.rawValue), \(account.username), \(account.displayName), \(Self.encode(account.roles)),
                        \(account.learner?.rawValue), \(account.mentor?.rawValue), \(account.isDisabled), \(Self.text(account.createdAt)), \(passwordHash))
                """, logger: logger)
            if let audit { _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger) }
        }
    }

    public func update(_ account: Account, audit: AuditRecord?) async throws {
        try account.validate()
        let logger = database.logger
        try await database.transaction { connection in
            let changed = try await connection.rows("""
                UPDATE account SET username = \(account.username), display_name = \(account.displayName), roles = \(Self.encode(account.roles)),
                    learner = \(account.learner?.rawValue), mentor = \(account.mentor?.rawValue), disabled = \(account.isDisabled)
                WHERE id = \(account.id.rawValue) RETURNING id
                """, logger: logger)
            guard changed.count == 1 else { throw ErkendError.notFound("account \(account.id)") }
            if account.isDisabled { try await Self.endAccess(of: account.id, at: audit?.at ?? Date(), on: connection, logger: logger) }
            if let audit { _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger) }
        }
    }

    public func account(_ id: Account.ID) async throws -> Account? {
        try await database.rows("SELECT * FROM account WHERE id = \(id.rawValue)").first.map(Self.account(from:))
    }

    public func account(username: String) async throws -> (account: Account, password: PasswordState)? {
        try await database.rows("SELECT * FROM account WHERE username = \(username)").first.map { row in
            (try Self.account(from: row),
             PasswordState(hash: try row.value("password_hash", as: String?.self),
                           failedAttempts: Int(try row.value("failed_attempts", as: Int32.self)),
                           lockedUntil: try row.value("locked_until", as: String?.self).flatMap(Self.date)))
        }
    }

    public func account(learner: Learner.ID) async throws -> Account? {
        try await database.rows("SELECT * FROM account WHERE learner = \(learner.rawValue)").first.map(Self.account(from:))
    }

    public func accounts(page: PageRequest) async throws -> Page<Account> {
        let total = Int(try await database.rows("SELECT count(*) FROM account")[0][0].decode(Int64.self))
        let rows = try await database.rows("SELECT * FROM account ORDER BY username COLLATE \"C\" LIMIT \(page.size) OFFSET \(page.offset)")
        return Page(items: try rows.map(Self.account(from:)), request: page, total: total)
    }

    public func setPassword(_ id: Account.ID, hash: String, endAccess: Bool, at instant: Date, audit: AuditRecord?) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            let changed = try await connection.rows("""
                UPDATE account SET password_hash = \(hash), failed_attempts = 0, locked_until = NULL WHERE id = \(id.rawValue) RETURNING id
                """, logger: logger)
            guard changed.count == 1 else { throw ErkendError.notFound("account \(id)") }
            if endAccess { try await Self.endAccess(of: id, at: instant, on: connection, logger: logger) }
            if let audit { _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger) }
        }
    }

    /// Ends every session of the account and revokes its API tokens that are not revoked yet.
    static func endAccess(of id: Account.ID, at instant: Date, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.execute("DELETE FROM session WHERE account = \(id.rawValue)", logger: logger)
        try await connection.execute("UPDATE api_token SET revoked_at = \(text(instant)) WHERE account = \(id.rawValue) AND revoked_at IS NULL", logger: logger)
    }

    public func recordFailedSignIn(_ id: Account.ID, audit: AuditRecord?) async throws -> Int {
        let logger = database.logger
        return try await database.transaction { connection in
            // One statement counts and answers, so attempts on different nodes are all counted.
            let rows = try await connection.rows("UPDATE account SET failed_attempts = failed_attempts + 1 WHERE id = \(id.rawValue) RETURNING failed_attempts", logger: logger)
            if let audit { _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger) }
            return Int(try rows.first?[0].decode(Int32.self) ?? 0)
        }
    }

    public func recordSuccessfulSignIn(_ id: Account.ID) async throws {
        try await database.execute("UPDATE account SET failed_attempts = 0, locked_until = NULL WHERE id = \(id.rawValue)")
    }

    public func createSession(_ session: Session, secretHash: String) async throws {
        try await database.execute("""
            INSERT INTO session (secret_hash, id, account, csrf_token, created_at, last_seen_at, expires_at)
            VALUES (\(secretHash), \(session.id), \(session.account.rawValue), \(session.csrfToken), \(Self.text(session.createdAt)),
                    \(Self.text(session.lastSeenAt)), \(Self.text(session.expiresAt)))
            """)
    }

    public func session(secretHash: String) async throws -> Session? {
        try await database.rows("SELECT * FROM session WHERE secret_hash = \(secretHash)").first.map(Self.session(from:))
    }

    public func sessionWithAccount(secretHash: String) async throws -> (session: Session, account: Account)? {
        guard let session = try await session(secretHash: secretHash), let account = try await account(session.account) else { return nil }
        return (session, account)
    }

    public func touchSession(secretHash: String, at instant: Date) async throws {
        try await database.execute("UPDATE session SET last_seen_at = \(Self.text(instant)) WHERE secret_hash = \(secretHash)")
    }

    public func deleteSession(secretHash: String) async throws {
        try await database.execute("DELETE FROM session WHERE secret_hash = \(secretHash)")
    }

    public func deleteSessions(of account: Account.ID) async throws {
        try await database.execute("DELETE FROM session WHERE account = \(account.rawValue)")
    }

    public func createToken(_ token: APIToken, secretHash: String, audit: AuditRecord?) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            try await connection.execute("""
                INSERT INTO api_token (secret_hash, id, account, name, scopes, created_at, expires_at)
                VALUES (\(secretHash), \(token.id), \(token.account.rawValue), \(token.name), \(token.scopes.map(\.rawValue).sorted().joined(separator: " ")),
                        \(Self.text(token.createdAt)), \(token.expiresAt.map(Self.text)))
                """, logger: logger)
            if let audit { _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger) }
        }
    }

    public func tokenWithAccount(secretHash: String) async throws -> (token: APIToken, account: Account)? {
        guard let token = try await database.rows("SELECT * FROM api_token WHERE secret_hash = \(secretHash)").first.map(Self.token(from:)),
              let account = try await account(token.account) else { return nil }
        return (token, account)
    }

    public func tokens(of account: Account.ID) async throws -> [APIToken] {
        try await database.rows("SELECT * FROM api_token WHERE account = \(account.rawValue) ORDER BY created_at COLLATE \"C\", id COLLATE \"C\"")
            .map(Self.token(from:))
    }

    public func revokeToken(_ id: String, of account: Account.ID, at instant: Date, audit: AuditRecord?) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            let changed = try await connection.rows("""
                UPDATE api_token SET revoked_at = coalesce(revoked_at, \(Self.text(instant))) WHERE id = \(id) AND account = \(account.rawValue) RETURNING id
                """, logger: logger)
            guard !changed.isEmpty else { throw ErkendError.notFound("API token \(id)") }
            if let audit { _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger) }
        }
    }

    public func touchToken(_ id: String, at instant: Date) async throws {
        try await database.execute("UPDATE api_token SET last_used_at = \(Self.text(instant)) WHERE id = \(id)")
    }

    // MARK: - Rows

    /// Instants as ISO 8601 text in UTC with milliseconds, as the SQLite backend stores them.
    static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func date(_ text: String) -> Date? {
        (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) ?? (try? Date(text, strategy: .iso8601))
    }

    static func encode(_ roles: Set<Role>) -> String {
        roles.sorted().map(\.rawValue).joined(separator: " ")
    }

    static func account(from row: PostgresRandomAccessRow) throws -> Account {
        let roles = try row.value("roles", as: String.self)
        return Account(
            id: Account.ID(trusted: try row.value("id")), username: try row.value("username"), displayName: try row.value("display_name"),
            roles: Set(roles.split(separator: " ").compactMap { Role(rawValue: String($0)) }),
            learner: try row.value("learner", as: String?.self).map { Learner.ID(trusted: $0) },
            mentor: try row.value("mentor", as: String?.self).map { Mentor.ID(trusted: $0) },
            isDisabled: try row.value("disabled"), createdAt: date(try row.value("created_at")) ?? .distantPast)
    }

    static func session(from row: PostgresRandomAccessRow) throws -> Session {
        Session(id: try row.value("id"), account: Account.ID(trusted: try row.value("account")), csrfToken: try row.value("csrf_token"),
                createdAt: date(try row.value("created_at")) ?? .distantPast,
                lastSeenAt: date(try row.value("last_seen_at")) ?? .distantPast,
                expiresAt: date(try row.value("expires_at")) ?? .distantPast)
    }

    static func token(from row: PostgresRandomAccessRow) throws -> APIToken {
        let scopes = try row.value("scopes", as: String.self)
        return APIToken(
            id: try row.value("id"), account: Account.ID(trusted: try row.value("account")), name: try row.value("name"),
            scopes: Set(scopes.split(separator: " ").compactMap { TokenScope(rawValue: String($0)) }),
            createdAt: date(try row.value("created_at")) ?? .distantPast,
            expiresAt: try row.value("expires_at", as: String?.self).flatMap(date),
            revokedAt: try row.value("revoked_at", as: String?.self).flatMap(date),
            lastUsedAt: try row.value("last_used_at", as: String?.self).flatMap(date))
    }
}
