/// The catalogue entities a progression rule needs, fetched by the caller
/// beforehand so that the rules stay pure. Resolves references the way the
/// catalogue does: a pinned reference (`CODE@N`) to exactly that version, an
/// unpinned one to the newest published version, or, when no version is
/// published, to the newest version of any status.
public struct CatalogueSnapshot: Hashable, Sendable {
    private var epas: [String: [EPA]]
    private var units: [String: [LearningUnit]]
    private var outcomes: [String: [LearningOutcome]]

    /// Later duplicates of the same code and version replace earlier ones.
    public init(epas: [EPA] = [], units: [LearningUnit] = [], outcomes: [LearningOutcome] = []) {
        self.epas = CatalogueSnapshot.index(epas)
        self.units = CatalogueSnapshot.index(units)
        self.outcomes = CatalogueSnapshot.index(outcomes)
    }

    public func epa(_ reference: EntityReference) -> EPA? { CatalogueSnapshot.resolve(reference, in: epas) }
    public func epa(_ reference: ExactReference) -> EPA? { CatalogueSnapshot.resolve(reference.reference, in: epas) }
    public func unit(_ reference: EntityReference) -> LearningUnit? { CatalogueSnapshot.resolve(reference, in: units) }
    public func unit(_ reference: ExactReference) -> LearningUnit? { CatalogueSnapshot.resolve(reference.reference, in: units) }
    public func outcome(_ reference: EntityReference) -> LearningOutcome? { CatalogueSnapshot.resolve(reference, in: outcomes) }

    private static func index<Entity: CatalogueEntity>(_ entities: [Entity]) -> [String: [Entity]] {
        var byCode: [String: [Int: Entity]] = [:]
        for entity in entities { byCode[entity.code, default: [:]][entity.version] = entity }
        return byCode.mapValues { versions in versions.keys.sorted().map { versions[$0]! } }
    }

    private static func resolve<Entity: CatalogueEntity>(_ reference: EntityReference, in index: [String: [Entity]]) -> Entity? {
        guard let versions = index[reference.code] else { return nil }
        if let version = reference.version { return versions.first { $0.version == version } }
        return versions.last { $0.status == .published } ?? versions.last
    }
}
