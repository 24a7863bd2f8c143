import ErkendPostgres
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// The PostgreSQL side of `erkend migrate-data`: one connection, its schema as the catalogue
/// describes it, COPY in, and every row read back for the comparison.
struct MigrateTarget {
    let connection: PostgresConnection
    let logger: Logger

    struct Column {
        let name: String
        let type: String
        let hasDefault: Bool
        let nullable: Bool
    }

    static func connect(_ location: PostgresLocation, logger: Logger) async throws -> PostgresConnection {
        let configuration = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.user,
                                                             password: location.password, database: location.database, tls: .disable)
        return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
    }

    /// PostgreSQL's own words for what it refused (the driver's error shows none), nothing written.
    static func inWords(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError else { return error }
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
        return CLIError("PostgreSQL refused the move: \(message)\(detail); the transaction was rolled back, nothing was written")
    }

    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        var rows: [PostgresRandomAccessRow] = []
        for try await row in try await connection.query(query, logger: logger) { rows.append(row.makeRandomAccess()) }
        return rows
    }

    func execute(_ query: PostgresQuery) async throws { _ = try await rows(query) }

    /// The tables of the current schema and their columns in order.
    func tables() async throws -> [String: [Column]] {
        var tables: [String: [Column]] = [:]
        for row in try await rows("""
            SELECT c.table_name::text, c.column_name::text, c.data_type::text, c.column_default IS NOT NULL, c.is_nullable = 'YES'
            FROM information_schema.columns c JOIN information_schema.tables t
              ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema = current_schema() ORDER BY c.table_name, c.ordinal_position
            """) {
            let (table, name, type) = (try row[0].decode(String.self), try row[1].decode(String.self), try row[2].decode(String.self))
            let (hasDefault, nullable) = (try row[3].decode(Bool.self), try row[4].decode(Bool.self))
            tables[table, default: []].append(Column(name: name, type: type, hasDefault: hasDefault, nullable: nullable))
        }
        return tables
    }

    /// Pairs (table, table it refers to) of the foreign keys between the schema's tables.
    func references() async throws -> [(from: String, to: String)] {
        try await rows("""
            SELECT (SELECT relname::text FROM pg_class WHERE oid = conrelid), (SELECT relname::text FROM pg_class WHERE oid = confrelid)
            FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
            """).map { (try $0[0].decode(String.self), try $0[1].decode(String.self)) }
    }

    func isEmpty(_ table: String) async throws -> Bool {
        try await rows(PostgresQuery(unsafeSQL: "SELECT EXISTS (SELECT 1 FROM \"\(table)\")"))[0][0].decode(Bool.self) == false
    }

    /// COPYs lines already in COPY's text format (see `MigrateLine`) into `columns` of `table`.
    func copy(_ table: String, columns: [String], lines: [String]) async throws {
        guard !lines.isEmpty else { return }
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            var buffer = ByteBufferAllocator().buffer(capacity: 300_000)
            for line in lines {
                buffer.writeString(line)
                buffer.writeInteger(UInt8(ascii: "\n"))
                if buffer.readableBytes >= 256 * 1024 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    /// Every row of `table` (the `columns` named) read back and rendered as `MigrateLine` renders the source's.
    func digest(_ table: String, columns: [(name: String, type: MigrateColumnType)]) async throws -> TableDigest {
        let list = columns.map { column -> String in
            switch column.type {
            case .text, .integer, .bytes: return "\"\(column.name)\"::text"
            case .boolean: return "CASE WHEN \"\(column.name)\" THEN 't' WHEN NOT \"\(column.name)\" THEN 'f' END"
            case .real: return "\"\(column.name)\""
            }
        }.joined(separator: ", ")
        var digest = TableDigest()
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(list) FROM \"\(table)\""), logger: logger) {
            var fields: [String?] = []
            fields.reserveCapacity(columns.count)
            for (cell, column) in zip(row, columns) {
                if column.type == .real {
                    fields.append(try cell.decode(Double?.self).map(MigrateLine.real))
                } else {
                    fields.append(try cell.decode(String?.self))
                }
            }
            digest.add(MigrateLine.line(fields))
        }
        return digest
    }
}
