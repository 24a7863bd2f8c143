public import Foundation

/// An entrustable professional activity: a unit of professional work that a
/// learner is entrusted with, at a level of supervision, once competent.
public struct EPA: CatalogueEntity {
    public static let kind = CatalogueKind.epa

    public var code: String
    public var version: Int
    public var status: LifecycleStatus
    public var title: LocalizedText
    public var description: LocalizedText
    /// What the EPA does not cover, and the contexts where entrustment does not apply.
    public var limitations: LocalizedText
    public var outcomes: [EntityReference]
    public var skills: [SkillAlignment]
    /// Sources of information for assessment: observation, product assessment, criterion-based interview…
    public var assessmentSources: [String]
    public var level: QualificationLevel
    public var scale: EntrustmentScale
    public var decisionRule: DecisionRule
    /// How fast entrustment goes stale; `nil` uses the default half-life.
    public var skillHalfLifeYears: Double?
    public var publishedAt: Date?
    public var deprecatedAt: Date?
    public var replacedBy: EntityReference?

    public init(
        code: String, version: Int = 1, status: LifecycleStatus = .draft, title: LocalizedText,
        description: LocalizedText = LocalizedText(), limitations: LocalizedText = LocalizedText(),
        outcomes: [EntityReference] = [], skills: [SkillAlignment] = [], assessmentSources: [String] = [],
        level: QualificationLevel = QualificationLevel(), scale: EntrustmentScale = .standard,
        decisionRule: DecisionRule = .standard, skillHalfLifeYears: Double? = nil,
        publishedAt: Date? = nil, deprecatedAt: Date? = nil, replacedBy: EntityReference? = nil
    ) {
        self.code = code
        self.version = version
        self.status = status
        self.title = title
        self.description = description
        self.limitations = limitations
        self.outcomes = outcomes
        self.skills = skills
        self.assessmentSources = assessmentSources
        self.level = level
        self.scale = scale
        self.decisionRule = decisionRule
        self.skillHalfLifeYears = skillHalfLifeYears
        self.publishedAt = publishedAt
        self.deprecatedAt = deprecatedAt
        self.replacedBy = replacedBy
    }

    public var displayTitle: String { title.best() ?? code }
    public var skillAlignments: [SkillAlignment] { skills }

    public var references: [CatalogueLink] {
        var links = outcomes.enumerated().map {
            CatalogueLink(kind: .outcome, target: $0.element, role: .outcome, path: "outcomes[\($0.offset)]")
        }
        if let replacedBy { links.append(CatalogueLink(kind: .epa, target: replacedBy, role: .replacedBy, path: "replacedBy")) }
        return links
    }

    public func validateShape() throws {
        try CatalogueCode.validate(code)
        guard !title.isEmpty else { throw ErkendError.invalid("title", "an EPA needs a title in Dutch or English") }
        try level.validate(at: "level")
        try scale.validate(at: "scale")
        try decisionRule.validate(at: "decisionRule")
        try SkillAlignment.checkUnique(skills, at: "skills")
        if let skillHalfLifeYears, !(skillHalfLifeYears > 0 && skillHalfLifeYears <= 100) {
            throw ErkendError.invalid("skillHalfLifeYears", "must be more than 0 and at most 100 years, got \(skillHalfLifeYears)")
        }
    }
}

extension EPA {
    /// Fields other than `code` and the main text may be left out; unknown fields are refused.
    public init(from decoder: any Decoder) throws {
        try StrictDecoding.rejectUnknownKeys(decoder, CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        version = try container.decodeIfPresent(Int.self, forKey: .version) ?? 1
        status = try container.decodeIfPresent(LifecycleStatus.self, forKey: .status) ?? .draft
        publishedAt = try container.decodeIfPresent(Date.self, forKey: .publishedAt)
        deprecatedAt = try container.decodeIfPresent(Date.self, forKey: .deprecatedAt)
        replacedBy = try container.decodeIfPresent(EntityReference.self, forKey: .replacedBy)
        title = try container.decode(LocalizedText.self, forKey: .title)
        description = try container.decodeIfPresent(LocalizedText.self, forKey: .description) ?? LocalizedText()
        limitations = try container.decodeIfPresent(LocalizedText.self, forKey: .limitations) ?? LocalizedText()
        outcomes = try container.decodeIfPresent([EntityReference].self, forKey: .outcomes) ?? []
        skills = try container.decodeIfPresent([SkillAlignment].self, forKey: .skills) ?? []
        assessmentSources = try container.decodeIfPresent([String].self, forKey: .assessmentSources) ?? []
        level = try container.decodeIfPresent(QualificationLevel.self, forKey: .level) ?? QualificationLevel()
        scale = try container.decodeIfPresent(EntrustmentScale.self, forKey: .scale) ?? .standard
        decisionRule = try container.decodeIfPresent(DecisionRule.self, forKey: .decisionRule) ?? .standard
        skillHalfLifeYears = try container.decodeIfPresent(Double.self, forKey: .skillHalfLifeYears)
    }
}
