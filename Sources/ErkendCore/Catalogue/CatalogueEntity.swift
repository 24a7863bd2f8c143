public import Foundation

/// What every versioned catalogue entity has: identity (code and version), its
/// place in the lifecycle, and the references validation and reuse reports follow.
public protocol CatalogueEntity: Hashable, Sendable, Codable {
    static var kind: CatalogueKind { get }

    var code: String { get set }
    var version: Int { get set }
    var status: LifecycleStatus { get set }
    var publishedAt: Date? { get set }
    var deprecatedAt: Date? { get set }
    /// The entity that replaces a deprecated one.
    var replacedBy: EntityReference? { get set }

    /// A one-line name for lists and messages.
    var displayTitle: String { get }
    var level: QualificationLevel { get }
    /// Every reference to another catalogue entity, with its kind and the role it plays.
    var references: [CatalogueLink] { get }
    /// Skills this entity is aligned to directly.
    var skillAlignments: [SkillAlignment] { get }

    /// Checks the entity on its own (fields, ranges, codes), without looking at others.
    func validateShape() throws
}

extension CatalogueEntity {
    public var key: VersionKey { VersionKey(Self.kind, code, version) }
}

/// One reference from an entity to another, for validation and reuse queries.
public struct CatalogueLink: Hashable, Sendable, Codable {
    public enum Role: String, Sendable, Codable {
        case outcome, prerequisite, stackableToward, unit, choice, epa, replacedBy
    }
    public var kind: CatalogueKind
    public var target: EntityReference
    public var role: Role
    /// Where in the entity the reference sits, e.g. `phases[1].units[0]`.
    public var path: String

    public init(kind: CatalogueKind, target: EntityReference, role: Role, path: String) {
        self.kind = kind
        self.target = target
        self.role = role
        self.path = path
    }
}

/// How a learning outcome or EPA relates to a skill of the framework.
public enum AlignmentRelation: String, Sendable, Codable, CaseIterable {
    /// The outcome is the skill.
    case exact
    /// The skill is broader than the outcome.
    case broader
    /// The skill is narrower than the outcome.
    case narrower
    case related
}

/// An alignment to a taxonomy skill.
public struct SkillAlignment: Hashable, Sendable, Codable {
    public var skill: ConceptURI
    public var relation: AlignmentRelation

    public init(skill: ConceptURI, relation: AlignmentRelation = .exact) {
        self.skill = skill
        self.relation = relation
    }
}

/// Any of the four entity kinds, for code that handles them alike (bundles, validation).
public enum AnyCatalogueEntity: Hashable, Sendable {
    case outcome(LearningOutcome)
    case unit(LearningUnit)
    case epa(EPA)
    case programme(Programme)

    public var entity: any CatalogueEntity {
        switch self {
        case .outcome(let value): value
        case .unit(let value): value
        case .epa(let value): value
        case .programme(let value): value
        }
    }

    public var kind: CatalogueKind {
        switch self {
        case .outcome: .outcome
        case .unit: .unit
        case .epa: .epa
        case .programme: .programme
        }
    }

    public var key: VersionKey { VersionKey(kind, entity.code, entity.version) }
    public var status: LifecycleStatus { entity.status }

    public init(_ entity: any CatalogueEntity) {
        switch entity {
        case let value as LearningOutcome: self = .outcome(value)
        case let value as LearningUnit: self = .unit(value)
        case let value as EPA: self = .epa(value)
        case let value as Programme: self = .programme(value)
        default: preconditionFailure("unknown catalogue entity \(type(of: entity))")
        }
    }

    /// Applies a change to the lifecycle fields, whatever the kind.
    public func withLifecycle(_ change: (inout LifecycleFields) -> Void) -> AnyCatalogueEntity {
        func apply<E: CatalogueEntity>(_ value: E) -> E {
            var value = value
            var fields = LifecycleFields(value)
            change(&fields)
            fields.apply(to: &value)
            return value
        }
        switch self {
        case .outcome(let value): return .outcome(apply(value))
        case .unit(let value): return .unit(apply(value))
        case .epa(let value): return .epa(apply(value))
        case .programme(let value): return .programme(apply(value))
        }
    }
}

/// The lifecycle part of an entity, to change it without knowing the kind.
public struct LifecycleFields: Sendable {
    public var code: String
    public var version: Int
    public var status: LifecycleStatus
    public var publishedAt: Date?
    public var deprecatedAt: Date?
    public var replacedBy: EntityReference?

    init(_ entity: some CatalogueEntity) {
        code = entity.code
        version = entity.version
        status = entity.status
        publishedAt = entity.publishedAt
        deprecatedAt = entity.deprecatedAt
        replacedBy = entity.replacedBy
    }

    func apply<E: CatalogueEntity>(to entity: inout E) {
        entity.code = code
        entity.version = version
        entity.status = status
        entity.publishedAt = publishedAt
        entity.deprecatedAt = deprecatedAt
        entity.replacedBy = replacedBy
    }
}

extension SkillAlignment {
    public init(from decoder: any Decoder) throws {
        try StrictDecoding.rejectUnknownKeys(decoder, CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        skill = try container.decode(ConceptURI.self, forKey: .skill)
        relation = try container.decodeIfPresent(AlignmentRelation.self, forKey: .relation) ?? .exact
    }
}
