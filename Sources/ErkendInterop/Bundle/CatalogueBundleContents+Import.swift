public import ErkendCore

extension CatalogueBundleContents {
    /// Plans importing this bundle into a catalogue holding `existing`, as
    /// `CatalogueImportPlan.make` does, with every problem located by the
    /// bundle file it comes from (`units/X.v1.yaml outcomes[0]`) so a designer
    /// knows which file to open.
    public func importPlan(
        existing: [AnyCatalogueEntity], knownSkills: Set<ConceptURI>? = nil, obsoleteSkills: Set<ConceptURI> = []
    ) throws -> CatalogueImportPlan {
        do {
            var plan = try CatalogueImportPlan.make(incoming: entities, existing: existing, knownSkills: knownSkills, obsoleteSkills: obsoleteSkills)
            plan.description = metadata?.catalogueDescription
            return plan
        } catch var error as ErkendError {
            error.details = error.details.map(locatedInFile)
            throw error
        }
    }

    /// `unit X@1 outcomes[0]` → `units/X.v1.yaml outcomes[0]`; other locations stay as they are.
    private func locatedInFile(_ detail: ErkendError.Detail) -> ErkendError.Detail {
        let matches = files.filter { key, _ in
            detail.location == key.description || detail.location.hasPrefix(key.description + " ")
        }
        guard let (key, file) = matches.max(by: { $0.key.description.count < $1.key.description.count }) else { return detail }
        let rest = detail.location.dropFirst(key.description.count)
        return ErkendError.Detail(location: file + rest, message: detail.message)
    }
}
