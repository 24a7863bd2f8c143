public import Foundation

/// Where a PostgreSQL database is: `postgres://user@host:port/database`.
/// The password is best not written in the URL (shell history, process lists):
/// it comes from `ERKEND_DATABASE_PASSWORD`, `PGPASSWORD`, or the file that
/// `ERKEND_DATABASE_PASSWORD_FILE` names, in that order; one in the URL is
/// accepted and wins.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var password: String?

    public init(host: String, port: Int = 5432, user: String, database: String, password: String? = nil) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.password = password
    }

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads a `postgres://` URL; the password, when the URL has none, from the environment or a file.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isPostgres(text), let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw PostgresLocationError("“\(Self.withoutPassword(text))” is not a PostgreSQL URL; write postgres://user@host:port/database")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresLocationError("the PostgreSQL URL names no database; write postgres://user@host:port/database")
        }
        guard let user = components.user, !user.isEmpty else {
            throw PostgresLocationError("the PostgreSQL URL names no user; write postgres://user@host:port/database")
        }
        var password = components.password
        if password == nil {
            if let value = environment["ERKEND_DATABASE_PASSWORD"] ?? environment["PGPASSWORD"] {
                password = value
            } else if let file = environment["ERKEND_DATABASE_PASSWORD_FILE"] {
                guard let contents = try? String(contentsOfFile: file, encoding: .utf8) else {
                    throw PostgresLocationError("the password file \(file) (ERKEND_DATABASE_PASSWORD_FILE) cannot be read")
                }
                password = contents.trimmingCharacters(in: .newlines)
            }
        }
        self.init(host: host, port: components.port ?? 5432, user: user, database: database, password: password)
    }

    /// The URL without the password, for messages and logs.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    private static func withoutPassword(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "…"
        return components.string ?? "(a URL with a password)"
    }
}

/// A PostgreSQL URL or password that cannot be used, in words.
public struct PostgresLocationError: Error, Sendable, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
