import ErkendCore

/// The values of ESCO's `conceptType`, `broaderType` and similar columns, and
/// the kind of concept each one is in Erkend.
enum ESCOConceptType: String, CaseIterable {
    case knowledgeSkillCompetence = "KnowledgeSkillCompetence"
    case skillGroup = "SkillGroup"
    case occupation = "Occupation"
    case iscoGroup = "ISCOGroup"

    init(_ kind: ConceptKind) {
        switch kind {
        case .skill: self = .knowledgeSkillCompetence
        case .skillGroup: self = .skillGroup
        case .occupation: self = .occupation
        case .iscoGroup: self = .iscoGroup
        }
    }

    var kind: ConceptKind {
        switch self {
        case .knowledgeSkillCompetence: .skill
        case .skillGroup: .skillGroup
        case .occupation: .occupation
        case .iscoGroup: .iscoGroup
        }
    }
}
