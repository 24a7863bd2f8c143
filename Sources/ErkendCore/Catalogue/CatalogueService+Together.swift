extension CatalogueService {
    /// Creates version 1 of several new codes as drafts in one write: all of them, or, when
    /// one already exists or is not well formed, none (a unit and the outcome written for it).
    public func create(together inputs: [AnyCatalogueEntity]) async throws -> [AnyCatalogueEntity] {
        var drafts: [AnyCatalogueEntity] = []
        for input in inputs {
            guard try await repository.versions(input.kind, code: input.entity.code).isEmpty,
                  !drafts.contains(where: { $0.kind == input.kind && $0.entity.code == input.entity.code }) else {
                throw ErkendError(.conflict, "\(input.kind.displayName) \(input.entity.code) already exists; choose another code or make a new version of it")
            }
            let draft = input.withLifecycle { $0.version = 1; $0.status = .draft; $0.publishedAt = nil; $0.deprecatedAt = nil; $0.replacedBy = nil }
            try draft.entity.validateShape()
            drafts.append(draft)
        }
        try await repository.write(drafts.map { .insert($0) })
        return drafts
    }
}
