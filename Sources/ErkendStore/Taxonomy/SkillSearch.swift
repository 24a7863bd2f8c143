import ErkendCore
import GRDB

/// Turns a `SkillQuery` into SQL over the full-text index: every word must
/// match a label, the last one as a prefix (so "progr" finds "programming"
/// while the user types). Kind and status are filtered inside the index.
///
/// Small result sets are ranked by BM25 with preferred labels weighing more
/// than alternative ones. Ranking costs about a microsecond per match, so large
/// result sets (a three-letter prefix can match thousands of labels) are listed
/// in id order instead, which the importer makes shortest label first.
struct SkillSearch {
    let query: SkillQuery
    static let rankingLimit = 300

    func run(_ db: Database) throws -> Page<ConceptSummary> {
        guard let text = query.text, let words = Self.matchExpression(text) else { return try list(db) }
        let columns: String
        switch query.language {
        case "nl": columns = "{preferredNl altNl}"
        case "en": columns = "{preferredEn altEn}"
        case .some: columns = "{preferredOther altOther}"
        case nil: columns = "{preferredNl altNl preferredEn altEn preferredOther altOther}"
        }
        let match = "(\(columns) : (\(words)))" + tagFilter
        var filters: [String] = []
        var arguments: StatementArguments = [match]
        if let skillType = query.skillType {
            filters.append("concept.skillType = ?")
            arguments += [skillType.rawValue]
        }
        if let reuseLevel = query.reuseLevel {
            filters.append("concept.reuseLevel = ?")
            arguments += [reuseLevel.rawValue]
        }
        let extra = filters.isEmpty ? "" : " AND " + filters.joined(separator: " AND ")
        // CROSS JOIN keeps the full-text index as the outer loop; a plain join can
        // make SQLite scan concepts and run the MATCH once per row.
        let from = "conceptSearch CROSS JOIN concept ON concept.id = conceptSearch.rowid"
        let total: Int
        if filters.isEmpty {
            total = try Int.fetchOne(db, sql: "SELECT count(*) FROM conceptSearch WHERE conceptSearch MATCH ?", arguments: [match]) ?? 0
        } else {
            total = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(from) WHERE conceptSearch MATCH ?\(extra)", arguments: arguments) ?? 0
        }
        let order = total <= Self.rankingLimit
            ? "bm25(conceptSearch, 10.0, 2.0, 10.0, 2.0, 10.0, 2.0, 0.0), concept.sortLabel"
            : "conceptSearch.rowid"
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(ConceptRow.summaryColumns) FROM \(from) WHERE conceptSearch MATCH ?\(extra)
            ORDER BY \(order) LIMIT ? OFFSET ?
            """, arguments: arguments + [query.page.size, query.page.offset])
        return Page(items: rows.map(ConceptRow.summary(from:)), request: query.page, total: total)
    }

    /// Without words: the concepts of the asked kinds in label order.
    private func list(_ db: Database) throws -> Page<ConceptSummary> {
        var conditions = ["concept.kind IN (\(Array(repeating: "?", count: kinds.count).joined(separator: ",")))"]
        var arguments = StatementArguments(kinds.map(\.rawValue))
        if !query.includeObsolete { conditions.append("concept.obsolete = 0") }
        if let skillType = query.skillType {
            conditions.append("concept.skillType = ?")
            arguments += [skillType.rawValue]
        }
        if let reuseLevel = query.reuseLevel {
            conditions.append("concept.reuseLevel = ?")
            arguments += [reuseLevel.rawValue]
        }
        let whereClause = conditions.joined(separator: " AND ")
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM concept WHERE \(whereClause)", arguments: arguments) ?? 0
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(ConceptRow.summaryColumns) FROM concept WHERE \(whereClause)
            ORDER BY concept.sortLabel LIMIT ? OFFSET ?
            """, arguments: arguments + [query.page.size, query.page.offset])
        return Page(items: rows.map(ConceptRow.summary(from:)), request: query.page, total: total)
    }

    private var kinds: [ConceptKind] {
        query.kinds.isEmpty ? [.skill] : query.kinds.sorted { $0.rawValue < $1.rawValue }
    }

    /// The kind and status filter in index words. Skills carry no kind word, so a
    /// search for skills excludes the other kinds rather than including skills.
    private var tagFilter: String {
        let tag = { (kind: ConceptKind) in "k" + kind.rawValue.lowercased() }
        var excluded: [String] = query.includeObsolete ? [] : ["obsolete"]
        var included: [String] = []
        if kinds.contains(.skill) {
            excluded += ConceptKind.allCases.filter { $0 != .skill && !kinds.contains($0) }.map(tag)
        } else {
            included = kinds.map(tag)
        }
        var filter = included.isEmpty ? "" : " AND ({tags} : (\(included.joined(separator: " OR "))))"
        if !excluded.isEmpty { filter += " NOT ({tags} : (\(excluded.joined(separator: " OR "))))" }
        return filter
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
