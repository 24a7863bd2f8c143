import ErkendCore
import Foundation
import GRDB

/// Writes a checked `TaxonomyBatch` inside one write transaction: merges what
/// each file says into the stored concepts, marks what a release no longer holds
/// obsolete, checks relations against everything known, and stores it all — or
/// throws and leaves the transaction to roll back.
struct TaxonomyImportWriter {
    let db: Database
    let batch: TaxonomyBatch
    let mode: TaxonomyImportMode

    func run() throws -> TaxonomyImportSummary {
        var summary = TaxonomyImportSummary()
        summary.files = batch.files
        summary.warnings = batch.warnings

        let stored = try loadStored(Set(batch.statements.map(\.uri)))
        let (merged, order) = try merge(stored: stored)

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

        try checkRelations(known: merged)

        // New concepts go in shortest label first within each kind: search lists large
        // result sets in id order, so short, general labels ("manage staff") come before
        // long, specific ones.
        // Kinds in the order of their names, as numbers: comparing strings was most of the sort.
        let kindRank = Dictionary(uniqueKeysWithValues: ConceptKind.allCases.map(\.rawValue).sorted().enumerated().map { ($1, $0) })
        let insertOrder = inserts.indices
            .map { (index: $0, kind: kindRank[inserts[$0].kind.rawValue] ?? 0,
                    length: (inserts[$0].preferredLabel["en"] ?? inserts[$0].preferredLabel.best(["nl"]) ?? "").utf8.count) }
            .sorted { ($0.kind, $0.length, $0.index) < ($1.kind, $1.length, $1.index) }
        let lastIDBefore = try Int64.fetchOne(db, sql: "SELECT max(id) FROM concept") ?? 0
        let existingCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM concept") ?? 0
        let rebuildIndexes = ConceptIndexes.rebuildIsCheaper(inserting: inserts.count, existing: existingCount)
        if rebuildIndexes { try db.execute(sql: ConceptIndexes.drop) }
        // Rows go in fifty to a statement: stepping a statement per row cost about as much as binding it.
        let placeholders = "(" + Array(repeating: "?", count: ConceptRow.columns.components(separatedBy: ", ").count).joined(separator: ", ") + ")"
        func statement(rows: Int) throws -> BulkInsert {
            try BulkInsert(db, sql: "INSERT INTO concept (\(ConceptRow.columns)) VALUES " + Array(repeating: placeholders, count: rows).joined(separator: ", "))
        }
        let rowsPerStatement = 50
        var full: BulkInsert?
        for start in stride(from: 0, to: insertOrder.count, by: rowsPerStatement) {
            let chunk = insertOrder[start..<min(start + rowsPerStatement, insertOrder.count)]
            var insert = chunk.count == rowsPerStatement ? try full ?? statement(rows: rowsPerStatement) : try statement(rows: chunk.count)
            for position in chunk { ConceptRow.bind(inserts[position.index], to: &insert) }
            try insert.step(db)
            if chunk.count == rowsPerStatement { full = insert }
        }
        if rebuildIndexes { try db.execute(sql: ConceptIndexes.create) }
        var reindexed = Set(updates.map(\.id))
        try unindex(updates.map(\.id))
        if !updates.isEmpty {
            let assignments = ConceptRow.columns.components(separatedBy: ", ").map { "\($0) = ?" }.joined(separator: ", ")
            var update = try BulkInsert(db, sql: "UPDATE concept SET \(assignments) WHERE id = ?")
            for (id, concept) in updates {
                ConceptRow.bind(concept, to: &update)
                update.bind(id)
                try update.step(db)
            }
        }

        if mode == .release, !batch.completeKinds.isEmpty {
            let obsoleted = try markMissingObsolete(present: Set(merged.keys), unindexedAlready: reindexed)
            summary.madeObsolete = obsoleted.count
            reindexed.formUnion(obsoleted)
        }
        try reindex(Array(reindexed), insertedAfter: lastIDBefore)

        let relationCountBefore = try relationCount()
        for relation in batch.broader {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO conceptBroader (narrower, broader) VALUES (?, ?)")
                .execute(arguments: [relation.value.narrower.rawValue, relation.value.broader.rawValue])
        }
        for relation in batch.occupationSkills {
            try db.cachedStatement(sql: """
                INSERT INTO occupationSkill (occupation, skill, requirement) VALUES (?, ?, ?)
                ON CONFLICT (occupation, skill) DO UPDATE SET requirement = excluded.requirement
                """).execute(arguments: [relation.value.occupation.rawValue, relation.value.skill.rawValue, relation.value.requirement.rawValue])
        }
        for relation in batch.skillSkills {
            try db.cachedStatement(sql: """
                INSERT INTO skillSkill (skill, relatedSkill, requirement) VALUES (?, ?, ?)
                ON CONFLICT (skill, relatedSkill) DO UPDATE SET requirement = excluded.requirement
                """).execute(arguments: [relation.value.skill.rawValue, relation.value.relatedSkill.rawValue, relation.value.requirement.rawValue])
        }
        let relationsRead = batch.broader.count + batch.occupationSkills.count + batch.skillSkills.count
        summary.relationsAdded = try relationCount() - relationCountBefore
        summary.relationsUnchanged = relationsRead - summary.relationsAdded
        return summary
    }

    // MARK: - Steps

    private func loadStored(_ uris: Set<ConceptURI>) throws -> [ConceptURI: (id: Int64, concept: Concept)] {
        var stored: [ConceptURI: (id: Int64, concept: Concept)] = [:]
        guard !uris.isEmpty else { return stored }
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM concept") ?? 0
        // Reading everything once beats thousands of lookups when the batch is large.
        if uris.count * 4 > total {
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, \(ConceptRow.columns) FROM concept")
            while let row = try cursor.next() {
                let concept = ConceptRow.concept(from: row)
                if uris.contains(concept.uri) { stored[concept.uri] = (row["id"], concept) }
            }
        } else {
            let list = Array(uris)
            for start in stride(from: 0, to: list.count, by: 500) {
                let chunk = list[start..<min(start + 500, list.count)]
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchAll(db, sql: "SELECT id, \(ConceptRow.columns) FROM concept WHERE uri IN (\(marks))",
                                            arguments: StatementArguments(chunk.map(\.rawValue)))
                for row in rows {
                    let concept = ConceptRow.concept(from: row)
                    stored[concept.uri] = (row["id"], concept)
                }
            }
        }
        return stored
    }

    private func merge(stored: [ConceptURI: (id: Int64, concept: Concept)]) throws -> ([ConceptURI: Concept], [ConceptURI]) {
        try TaxonomyBatch.merge(batch.statements, stored: { stored[$0]?.concept })
    }

    /// Every relation must connect concepts that exist, and the broader
    /// relations must stay free of cycles, counting what is already stored.
    private func checkRelations(known merged: [ConceptURI: Concept]) throws {
        let endpoints = batch.relationEndpoints
        let outside = endpoints.keys.filter { merged[$0] == nil }
        if !outside.isEmpty {
            let found = try SQLiteTaxonomyRepository.existing(Set(outside), in: db)
            try TaxonomyBatch.requireKnown(outside.filter { !found.contains($0) }, endpoints: endpoints)
        }
        guard !batch.broader.isEmpty else { return }
        var stored: [BroaderRelation] = []
        let cursor = try Row.fetchCursor(db, sql: "SELECT narrower, broader FROM conceptBroader")
        while let row = try cursor.next() {
            stored.append(BroaderRelation(narrower: ConceptURI(trusted: row[0]), broader: ConceptURI(trusted: row[1])))
        }
        try batch.requireNoBroaderCycle(stored: stored)
    }

    /// Marks stored concepts of the batch's complete kinds that the batch does not hold; returns their ids.
    private func markMissingObsolete(present: Set<ConceptURI>, unindexedAlready: Set<Int64>) throws -> [Int64] {
        let kinds = batch.completeKinds.map(\.rawValue)
        let marks = Array(repeating: "?", count: kinds.count).joined(separator: ",")
        let candidates = try Row.fetchAll(db, sql: "SELECT id, uri FROM concept WHERE obsolete = 0 AND kind IN (\(marks))", arguments: StatementArguments(kinds))
        let ids: [Int64] = candidates.filter { !present.contains(ConceptURI(trusted: $0["uri"])) }.map { $0["id"] }
        // Their tags change, so they leave the index first (once) and come back in `reindex`.
        try unindex(ids.filter { !unindexedAlready.contains($0) })
        for id in ids {
            try db.cachedStatement(sql: "UPDATE concept SET obsolete = 1 WHERE id = ?").execute(arguments: [id])
        }
        return ids
    }

    /// Takes concepts out of the search index, before their rows change.
    private func unindex(_ ids: [Int64]) throws {
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            try db.execute(sql: ConceptRow.unindexSQL(where: "id IN (\(marks))"), arguments: StatementArguments(chunk))
        }
    }

    /// Brings the search index up to date: changed concepts (taken out by
    /// `unindex` before they changed) and new ones (ids after `insertedAfter`)
    /// are added, in SQL, in one pass each.
    private func reindex(_ changed: [Int64], insertedAfter lastID: Int64) throws {
        for start in stride(from: 0, to: changed.count, by: 500) {
            let chunk = Array(changed[start..<min(start + 500, changed.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            try db.execute(sql: ConceptRow.indexSQL(where: "id IN (\(marks))"), arguments: StatementArguments(chunk))
        }
        try db.execute(sql: ConceptRow.indexSQL(where: "id > ?"), arguments: [lastID])
    }

    /// With foreign keys off during the import, SQLite's own check of the
    /// relation tables the batch wrote to, before the commit: a second line
    /// behind `checkRelations`.
    static func checkForeignKeys(of batch: TaxonomyBatch, in db: Database) throws {
        let tables = [("conceptBroader", !batch.broader.isEmpty), ("occupationSkill", !batch.occupationSkills.isEmpty),
                      ("skillSkill", !batch.skillSkills.isEmpty)].filter(\.1).map(\.0)
        for table in tables {
            if let row = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check(\(table))") {
                throw ErkendError(.importFailed, "a relation in \(table) names a concept that does not exist (row \(row[1] as Int64? ?? 0))")
            }
        }
    }

    private func relationCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM conceptBroader) + (SELECT count(*) FROM occupationSkill) + (SELECT count(*) FROM skillSkill)") ?? 0
    }
}
