/// The entities of a catalogue by kind and code, to resolve references the way
/// the catalogue service does: a pinned reference means that version, an
/// unpinned one the newest published version (else the newest deprecated one).
struct CatalogueIndex {
    private var versionsByCode: [CatalogueKind: [String: [AnyCatalogueEntity]]] = [:]
    /// Every entity, in version-key order.
    let entities: [AnyCatalogueEntity]

    init(_ entities: [AnyCatalogueEntity]) {
        self.entities = entities.sorted { $0.key < $1.key }
        for entity in self.entities {
            versionsByCode[entity.kind, default: [:]][entity.entity.code, default: []].append(entity)
        }
    }

    /// Every version of a code, oldest first.
    func versions(_ kind: CatalogueKind, _ code: String) -> [AnyCatalogueEntity] {
        versionsByCode[kind]?[code] ?? []
    }

    func codes(_ kind: CatalogueKind) -> [String] {
        (versionsByCode[kind]?.keys).map { $0.sorted() } ?? []
    }

    /// The version a reference means for someone who reads it now: the pinned
    /// version; else the newest published, else the newest deprecated, else
    /// (when `includingDrafts`) the newest draft.
    func resolve(_ kind: CatalogueKind, _ reference: EntityReference, includingDrafts: Bool = true) -> AnyCatalogueEntity? {
        let versions = versions(kind, reference.code)
        if let pinned = reference.version { return versions.first { $0.key.version == pinned } }
        return versions.last { $0.status == .published }
            ?? versions.last { $0.status == .deprecated }
            ?? (includingDrafts ? versions.last : nil)
    }

    func unit(_ reference: EntityReference) -> LearningUnit? {
        if case .unit(let unit) = resolve(.unit, reference) { unit } else { nil }
    }

    func outcome(_ reference: EntityReference) -> LearningOutcome? {
        if case .outcome(let outcome) = resolve(.outcome, reference) { outcome } else { nil }
    }

    func epa(_ reference: EntityReference) -> EPA? {
        if case .epa(let epa) = resolve(.epa, reference) { epa } else { nil }
    }

    func programme(_ reference: EntityReference) -> Programme? {
        if case .programme(let programme) = resolve(.programme, reference) { programme } else { nil }
    }
}
