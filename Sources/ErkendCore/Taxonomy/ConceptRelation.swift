/// "`narrower` has broader concept `broader`": the edges of the skills and
/// occupations hierarchies. Together they form a DAG, not a tree: a skill may
/// have several broader concepts.
public struct BroaderRelation: Hashable, Sendable, Codable {
    public var narrower: ConceptURI
    public var broader: ConceptURI

    public init(narrower: ConceptURI, broader: ConceptURI) {
        self.narrower = narrower
        self.broader = broader
    }
}

/// Whether an occupation (or a skill) needs another skill always or sometimes.
public enum RequirementKind: String, Sendable, Codable, CaseIterable {
    case essential
    case optional
}

/// An occupation needs a skill, essentially or optionally.
public struct OccupationSkillRelation: Hashable, Sendable, Codable {
    public var occupation: ConceptURI
    public var skill: ConceptURI
    public var requirement: RequirementKind

    public init(occupation: ConceptURI, skill: ConceptURI, requirement: RequirementKind) {
        self.occupation = occupation
        self.skill = skill
        self.requirement = requirement
    }
}

/// A skill relies on another skill, essentially or optionally.
public struct SkillSkillRelation: Hashable, Sendable, Codable {
    public var skill: ConceptURI
    public var relatedSkill: ConceptURI
    public var requirement: RequirementKind

    public init(skill: ConceptURI, relatedSkill: ConceptURI, requirement: RequirementKind) {
        self.skill = skill
        self.relatedSkill = relatedSkill
        self.requirement = requirement
    }
}
