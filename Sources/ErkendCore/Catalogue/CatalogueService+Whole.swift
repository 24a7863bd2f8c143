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
        if !plan.changes.isEmpty { try await repository.write(plan.changes) }
    }

    /// Plans and applies an import of entities (from JSON, say) in one transaction.
    public func importEntities(_ incoming: [AnyCatalogueEntity]) async throws -> CatalogueImportPlan {
        let context = try await importContext(for: incoming)
        let plan = try CatalogueImportPlan.make(incoming: incoming, existing: context.existing,
                                                knownSkills: context.knownSkills, obsoleteSkills: context.obsoleteSkills)
        try await apply(plan)
        return plan
    }

    /// Which of the skills the entities align to the taxonomy knows, and which of those are obsolete.
    func skillFacts(_ entities: [AnyCatalogueEntity]) async throws -> (known: Set<ConceptURI>, obsolete: Set<ConceptURI>) {
        let referenced = Set(entities.flatMap { $0.entity.skillAlignments.map(\.skill) })
        return (try await taxonomy.existing(referenced), try await taxonomy.obsolete(among: referenced))
    }
}
