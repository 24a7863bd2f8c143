import ErkendCore
import ErkendStore
import Foundation
import GRDB

/// The SQLite side of `erkend migrate-data`: its tables and columns, and their rows read in
/// pieces (by rowid where the table has one), never changed.
struct MigrateSource {
    let store: ErkendStore
    /// One unchanging view of the file for every table (a snapshot of the WAL database), so that the
    /// tables agree with each other even if something wrote to the file meanwhile.
    let reader: any DatabaseReader

    init(store: ErkendStore) throws {
        self.store = store
        if let pool = store.database.writer as? DatabasePool {
            reader = try pool.makeSnapshot()
        } else {
            reader = store.database.writer
        }
    }

    struct Table {
        let name: String
        let columns: [String]
        let hasRowID: Bool
    }

    /// Erkend's tables: not SQLite's own, not GRDB's migration list, not the search index (PostgreSQL
    /// makes its own from the concepts).
    func tables() async throws -> [Table] {
        try await reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                AND name NOT LIKE 'grdb\\_%' ESCAPE '\\' AND name NOT LIKE 'conceptSearch%' ORDER BY name
                """).map { row in
                let name: String = row["name"]
                let sql: String = row["sql"] ?? ""
                let columns = try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [name]).map { $0["name"] as String }
                return Table(name: name, columns: columns, hasRowID: !sql.uppercased().contains("WITHOUT ROWID"))
            }
        }
    }

    /// `PRAGMA quick_check`: "ok", or what is wrong with the file.
    func quickCheck() async throws -> String {
        try await reader.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check").joined(separator: "; ") }
    }

    /// Every row of `table` (the `columns` named), `piece` rows at a time, in rowid order where there is one.
    func rows(_ table: Table, columns: [String], piece: Int = 5_000,
              _ body: ([[DatabaseValue]]) async throws -> Void) async throws {
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        guard table.hasRowID else {
            let rows = try await reader.read { db in
                try Row.fetchAll(db, sql: "SELECT \(list) FROM \"\(table.name)\"").map { row in columns.indices.map { row[$0] as DatabaseValue } }
            }
            if !rows.isEmpty { try await body(rows) }
            return
        }
        var after = Int64.min
        while true {
            let start = after
            let (rows, last) = try await reader.read { db -> ([[DatabaseValue]], Int64) in
                var last = start
                let rows = try Row.fetchAll(db, sql: "SELECT rowid, \(list) FROM \"\(table.name)\" WHERE rowid > ? ORDER BY rowid LIMIT ?",
                                            arguments: [start, piece]).map { row -> [DatabaseValue] in
                    last = row[0]
                    return columns.indices.map { row[$0 + 1] as DatabaseValue }
                }
                return (rows, last)
            }
            if rows.isEmpty { return }
            try await body(rows)
            after = last
            if rows.count < piece { return }
        }
    }

    /// Every concept with its id and stored sort label, read back through the SQLite repository.
    func concepts() async throws -> [(id: Int64, concept: Concept, sortLabel: String)] {
        let keys = try await reader.read { db in
            try Row.fetchAll(db, sql: "SELECT id, uri, sortLabel FROM concept ORDER BY id").map { ($0["id"] as Int64, $0["uri"] as String, $0["sortLabel"] as String) }
        }
        var concepts: [(id: Int64, concept: Concept, sortLabel: String)] = []
        concepts.reserveCapacity(keys.count)
        for (id, uri, sortLabel) in keys {
            guard let concept = try await store.taxonomy.concept(ConceptURI(trusted: uri)) else {
                throw CLIError("the concept \(uri) could not be read back from the SQLite database")
            }
            concepts.append((id, concept, sortLabel))
        }
        return concepts
    }
}
