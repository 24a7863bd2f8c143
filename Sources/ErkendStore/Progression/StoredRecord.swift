import ErkendCore
import Foundation
import GRDB

/// How one kind of record sits in its table: the columns, `id` first, in the
/// order `bind` binds them, and how a row reads back. Single writes and bulk
/// writes bind through the same function, so they cannot drift apart.
protocol StoredRecord {
    associatedtype Value
    static var table: String { get }
    static var columns: [String] { get }
    static func bind(_ value: Value, to statement: inout BulkInsert, json: JSONEncoder) throws
    static func value(from row: Row) throws -> Value
}

extension StoredRecord {
    static var insertSQL: String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }

    /// Every column but `id` (`?1`) set from its own parameter, so it binds like `insertSQL`.
    static var updateSQL: String {
        let assignments = columns.enumerated().dropFirst().map { "\($1) = ?\($0 + 1)" }.joined(separator: ", ")
        return "UPDATE \(table) SET \(assignments) WHERE id = ?1"
    }

    static func insert(_ value: Value, in db: Database) throws {
        var statement = try BulkInsert(db, sql: insertSQL)
        try bind(value, to: &statement, json: StoreJSON.encoder)
        try statement.step(db)
    }

    /// Inserts many values through one prepared statement.
    static func insertAll(_ values: some Sequence<Value>, in db: Database, json: JSONEncoder) throws {
        var statement = try BulkInsert(db, sql: insertSQL)
        for value in values {
            try bind(value, to: &statement, json: json)
            try statement.step(db)
        }
    }

    /// Rewrites the stored row with the same id — only while `condition` (SQL)
    /// holds for it, when given, so that of two concurrent changes one wins.
    /// `false` when no row was rewritten.
    @discardableResult
    static func update(_ value: Value, in db: Database, onlyIf condition: String? = nil) throws -> Bool {
        var statement = try BulkInsert(db, sql: updateSQL + (condition.map { " AND (\($0))" } ?? ""))
        try bind(value, to: &statement, json: StoreJSON.encoder)
        try statement.step(db)
        return db.changesCount == 1
    }

    static func fetchOne(_ db: Database, id: String) throws -> Value? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM \(table) WHERE id = ?"), arguments: [id]).map(value(from:))
    }

    /// The values whose rows match `condition` (SQL after WHERE), in `order`.
    static func fetchAll(_ db: Database, where condition: String, _ arguments: StatementArguments, orderBy order: String) throws -> [Value] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM \(table) WHERE \(condition) ORDER BY \(order)"), arguments: arguments).map(value(from:))
    }

    static func exists(_ db: Database, id: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE id = ?)"), arguments: [id]) ?? false
    }
}

/// One JSON encoder for everything the store writes: making one per insert
/// showed up on the observation path. `JSONEncoder` may be shared across
/// threads as long as nobody changes its settings, and nobody does.
enum StoreJSON {
    static let encoder = ErkendJSON.encoder()
}
