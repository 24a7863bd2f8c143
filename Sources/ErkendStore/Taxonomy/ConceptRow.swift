import ErkendCore
import Foundation
import GRDB

/// How a `Concept` sits in the `concept` table. Dutch and English labels get
/// columns of their own (they are nearly all of the data and are read on every
/// search); other languages go to a JSON column.
struct ConceptRow {
    static let columns = "uri, key, kind, code, skillType, reuseLevel, iscoGroup, modified, obsolete, sortLabel, preferredEn, preferredNl, altEn, altNl, descriptionEn, descriptionNl, otherLabels, preferredOther, altOther, collections"

    /// Labels of one language other than nl and en.
    struct OtherLabels: Codable {
        var preferred: String?
        var alt: [String]?
        var description: String?
    }

    static func concept(from row: Row) -> Concept {
        var preferred = LocalizedText(nl: row["preferredNl"], en: row["preferredEn"])
        var description = LocalizedText(nl: row["descriptionNl"], en: row["descriptionEn"])
        var alt: [String: [String]] = [:]
        if let text: String = row["altEn"], !text.isEmpty { alt["en"] = text.components(separatedBy: "\n") }
        if let text: String = row["altNl"], !text.isEmpty { alt["nl"] = text.components(separatedBy: "\n") }
        if let json: String = row["otherLabels"],
           let others = try? JSONDecoder().decode([String: OtherLabels].self, from: Data(json.utf8)) {
            for (language, labels) in others {
                preferred[language] = labels.preferred
                description[language] = labels.description
                if let list = labels.alt, !list.isEmpty { alt[language] = list }
            }
        }
        let collections: String = row["collections"]
        return Concept(
            uri: ConceptURI(trusted: row["uri"]),
            kind: ConceptKind(rawValue: row["kind"]) ?? .skill,
            code: row["code"],
            preferredLabel: preferred,
            altLabels: alt,
            description: description,
            skillType: (row["skillType"] as String?).flatMap(SkillType.init(rawValue:)),
            reuseLevel: (row["reuseLevel"] as String?).flatMap(ReuseLevel.init(rawValue:)),
            iscoGroup: row["iscoGroup"],
            collections: collections.isEmpty ? [] : collections.components(separatedBy: " "),
            modified: row["modified"],
            isObsolete: row["obsolete"]
        )
    }

    /// Binds a concept in the order of `columns`.
    static func bind(_ concept: Concept, to insert: inout BulkInsert) {
        var otherPreferred: [String] = []
        var otherAlt: [String] = []
        var otherJSON: String?
        let isOther = { (language: String) in language != "nl" && language != "en" }
        // Nearly every concept has Dutch and English only; the rest pays for the general case.
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
        insert.bind(concept.uri.rawValue)
        insert.bind(concept.uri.key)
        insert.bind(concept.kind.rawValue)
        insert.bind(concept.code)
        insert.bind(concept.skillType?.rawValue)
        insert.bind(concept.reuseLevel?.rawValue)
        insert.bind(concept.iscoGroup)
        insert.bind(concept.modified)
        insert.bind(concept.isObsolete)
        insert.bind(sortLabel(concept))
        insert.bind(concept.preferredLabel["en"])
        insert.bind(concept.preferredLabel["nl"])
        insert.bind(concept.altLabels["en"].map { $0.joined(separator: "\n") })
        insert.bind(concept.altLabels["nl"].map { $0.joined(separator: "\n") })
        insert.bind(concept.description["en"])
        insert.bind(concept.description["nl"])
        insert.bind(otherJSON)
        insert.bind(otherPreferred.joined(separator: "\n"))
        insert.bind(otherAlt.joined(separator: "\n"))
        insert.bind(concept.collections.joined(separator: " "))
    }

    /// The search index's columns, in the order of `conceptSearch` and its
    /// content view `conceptSearchSource`.
    static let searchColumns = "preferredNl, altNl, preferredEn, altEn, preferredOther, altOther, tags"

    /// Adds the concepts the condition selects (on `conceptSearchSource`, by
    /// `id`) to the search index; they must not be in it.
    static func indexSQL(where condition: String) -> String {
        "INSERT INTO conceptSearch (rowid, \(searchColumns)) SELECT id, \(searchColumns) FROM conceptSearchSource WHERE \(condition)"
    }

    /// Takes the concepts the condition selects out of the search index. The
    /// index keeps no copy of the text (it reads it from `concept`), so this
    /// must run while their rows still hold what was indexed: before they change.
    static func unindexSQL(where condition: String) -> String {
        "INSERT INTO conceptSearch (conceptSearch, rowid, \(searchColumns)) SELECT 'delete', id, \(searchColumns) FROM conceptSearchSource WHERE \(condition)"
    }

    static func sortLabel(_ concept: Concept) -> String {
        lowercased(concept.preferredLabel["en"] ?? concept.preferredLabel.best(["nl"]) ?? concept.uri.rawValue)
    }

    /// `text.lowercased()`, with a byte loop for ASCII text (nearly every ESCO
    /// label), which Unicode case mapping made a tenth of binding a row.
    static func lowercased(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return String(decoding: bytes, as: UTF8.self).lowercased() }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for index in bytes.indices {
                    let byte = bytes[index]
                    buffer[index] = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
                }
                return bytes.count
            }
        }
    }

    static func summary(from row: Row) -> ConceptSummary {
        ConceptSummary(
            uri: ConceptURI(trusted: row["uri"]),
            kind: ConceptKind(rawValue: row["kind"]) ?? .skill,
            code: row["code"],
            preferredLabel: LocalizedText(nl: row["preferredNl"], en: row["preferredEn"]),
            isObsolete: row["obsolete"]
        )
    }

    static let summaryColumns = "concept.uri, concept.kind, concept.code, concept.preferredNl, concept.preferredEn, concept.obsolete"
}
