/// A search over skills (and skill groups) by label.
public struct SkillQuery: Hashable, Sendable {
    /// Words to look for in preferred and alternative labels; the last word matches as a prefix.
    public var text: String?
    /// Restrict matching to labels in this language (`nl`, `en`); `nil` searches all.
    public var language: String?
    public var kinds: Set<ConceptKind>
    public var skillType: SkillType?
    public var reuseLevel: ReuseLevel?
    public var includeObsolete: Bool
    public var page: PageRequest

    public init(
        text: String? = nil, language: String? = nil, kinds: Set<ConceptKind> = [.skill],
        skillType: SkillType? = nil, reuseLevel: ReuseLevel? = nil, includeObsolete: Bool = false,
        page: PageRequest = .first
    ) {
        self.text = text
        self.language = language
        self.kinds = kinds
        self.skillType = skillType
        self.reuseLevel = reuseLevel
        self.includeObsolete = includeObsolete
        self.page = page
    }
}

/// An occupation that needs a skill, or a skill an occupation needs.
public struct Requirement: Hashable, Sendable, Codable {
    public var concept: ConceptSummary
    public var requirement: RequirementKind
    public init(concept: ConceptSummary, requirement: RequirementKind) {
        self.concept = concept
        self.requirement = requirement
    }
}

/// The short form of a concept used in lists.
public struct ConceptSummary: Hashable, Sendable, Codable {
    public var uri: ConceptURI
    public var kind: ConceptKind
    public var code: String?
    public var preferredLabel: LocalizedText
    public var isObsolete: Bool

    public init(uri: ConceptURI, kind: ConceptKind, code: String?, preferredLabel: LocalizedText, isObsolete: Bool) {
        self.uri = uri
        self.kind = kind
        self.code = code
        self.preferredLabel = preferredLabel
        self.isObsolete = isObsolete
    }

    public init(_ concept: Concept) {
        self.init(uri: concept.uri, kind: concept.kind, code: concept.code, preferredLabel: concept.preferredLabel, isObsolete: concept.isObsolete)
    }
}

/// Storage of the skills framework. Implementations write a batch in one
/// transaction: either all of it is stored or none of it.
public protocol TaxonomyRepository: Sendable {
    /// Stores a checked batch. Throws `ErkendError` with code `.importFailed` when a
    /// relation names a concept that is neither in the batch nor stored, or when the
    /// broader relations would form a cycle; nothing is written then.
    func apply(_ batch: TaxonomyBatch, mode: TaxonomyImportMode) async throws -> TaxonomyImportSummary

    func concept(_ uri: ConceptURI) async throws -> Concept?
    /// Concepts whose URI ends in `key` (an ESCO UUID or code); usually one.
    func concepts(key: String) async throws -> [Concept]
    func search(_ query: SkillQuery) async throws -> Page<ConceptSummary>
    func broader(of uri: ConceptURI) async throws -> [ConceptSummary]
    func narrower(of uri: ConceptURI) async throws -> [ConceptSummary]
    /// Occupations that need the skill.
    func occupations(requiring skill: ConceptURI) async throws -> [Requirement]
    /// Skills the occupation needs.
    func skills(requiredBy occupation: ConceptURI) async throws -> [Requirement]
    /// Skills related to the skill by ESCO's skill–skill relations.
    func relatedSkills(of skill: ConceptURI) async throws -> [Requirement]
    func occupations(page: PageRequest, text: String?) async throws -> Page<ConceptSummary>
    /// The subset of `uris` that the store knows.
    func existing(_ uris: Set<ConceptURI>) async throws -> Set<ConceptURI>
    /// The subset of `uris` that the store knows and has marked obsolete.
    func obsolete(among uris: Set<ConceptURI>) async throws -> Set<ConceptURI>
    func stats() async throws -> TaxonomyStats
}
