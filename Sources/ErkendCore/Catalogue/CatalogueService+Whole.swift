/// What planning an import needs to know about the stored catalogue and the taxonomy.
public struct CatalogueImportContext: Sendable {
    public var existing: [AnyCatalogueEntity]
    public var knownSkills: Set<ConceptURI>
    public var obsoleteSkills: Set<ConceptURI>
}

extension CatalogueService {
    /// Validates the whole stored catalogue against the taxonomy.
    public func validate() async throws -> ValidationReport {
        let entities = try await repository.all()
        let skills = try await skillFacts(entities)
        return CatalogueValidator.validate(entities, knownSkills: skills.known, obsoleteSkills: skills.obsolete)
    }

    /// The stored catalogue and the skill facts needed to plan importing `incoming`.
    public func importContext(for incoming: [AnyCatalogueEntity]) async throws -> CatalogueImportContext {
        let existing = try await repository.all()
        let skills = try await skillFacts(existing + incoming)
        return CatalogueImportContext(existing: existing, knownSkills: skills.known, obsoleteSkills: skills.obsolete)
    }

    /// Applies a planned import in one transaction: all of it or nothing.
    public func apply(_ plan: CatalogueImportPlan) async throws {
        let changes = plan.changes + (plan.description.map { [.describe($0)] } ?? [])
        if !changes.isEmpty { try await repository.write(changes) }
    }

    /// Plans and applies an import of entities (from JSON, say) in one
    /// transaction, with the catalogue's description when one is given.
    public func importEntities(_ incoming: [AnyCatalogueEntity], description: CatalogueDescription? = nil) async throws -> CatalogueImportPlan {
        let context = try await importContext(for: incoming)
        var plan = try CatalogueImportPlan.make(incoming: incoming, existing: context.existing,
                                                knownSkills: context.knownSkills, obsoleteSkills: context.obsoleteSkills)
        plan.description = description
        try await apply(plan)
        return plan
    }

    /// Which of the skills the entities align to the taxonomy knows, and which of those are obsolete.
    func skillFacts(_ entities: [AnyCatalogueEntity]) async throws -> (known: Set<ConceptURI>, obsolete: Set<ConceptURI>) {
        let referenced = Set(entities.flatMap { $0.entity.skillAlignments.map(\.skill) })
        return (try await taxonomy.existing(referenced), try await taxonomy.obsolete(among: referenced))
    }
}
