public import ErkendCore
import Foundation
import GRDB

/// The versioned catalogue in SQLite.
public struct SQLiteCatalogueRepository: CatalogueRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func entity(_ key: VersionKey) async throws -> AnyCatalogueEntity? {
        try await database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT kind, body FROM catalogueEntity WHERE kind = ? AND code = ? AND version = ?",
                             arguments: [key.kind.rawValue, key.code, key.version])
                .map(CatalogueRow.entity(from:))
        }
    }

    /// The stored JSON of a version, for serving a published version without decoding it.
    public func storedJSON(_ key: VersionKey) async throws -> (status: LifecycleStatus, json: String)? {
        try await database.writer.read { db in
            // A cached statement: this serves the busiest public route, and preparing costs more than the lookup.
            let statement = try db.cachedStatement(sql: "SELECT status, body FROM catalogueEntity WHERE kind = ? AND code = ? AND version = ?")
            return try Row.fetchOne(statement, arguments: [key.kind.rawValue, key.code, key.version])
                .map { (LifecycleStatus(rawValue: $0["status"]) ?? .draft, $0["body"]) }
        }
    }

    public func versions(_ kind: CatalogueKind, code: String) async throws -> [AnyCatalogueEntity] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, body FROM catalogueEntity WHERE kind = ? AND code = ? ORDER BY version",
                             arguments: [kind.rawValue, code])
                .map(CatalogueRow.entity(from:))
        }
    }

    public func list(_ kind: CatalogueKind, filter: CatalogueFilter, page: PageRequest) async throws -> Page<CatalogueSummary> {
        try await database.writer.read { db in
            var conditions = ["e.kind = ?"]
            var arguments: StatementArguments = [kind.rawValue]
            if let status = filter.status {
                conditions.append("e.status = ?")
                arguments += [status.rawValue]
            }
            if filter.excludeDrafts { conditions.append("e.status <> 'draft'") }
            if let text = filter.text, !text.isEmpty {
                conditions.append("(e.code LIKE ? ESCAPE '\\' OR e.title LIKE ? ESCAPE '\\')")
                let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
                arguments += [pattern, pattern]
            }
            if let level = filter.level {
                conditions.append("e.levelRank = ?")
                arguments += [level]
            }
            if let skill = filter.skill {
                // Directly aligned, or (units, EPAs) through one of their outcomes.
                conditions.append("""
                    (EXISTS (SELECT 1 FROM catalogueAlignment a WHERE a.kind = e.kind AND a.code = e.code AND a.version = e.version AND a.skill = ?)
                     OR EXISTS (SELECT 1 FROM catalogueLink l JOIN catalogueAlignment a ON a.kind = 'outcome' AND a.code = l.targetCode
                                WHERE l.kind = e.kind AND l.code = e.code AND l.version = e.version AND l.role = 'outcome' AND a.skill = ?))
                    """)
                arguments += [skill.rawValue, skill.rawValue]
            }
            var whereClause = conditions.joined(separator: " AND ")
            if filter.latestOnly {
                // The newest version per code among those that pass the other filters.
                let inner = whereClause.replacingOccurrences(of: "e.", with: "x.")
                whereClause += " AND e.version = (SELECT max(x.version) FROM catalogueEntity x WHERE x.code = e.code AND \(inner))"
                arguments += arguments
            }
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM catalogueEntity e WHERE \(whereClause)", arguments: arguments) ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(CatalogueRow.summaryColumns) FROM catalogueEntity e WHERE \(whereClause)
                ORDER BY e.code, e.version LIMIT ? OFFSET ?
                """, arguments: arguments + [page.size, page.offset])
            return Page(items: rows.map(CatalogueRow.summary(from:)), request: page, total: total)
        }
    }

    public func all() async throws -> [AnyCatalogueEntity] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, body FROM catalogueEntity ORDER BY kind, code, version")
                .map(CatalogueRow.entity(from:))
        }
    }

    public func usages(of kind: CatalogueKind, code: String) async throws -> [CatalogueUsage] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(CatalogueRow.summaryColumns), l.role, l.path FROM catalogueLink l
                JOIN catalogueEntity e ON e.kind = l.kind AND e.code = l.code AND e.version = l.version
                WHERE l.targetKind = ? AND l.targetCode = ? AND l.role <> 'replacedBy'
                ORDER BY e.kind, e.code, e.version, l.path
                """, arguments: [kind.rawValue, code])
            .map { row in
                CatalogueUsage(user: CatalogueRow.summary(from: row),
                               role: CatalogueLink.Role(rawValue: row["role"]) ?? .unit, path: row["path"])
            }
        }
    }

    public func write(_ changes: [CatalogueChange]) async throws {
        try await StoreErrors.translate {
            try await database.writer.write { db in
                for change in changes {
                    try apply(change, in: db)
                }
            }
        }
    }

    private func apply(_ change: CatalogueChange, in db: Database) throws {
        switch change {
        case .insert(let entity):
            let key = entity.key
            if try currentStatus(key, in: db) != nil {
                throw ErkendError(.conflict, "\(key) already exists")
            }
            try CatalogueRow.store(entity, in: db, replacing: false)
        case .replace(let entity, let expected):
            let key = entity.key
            guard let status = try currentStatus(key, in: db) else { throw ErkendError.notFound(key.description) }
            guard status == expected else {
                throw ErkendError(.conflict, "\(key) is \(status.rawValue) now, not \(expected.rawValue); someone changed it meanwhile — reload and try again")
            }
            try CatalogueRow.store(entity, in: db, replacing: true)
        case .deleteDraft(let key):
            guard let status = try currentStatus(key, in: db) else { throw ErkendError.notFound(key.description) }
            guard status == .draft else { throw ErkendError(.conflict, "\(key) is \(status.rawValue); only drafts can be deleted") }
            try db.execute(sql: "DELETE FROM catalogueEntity WHERE kind = ? AND code = ? AND version = ?",
                           arguments: [key.kind.rawValue, key.code, key.version])
        case .describe(let description):
            let json = String(decoding: try ErkendJSON.encoder().encode(description), as: UTF8.self)
            try db.execute(sql: "INSERT OR REPLACE INTO catalogueDescription (id, json) VALUES (1, ?)", arguments: [json])
        case .audit(let record):
            try AuditWriter.append(record, in: db)
        }
    }

    public func catalogueDescription() async throws -> CatalogueDescription? {
        try await StoreErrors.translate {
            let json = try await database.writer.read { db in
                try String.fetchOne(db, sql: "SELECT json FROM catalogueDescription WHERE id = 1")
            }
            return try json.map { try ErkendJSON.decoder().decode(CatalogueDescription.self, from: Data($0.utf8)) }
        }
    }

    private func currentStatus(_ key: VersionKey, in db: Database) throws -> LifecycleStatus? {
        try String.fetchOne(db, sql: "SELECT status FROM catalogueEntity WHERE kind = ? AND code = ? AND version = ?",
                            arguments: [key.kind.rawValue, key.code, key.version])
            .flatMap(LifecycleStatus.init(rawValue:))
    }
}
