/// What one row of a concept file says about a concept, in one language.
/// Attributes that are `nil` were not in the file and leave stored values alone,
/// so a Dutch labels file can add labels without erasing what the English file set.
public struct ConceptStatement: Hashable, Sendable {
    public var uri: ConceptURI
    public var kind: ConceptKind
    public var language: String
    public var preferredLabel: String?
    public var altLabels: [String]?
    /// Labels for finding the concept that are not shown (misspellings, older titles);
    /// ESCO's `hiddenLabels`.
    public var hiddenLabels: [String]?
    public var description: String?
    public var code: String?
    public var skillType: SkillType?
    public var reuseLevel: ReuseLevel?
    public var iscoGroup: String?
    public var collection: String?
    public var modified: String?
    /// `true` when the file itself marks the concept obsolete.
    public var isObsolete: Bool?
    /// Where the statement came from, e.g. `skills_en.csv:1234`, for messages.
    public var source: String

    public init(
        uri: ConceptURI, kind: ConceptKind, language: String, preferredLabel: String? = nil,
        altLabels: [String]? = nil, hiddenLabels: [String]? = nil, description: String? = nil, code: String? = nil,
        skillType: SkillType? = nil, reuseLevel: ReuseLevel? = nil, iscoGroup: String? = nil,
        collection: String? = nil, modified: String? = nil, isObsolete: Bool? = nil, source: String
    ) {
        self.uri = uri
        self.kind = kind
        self.language = language
        self.preferredLabel = preferredLabel
        self.altLabels = altLabels
        self.hiddenLabels = hiddenLabels
        self.description = description
        self.code = code
        self.skillType = skillType
        self.reuseLevel = reuseLevel
        self.iscoGroup = iscoGroup
        self.collection = collection
        self.modified = modified
        self.isObsolete = isObsolete
        self.source = source
    }
}

/// A relation together with where it was read, for messages.
public struct Sourced<Value: Hashable & Sendable>: Hashable, Sendable {
    public var value: Value
    public var source: String
    public init(_ value: Value, source: String) {
        self.value = value
        self.source = source
    }
}

/// Everything read from one taxonomy import (a folder of ESCO files), parsed and
/// checked for shape, not yet written. Storing it is one transaction.
public struct TaxonomyBatch: Sendable {
    public var statements: [ConceptStatement] = []
    public var broader: [Sourced<BroaderRelation>] = []
    public var occupationSkills: [Sourced<OccupationSkillRelation>] = []
    public var skillSkills: [Sourced<SkillSkillRelation>] = []
    /// Files that were read, with their row counts, in reading order.
    public var files: [ImportedFile] = []
    /// Things worth telling the user that did not stop the import.
    public var warnings: [ErkendError.Detail] = []

    public init() {}

    /// The concept kinds this batch holds complete concept files for (English or
    /// other primary files, not label or collection files). With `.release`,
    /// stored concepts of these kinds that the batch does not mention become obsolete.
    public var completeKinds: Set<ConceptKind> = []
}

/// A file the importer read.
public struct ImportedFile: Hashable, Sendable, Codable {
    public var name: String
    public var rows: Int
    /// What the importer took from it (`skills (en)`, `broader relations`), or why it skipped it.
    public var role: String

    public init(name: String, rows: Int, role: String) {
        self.name = name
        self.rows = rows
        self.role = role
    }
}

/// How an import treats concepts it does not mention.
public enum TaxonomyImportMode: String, Sendable, Codable, CaseIterable {
    /// The union: concepts already stored and not in the files stay as they are.
    /// Right for subsets and for adding languages.
    case merge
    /// The files are a complete release of the framework: stored concepts of the
    /// kinds the files cover that are absent from them are marked obsolete (never deleted).
    case release
}

/// What an import did, counted.
public struct TaxonomyImportSummary: Equatable, Sendable, Codable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var madeObsolete = 0
    /// Relations stored after the import that were not there before.
    public var relationsAdded = 0
    /// Relations read that were already stored.
    public var relationsUnchanged = 0
    public var files: [ImportedFile] = []
    public var warnings: [ErkendError.Detail] = []

    public init() {}
}

/// Counts of what the taxonomy holds.
public struct TaxonomyStats: Hashable, Sendable, Codable {
    public var skills: Int
    public var skillGroups: Int
    public var occupations: Int
    public var iscoGroups: Int
    /// All relations: broader edges, occupation–skill and skill–skill links.
    public var relations: Int
    public var obsolete: Int
    /// Labels per language (preferred and alternative), e.g. `["en": 90000, "nl": 400]`.
    public var labelsByLanguage: [String: Int]

    public init(skills: Int, skillGroups: Int, occupations: Int, iscoGroups: Int, relations: Int, obsolete: Int, labelsByLanguage: [String: Int]) {
        self.skills = skills
        self.skillGroups = skillGroups
        self.occupations = occupations
        self.iscoGroups = iscoGroups
        self.relations = relations
        self.obsolete = obsolete
        self.labelsByLanguage = labelsByLanguage
    }
}

extension TaxonomyBatch {
    /// Every concept the batch's relations name, with the source (file and row) of
    /// the first relation that names it: what must exist, in this import or stored.
    public var relationEndpoints: [ConceptURI: String] {
        var endpoints: [ConceptURI: String] = [:]
        func note(_ uri: ConceptURI, _ source: String) { endpoints[uri] = endpoints[uri] ?? source }
        for relation in broader {
            note(relation.value.narrower, relation.source)
            note(relation.value.broader, relation.source)
        }
        for relation in occupationSkills {
            note(relation.value.occupation, relation.source)
            note(relation.value.skill, relation.source)
        }
        for relation in skillSkills {
            note(relation.value.skill, relation.source)
            note(relation.value.relatedSkill, relation.source)
        }
        return endpoints
    }

    /// Refuses the import when relations name concepts that are neither in it nor
    /// stored (`missing`, from `relationEndpoints`), each listed at its source, first 50.
    public static func requireKnown(_ missing: [ConceptURI], endpoints: [ConceptURI: String]) throws {
        guard !missing.isEmpty else { return }
        let ordered = missing.sorted { endpoints[$0]! < endpoints[$1]! }
        let details = ordered.prefix(50).map {
            ErkendError.Detail(location: endpoints[$0]!, message: "\($0) is neither in this import nor in the database")
        }
        throw ErkendError(.importFailed, "\(missing.count) relation(s) name concepts that are not known; import the concept files first or together", details: Array(details))
    }

    /// Refuses the import when its broader relations, together with the stored ones, make a cycle.
    public func requireNoBroaderCycle(stored: some Sequence<BroaderRelation>) throws {
        var edges = Set(broader.map(\.value))
        edges.formUnion(stored)
        if let cycle = BroaderGraph.findCycle(in: edges) {
            let first = broader.first { cycle.contains($0.value.narrower) && cycle.contains($0.value.broader) }
            throw ErkendError(.importFailed, "\(first?.source ?? "broader relations"): these broader relations would make a cycle: \(cycle.map(\.rawValue).joined(separator: " → "))")
        }
    }
}
