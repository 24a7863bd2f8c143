import ErkendCore
import GRDB

/// Turns a `SkillQuery` into SQL over the full-text index: every word must
/// match a label, the last one as a prefix (so "progr" finds "programming"
/// while the user types), preferred labels weigh more than alternative ones.
struct SkillSearch {
    let query: SkillQuery

    func run(_ db: Database) throws -> Page<ConceptSummary> {
        var conditions: [String] = []
        var arguments = StatementArguments()
        let kinds = query.kinds.isEmpty ? [ConceptKind.skill] : query.kinds.sorted { $0.rawValue < $1.rawValue }
        conditions.append("concept.kind IN (\(Array(repeating: "?", count: kinds.count).joined(separator: ",")))")
        arguments += StatementArguments(kinds.map(\.rawValue))
        if !query.includeObsolete { conditions.append("concept.obsolete = 0") }
        if let skillType = query.skillType {
            conditions.append("concept.skillType = ?")
            arguments += [skillType.rawValue]
        }
        if let reuseLevel = query.reuseLevel {
            conditions.append("concept.reuseLevel = ?")
            arguments += [reuseLevel.rawValue]
        }

        let match = query.text.flatMap(Self.matchExpression(_:))
        let from: String
        let order: String
        var matchArguments = StatementArguments()
        if let match {
            let columns: String
            switch query.language {
            case "nl": columns = "{preferredNl altNl}"
            case "en": columns = "{preferredEn altEn}"
            case .some: columns = "{preferredOther altOther}"
            case nil: columns = ""
            }
            // CROSS JOIN keeps the full-text index as the outer loop; a plain join lets
            // SQLite scan concepts and run the MATCH once per row.
            from = "conceptSearch CROSS JOIN concept ON concept.id = conceptSearch.rowid"
            conditions.insert("conceptSearch MATCH ?", at: 0)
            matchArguments = [columns.isEmpty ? match : "\(columns) : (\(match))"]
            order = "bm25(conceptSearch, 10.0, 2.0, 10.0, 2.0, 10.0, 2.0), concept.sortLabel"
        } else {
            from = "concept"
            order = "concept.sortLabel"
        }
        let whereClause = conditions.joined(separator: " AND ")
        let allArguments = matchArguments + arguments
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(from) WHERE \(whereClause)", arguments: allArguments) ?? 0
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(ConceptRow.summaryColumns) FROM \(from) WHERE \(whereClause)
            ORDER BY \(order) LIMIT ? OFFSET ?
            """, arguments: allArguments + [query.page.size, query.page.offset])
        return Page(items: rows.map(ConceptRow.summary(from:)), request: query.page, total: total)
    }

    /// An FTS5 expression from what a person typed: words quoted (so no FTS
    /// syntax can leak in), the last one a prefix. `nil` when nothing searchable remains.
    static func matchExpression(_ text: String) -> String? {
        let words = text.split { !($0.isLetter || $0.isNumber) }.map(String.init).prefix(12)
        guard !words.isEmpty else { return nil }
        var parts = words.map { "\"\($0)\"" }
        parts[parts.count - 1] += "*"
        return parts.joined(separator: " ")
    }
}
