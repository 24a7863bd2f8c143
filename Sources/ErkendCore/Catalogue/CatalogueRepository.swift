public import Foundation

/// Filters for a catalogue list.
public struct CatalogueFilter: Hashable, Sendable {
    public var status: LifecycleStatus?
    /// Words to find in code and title.
    public var text: String?
    /// Only entities at this NLQF/EQF rank.
    public var level: Int?
    /// Only entities aligned to this skill (directly, or for units through their outcomes).
    public var skill: ConceptURI?
    /// `true`: one row per code, its newest version. `false`: every version.
    public var latestOnly: Bool
    /// Leave drafts out (for people who may only see the published catalogue).
    public var excludeDrafts = false

    public init(status: LifecycleStatus? = nil, text: String? = nil, level: Int? = nil, skill: ConceptURI? = nil, latestOnly: Bool = true) {
        self.status = status
        self.text = text
        self.level = level
        self.skill = skill
        self.latestOnly = latestOnly
    }
}

/// A row of a catalogue list.
public struct CatalogueSummary: Hashable, Sendable, Codable {
    public var kind: CatalogueKind
    public var code: String
    public var version: Int
    public var status: LifecycleStatus
    public var title: String
    public var level: QualificationLevel
    public var publishedAt: Date?

    public init(kind: CatalogueKind, code: String, version: Int, status: LifecycleStatus, title: String, level: QualificationLevel, publishedAt: Date?) {
        self.kind = kind
        self.code = code
        self.version = version
        self.status = status
        self.title = title
        self.level = level
        self.publishedAt = publishedAt
    }

    public init(_ entity: some CatalogueEntity) {
        self.init(kind: type(of: entity).kind, code: entity.code, version: entity.version, status: entity.status,
                  title: entity.displayTitle, level: entity.level, publishedAt: entity.publishedAt)
    }
}

/// An entity that refers to another: "programme SD-25604@1 uses this unit in phases[0].units[2]".
public struct CatalogueUsage: Hashable, Sendable, Codable {
    public var user: CatalogueSummary
    public var role: CatalogueLink.Role
    public var path: String

    public init(user: CatalogueSummary, role: CatalogueLink.Role, path: String) {
        self.user = user
        self.role = role
        self.path = path
    }
}

/// One write to the catalogue, with the state it expects to find, so that
/// concurrent writers cannot overwrite each other's changes unnoticed.
public enum CatalogueChange: Sendable {
    /// Add a version that must not exist yet.
    case insert(AnyCatalogueEntity)
    /// Overwrite a stored version whose status is still `expecting`.
    case replace(AnyCatalogueEntity, expecting: LifecycleStatus)
    /// Remove a version that is still a draft.
    case deleteDraft(VersionKey)
    /// Set what the catalogue says about itself (replacing what it said before).
    case describe(CatalogueDescription)
    /// Append to the audit log, in the same transaction as the other changes.
    case audit(AuditRecord)
}

/// Storage of the versioned catalogue. `write` applies all its changes in one
/// transaction, or none of them: when an expectation fails it throws
/// `ErkendError` with code `.conflict` and leaves the store as it was.
public protocol CatalogueRepository: Sendable {
    func entity(_ key: VersionKey) async throws -> AnyCatalogueEntity?
    /// A version as stored: its status and its JSON, exactly what
    /// `ErkendJSON.encoder()` writes for it, so a settled version can be served
    /// without decoding and encoding it again. A change to the entities' JSON
    /// shape needs a migration that rewrites what is stored.
    func storedJSON(_ key: VersionKey) async throws -> (status: LifecycleStatus, json: String)?
    /// Every version of a code, oldest first; empty when the code is unknown.
    func versions(_ kind: CatalogueKind, code: String) async throws -> [AnyCatalogueEntity]
    func list(_ kind: CatalogueKind, filter: CatalogueFilter, page: PageRequest) async throws -> Page<CatalogueSummary>
    /// Everything in the catalogue, for validation and export.
    func all() async throws -> [AnyCatalogueEntity]
    /// Entities that reference the given code of the given kind.
    func usages(of kind: CatalogueKind, code: String) async throws -> [CatalogueUsage]
    func write(_ changes: [CatalogueChange]) async throws
    /// The catalogue's description, `nil` until an import or an administrator set one.
    func catalogueDescription() async throws -> CatalogueDescription?
}
