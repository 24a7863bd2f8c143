import ErkendCore
import Foundation
import GRDB

/// How catalogue entities sit in `catalogueEntity`: the whole entity as JSON in
/// `body`, and the columns lists and filters need beside it.
enum CatalogueRow {
    static func decode(kind: CatalogueKind, body: String) throws -> AnyCatalogueEntity {
        try AnyCatalogueEntity.decode(kind, data: Data(body.utf8))
    }

    static func encode(_ entity: AnyCatalogueEntity) throws -> String {
        String(decoding: try ErkendJSON.encoder().encode(entity), as: UTF8.self)
    }

    static func entity(from row: Row) throws -> AnyCatalogueEntity {
        guard let kind = CatalogueKind(rawValue: row["kind"]) else {
            throw ErkendError(.storage, "unknown catalogue kind in the database: \(row["kind"] as String? ?? "?")")
        }
        return try decode(kind: kind, body: row["body"])
    }

    static func summary(from row: Row) -> CatalogueSummary {
        CatalogueSummary(
            kind: CatalogueKind(rawValue: row["kind"]) ?? .unit,
            code: row["code"],
            version: row["version"],
            status: LifecycleStatus(rawValue: row["status"]) ?? .draft,
            title: row["title"],
            level: QualificationLevel(eqf: row["eqf"], nlqf: row["nlqf"]),
            publishedAt: (row["publishedAt"] as String?).flatMap { try? Date($0, strategy: .iso8601) }
        )
    }

    static let summaryColumns = """
        e.kind, e.code, e.version, e.status, e.title, e.publishedAt,
        json_extract(e.body, '$.level.eqf') AS eqf, json_extract(e.body, '$.level.nlqf') AS nlqf
        """

    /// Writes the entity row and rebuilds its link and alignment rows.
    static func store(_ entity: AnyCatalogueEntity, in db: Database, replacing: Bool) throws {
        let value = entity.entity
        let key = entity.key
        let published = value.publishedAt.map { $0.formatted(.iso8601) }
        let arguments: StatementArguments = [
            key.kind.rawValue, key.code, key.version, value.status.rawValue, value.displayTitle,
            value.level.rank, published, try encode(entity),
        ]
        if replacing {
            try db.execute(sql: "DELETE FROM catalogueLink WHERE kind = ? AND code = ? AND version = ?", arguments: [key.kind.rawValue, key.code, key.version])
            try db.execute(sql: "DELETE FROM catalogueAlignment WHERE kind = ? AND code = ? AND version = ?", arguments: [key.kind.rawValue, key.code, key.version])
            try db.execute(sql: """
                UPDATE catalogueEntity SET status = ?4, title = ?5, levelRank = ?6, publishedAt = ?7, body = ?8
                WHERE kind = ?1 AND code = ?2 AND version = ?3
                """, arguments: arguments)
        } else {
            try db.execute(sql: """
                INSERT INTO catalogueEntity (kind, code, version, status, title, levelRank, publishedAt, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: arguments)
        }
        for link in value.references {
            try db.cachedStatement(sql: """
                INSERT INTO catalogueLink (kind, code, version, targetKind, targetCode, targetVersion, role, path)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [key.kind.rawValue, key.code, key.version, link.kind.rawValue, link.target.code, link.target.version, link.role.rawValue, link.path])
        }
        for alignment in value.skillAlignments {
            try db.cachedStatement(sql: "INSERT INTO catalogueAlignment (kind, code, version, skill, relation) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [key.kind.rawValue, key.code, key.version, alignment.skill.rawValue, alignment.relation.rawValue])
        }
    }
}
