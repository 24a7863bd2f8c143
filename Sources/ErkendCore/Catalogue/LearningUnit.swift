public import Foundation

/// A learning unit (leereenheid): the stackable building block — a module, a
/// keuzedeel, a micro-credential. It carries every element the EU Council
/// Recommendation on micro-credentials (2022) asks for that belongs to the unit
/// itself; learner, issuer and date are added when an award is made.
public struct LearningUnit: CatalogueEntity {
    public static let kind = CatalogueKind.unit

    public enum UnitKind: String, Sendable, Codable, CaseIterable {
        case module, keuzedeel, microcredential, course, workplaceLearning = "workplace-learning", other
    }

    /// Annex I: form of participation in the learning activity.
    public enum Participation: String, Sendable, Codable, CaseIterable {
        case onsite, online, blended, workplace
    }

    /// Annex I: integration/stackability options.
    public enum StackabilityOption: String, Sendable, Codable, CaseIterable {
        /// An independent micro-credential.
        case standalone
        /// Integrated, stackable towards another credential.
        case stackable
    }

    public var code: String
    public var version: Int
    public var status: LifecycleStatus
    public var unitKind: UnitKind
    public var title: LocalizedText
    public var description: LocalizedText
    /// Annex I: learning outcomes.
    public var outcomes: [EntityReference]
    /// Annex I: notional workload (ECTS where possible; SBU in mbo).
    public var workload: Workload
    /// Annex I: level (EQF, and NLQF).
    public var level: QualificationLevel
    /// Annex I: type of assessment, and (optional element) supervision and identity verification.
    public var assessment: Assessment
    public var participation: Participation
    /// Annex I: type of quality assurance used to underpin the unit.
    public var qualityAssurance: LocalizedText
    /// Languages of instruction and assessment, ISO 639-1 (`nl`, `en`).
    public var languages: [String]
    /// Optional element: units to finish before enrolling.
    public var prerequisites: [EntityReference]
    public var stackability: StackabilityOption
    /// Programmes this unit counts toward.
    public var stackableToward: [EntityReference]
    /// How long an award of this unit stays valid, if it expires at all.
    public var validityMonths: Int?
    /// How fast the skills this unit gives go stale; `nil` uses the default half-life.
    public var skillHalfLifeYears: Double?
    /// Optional element: where to read more.
    public var furtherInformation: String?
    public var publishedAt: Date?
    public var deprecatedAt: Date?
    public var replacedBy: EntityReference?

    public init(
        code: String, version: Int = 1, status: LifecycleStatus = .draft, unitKind: UnitKind = .module,
        title: LocalizedText, description: LocalizedText = LocalizedText(), outcomes: [EntityReference] = [],
        workload: Workload = Workload(), level: QualificationLevel = QualificationLevel(),
        assessment: Assessment = Assessment(), participation: Participation = .onsite,
        qualityAssurance: LocalizedText = LocalizedText(), languages: [String] = ["nl"],
        prerequisites: [EntityReference] = [], stackability: StackabilityOption = .stackable,
        stackableToward: [EntityReference] = [], validityMonths: Int? = nil, skillHalfLifeYears: Double? = nil,
        furtherInformation: String? = nil, publishedAt: Date? = nil, deprecatedAt: Date? = nil,
        replacedBy: EntityReference? = nil
    ) {
        self.code = code
        self.version = version
        self.status = status
        self.unitKind = unitKind
        self.title = title
        self.description = description
        self.outcomes = outcomes
        self.workload = workload
        self.level = level
        self.assessment = assessment
        self.participation = participation
        self.qualityAssurance = qualityAssurance
        self.languages = languages
        self.prerequisites = prerequisites
        self.stackability = stackability
        self.stackableToward = stackableToward
        self.validityMonths = validityMonths
        self.skillHalfLifeYears = skillHalfLifeYears
        self.furtherInformation = furtherInformation
        self.publishedAt = publishedAt
        self.deprecatedAt = deprecatedAt
        self.replacedBy = replacedBy
    }

    public var displayTitle: String { title.best() ?? code }
    public var skillAlignments: [SkillAlignment] { [] }

    public var references: [CatalogueLink] {
        var links: [CatalogueLink] = []
        for (index, outcome) in outcomes.enumerated() {
            links.append(CatalogueLink(kind: .outcome, target: outcome, role: .outcome, path: "outcomes[\(index)]"))
        }
        for (index, unit) in prerequisites.enumerated() {
            links.append(CatalogueLink(kind: .unit, target: unit, role: .prerequisite, path: "prerequisites[\(index)]"))
        }
        for (index, programme) in stackableToward.enumerated() {
            links.append(CatalogueLink(kind: .programme, target: programme, role: .stackableToward, path: "stackableToward[\(index)]"))
        }
        if let replacedBy { links.append(CatalogueLink(kind: .unit, target: replacedBy, role: .replacedBy, path: "replacedBy")) }
        return links
    }

    public func validateShape() throws {
        try CatalogueCode.validate(code)
        guard !title.isEmpty else { throw ErkendError.invalid("title", "a learning unit needs a title in Dutch or English") }
        try workload.validate(at: "workload")
        try level.validate(at: "level")
        for (index, language) in languages.enumerated() where !LanguageCode.isValid(language) {
            throw ErkendError.invalid("languages[\(index)]", "'\(language)' is not a two- or three-letter language code such as nl or en")
        }
        if let validityMonths, !(1...600).contains(validityMonths) {
            throw ErkendError.invalid("validityMonths", "must be 1 to 600, got \(validityMonths)")
        }
        if let skillHalfLifeYears, !(skillHalfLifeYears > 0 && skillHalfLifeYears <= 100) {
            throw ErkendError.invalid("skillHalfLifeYears", "must be more than 0 and at most 100 years, got \(skillHalfLifeYears)")
        }
        if let furtherInformation, !(furtherInformation.hasPrefix("https://") || furtherInformation.hasPrefix("http://")) {
            throw ErkendError.invalid("furtherInformation", "must be an http(s) URL")
        }
        if prerequisites.contains(where: { $0.code == code }) {
            throw ErkendError.invalid("prerequisites", "a unit cannot be its own prerequisite")
        }
    }
}

/// How a unit is assessed (Annex I: type of assessment; optional: supervision and identity verification).
public struct Assessment: Hashable, Sendable, Codable {
    public enum Method: String, Sendable, Codable, CaseIterable {
        case writtenExam = "written-exam"
        case practicalAssignment = "practical-assignment"
        case workplaceAssessment = "workplace-assessment"
        case portfolio
        case criterionBasedInterview = "criterion-based-interview"
        case project
        case presentation
        case observation
        case other
    }

    public enum Supervision: String, Sendable, Codable, CaseIterable {
        case unsupervisedWithoutIdentityVerification = "unsupervised-without-identity-verification"
        case supervisedWithoutIdentityVerification = "supervised-without-identity-verification"
        case supervisedOnlineWithIdentityVerification = "supervised-online-with-identity-verification"
        case supervisedOnsiteWithIdentityVerification = "supervised-onsite-with-identity-verification"
    }

    public var method: Method
    public var description: LocalizedText
    public var supervision: Supervision?
    /// How results are expressed: `pass/fail`, `1-10`, or a scheme of the institution's own.
    public var grading: String?

    public init(method: Method = .practicalAssignment, description: LocalizedText = LocalizedText(), supervision: Supervision? = nil, grading: String? = nil) {
        self.method = method
        self.description = description
        self.supervision = supervision
        self.grading = grading
    }
}

/// ISO 639 language codes as used for languages of instruction.
public enum LanguageCode {
    public static func isValid(_ code: String) -> Bool {
        (2...3).contains(code.count) && code.allSatisfy { $0.isASCII && $0.isLowercase }
    }
}

extension LearningUnit {
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
        unitKind = try container.decodeIfPresent(UnitKind.self, forKey: .unitKind) ?? .module
        title = try container.decode(LocalizedText.self, forKey: .title)
        description = try container.decodeIfPresent(LocalizedText.self, forKey: .description) ?? LocalizedText()
        outcomes = try container.decodeIfPresent([EntityReference].self, forKey: .outcomes) ?? []
        workload = try container.decodeIfPresent(Workload.self, forKey: .workload) ?? Workload()
        level = try container.decodeIfPresent(QualificationLevel.self, forKey: .level) ?? QualificationLevel()
        assessment = try container.decodeIfPresent(Assessment.self, forKey: .assessment) ?? Assessment()
        participation = try container.decodeIfPresent(Participation.self, forKey: .participation) ?? .onsite
        qualityAssurance = try container.decodeIfPresent(LocalizedText.self, forKey: .qualityAssurance) ?? LocalizedText()
        languages = try container.decodeIfPresent([String].self, forKey: .languages) ?? []
        prerequisites = try container.decodeIfPresent([EntityReference].self, forKey: .prerequisites) ?? []
        stackability = try container.decodeIfPresent(StackabilityOption.self, forKey: .stackability) ?? .stackable
        stackableToward = try container.decodeIfPresent([EntityReference].self, forKey: .stackableToward) ?? []
        validityMonths = try container.decodeIfPresent(Int.self, forKey: .validityMonths)
        skillHalfLifeYears = try container.decodeIfPresent(Double.self, forKey: .skillHalfLifeYears)
        furtherInformation = try container.decodeIfPresent(String.self, forKey: .furtherInformation)
    }
}

extension Assessment {
    public init(from decoder: any Decoder) throws {
        try StrictDecoding.rejectUnknownKeys(decoder, CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decodeIfPresent(Method.self, forKey: .method) ?? .practicalAssignment
        description = try container.decodeIfPresent(LocalizedText.self, forKey: .description) ?? LocalizedText()
        supervision = try container.decodeIfPresent(Supervision.self, forKey: .supervision)
        grading = try container.decodeIfPresent(String.self, forKey: .grading)
    }
}
