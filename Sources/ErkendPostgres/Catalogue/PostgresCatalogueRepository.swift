public import ErkendCore
import Foundation
import Logging
import PostgresNIO

/// The versioned catalogue in PostgreSQL: the whole entity as JSON text in
/// `body` (byte for byte what `ErkendJSON` wrote), and the columns lists and
/// filters need beside it.
public struct PostgresCatalogueRepository: CatalogueRepository {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func entity(_ key: VersionKey) async throws -> AnyCatalogueEntity? {
        try await database.rows("SELECT kind, body FROM catalogue_entity WHERE kind = \(key.kind.rawValue) AND code = \(key.code) AND version = \(key.version)")
            .first.map(Self.entity(from:))
    }

    public func storedJSON(_ key: VersionKey) async throws -> (status: LifecycleStatus, json: String)? {
        try await database.rows("SELECT status, body FROM catalogue_entity WHERE kind = \(key.kind.rawValue) AND code = \(key.code) AND version = \(key.version)")
            .first.map { (LifecycleStatus(rawValue: try $0.value("status")) ?? .draft, try $0.value("body")) }
    }

    public func versions(_ kind: CatalogueKind, code: String) async throws -> [AnyCatalogueEntity] {
        try await database.rows("SELECT kind, body FROM catalogue_entity WHERE kind = \(kind.rawValue) AND code = \(code) ORDER BY version")
            .map(Self.entity(from:))
    }

    public func list(_ kind: CatalogueKind, filter: CatalogueFilter, page: PageRequest) async throws -> Page<CatalogueSummary> {
        var bindings = PostgresBindings()
        bindings.append(kind.rawValue)
        var conditions = ["e.kind = $1"]
        if let status = filter.status {
            bindings.append(status.rawValue)
            conditions.append("e.status = $\(bindings.count)")
        }
        if filter.excludeDrafts { conditions.append("e.status <> 'draft'") }
        if let text = filter.text, !text.isEmpty {
            let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            bindings.append(pattern)
            // SQLite's LIKE ignores the case of ASCII letters; ILIKE does too.
            conditions.append("(e.code ILIKE $\(bindings.count) OR e.title ILIKE $\(bindings.count))")
        }
        if let level = filter.level {
            bindings.append(level)
            conditions.append("e.level_rank = $\(bindings.count)")
        }
        if let skill = filter.skill {
            bindings.append(skill.rawValue)
            conditions.append("""
                (EXISTS (SELECT 1 FROM catalogue_alignment a WHERE a.kind = e.kind AND a.code = e.code AND a.version = e.version AND a.skill = $\(bindings.count))
                 OR EXISTS (SELECT 1 FROM catalogue_link l JOIN catalogue_alignment a ON a.kind = 'outcome' AND a.code = l.target_code
                            WHERE l.kind = e.kind AND l.code = e.code AND l.version = e.version AND l.role = 'outcome' AND a.skill = $\(bindings.count)))
                """)
        }
        var whereClause = conditions.joined(separator: " AND ")
        if filter.latestOnly {
            // The newest version per code among those that pass the other filters.
            let inner = whereClause.replacingOccurrences(of: "e.", with: "x.")
            whereClause += " AND e.version = (SELECT max(x.version) FROM catalogue_entity x WHERE x.code = e.code AND \(inner))"
        }
        let total = Int(try await database.rows(PostgresQuery(unsafeSQL: "SELECT count(*) FROM catalogue_entity e WHERE \(whereClause)", binds: bindings))[0][0].decode(Int64.self))
        bindings.append(page.size)
        bindings.append(page.offset)
        let rows = try await database.rows(PostgresQuery(unsafeSQL: """
            SELECT \(Self.summaryColumns) FROM catalogue_entity e WHERE \(whereClause)
            ORDER BY e.code COLLATE "C", e.version LIMIT $\(bindings.count - 1) OFFSET $\(bindings.count)
            """, binds: bindings))
        return Page(items: try rows.map(Self.summary(from:)), request: page, total: total)
    }

    public func all() async throws -> [AnyCatalogueEntity] {
        try await database.rows("SELECT kind, body FROM catalogue_entity ORDER BY kind COLLATE \"C\", code COLLATE \"C\", version")
            .map(Self.entity(from:))
    }

    public func usages(of kind: CatalogueKind, code: String) async throws -> [CatalogueUsage] {
        try await database.rows("""
            SELECT \(unescaped: Self.summaryColumns), l.role, l.path FROM catalogue_link l
            JOIN catalogue_entity e ON e.kind = l.kind AND e.code = l.code AND e.version = l.version
            WHERE l.target_kind = \(kind.rawValue) AND l.target_code = \(code) AND l.role <> 'replacedBy'
            ORDER BY e.kind COLLATE "C", e.code COLLATE "C", e.version, l.path COLLATE "C"
            """).map { row in
            CatalogueUsage(user: try Self.summary(from: row),
                           role: CatalogueLink.Role(rawValue: try row.value("role")) ?? .unit, path: try row.value("path"))
        }
    }

    public func write(_ changes: [CatalogueChange]) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            for change in changes {
                try await Self.apply(change, on: connection, logger: logger)
            }
        }
    }

    public func catalogueDescription() async throws -> CatalogueDescription? {
        guard let row = try await database.rows("SELECT json FROM catalogue_description WHERE id = 1").first else { return nil }
        let json = try row.value("json", as: String.self)
        do {
            return try ErkendJSON.decoder().decode(CatalogueDescription.self, from: Data(json.utf8))
        } catch {
            throw ErkendError(.storage, "the stored catalogue description cannot be read", cause: "\(error)")
        }
    }

    // MARK: - Rows

    static let summaryColumns = """
        e.kind, e.code, e.version, e.status, e.title, e.published_at,
        (e.body::jsonb -> 'level' ->> 'eqf')::integer AS eqf, (e.body::jsonb -> 'level' ->> 'nlqf')::integer AS nlqf
        """

    static func entity(from row: PostgresRandomAccessRow) throws -> AnyCatalogueEntity {
        let kindName = try row.value("kind", as: String.self)
        guard let kind = CatalogueKind(rawValue: kindName) else {
            throw ErkendError(.storage, "unknown catalogue kind in the database: \(kindName)")
        }
        return try AnyCatalogueEntity.decode(kind, data: Data(try row.value("body", as: String.self).utf8))
    }

    static func summary(from row: PostgresRandomAccessRow) throws -> CatalogueSummary {
        CatalogueSummary(
            kind: CatalogueKind(rawValue: try row.value("kind")) ?? .unit,
            code: try row.value("code"),
            version: Int(try row.value("version", as: Int32.self)),
            status: LifecycleStatus(rawValue: try row.value("status")) ?? .draft,
            title: try row.value("title"),
            level: QualificationLevel(eqf: try row.value("eqf", as: Int32?.self).map(Int.init), nlqf: try row.value("nlqf", as: Int32?.self).map(Int.init)),
            publishedAt: try row.value("published_at", as: String?.self).flatMap { try? Date($0, strategy: .iso8601) }
        )
    }

    private static func apply(_ change: CatalogueChange, on connection: PostgresConnection, logger: Logger) async throws {
        switch change {
        case .insert(let entity):
            let key = entity.key
            if try await currentStatus(key, on: connection, logger: logger) != nil {
                throw ErkendError(.conflict, "\(key) already exists")
            }
            try await store(entity, on: connection, logger: logger, replacing: false)
        case .replace(let entity, let expected):
            let key = entity.key
            guard let status = try await currentStatus(key, on: connection, logger: logger) else { throw ErkendError.notFound(key.description) }
            guard status == expected else {
                throw ErkendError(.conflict, "\(key) is \(status.rawValue) now, not \(expected.rawValue); someone changed it meanwhile — reload and try again")
            }
            try await store(entity, on: connection, logger: logger, replacing: true)
        case .deleteDraft(let key):
            guard let status = try await currentStatus(key, on: connection, logger: logger) else { throw ErkendError.notFound(key.description) }
            guard status == .draft else { throw ErkendError(.conflict, "\(key) is \(status.rawValue); only drafts can be deleted") }
            try await connection.execute("DELETE FROM catalogue_entity WHERE kind = \(key.kind.rawValue) AND code = \(key.code) AND version = \(key.version)", logger: logger)
        case .describe(let description):
            let json = String(decoding: try ErkendJSON.encoder().encode(description), as: UTF8.self)
            try await connection.execute("""
                INSERT INTO catalogue_description (id, json) VALUES (1, \(json)) ON CONFLICT (id) DO UPDATE SET json = excluded.json
                """, logger: logger)
        case .audit(let record):
            _ = try await PostgresAuditWriter.append(record, on: connection, logger: logger)
        }
    }

    /// The stored status, read with a row lock so that two writers expecting the same status cannot both win.
    private static func currentStatus(_ key: VersionKey, on connection: PostgresConnection, logger: Logger) async throws -> LifecycleStatus? {
        try await connection.rows("""
            SELECT status FROM catalogue_entity WHERE kind = \(key.kind.rawValue) AND code = \(key.code) AND version = \(key.version) FOR UPDATE
            """, logger: logger).first.flatMap { LifecycleStatus(rawValue: try $0.value("status")) }
    }

    private static func store(_ entity: AnyCatalogueEntity, on connection: PostgresConnection, logger: Logger, replacing: Bool) async throws {
        let value = entity.entity
        let key = entity.key
        let published = value.publishedAt.map { $0.formatted(.iso8601) }
        let body = String(decoding: try ErkendJSON.encoder().encode(entity), as: UTF8.self)
        let kind = key.kind.rawValue, code = key.code, version = key.version
        let status = value.status.rawValue, title = value.displayTitle, rank = value.level.rank
        if replacing {
            try await connection.execute("DELETE FROM catalogue_link WHERE kind = \(kind) AND code = \(code) AND version = \(version)", logger: logger)
            try await connection.execute("DELETE FROM catalogue_alignment WHERE kind = \(kind) AND code = \(code) AND version = \(version)", logger: logger)
            try await connection.execute("""
                UPDATE catalogue_entity SET status = \(status), title = \(title), level_rank = \(rank), published_at = \(published), body = \(body)
                WHERE kind = \(kind) AND code = \(code) AND version = \(version)
                """, logger: logger)
        } else {
            try await connection.execute("""
                INSERT INTO catalogue_entity (kind, code, version, status, title, level_rank, published_at, body)
                VALUES (\(kind), \(code), \(version), \(status), \(title), \(rank), \(published), \(body))
                """, logger: logger)
        }
        let links = value.references
        if !links.isEmpty {
            // NULL target versions travel as 0 (versions start at 1).
            try await connection.execute("""
                INSERT INTO catalogue_link (kind, code, version, target_kind, target_code, target_version, role, path)
                SELECT \(kind), \(code), \(version), t.kind, t.code, NULLIF(t.version, 0), t.role, t.path
                FROM unnest(\(links.map(\.kind.rawValue))::text[], \(links.map(\.target.code))::text[], \(links.map { $0.target.version ?? 0 })::integer[],
                            \(links.map(\.role.rawValue))::text[], \(links.map(\.path))::text[]) AS t(kind, code, version, role, path)
                """, logger: logger)
        }
        let alignments = value.skillAlignments
        if !alignments.isEmpty {
            try await connection.execute("""
                INSERT INTO catalogue_alignment (kind, code, version, skill, relation)
                SELECT \(kind), \(code), \(version), t.skill, t.relation
                FROM unnest(\(alignments.map(\.skill.rawValue))::text[], \(alignments.map(\.relation.rawValue))::text[]) AS t(skill, relation)
                """, logger: logger)
        }
    }
}
