import ErkendCore
import Foundation
import Logging
import PostgresNIO

/// Turns a `SkillQuery` into PostgreSQL full-text search, with the same
/// results in the same order as the SQLite backend:
///
/// - every typed word must be a word of a label in the asked language, the
///   last one as a prefix (`'progr':*` finds "programming" while the user
///   types); the GIN indexes on the per-language `tsvector`s find them;
/// - up to 300 matches are ranked by BM25 exactly as SQLite's FTS5 computes
///   it (k1 = 1.2, b = 0.75, preferred labels weigh 10, alternative ones 2,
///   document frequencies and lengths over the whole index), then by label;
///   PostgreSQL's own `ts_rank` orders differently, so the ranking runs here
///   on the matched rows' stored words;
/// - larger result sets are listed in id order (shortest label first).
struct PostgresSkillSearch {
    let query: SkillQuery
    static let rankingLimit = 300

    func run(_ database: PostgresDatabase) async throws -> Page<ConceptSummary> {
        guard let text = query.text else { return try await list(database) }
        let typed = text.split { !($0.isLetter || $0.isNumber) }.map(String.init).prefix(12)
        // Each typed word is cut as the index cuts labels; a word that leaves nothing is dropped.
        var phrases: [(word: String, prefix: Bool)] = []
        for (position, word) in typed.enumerated() {
            let pieces = SearchWords.words(word)
            for (index, piece) in pieces.enumerated() {
                phrases.append((piece, position == typed.count - 1 && index == pieces.count - 1))
            }
        }
        guard !typed.isEmpty else { return try await list(database) }
        guard !phrases.isEmpty else { return Page(items: [], request: query.page, total: 0) }

        let (vector, columns): (String, [Int]) = switch query.language {
        case "nl": ("words_nl", [0, 1])
        case "en": ("words_en", [2, 3])
        case .some: ("words_other", [4, 5])
        case nil: ("words_all", [0, 1, 2, 3, 4, 5])
        }
        let tsquery = phrases.map { Self.lexeme($0.word) + ($0.prefix ? ":*" : "") }.joined(separator: " & ")

        var bindings = PostgresBindings()
        bindings.append(tsquery)
        var conditions = ["concept.\(vector) @@ $1::tsquery"]
        conditions.append("concept.kind = ANY($2::text[])")
        bindings.append(kinds.map(\.rawValue))
        if !query.includeObsolete { conditions.append("NOT concept.obsolete") }
        if let skillType = query.skillType {
            bindings.append(skillType.rawValue)
            conditions.append("concept.skill_type = $\(bindings.count)")
        }
        if let reuseLevel = query.reuseLevel {
            bindings.append(reuseLevel.rawValue)
            conditions.append("concept.reuse_level = $\(bindings.count)")
        }
        let whereClause = conditions.joined(separator: " AND ")
        let total = Int(try await database.rows(PostgresQuery(unsafeSQL: "SELECT count(*) FROM concept WHERE \(whereClause)", binds: bindings))[0][0].decode(Int64.self))
        guard total > 0 else { return Page(items: [], request: query.page, total: 0) }

        if total > Self.rankingLimit {
            var listing = bindings
            listing.append(query.page.size)
            listing.append(query.page.offset)
            let rows = try await database.rows(PostgresQuery(unsafeSQL: """
                SELECT \(PostgresConceptRow.summaryColumns) FROM concept WHERE \(whereClause)
                ORDER BY concept.id LIMIT $\(listing.count - 1) OFFSET $\(listing.count)
                """, binds: listing))
            return Page(items: try rows.map(PostgresConceptRow.summary(from:)), request: query.page, total: total)
        }

        // BM25 as FTS5 computes it: document frequency of each phrase (in the asked columns) and the
        // average length over every concept, whatever its kind.
        var statistics = PostgresBindings()
        var counts: [String] = []
        for phrase in phrases {
            statistics.append(Self.lexeme(phrase.word) + (phrase.prefix ? ":*" : ""))
            counts.append("count(*) FILTER (WHERE \(vector) @@ $\(statistics.count)::tsquery)")
        }
        let totals = try await database.rows(PostgresQuery(unsafeSQL: """
            SELECT count(*), coalesce(sum(word_count), 0), \(counts.joined(separator: ", ")) FROM concept
            """, binds: statistics))[0]
        let rowCount = Double(try totals[0].decode(Int64.self))
        let averageLength = Double(try totals[1].decode(Int64.self)) / rowCount
        var idf: [Double] = []
        for index in phrases.indices {
            let hits = Double(try totals[index + 2].decode(Int64.self))
            let value = log((rowCount - hits + 0.5) / (hits + 0.5))
            idf.append(value <= 0 ? 1e-6 : value)
        }

        let rows = try await database.rows(PostgresQuery(unsafeSQL: """
            SELECT \(PostgresConceptRow.summaryColumns), concept.id, concept.sort_label, concept.search_words, concept.word_count
            FROM concept WHERE \(whereClause)
            """, binds: bindings))
        var ranked: [(score: Double, label: String, id: Int64, summary: ConceptSummary)] = []
        ranked.reserveCapacity(rows.count)
        let k1 = 1.2, b = 0.75
        for row in rows {
            let words = try row.value("search_words", as: String.self).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.split(separator: " ") }
            let length = Double(try row.value("word_count", as: Int32.self))
            var score = 0.0
            for (index, phrase) in phrases.enumerated() {
                var frequency = 0.0
                for column in columns where column < words.count {
                    for word in words[column] where phrase.prefix ? word.hasPrefix(phrase.word) : word == phrase.word {
                        frequency += SearchWords.weights[column]
                    }
                }
                score += idf[index] * (frequency * (k1 + 1)) / (frequency + k1 * (1 - b + b * length / averageLength))
            }
            ranked.append((-score, try row.value("sort_label", as: String.self), try row.value("id", as: Int64.self),
                           try PostgresConceptRow.summary(from: row)))
        }
        ranked.sort { left, right in
            if left.score != right.score { return left.score < right.score }
            if left.label != right.label { return Array(left.label.utf8).lexicographicallyPrecedes(Array(right.label.utf8)) }
            return left.id < right.id
        }
        let page = ranked.dropFirst(query.page.offset).prefix(query.page.size).map(\.summary)
        return Page(items: Array(page), request: query.page, total: total)
    }

    /// Without words: the concepts of the asked kinds in label order.
    private func list(_ database: PostgresDatabase) async throws -> Page<ConceptSummary> {
        var bindings = PostgresBindings()
        bindings.append(kinds.map(\.rawValue))
        var conditions = ["concept.kind = ANY($1::text[])"]
        if !query.includeObsolete { conditions.append("NOT concept.obsolete") }
        if let skillType = query.skillType {
            bindings.append(skillType.rawValue)
            conditions.append("concept.skill_type = $\(bindings.count)")
        }
        if let reuseLevel = query.reuseLevel {
            bindings.append(reuseLevel.rawValue)
            conditions.append("concept.reuse_level = $\(bindings.count)")
        }
        let whereClause = conditions.joined(separator: " AND ")
        let total = Int(try await database.rows(PostgresQuery(unsafeSQL: "SELECT count(*) FROM concept WHERE \(whereClause)", binds: bindings))[0][0].decode(Int64.self))
        bindings.append(query.page.size)
        bindings.append(query.page.offset)
        let rows = try await database.rows(PostgresQuery(unsafeSQL: """
            SELECT \(PostgresConceptRow.summaryColumns) FROM concept WHERE \(whereClause)
            ORDER BY concept.sort_label, concept.id LIMIT $\(bindings.count - 1) OFFSET $\(bindings.count)
            """, binds: bindings))
        return Page(items: try rows.map(PostgresConceptRow.summary(from:)), request: query.page, total: total)
    }

    private var kinds: [ConceptKind] {
        query.kinds.isEmpty ? [.skill] : query.kinds.sorted { $0.rawValue < $1.rawValue }
    }

    /// A word as a tsquery lexeme, quoted so nothing in it is read as tsquery syntax.
    static func lexeme(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }
}
