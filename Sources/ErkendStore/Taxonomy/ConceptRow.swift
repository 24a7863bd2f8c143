import ErkendCore
import Foundation
import GRDB

/// How a `Concept` sits in the `concept` table. Dutch and English labels get
/// columns of their own (they are nearly all of the data and are read on every
/// search); other languages go to a JSON column.
struct ConceptRow {
    static let columns = "uri, key, kind, code, skillType, reuseLevel, iscoGroup, modified, obsolete, sortLabel, preferredEn, preferredNl, altEn, altNl, descriptionEn, descriptionNl, otherLabels, collections"

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

    static func arguments(for concept: Concept) -> StatementArguments {
        var others: [String: OtherLabels] = [:]
        let languages = Set(concept.preferredLabel.languages + concept.description.languages + Array(concept.altLabels.keys))
        for language in languages where language != "nl" && language != "en" {
            others[language] = OtherLabels(preferred: concept.preferredLabel[language], alt: concept.altLabels[language], description: concept.description[language])
        }
        let otherJSON = others.isEmpty ? nil : (try? ErkendJSON.encoder().encode(others)).map { String(decoding: $0, as: UTF8.self) }
        let values: [(any DatabaseValueConvertible)?] = [
            concept.uri.rawValue, concept.uri.key, concept.kind.rawValue, concept.code,
            concept.skillType?.rawValue, concept.reuseLevel?.rawValue, concept.iscoGroup, concept.modified,
            concept.isObsolete, sortLabel(concept),
            concept.preferredLabel["en"], concept.preferredLabel["nl"],
            concept.altLabels["en"].map { $0.joined(separator: "\n") }, concept.altLabels["nl"].map { $0.joined(separator: "\n") },
            concept.description["en"], concept.description["nl"],
            otherJSON, concept.collections.joined(separator: " "),
        ]
        return StatementArguments(values)
    }

    /// The search document of a concept, in the column order of `conceptSearch`.
    static func searchArguments(id: Int64, concept: Concept) -> StatementArguments {
        var otherPreferred: [String] = []
        var otherAlt: [String] = []
        for language in concept.preferredLabel.languages where language != "nl" && language != "en" {
            otherPreferred.append(concept.preferredLabel[language] ?? "")
        }
        for (language, labels) in concept.altLabels where language != "nl" && language != "en" {
            otherAlt.append(contentsOf: labels)
        }
        return [
            id,
            concept.preferredLabel["nl"] ?? "", (concept.altLabels["nl"] ?? []).joined(separator: "\n"),
            concept.preferredLabel["en"] ?? "", (concept.altLabels["en"] ?? []).joined(separator: "\n"),
            otherPreferred.joined(separator: "\n"), otherAlt.joined(separator: "\n"),
        ]
    }

    static func sortLabel(_ concept: Concept) -> String {
        (concept.preferredLabel.best(["en", "nl"]) ?? concept.uri.rawValue).lowercased()
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
