public import ErkendCore
public import Foundation
import PostgresNIO

/// The sign-in throttle's counts in PostgreSQL, so that guesses spread over several nodes are counted
/// together. Each failure is one `INSERT … ON CONFLICT DO UPDATE … RETURNING`: concurrent failures on
/// several nodes each get their own count, none is lost. Keys, user names and addresses are stored as
/// their SHA-256 only: the table tells no one who tried to sign in from where (and a raw name may hold
/// characters PostgreSQL's text cannot, such as NUL).
public struct PostgresSignInAttempts: SignInAttemptStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func failures(_ key: String) async throws -> SignInFailures? {
        try await database.rows("SELECT count, last_at FROM sign_in_failure WHERE key = \(Self.hashed(key))").first.map {
            SignInFailures(count: try $0.value("count", as: Int.self), last: Date(timeIntervalSince1970: try $0.value("last_at", as: Double.self)))
        }
    }

    public func recordFailure(_ keys: [String], at instant: Date, memory: TimeInterval) async throws -> [Int] {
        let at = instant.timeIntervalSince1970
        let logger = database.logger
        return try await database.transaction { connection in
            var counts: [Int] = []
            for key in keys.map(Self.hashed) {
                let row = try await connection.rows("""
                    INSERT INTO sign_in_failure (key, count, last_at) VALUES (\(key), 1, \(at))
                    ON CONFLICT (key) DO UPDATE SET
                        count = CASE WHEN \(at) - sign_in_failure.last_at < \(memory) THEN sign_in_failure.count + 1 ELSE 1 END,
                        last_at = \(at)
                    RETURNING count
                    """, logger: logger)
                counts.append(try row.first?.value("count", as: Int.self) ?? 1)
            }
            return counts
        }
    }

    public func clear(_ key: String) async throws {
        try await database.execute("DELETE FROM sign_in_failure WHERE key = \(Self.hashed(key))")
    }

    public func isKnown(username: String, source: String) async throws -> Bool {
        try await !database.rows("SELECT 1 FROM sign_in_source WHERE username = \(Self.hashed(username)) AND source = \(Self.hashed(source))").isEmpty
    }

    public func addKnown(username: String, source: String) async throws {
        try await database.execute("""
            INSERT INTO sign_in_source (username, source) VALUES (\(Self.hashed(username)), \(Self.hashed(source))) ON CONFLICT DO NOTHING
            """)
    }

    static func hashed(_ text: String) -> String {
        PostgresText.sha256(text)
    }
}
