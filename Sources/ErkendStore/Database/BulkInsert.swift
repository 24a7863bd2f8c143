import GRDB
import GRDBSQLite

/// A prepared statement bound through SQLite's own API, for bulk writes where
/// building GRDB argument arrays per row costs more than the insert itself.
/// Use only inside a write transaction, and only for one statement at a time.
///
/// The statement comes from the connection's statement cache: the SQL of an
/// insert or update is the same every time, and preparing it anew (parsing,
/// GRDB's authorizer) cost more than binding and stepping it on the
/// observation path (perf, 2026-12-03). Two `BulkInsert`s of the same SQL share
/// that statement, so never keep one across the use of another of the same SQL.
struct BulkInsert {
    private let statement: Statement
    private var index: Int32 = 0
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        // A use that threw between binding and stepping may have left bindings behind.
        sqlite3_reset(statement.sqliteStatement)
        sqlite3_clear_bindings(statement.sqliteStatement)
    }

    private var handle: OpaquePointer { statement.sqliteStatement }

    mutating func bind(_ text: String?) {
        index += 1
        guard var text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(handle, index, bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }, Int32(bytes.count), BulkInsert.transient)
        }
    }

    mutating func bind(_ number: Int64?) {
        index += 1
        if let number { sqlite3_bind_int64(handle, index, number) } else { sqlite3_bind_null(handle, index) }
    }

    mutating func bind(_ flag: Bool) {
        bind(Int64(flag ? 1 : 0))
    }

    /// Runs the statement with what was bound, then readies it for the next row.
    mutating func step(_ db: Database) throws {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            index = 0
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }
}
