public import ErkendCore
import Foundation
import Logging
import PostgresNIO

/// The skills framework in PostgreSQL.
public struct PostgresTaxonomyRepository: TaxonomyRepository {
    let database: PostgresDatabase
    /// How an import hands its rows over: COPY unless a benchmark asks for the other way.
    public let loading: PostgresBulkLoading

    public init(database: PostgresDatabase, loading: PostgresBulkLoading = .copy) {
        self.database = database
        self.loading = loading
    }

    /// Serializes imports across nodes: ids are handed out in order, as in the SQLite backend.
    static let importLock: Int64 = 0x45_726B_656E_64_02

    public func apply(_ batch: TaxonomyBatch, mode: TaxonomyImportMode) async throws -> TaxonomyImportSummary {
        let logger = database.logger
        return try await database.transaction { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(\(Self.importLock))", logger: logger)
            return try await PostgresTaxonomyImport(connection: connection, logger: logger, batch: batch, mode: mode, loading: loading).run()
        }
    }

    public func concept(_ uri: ConceptURI) async throws -> Concept? {
        try await database.rows("SELECT \(unescaped: PostgresConceptRow.columns) FROM concept WHERE uri = \(uri.rawValue)")
            .first.map(PostgresConceptRow.concept(from:))
    }

    public func concepts(key: String) async throws -> [Concept] {
        try await database.rows("SELECT \(unescaped: PostgresConceptRow.columns) FROM concept WHERE key = \(key) ORDER BY uri COLLATE \"C\"")
            .map(PostgresConceptRow.concept(from:))
    }

    public func search(_ query: SkillQuery) async throws -> Page<ConceptSummary> {
        try await PostgresSkillSearch(query: query).run(database)
    }

    public func broader(of uri: ConceptURI) async throws -> [ConceptSummary] {
        try await database.rows("""
            SELECT \(unescaped: PostgresConceptRow.summaryColumns) FROM concept_broader JOIN concept ON concept.uri = concept_broader.broader
            WHERE concept_broader.narrower = \(uri.rawValue) ORDER BY concept.sort_label
            """).map(PostgresConceptRow.summary(from:))
    }

    public func narrower(of uri: ConceptURI) async throws -> [ConceptSummary] {
        try await database.rows("""
            SELECT \(unescaped: PostgresConceptRow.summaryColumns) FROM concept_broader JOIN concept ON concept.uri = concept_broader.narrower
            WHERE concept_broader.broader = \(uri.rawValue) ORDER BY concept.sort_label
            """).map(PostgresConceptRow.summary(from:))
    }

    public func occupations(requiring skill: ConceptURI) async throws -> [Requirement] {
        try await requirements("""
            SELECT \(unescaped: PostgresConceptRow.summaryColumns), occupation_skill.requirement FROM occupation_skill
            JOIN concept ON concept.uri = occupation_skill.occupation
            WHERE occupation_skill.skill = \(skill.rawValue) ORDER BY occupation_skill.requirement, concept.sort_label
            """)
    }

    public func skills(requiredBy occupation: ConceptURI) async throws -> [Requirement] {
        try await requirements("""
            SELECT \(unescaped: PostgresConceptRow.summaryColumns), occupation_skill.requirement FROM occupation_skill
            JOIN concept ON concept.uri = occupation_skill.skill
            WHERE occupation_skill.occupation = \(occupation.rawValue) ORDER BY occupation_skill.requirement, concept.sort_label
            """)
    }

    public func relatedSkills(of skill: ConceptURI) async throws -> [Requirement] {
        try await requirements("""
            SELECT \(unescaped: PostgresConceptRow.summaryColumns), skill_skill.requirement FROM skill_skill
            JOIN concept ON concept.uri = skill_skill.related_skill
            WHERE skill_skill.skill = \(skill.rawValue) ORDER BY skill_skill.requirement, concept.sort_label
            """)
    }

    public func occupations(page: PageRequest, text: String?) async throws -> Page<ConceptSummary> {
        try await search(SkillQuery(text: text, kinds: [.occupation], includeObsolete: false, page: page))
    }

    public func existing(_ uris: Set<ConceptURI>) async throws -> Set<ConceptURI> {
        let list = uris.map(\.rawValue)
        return Set(try await database.rows("SELECT uri FROM concept WHERE uri = ANY(\(list))")
            .map { ConceptURI(trusted: try $0[0].decode(String.self)) })
    }

    public func obsolete(among uris: Set<ConceptURI>) async throws -> Set<ConceptURI> {
        let list = uris.map(\.rawValue)
        return Set(try await database.rows("SELECT uri FROM concept WHERE uri = ANY(\(list)) AND obsolete")
            .map { ConceptURI(trusted: try $0[0].decode(String.self)) })
    }

    public func stats() async throws -> TaxonomyStats {
        var counts: [String: Int] = [:]
        for row in try await database.rows("SELECT kind, count(*) FROM concept GROUP BY kind") {
            counts[try row[0].decode(String.self)] = Int(try row[1].decode(Int64.self))
        }
        let row = try await database.rows("""
            SELECT (SELECT count(*) FROM concept_broader) + (SELECT count(*) FROM occupation_skill) + (SELECT count(*) FROM skill_skill),
                   (SELECT count(*) FROM concept WHERE obsolete),
                   (SELECT coalesce(sum((preferred_en IS NOT NULL)::int + CASE WHEN coalesce(alt_en, '') = '' THEN 0
                        ELSE length(alt_en) - length(replace(alt_en, chr(10), '')) + 1 END), 0) FROM concept),
                   (SELECT coalesce(sum((preferred_nl IS NOT NULL)::int + CASE WHEN coalesce(alt_nl, '') = '' THEN 0
                        ELSE length(alt_nl) - length(replace(alt_nl, chr(10), '')) + 1 END), 0) FROM concept)
            """)[0]
        var byLanguage: [String: Int] = [:]
        let en = Int(try row[2].decode(Int64.self)), nl = Int(try row[3].decode(Int64.self))
        if en > 0 { byLanguage["en"] = en }
        if nl > 0 { byLanguage["nl"] = nl }
        return TaxonomyStats(
            skills: counts["skill"] ?? 0, skillGroups: counts["skillGroup"] ?? 0,
            occupations: counts["occupation"] ?? 0, iscoGroups: counts["iscoGroup"] ?? 0,
            relations: Int(try row[0].decode(Int64.self)), obsolete: Int(try row[1].decode(Int64.self)), labelsByLanguage: byLanguage)
    }

    private func requirements(_ query: PostgresQuery) async throws -> [Requirement] {
        try await database.rows(query).map {
            Requirement(concept: try PostgresConceptRow.summary(from: $0),
                        requirement: RequirementKind(rawValue: try $0.value("requirement", as: String.self)) ?? .optional)
        }
    }
}
