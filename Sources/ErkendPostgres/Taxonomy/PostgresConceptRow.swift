import ErkendCore
import Foundation
import PostgresNIO

/// How a `Concept` sits in PostgreSQL's `concept` table: the same columns as
/// the SQLite backend's, plus the search words.
enum PostgresConceptRow {
    static let columns = "uri, key, kind, code, skill_type, reuse_level, isco_group, modified, obsolete, sort_label, preferred_en, preferred_nl, alt_en, alt_nl, description_en, description_nl, other_labels, preferred_other, alt_other, collections"
    static let summaryColumns = "concept.uri, concept.kind, concept.code, concept.preferred_nl, concept.preferred_en, concept.obsolete"

    struct OtherLabels: Codable {
        var preferred: String?
        var alt: [String]?
        var description: String?
    }

    static func concept(from row: PostgresRandomAccessRow) throws -> Concept {
        var preferred = LocalizedText(nl: try row.value("preferred_nl", as: String?.self), en: try row.value("preferred_en", as: String?.self))
        var description = LocalizedText(nl: try row.value("description_nl", as: String?.self), en: try row.value("description_en", as: String?.self))
        var alt: [String: [String]] = [:]
        if let text = try row.value("alt_en", as: String?.self), !text.isEmpty { alt["en"] = text.components(separatedBy: "\n") }
        if let text = try row.value("alt_nl", as: String?.self), !text.isEmpty { alt["nl"] = text.components(separatedBy: "\n") }
        if let json = try row.value("other_labels", as: String?.self),
           let others = try? JSONDecoder().decode([String: OtherLabels].self, from: Data(json.utf8)) {
            for (language, labels) in others {
                preferred[language] = labels.preferred
                description[language] = labels.description
                if let list = labels.alt, !list.isEmpty { alt[language] = list }
            }
        }
        let collections = try row.value("collections", as: String.self)
        return Concept(
            uri: ConceptURI(trusted: try row.value("uri")),
            kind: ConceptKind(rawValue: try row.value("kind")) ?? .skill,
            code: try row.value("code", as: String?.self),
            preferredLabel: preferred,
            altLabels: alt,
            description: description,
            skillType: try row.value("skill_type", as: String?.self).flatMap(SkillType.init(rawValue:)),
            reuseLevel: try row.value("reuse_level", as: String?.self).flatMap(ReuseLevel.init(rawValue:)),
            iscoGroup: try row.value("isco_group", as: String?.self),
            collections: collections.isEmpty ? [] : collections.components(separatedBy: " "),
            modified: try row.value("modified", as: String?.self),
            isObsolete: try row.value("obsolete", as: Bool.self)
        )
    }

    static func summary(from row: PostgresRandomAccessRow) throws -> ConceptSummary {
        ConceptSummary(
            uri: ConceptURI(trusted: try row.value("uri")),
            kind: ConceptKind(rawValue: try row.value("kind")) ?? .skill,
            code: try row.value("code", as: String?.self),
            preferredLabel: LocalizedText(nl: try row.value("preferred_nl", as: String?.self), en: try row.value("preferred_en", as: String?.self)),
            isObsolete: try row.value("obsolete", as: Bool.self)
        )
    }

    static func sortLabel(_ concept: Concept) -> String {
        (concept.preferredLabel["en"] ?? concept.preferredLabel.best(["nl"]) ?? concept.uri.rawValue).lowercased()
    }

    /// Column arrays for a multi-row insert or update with `unnest`: one array per column, rows in order.
    struct Columns {
        var id: [Int64] = [], uri: [String] = [], key: [String] = [], kind: [String] = [], code: [String] = []
        var skillType: [String] = [], reuseLevel: [String] = [], iscoGroup: [String] = [], modified: [String] = []
        var obsolete: [Bool] = [], sortLabel: [String] = [], preferredEn: [String] = [], preferredNl: [String] = []
        var altEn: [String] = [], altNl: [String] = [], descriptionEn: [String] = [], descriptionNl: [String] = []
        var otherLabels: [String] = [], preferredOther: [String] = [], altOther: [String] = [], collections: [String] = []
        var wordsNl: [String] = [], wordsEn: [String] = [], wordsOther: [String] = [], wordsAll: [String] = []
        var searchWords: [String] = [], wordCount: [Int32] = []

        var count: Int { id.count }

        /// Arrays of text cannot hold NULL through the driver: a control character no label holds stands for it.
        static let null = "\u{1}"
        private func orNull(_ value: String?) -> String { value ?? Self.null }

        mutating func append(_ concept: Concept, id: Int64) {
            var otherPreferred: [String] = []
            var otherAlt: [String] = []
            var otherJSON: String?
            let isOther = { (language: String) in language != "nl" && language != "en" }
            if concept.preferredLabel.values.keys.contains(where: isOther) || concept.altLabels.keys.contains(where: isOther)
                || concept.description.values.keys.contains(where: isOther) {
                var others: [String: OtherLabels] = [:]
                for language in Set(concept.preferredLabel.languages + concept.description.languages + Array(concept.altLabels.keys)).sorted()
                where isOther(language) {
                    others[language] = OtherLabels(preferred: concept.preferredLabel[language], alt: concept.altLabels[language], description: concept.description[language])
                    concept.preferredLabel[language].map { otherPreferred.append($0) }
                    otherAlt.append(contentsOf: concept.altLabels[language] ?? [])
                }
                otherJSON = (try? ErkendJSON.encoder().encode(others)).map { String(decoding: $0, as: UTF8.self) }
            }
            self.id.append(id)
            uri.append(concept.uri.rawValue)
            key.append(concept.uri.key)
            kind.append(concept.kind.rawValue)
            code.append(orNull(concept.code))
            skillType.append(orNull(concept.skillType?.rawValue))
            reuseLevel.append(orNull(concept.reuseLevel?.rawValue))
            iscoGroup.append(orNull(concept.iscoGroup))
            modified.append(orNull(concept.modified))
            obsolete.append(concept.isObsolete)
            sortLabel.append(PostgresConceptRow.sortLabel(concept))
            preferredEn.append(orNull(concept.preferredLabel["en"]))
            preferredNl.append(orNull(concept.preferredLabel["nl"]))
            altEn.append(orNull(concept.altLabels["en"].map { $0.joined(separator: "\n") }))
            altNl.append(orNull(concept.altLabels["nl"].map { $0.joined(separator: "\n") }))
            descriptionEn.append(orNull(concept.description["en"]))
            descriptionNl.append(orNull(concept.description["nl"]))
            otherLabels.append(orNull(otherJSON))
            preferredOther.append(otherPreferred.joined(separator: "\n"))
            altOther.append(otherAlt.joined(separator: "\n"))
            collections.append(concept.collections.joined(separator: " "))
            let columns = SearchWords.columns(of: concept)
            let unique = { (lists: [[String]]) in Array(Set(lists.joined())).sorted().joined(separator: " ") }
            wordsNl.append(unique([columns[0], columns[1]]))
            wordsEn.append(unique([columns[2], columns[3]]))
            wordsOther.append(unique([columns[4], columns[5]]))
            wordsAll.append(unique(columns))
            searchWords.append(columns.map { $0.joined(separator: " ") }.joined(separator: "\n"))
            wordCount.append(Int32(columns.reduce(0) { $0 + $1.count } + SearchWords.tagCount(of: concept)))
        }

        /// `SELECT … FROM unnest(…)` of all columns, with the binds added to `bindings`.
        func select(_ bindings: inout PostgresBindings) -> String {
            bindings.append(id); bindings.append(uri); bindings.append(key); bindings.append(kind); bindings.append(code)
            bindings.append(skillType); bindings.append(reuseLevel); bindings.append(iscoGroup); bindings.append(modified)
            bindings.append(obsolete); bindings.append(sortLabel); bindings.append(preferredEn); bindings.append(preferredNl)
            bindings.append(altEn); bindings.append(altNl); bindings.append(descriptionEn); bindings.append(descriptionNl)
            bindings.append(otherLabels); bindings.append(preferredOther); bindings.append(altOther); bindings.append(collections)
            bindings.append(wordsNl); bindings.append(wordsEn); bindings.append(wordsOther); bindings.append(wordsAll)
            bindings.append(searchWords); bindings.append(wordCount)
            let start = bindings.count - 27
            let types = ["bigint", "text", "text", "text", "text", "text", "text", "text", "text", "boolean", "text", "text", "text",
                         "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "integer"]
            let arguments = types.enumerated().map { "$\(start + $0.offset + 1)::\($0.element)[]" }.joined(separator: ", ")
            return """
                SELECT id, uri, key, kind, NULLIF(code, chr(1)), NULLIF(skill_type, chr(1)), NULLIF(reuse_level, chr(1)),
                       NULLIF(isco_group, chr(1)), NULLIF(modified, chr(1)), obsolete, sort_label,
                       NULLIF(preferred_en, chr(1)), NULLIF(preferred_nl, chr(1)), NULLIF(alt_en, chr(1)), NULLIF(alt_nl, chr(1)),
                       NULLIF(description_en, chr(1)), NULLIF(description_nl, chr(1)), NULLIF(other_labels, chr(1)),
                       preferred_other, alt_other, collections,
                       array_to_tsvector(string_to_array(words_nl, ' ')), array_to_tsvector(string_to_array(words_en, ' ')),
                       array_to_tsvector(string_to_array(words_other, ' ')), array_to_tsvector(string_to_array(words_all, ' ')),
                       search_words, word_count
                FROM unnest(\(arguments)) AS r(id, uri, key, kind, code, skill_type, reuse_level, isco_group, modified, obsolete, sort_label,
                       preferred_en, preferred_nl, alt_en, alt_nl, description_en, description_nl, other_labels,
                       preferred_other, alt_other, collections, words_nl, words_en, words_other, words_all, search_words, word_count)
                """
        }

        static let allColumns = "id, " + PostgresConceptRow.columns
            + ", words_nl, words_en, words_other, words_all, search_words, word_count"
    }
}
