public import ErkendCore
import Foundation
import GRDB

/// The skills framework in SQLite.
public struct SQLiteTaxonomyRepository: TaxonomyRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func apply(_ batch: TaxonomyBatch, mode: TaxonomyImportMode) async throws -> TaxonomyImportSummary {
        try await StoreErrors.translate {
            try await database.writer.writeWithoutTransaction { db in
                // The writer checks every relation's ends itself (checkRelations) and drops the
                // concept indexes for a large import; SQLite's foreign key machinery would refuse
                // to prepare a multi-row insert into `concept` while `concept_uri` is gone. So the
                // import runs with foreign keys off, and checks the relation tables before it commits.
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                var summary = TaxonomyImportSummary()
                try db.inTransaction(.immediate) {
                    summary = try TaxonomyImportWriter(db: db, batch: batch, mode: mode).run()
                    try TaxonomyImportWriter.checkForeignKeys(of: batch, in: db)
                    return .commit
                }
                return summary
            }
        }
    }

    public func concept(_ uri: ConceptURI) async throws -> Concept? {
        try await database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT \(ConceptRow.columns) FROM concept WHERE uri = ?", arguments: [uri.rawValue])
                .map(ConceptRow.concept(from:))
        }
    }

    public func concepts(key: String) async throws -> [Concept] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(ConceptRow.columns) FROM concept WHERE key = ? ORDER BY uri", arguments: [key])
                .map(ConceptRow.concept(from:))
        }
    }

    public func search(_ query: SkillQuery) async throws -> Page<ConceptSummary> {
        try await database.writer.read { db in
            try SkillSearch(query: query).run(db)
        }
    }

    public func broader(of uri: ConceptURI) async throws -> [ConceptSummary] {
        try await summaries(sql: """
            SELECT \(ConceptRow.summaryColumns) FROM conceptBroader JOIN concept ON concept.uri = conceptBroader.broader
            WHERE conceptBroader.narrower = ? ORDER BY concept.sortLabel
            """, arguments: [uri.rawValue])
    }

    public func narrower(of uri: ConceptURI) async throws -> [ConceptSummary] {
        try await summaries(sql: """
            SELECT \(ConceptRow.summaryColumns) FROM conceptBroader JOIN concept ON concept.uri = conceptBroader.narrower
            WHERE conceptBroader.broader = ? ORDER BY concept.sortLabel
            """, arguments: [uri.rawValue])
    }

    public func occupations(requiring skill: ConceptURI) async throws -> [Requirement] {
        try await requirements(sql: """
            SELECT \(ConceptRow.summaryColumns), occupationSkill.requirement FROM occupationSkill
            JOIN concept ON concept.uri = occupationSkill.occupation
            WHERE occupationSkill.skill = ? ORDER BY occupationSkill.requirement, concept.sortLabel
            """, arguments: [skill.rawValue])
    }

    public func skills(requiredBy occupation: ConceptURI) async throws -> [Requirement] {
        try await requirements(sql: """
            SELECT \(ConceptRow.summaryColumns), occupationSkill.requirement FROM occupationSkill
            JOIN concept ON concept.uri = occupationSkill.skill
            WHERE occupationSkill.occupation = ? ORDER BY occupationSkill.requirement, concept.sortLabel
            """, arguments: [occupation.rawValue])
    }

    public func relatedSkills(of skill: ConceptURI) async throws -> [Requirement] {
        try await requirements(sql: """
            SELECT \(ConceptRow.summaryColumns), skillSkill.requirement FROM skillSkill
            JOIN concept ON concept.uri = skillSkill.relatedSkill
            WHERE skillSkill.skill = ? ORDER BY skillSkill.requirement, concept.sortLabel
            """, arguments: [skill.rawValue])
    }

    public func occupations(page: PageRequest, text: String?) async throws -> Page<ConceptSummary> {
        var query = SkillQuery(text: text, kinds: [.occupation], includeObsolete: false, page: page)
        query.kinds = [.occupation]
        return try await search(query)
    }

    public func existing(_ uris: Set<ConceptURI>) async throws -> Set<ConceptURI> {
        try await database.writer.read { db in try Self.existing(uris, in: db) }
    }

    public func obsolete(among uris: Set<ConceptURI>) async throws -> Set<ConceptURI> {
        try await database.writer.read { db in try Self.existing(uris, in: db, obsoleteOnly: true) }
    }

    static func existing(_ uris: Set<ConceptURI>, in db: Database, obsoleteOnly: Bool = false) throws -> Set<ConceptURI> {
        var found = Set<ConceptURI>()
        let list = Array(uris)
        for start in stride(from: 0, to: list.count, by: 500) {
            let chunk = list[start..<min(start + 500, list.count)]
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let filter = obsoleteOnly ? " AND obsolete = 1" : ""
            for uri in try String.fetchAll(db, sql: "SELECT uri FROM concept WHERE uri IN (\(marks))\(filter)", arguments: StatementArguments(chunk.map(\.rawValue))) {
                found.insert(ConceptURI(trusted: uri))
            }
        }
        return found
    }

    public func stats() async throws -> TaxonomyStats {
        try await database.writer.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT kind, count(*) FROM concept GROUP BY kind") {
                counts[row[0]] = row[1]
            }
            let relations = try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM conceptBroader) + (SELECT count(*) FROM occupationSkill) + (SELECT count(*) FROM skillSkill)") ?? 0
            let obsolete = try Int.fetchOne(db, sql: "SELECT count(*) FROM concept WHERE obsolete = 1") ?? 0
            let labels = try Row.fetchOne(db, sql: """
                SELECT sum(preferredEn IS NOT NULL) + sum(CASE WHEN altEn IS NULL OR altEn = '' THEN 0 ELSE length(altEn) - length(replace(altEn, char(10), '')) + 1 END),
                       sum(preferredNl IS NOT NULL) + sum(CASE WHEN altNl IS NULL OR altNl = '' THEN 0 ELSE length(altNl) - length(replace(altNl, char(10), '')) + 1 END)
                FROM concept
                """)
            var byLanguage: [String: Int] = [:]
            if let labels {
                let en: Int? = labels[0]
                let nl: Int? = labels[1]
                if let en, en > 0 { byLanguage["en"] = en }
                if let nl, nl > 0 { byLanguage["nl"] = nl }
            }
            return TaxonomyStats(
                skills: counts["skill"] ?? 0, skillGroups: counts["skillGroup"] ?? 0,
                occupations: counts["occupation"] ?? 0, iscoGroups: counts["iscoGroup"] ?? 0,
                relations: relations, obsolete: obsolete, labelsByLanguage: byLanguage)
        }
    }

    private func summaries(sql: String, arguments: StatementArguments) async throws -> [ConceptSummary] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(ConceptRow.summary(from:))
        }
    }

    private func requirements(sql: String, arguments: StatementArguments) async throws -> [Requirement] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                Requirement(concept: ConceptRow.summary(from: $0), requirement: RequirementKind(rawValue: $0["requirement"]) ?? .optional)
            }
        }
    }
}
