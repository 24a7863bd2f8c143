import ErkendCore
import Foundation
import Logging
import PostgresNIO

/// Writes a checked `TaxonomyBatch` inside one transaction, with the same
/// rules as the SQLite backend: merges what each file says into the stored
/// concepts, marks what a release no longer holds obsolete, checks relations
/// against everything known (ends exist, no cycle), and counts what changed.
struct PostgresTaxonomyImport {
    let connection: PostgresConnection
    let logger: Logger
    let batch: TaxonomyBatch
    let mode: TaxonomyImportMode
    var loading: PostgresBulkLoading = .copy

    /// Rows per multi-row statement.
    static let chunk = 2_000

    func run() async throws -> TaxonomyImportSummary {
        var summary = TaxonomyImportSummary()
        summary.files = batch.files
        summary.warnings = batch.warnings

        let stored = try await loadStored(Set(batch.statements.map(\.uri)))
        let (merged, order) = try TaxonomyMerge.merge(batch.statements, stored: stored.mapValues(\.concept))

        var inserts: [Concept] = []
        var updates: [(id: Int64, concept: Concept)] = []
        for uri in order {
            let concept = merged[uri]!
            if let old = stored[uri] {
                if old.concept == concept { summary.unchanged += 1 } else {
                    summary.updated += 1
                    updates.append((old.id, concept))
                }
            } else {
                summary.added += 1
                inserts.append(concept)
            }
        }
        try await checkRelations(known: merged)

        // New concepts are numbered by kind, then shortest label first (as in the SQLite backend).
        let kindRank = Dictionary(uniqueKeysWithValues: ConceptKind.allCases.map(\.rawValue).sorted().enumerated().map { ($1, $0) })
        let insertOrder = inserts.indices
            .map { (index: $0, kind: kindRank[inserts[$0].kind.rawValue] ?? 0,
                    length: (inserts[$0].preferredLabel["en"] ?? inserts[$0].preferredLabel.best(["nl"]) ?? "").utf8.count) }
            .sorted { ($0.kind, $0.length, $0.index) < ($1.kind, $1.length, $1.index) }
        var nextID = try await connection.integer("SELECT max(id) FROM concept", logger: logger) + 1
        var insertColumns = PostgresConceptRow.Columns()
        for position in insertOrder {
            insertColumns.append(inserts[position.index], id: nextID)
            nextID += 1
        }
        var updateColumns = PostgresConceptRow.Columns()
        for update in updates { updateColumns.append(update.concept, id: update.id) }
        try await storeConcepts(inserting: insertColumns, updating: updateColumns)

        if mode == .release, !batch.completeKinds.isEmpty {
            let kinds = batch.completeKinds.map(\.rawValue)
            let present = merged.keys.map(\.rawValue)
            // Becoming obsolete adds the `obsolete` tag word the ranking counts.
            let rows = try await connection.rows("""
                UPDATE concept SET obsolete = true, word_count = word_count + 1
                WHERE NOT obsolete AND kind = ANY(\(kinds)) AND NOT (uri = ANY(\(present)))
                RETURNING id
                """, logger: logger)
            summary.madeObsolete = rows.count
        }

        let before = try await relationCount()
        // The last statement about a pair wins, as row by row would; duplicates in one statement would not be allowed.
        var occupationSkills: [String: OccupationSkillRelation] = [:]
        var occupationOrder: [String] = []
        for relation in batch.occupationSkills.map(\.value) {
            let key = relation.occupation.rawValue + " " + relation.skill.rawValue
            if occupationSkills.updateValue(relation, forKey: key) == nil { occupationOrder.append(key) }
        }
        var skillSkills: [String: SkillSkillRelation] = [:]
        var skillOrder: [String] = []
        for relation in batch.skillSkills.map(\.value) {
            let key = relation.skill.rawValue + " " + relation.relatedSkill.rawValue
            if skillSkills.updateValue(relation, forKey: key) == nil { skillOrder.append(key) }
        }
        try await storeRelations(
            broader: batch.broader.map { [$0.value.narrower.rawValue, $0.value.broader.rawValue] },
            occupationSkills: occupationOrder.map { occupationSkills[$0]! }.map { [$0.occupation.rawValue, $0.skill.rawValue, $0.requirement.rawValue] },
            skillSkills: skillOrder.map { skillSkills[$0]! }.map { [$0.skill.rawValue, $0.relatedSkill.rawValue, $0.requirement.rawValue] })
        let relationsRead = batch.broader.count + batch.occupationSkills.count + batch.skillSkills.count
        summary.relationsAdded = try await relationCount() - before
        summary.relationsUnchanged = relationsRead - summary.relationsAdded
        return summary
    }

    /// New concepts inserted, changed ones updated: through COPY into a staging table, or in chunks of arrays.
    private func storeConcepts(inserting inserts: PostgresConceptRow.Columns, updating updates: PostgresConceptRow.Columns) async throws {
        let names = PostgresConceptRow.Columns.allColumns.components(separatedBy: ", ").dropFirst()
        let setColumns = "(\(names.joined(separator: ", "))) = (\(names.map { "n.\($0)" }.joined(separator: ", ")))"
        switch loading {
        case .copy:
            guard inserts.count + updates.count > 0 else { return }
            try await connection.execute(PostgresQuery(unsafeSQL: PostgresConceptRow.Columns.stagingTable), logger: logger)
            if inserts.count > 0 {
                try await copy(inserts)
                try await connection.execute(PostgresQuery(unsafeSQL: """
                    INSERT INTO concept (\(PostgresConceptRow.Columns.allColumns)) SELECT \(PostgresConceptRow.Columns.expressions) FROM import_concept AS r
                    """), logger: logger)
            }
            if updates.count > 0 {
                if inserts.count > 0 { try await connection.execute("TRUNCATE import_concept", logger: logger) }
                try await copy(updates)
                try await connection.execute(PostgresQuery(unsafeSQL: """
                    UPDATE concept SET \(setColumns)
                    FROM (SELECT \(PostgresConceptRow.Columns.expressions) FROM import_concept AS r) AS n(\(PostgresConceptRow.Columns.allColumns))
                    WHERE concept.id = n.id
                    """), logger: logger)
            }
        case .unnest:
            for start in stride(from: 0, to: inserts.count, by: Self.chunk) {
                var bindings = PostgresBindings()
                let select = inserts.slice(start..<min(start + Self.chunk, inserts.count)).select(&bindings)
                try await connection.execute(PostgresQuery(unsafeSQL: "INSERT INTO concept (\(PostgresConceptRow.Columns.allColumns)) \(select)", binds: bindings), logger: logger)
            }
            for start in stride(from: 0, to: updates.count, by: Self.chunk) {
                var bindings = PostgresBindings()
                let select = updates.slice(start..<min(start + Self.chunk, updates.count)).select(&bindings)
                try await connection.execute(PostgresQuery(unsafeSQL: """
                    UPDATE concept SET \(setColumns)
                    FROM (\(select)) AS n(\(PostgresConceptRow.Columns.allColumns)) WHERE concept.id = n.id
                    """, binds: bindings), logger: logger)
            }
        }
    }

    private func copy(_ columns: PostgresConceptRow.Columns) async throws {
        try await connection.copyFrom(table: "import_concept", logger: logger) { writer in
            try await columns.copyText { try await writer.write($0) }
        }
    }

    /// Relations added (broader: pairs already there stay; requirements: the new statement wins).
    private func storeRelations(broader: [[String]], occupationSkills: [[String]], skillSkills: [[String]]) async throws {
        let statements: [(rows: [[String]], insert: String)] = [
            (broader, "INSERT INTO concept_broader (narrower, broader) SELECT a, b FROM %@ ON CONFLICT DO NOTHING"),
            (occupationSkills, """
                INSERT INTO occupation_skill (occupation, skill, requirement) SELECT a, b, c FROM %@
                ON CONFLICT (occupation, skill) DO UPDATE SET requirement = excluded.requirement
                """),
            (skillSkills, """
                INSERT INTO skill_skill (skill, related_skill, requirement) SELECT a, b, c FROM %@
                ON CONFLICT (skill, related_skill) DO UPDATE SET requirement = excluded.requirement
                """),
        ]
        var staged = false
        for (rows, insert) in statements where !rows.isEmpty {
            let width = rows[0].count
            switch loading {
            case .copy:
                if staged {
                    try await connection.execute("TRUNCATE import_relation", logger: logger)
                } else {
                    try await connection.execute("CREATE TEMP TABLE import_relation (a text, b text, c text) ON COMMIT DROP", logger: logger)
                    staged = true
                }
                try await connection.copyFrom(table: "import_relation", columns: Array(["a", "b", "c"].prefix(width)), logger: logger) { writer in
                    try await CopyText.rows(rows) { try await writer.write($0) }
                }
                try await connection.execute(PostgresQuery(unsafeSQL: insert.replacingOccurrences(of: "%@", with: "import_relation")), logger: logger)
            case .unnest:
                var bindings = PostgresBindings()
                for column in 0..<width { bindings.append(rows.map { $0[column] }) }
                let arrays = (1...width).map { "$\($0)::text[]" }.joined(separator: ", ")
                let source = "unnest(\(arrays)) AS r(\(["a", "b", "c"].prefix(width).joined(separator: ", ")))"
                try await connection.execute(PostgresQuery(unsafeSQL: insert.replacingOccurrences(of: "%@", with: source), binds: bindings), logger: logger)
            }
        }
    }

    private func loadStored(_ uris: Set<ConceptURI>) async throws -> [ConceptURI: (id: Int64, concept: Concept)] {
        var stored: [ConceptURI: (id: Int64, concept: Concept)] = [:]
        guard !uris.isEmpty else { return stored }
        let list = uris.map(\.rawValue)
        for start in stride(from: 0, to: list.count, by: 10_000) {
            let chunk = Array(list[start..<min(start + 10_000, list.count)])
            for row in try await connection.rows("SELECT id, \(unescaped: PostgresConceptRow.columns) FROM concept WHERE uri = ANY(\(chunk))", logger: logger) {
                let concept = try PostgresConceptRow.concept(from: row)
                stored[concept.uri] = (try row.value("id", as: Int64.self), concept)
            }
        }
        return stored
    }

    private func checkRelations(known merged: [ConceptURI: Concept]) async throws {
        let endpoints = batch.relationEndpoints
        let outside = endpoints.keys.filter { merged[$0] == nil }
        if !outside.isEmpty {
            let list = outside.map(\.rawValue)
            let found = Set(try await connection.rows("SELECT uri FROM concept WHERE uri = ANY(\(list))", logger: logger)
                .map { ConceptURI(trusted: try $0[0].decode(String.self)) })
            try TaxonomyBatch.requireKnown(outside.filter { !found.contains($0) }, endpoints: endpoints)
        }
        guard !batch.broader.isEmpty else { return }
        let stored = try await connection.rows("SELECT narrower, broader FROM concept_broader", logger: logger).map {
            BroaderRelation(narrower: ConceptURI(trusted: try $0[0].decode(String.self)), broader: ConceptURI(trusted: try $0[1].decode(String.self)))
        }
        try batch.requireNoBroaderCycle(stored: stored)
    }

    private func relationCount() async throws -> Int {
        Int(try await connection.integer("SELECT (SELECT count(*) FROM concept_broader) + (SELECT count(*) FROM occupation_skill) + (SELECT count(*) FROM skill_skill)", logger: logger))
    }
}

/// How an import hands its rows to PostgreSQL: `COPY … FROM STDIN` into staging tables (the default),
/// or multi-row `INSERT … SELECT FROM unnest(arrays)` in chunks (kept to compare, see `erkend bench import`).
public enum PostgresBulkLoading: String, Sendable, CaseIterable {
    case copy, unnest
}

/// What each statement of an import says, merged into the concepts it is about: the same rules as
/// the SQLite backend, from the core.
enum TaxonomyMerge {
    static func merge(_ statements: [ConceptStatement], stored: [ConceptURI: Concept]) throws -> ([ConceptURI: Concept], [ConceptURI]) {
        try TaxonomyBatch.merge(statements, stored: { stored[$0] })
    }
}
