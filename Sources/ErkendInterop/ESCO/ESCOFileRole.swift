import ErkendCore
import Foundation

/// What an ESCO file is, told from its name the way ESCO's download packages
/// name them (`skills_en.csv`, `broaderRelationsSkillPillar.csv`,
/// `digitalSkillsCollection_en.csv`, `occupations_nl_v1.2.0.csv`).
enum ESCOFileRole: Hashable, Sendable {
    /// A primary concept file of one kind, in one language.
    case concepts(ConceptKind)
    /// A skills collection (`digital`, `transversal`, `ict`…): labels of its skills and their membership.
    case collection(name: String)
    /// `conceptUri` has broader `broaderUri`; the pillar as ESCO names it (`skill`, `occupation`).
    case broaderRelations(pillar: String)
    case occupationSkillRelations
    case skillSkillRelations
    /// A file the importer does not read, and why.
    case skipped(reason: String)

    /// Recognises a file by its name (not its path); names are matched without
    /// regard to case, since people rename files by hand.
    init(fileName: String) {
        let name = fileName.lowercased()
        guard name.hasSuffix(".csv") else {
            self = .skipped(reason: "skipped: not a CSV file")
            return
        }
        let prefixes: [(String, ESCOFileRole)] = [
            ("skills_", .concepts(.skill)),
            ("skillgroups_", .concepts(.skillGroup)),
            ("occupations_", .concepts(.occupation)),
            ("iscogroups_", .concepts(.iscoGroup)),
            ("broaderrelationsskillpillar", .broaderRelations(pillar: "skill")),
            ("broaderrelationsoccpillar", .broaderRelations(pillar: "occupation")),
            ("occupationskillrelations", .occupationSkillRelations),
            ("skillskillrelations", .skillSkillRelations),
            ("skillshierarchy_", .skipped(reason: "skipped: derived view of skill groups and broader relations")),
            ("conceptschemes_", .skipped(reason: "skipped: concept schemes are not stored")),
        ]
        if let match = prefixes.first(where: { name.hasPrefix($0.0) }) {
            self = match.1
        } else if let range = name.range(of: "skillscollection_"), range.lowerBound != name.startIndex {
            // The collection keeps the spelling of the file name: `digComp`, `ict`.
            let length = name.distance(from: name.startIndex, to: range.lowerBound)
            self = .collection(name: String(fileName.prefix(length)))
        } else {
            self = .skipped(reason: "skipped: not an ESCO file Erkend reads")
        }
    }

    /// Whether rows of this file are concepts that need a language.
    var needsLanguage: Bool {
        switch self {
        case .concepts, .collection: true
        default: false
        }
    }

    /// A primary concept file: the one kind of file that makes a list of concepts complete.
    var isConceptFile: Bool {
        if case .concepts = self { return true }
        return false
    }

    /// The order files are read in: concept files before the files that refer to them.
    var readingRank: Int {
        switch self {
        case .concepts: 0
        case .collection: 1
        case .broaderRelations: 2
        case .occupationSkillRelations: 3
        case .skillSkillRelations: 4
        case .skipped: 5
        }
    }

    /// The language of a concept file from the part of its name after the first
    /// `_`: `skills_en.csv` → `en`, `occupations_nl_v1.2.0.csv` → `nl`;
    /// written as BCP 47 writes it: `nl`, `pt-PT`.
    static func language(fromFileName fileName: String) -> String? {
        let stem = fileName.dropLast(".csv".count)
        let parts = stem.split(separator: "_").dropFirst()
        guard let code = parts.first(where: isLanguageCode) else { return nil }
        let subtags = code.split(separator: "-")
        return ([subtags[0].lowercased()] + subtags.dropFirst().map { $0.uppercased() }).joined(separator: "-")
    }

    /// Two letters as ESCO's languages are, optionally a region: `nl`, `en`, `pt-br`.
    private static func isLanguageCode(_ text: Substring) -> Bool {
        let pieces = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = pieces.first, primary.count == 2,
            primary.allSatisfy({ $0.isASCII && $0.isLetter }), pieces.count <= 2
        else { return false }
        return pieces.count == 1 || pieces[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    /// How `ImportedFile.role` describes the file.
    func describe(language: String?) -> String {
        let suffix = language.map { " (\($0))" } ?? ""
        switch self {
        case .concepts(.skill): return "skills" + suffix
        case .concepts(.skillGroup): return "skill groups" + suffix
        case .concepts(.occupation): return "occupations" + suffix
        case .concepts(.iscoGroup): return "ISCO groups" + suffix
        case .collection(let name): return "\(name) skills collection" + suffix
        case .broaderRelations(let pillar): return "broader relations (\(pillar) pillar)"
        case .occupationSkillRelations: return "occupation–skill relations"
        case .skillSkillRelations: return "skill–skill relations"
        case .skipped(let reason): return reason
        }
    }
}
