public import Foundation

/// A learning outcome (leeruitkomst): what a learner knows or can do, at a
/// level, aligned to skills of the framework.
public struct LearningOutcome: CatalogueEntity {
    public static let kind = CatalogueKind.outcome

    public var code: String
    public var version: Int
    public var status: LifecycleStatus
    public var statement: LocalizedText
    public var level: QualificationLevel
    public var alignments: [SkillAlignment]
    public var publishedAt: Date?
    public var deprecatedAt: Date?
    public var replacedBy: EntityReference?

    public init(
        code: String, version: Int = 1, status: LifecycleStatus = .draft, statement: LocalizedText,
        level: QualificationLevel = QualificationLevel(), alignments: [SkillAlignment] = [],
        publishedAt: Date? = nil, deprecatedAt: Date? = nil, replacedBy: EntityReference? = nil
    ) {
        self.code = code
        self.version = version
        self.status = status
        self.statement = statement
        self.level = level
        self.alignments = alignments
        self.publishedAt = publishedAt
        self.deprecatedAt = deprecatedAt
        self.replacedBy = replacedBy
    }

    public var displayTitle: String { statement.best() ?? code }
    public var skillAlignments: [SkillAlignment] { alignments }

    public var references: [CatalogueLink] {
        replacedBy.map { [CatalogueLink(kind: .outcome, target: $0, role: .replacedBy, path: "replacedBy")] } ?? []
    }

    public func validateShape() throws {
        try CatalogueCode.validate(code)
        guard !statement.isEmpty else { throw ErkendError.invalid("statement", "a learning outcome needs a statement in Dutch or English") }
        try level.validate(at: "level")
        try SkillAlignment.checkUnique(alignments, at: "alignments")
    }
}

extension SkillAlignment {
    static func checkUnique(_ alignments: [SkillAlignment], at location: String) throws {
        var seen = Set<ConceptURI>()
        for (index, alignment) in alignments.enumerated() where !seen.insert(alignment.skill).inserted {
            throw ErkendError.invalid("\(location)[\(index)]", "skill \(alignment.skill) is aligned twice")
        }
    }
}

extension LearningOutcome {
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
        statement = try container.decode(LocalizedText.self, forKey: .statement)
        level = try container.decodeIfPresent(QualificationLevel.self, forKey: .level) ?? QualificationLevel()
        alignments = try container.decodeIfPresent([SkillAlignment].self, forKey: .alignments) ?? []
    }
}
