public import ErkendCore
public import Logging
import NIOCore
public import PostgresNIO

/// A pool of connections to one PostgreSQL database, with the schema brought
/// up to date when it opens. Every repository of a `PostgresStore` shares one.
public final class PostgresDatabase: Sendable {
    public let location: PostgresLocation
    let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>

    private init(location: PostgresLocation, client: PostgresClient, logger: Logger, running: Task<Void, Never>) {
        self.location = location
        self.client = client
        self.logger = logger
        self.running = running
    }

    /// Connects (a pool of at most `connections`), checks the server answers, and runs the migrations it lacks.
    public static func open(_ location: PostgresLocation, connections: Int = 20,
                            logger: Logger = PostgresDatabase.defaultLogger) async throws -> PostgresDatabase {
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        configuration.options.maximumConnections = max(2, connections)
        configuration.options.minimumConnections = 0
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let running = Task { await client.run() }
        let database = PostgresDatabase(location: location, client: client, logger: logger, running: running)
        do {
            try await PostgresErrors.translate(location: location) {
                try await PostgresMigrations.run(on: database)
            }
        } catch {
            await database.close()
            throw error
        }
        return database
    }

    /// Warnings and errors only: the driver tells at `info` of every connection it closes on shutdown.
    public static var defaultLogger: Logger {
        var logger = Logger(label: "erkend.postgres")
        logger.logLevel = .warning
        return logger
    }

    /// Lets go of every connection; the database is unusable afterwards.
    public func close() async {
        running.cancel()
        await running.value
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await PostgresErrors.translate(location: location) {
            do {
                return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
            } catch let error as PostgresTransactionError {
                throw error.closureError ?? error.commitError ?? error.beginError ?? error
            }
        }
    }

    /// All rows of a query outside a transaction.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await PostgresErrors.translate(location: location) {
            var rows: [PostgresRandomAccessRow] = []
            for try await row in try await client.query(query, logger: logger) { rows.append(row.makeRandomAccess()) }
            return rows
        }
    }

    /// Runs a statement outside a transaction.
    func execute(_ query: PostgresQuery) async throws {
        _ = try await rows(query)
    }
}

extension PostgresConnection {
    /// All rows of a query on this connection (in its transaction, if any).
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        var rows: [PostgresRandomAccessRow] = []
        for try await row in try await self.query(query, logger: logger) { rows.append(row.makeRandomAccess()) }
        return rows
    }

    func execute(_ query: PostgresQuery, logger: Logger) async throws {
        _ = try await rows(query, logger: logger)
    }

    /// A single integer a query returns (count, max), 0 for NULL.
    func integer(_ query: PostgresQuery, logger: Logger) async throws -> Int64 {
        try await rows(query, logger: logger).first?[0].decode(Int64?.self) ?? 0
    }
}

extension PostgresRandomAccessRow {
    func value<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try self[column].decode(T.self)
    }
}

/// Turns PostgreSQL failures into `ErkendError`s a caller can act on; our own errors pass through.
enum PostgresErrors {
    /// The message the erasure triggers raise (the same words as the SQLite backend's).
    static let erasedLearnerMessage = "erased learner: no new records"

    static func translate<T>(location: PostgresLocation, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ErkendError {
            throw error
        } catch let error as PSQLError {
            throw translate(error, location: location)
        } catch where String(reflecting: type(of: error)).contains("ConnectionPoolError") {
            // The pool gives up on a server it cannot connect to with an error of its own.
            throw ErkendError(.unavailable, "PostgreSQL at \(location.host):\(location.port) cannot be reached", cause: String(describing: error))
        }
    }

    static func translate(_ error: PSQLError, location: PostgresLocation) -> ErkendError {
        let state = error.serverInfo?[.sqlState]
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        let cause = "\(state ?? "-") \(message)"
        switch state {
        case "P0001" where message.contains(erasedLearnerMessage):
            return ErkendError(.conflict, "the learner's personal data was erased; Erkend records nothing new about them", cause: cause)
        case let state? where state.hasPrefix("23"):
            return ErkendError(.conflict, "the change conflicts with stored data", cause: cause)
        case "40001", "40P01":
            return ErkendError(.storage, "the database is busy; try again", cause: cause)
        case "53100":
            return ErkendError(.unavailable, "the disk that holds the database is full, so Erkend cannot write", cause: cause)
        case "28P01", "28000":
            return ErkendError(.unavailable, "PostgreSQL refused the user or password for \(location)", cause: cause)
        case "3D000":
            return ErkendError(.unavailable, "the database \(location.database) does not exist on \(location.host):\(location.port)", cause: cause)
        case nil:
            return ErkendError(.unavailable, "PostgreSQL at \(location.host):\(location.port) cannot be reached (\(error.code))", cause: cause)
        default:
            return ErkendError(.storage, "the database failed: \(message)", cause: cause)
        }
    }
}
