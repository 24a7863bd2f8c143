/// What kind of thing a taxonomy concept is.
public enum ConceptKind: String, Sendable, Codable, CaseIterable {
    /// A skill, competence or knowledge concept (ESCO `KnowledgeSkillCompetence`).
    case skill
    /// A node of the skills hierarchy above the skills (ESCO `SkillGroup`).
    case skillGroup
    case occupation
    /// An ISCO-08 group above the occupations.
    case iscoGroup
}

/// ESCO's distinction between what one can do and what one knows.
public enum SkillType: String, Sendable, Codable, CaseIterable {
    case skillCompetence = "skill/competence"
    case knowledge
}

/// How widely a skill applies across occupations.
public enum ReuseLevel: String, Sendable, Codable, CaseIterable {
    case transversal
    case crossSector = "cross-sector"
    case sectorSpecific = "sector-specific"
    case occupationSpecific = "occupation-specific"
}

/// A concept of a skills framework as Erkend keeps it: identity, labels per
/// language, and the attributes search and browsing need. Concepts are never
/// deleted; a concept that disappears from a newer release is marked obsolete,
/// because learning units may still point at it.
public struct Concept: Hashable, Sendable, Codable {
    public var uri: ConceptURI
    public var kind: ConceptKind
    /// The framework's own code: `S1.2.3` for a skill group, `2221.2` for an occupation, `2221` for ISCO.
    public var code: String?
    public var preferredLabel: LocalizedText
    /// Alternative labels per language; search finds a concept by these too.
    public var altLabels: [String: [String]]
    public var description: LocalizedText
    public var skillType: SkillType?
    public var reuseLevel: ReuseLevel?
    /// The ISCO-08 unit group of an occupation.
    public var iscoGroup: String?
    /// ESCO collections this concept belongs to (`digital`, `transversal`, `green`, `ict`…).
    public var collections: [String]
    /// The framework's own modification timestamp, as written in the source.
    public var modified: String?
    public var isObsolete: Bool

    public init(
        uri: ConceptURI, kind: ConceptKind, code: String? = nil, preferredLabel: LocalizedText,
        altLabels: [String: [String]] = [:], description: LocalizedText = LocalizedText(),
        skillType: SkillType? = nil, reuseLevel: ReuseLevel? = nil, iscoGroup: String? = nil,
        collections: [String] = [], modified: String? = nil, isObsolete: Bool = false
    ) {
        self.uri = uri
        self.kind = kind
        self.code = code
        self.preferredLabel = preferredLabel
        self.altLabels = altLabels
        self.description = description
        self.skillType = skillType
        self.reuseLevel = reuseLevel
        self.iscoGroup = iscoGroup
        self.collections = collections
        self.modified = modified
        self.isObsolete = isObsolete
    }
}
