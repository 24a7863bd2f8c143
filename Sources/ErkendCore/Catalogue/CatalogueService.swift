public import Foundation

/// What programme designers do with the catalogue: write drafts, publish them,
/// make new versions, deprecate. The rules live here; storage only keeps state.
public struct CatalogueService: Sendable {
    public let repository: any CatalogueRepository
    public let taxonomy: any TaxonomyRepository
    public let now: @Sendable () -> Date

    public init(repository: any CatalogueRepository, taxonomy: any TaxonomyRepository, now: @escaping @Sendable () -> Date) {
        self.repository = repository
        self.taxonomy = taxonomy
        self.now = now
    }

    /// Creates version 1 of a new code as a draft. Whatever lifecycle fields the
    /// input carries are ignored: a new thing always starts as a draft.
    public func create(_ input: AnyCatalogueEntity) async throws -> AnyCatalogueEntity {
        let existing = try await repository.versions(input.kind, code: input.entity.code)
        guard existing.isEmpty else {
            throw ErkendError(.conflict, "\(input.kind.displayName) \(input.entity.code) already exists; add a version with POST /api/v1/\(input.kind.plural)/\(input.entity.code)/versions")
        }
        let draft = input.withLifecycle { $0.version = 1; $0.status = .draft; $0.publishedAt = nil; $0.deprecatedAt = nil; $0.replacedBy = nil }
        try draft.entity.validateShape()
        try await repository.write([.insert(draft)])
        return draft
    }

    /// Replaces the content of a draft. Published versions never change.
    public func updateDraft(_ key: VersionKey, with input: AnyCatalogueEntity) async throws -> AnyCatalogueEntity {
        guard input.kind == key.kind else { throw ErkendError.invalid("kind", "expected a \(key.kind.displayName)") }
        guard input.entity.code == key.code else {
            throw ErkendError.invalid("code", "the body names \(input.entity.code) but the URL names \(key.code); codes cannot be changed")
        }
        let stored = try await requireEntity(key)
        guard stored.status == .draft else {
            throw ErkendError(.conflict, "\(key) is \(stored.status.rawValue) and never changes; make a new version to edit it")
        }
        let draft = input.withLifecycle { $0.version = key.version; $0.status = .draft; $0.publishedAt = nil; $0.deprecatedAt = nil; $0.replacedBy = nil }
        try draft.entity.validateShape()
        try await repository.write([.replace(draft, expecting: .draft)])
        return draft
    }

    /// Starts the next version of a code as a draft, from the given content or
    /// else from the newest version. A code has at most one draft at a time.
    public func newVersion(_ kind: CatalogueKind, code: String, from input: AnyCatalogueEntity? = nil) async throws -> AnyCatalogueEntity {
        let versions = try await repository.versions(kind, code: code)
        guard let newest = versions.last else { throw ErkendError.notFound("\(kind.displayName) \(code)") }
        if let draft = versions.first(where: { $0.status == .draft }) {
            throw ErkendError(.conflict, "\(draft.key) is still a draft; edit or publish it before starting another version")
        }
        if let input {
            guard input.kind == kind, input.entity.code == code else {
                throw ErkendError.invalid("code", "the body must describe \(kind.displayName) \(code)")
            }
        }
        let next = newest.key.version + 1
        let draft = (input ?? newest).withLifecycle {
            $0.version = next; $0.status = .draft; $0.publishedAt = nil; $0.deprecatedAt = nil; $0.replacedBy = nil
        }
        try draft.entity.validateShape()
        try await repository.write([.insert(draft)])
        return draft
    }

    /// Publishes a draft. Everything it references must exist and be published
    /// (or, for a pinned version, that version must be), and every skill it is
    /// aligned to must be in the taxonomy; from then on the version never changes.
    public func publish(_ key: VersionKey) async throws -> AnyCatalogueEntity {
        let stored = try await requireEntity(key)
        guard stored.status == .draft else {
            throw ErkendError(.conflict, "\(key) is already \(stored.status.rawValue)")
        }
        try stored.entity.validateShape()
        var problems: [ErkendError.Detail] = []
        for link in stored.entity.references where link.role != .replacedBy {
            let versions = try await repository.versions(link.kind, code: link.target.code)
            if let pinned = link.target.version {
                guard let target = versions.first(where: { $0.key.version == pinned }) else {
                    problems.append(.init(location: link.path, message: "\(link.kind.displayName) \(link.target) does not exist"))
                    continue
                }
                if target.status == .draft {
                    problems.append(.init(location: link.path, message: "\(link.kind.displayName) \(link.target) is a draft; publish it first"))
                }
            } else if versions.isEmpty {
                problems.append(.init(location: link.path, message: "\(link.kind.displayName) \(link.target.code) does not exist"))
            } else if !versions.contains(where: { $0.status != .draft }) {
                problems.append(.init(location: link.path, message: "\(link.kind.displayName) \(link.target.code) has no published version; publish it first"))
            }
        }
        let skills = Set(stored.entity.skillAlignments.map(\.skill))
        let known = try await taxonomy.existing(skills)
        for (index, alignment) in stored.entity.skillAlignments.enumerated() where !known.contains(alignment.skill) {
            problems.append(.init(location: "alignments[\(index)]", message: "skill \(alignment.skill) is not in the taxonomy; import it first"))
        }
        guard problems.isEmpty else {
            throw ErkendError(.ruleViolation, "\(key) cannot be published yet", details: problems)
        }
        let instant = now()
        let published = stored.withLifecycle { $0.status = .published; $0.publishedAt = instant }
        try await repository.write([.replace(published, expecting: .draft)])
        return published
    }

    /// Deprecates a published version, optionally naming what replaces it; the audit log records
    /// who did, in the same transaction.
    public func deprecate(_ key: VersionKey, replacedBy: EntityReference?, by principal: Principal) async throws -> AnyCatalogueEntity {
        let stored = try await requireEntity(key)
        guard stored.status == .published else {
            throw ErkendError(.conflict, "only a published version can be deprecated; \(key) is \(stored.status.rawValue)")
        }
        if let replacedBy {
            let versions = try await repository.versions(key.kind, code: replacedBy.code)
            let exists = replacedBy.version.map { pinned in versions.contains { $0.key.version == pinned } } ?? !versions.isEmpty
            guard exists else { throw ErkendError.invalid("replacedBy", "\(key.kind.displayName) \(replacedBy) does not exist") }
            guard replacedBy != EntityReference(key.code, version: key.version) else {
                throw ErkendError.invalid("replacedBy", "a version cannot replace itself")
            }
        }
        let instant = now()
        let deprecated = stored.withLifecycle { $0.status = .deprecated; $0.deprecatedAt = instant; $0.replacedBy = replacedBy }
        let audit = AuditRecord(at: instant, actor: principal.auditActor, channel: principal.auditChannel, action: AuditAction.catalogueDeprecated,
                                target: key.description, details: replacedBy.map { ["replacedBy": $0.description] } ?? [:])
        try await repository.write([.replace(deprecated, expecting: .published), .audit(audit)])
        return deprecated
    }

    /// Removes a draft that should not have been started.
    public func deleteDraft(_ key: VersionKey) async throws {
        let stored = try await requireEntity(key)
        guard stored.status == .draft else {
            throw ErkendError(.conflict, "\(key) is \(stored.status.rawValue); only drafts can be deleted")
        }
        try await repository.write([.deleteDraft(key)])
    }

    /// Resolves a reference to the version it means now: the pinned version, or the newest published one.
    public func resolve(_ kind: CatalogueKind, _ reference: EntityReference) async throws -> AnyCatalogueEntity? {
        let versions = try await repository.versions(kind, code: reference.code)
        if let pinned = reference.version { return versions.first { $0.key.version == pinned } }
        return versions.last { $0.status == .published } ?? versions.last { $0.status == .deprecated }
    }

    public func requireEntity(_ key: VersionKey) async throws -> AnyCatalogueEntity {
        guard let stored = try await repository.entity(key) else { throw ErkendError.notFound(key.description) }
        return stored
    }
}
