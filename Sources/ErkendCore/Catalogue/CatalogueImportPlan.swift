public import Foundation

/// What importing a set of entity versions (a bundle) into the catalogue would
/// change, worked out without touching storage. The store applies `changes` in
/// one transaction, so an import happens whole or not at all.
///
/// Per version key: a new version is inserted; a stored draft is replaced (or
/// left alone when identical); a stored published or deprecated version must
/// come back unchanged, except that a published version may be marked
/// deprecated in the file.
public struct CatalogueImportPlan: Sendable {
    /// The writes to apply, in version-key order; empty when nothing changes.
    public var changes: [CatalogueChange]
    public var summary: CatalogueImportSummary
    /// Validation of the catalogue as it will be after the import, for showing
    /// warnings and the errors that do not block an import.
    public var report: ValidationReport
    /// What the imported catalogue says about itself, written with `changes`
    /// (not counted among them: describing the catalogue again changes no version).
    public var description: CatalogueDescription?

    /// Plans an import.
    ///
    /// - Parameters:
    ///   - incoming: the versions read from the bundle.
    ///   - existing: the whole stored catalogue.
    ///   - knownSkills: the taxonomy's skills, for the report; `nil` leaves skill alignments unchecked.
    ///   - obsoleteSkills: skills the taxonomy marks obsolete.
    /// - Throws: `ErkendError` `.invalidInput` when an incoming version breaks a
    ///   shape rule or appears twice; `.conflict` when it would change a
    ///   published or deprecated version; `.ruleViolation` when an incoming
    ///   published version would refer to something missing or still a draft.
    ///   The details name each version and problem.
    public static func make(
        incoming: [AnyCatalogueEntity], existing: [AnyCatalogueEntity],
        knownSkills: Set<ConceptURI>? = nil, obsoleteSkills: Set<ConceptURI> = []
    ) throws -> CatalogueImportPlan {
        try checkShapes(incoming)
        let stored = Dictionary(existing.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        var union = stored
        var changes: [CatalogueChange] = []
        var summary = CatalogueImportSummary()
        var conflicts: [ErkendError.Detail] = []
        // The newest version of each code, stored or incoming, to name the next one in messages.
        var newest: [String: Int] = [:]
        for entity in existing + incoming {
            let name = "\(entity.kind.rawValue) \(entity.entity.code)"
            newest[name] = max(newest[name] ?? 0, entity.key.version)
        }

        for entity in incoming.sorted(by: { $0.key < $1.key }) {
            let key = entity.key
            guard let current = stored[key] else {
                changes.append(.insert(entity))
                summary[key.kind].added += 1
                union[key] = entity
                continue
            }
            switch decide(entity, over: current, nextVersion: (newest["\(key.kind.rawValue) \(key.code)"] ?? key.version) + 1) {
            case .unchanged:
                summary[key.kind].unchanged += 1
            case .replace(let replacement, let expecting):
                changes.append(.replace(replacement, expecting: expecting))
                summary[key.kind].updated += 1
                union[key] = replacement
            case .conflict(let message):
                conflicts.append(ErkendError.Detail(location: key.description, message: message))
            }
        }
        conflicts += draftConflicts(in: Array(union.values), incoming: Set(incoming.map(\.key)))
        guard conflicts.isEmpty else {
            throw ErkendError(.conflict, "the import would change the catalogue in ways it does not allow (\(conflicts.count) problem(s))", details: conflicts)
        }

        let all = Array(union.values)
        let skills = knownSkills ?? Set(all.flatMap { $0.entity.skillAlignments.map(\.skill) })
        let report = CatalogueValidator.validate(all, knownSkills: skills, obsoleteSkills: obsoleteSkills)
        let published = Set(incoming.filter { $0.status != .draft }.map(\.key))
        let blocking = report.errors.filter { ValidationRule.referenceIntegrity.contains($0.rule) && published.contains($0.entity) }
        guard blocking.isEmpty else {
            throw ErkendError(
                .ruleViolation,
                "the import would publish \(Set(blocking.map(\.entity)).count) version(s) that refer to missing or draft entities",
                details: blocking.map { ErkendError.Detail(location: "\($0.entity) \($0.path)", message: "\($0.message). \($0.fix)") })
        }
        return CatalogueImportPlan(changes: changes, summary: summary, report: report)
    }

    private enum Decision {
        case unchanged
        case replace(AnyCatalogueEntity, expecting: LifecycleStatus)
        case conflict(String)
    }

    private static func decide(_ entity: AnyCatalogueEntity, over current: AnyCatalogueEntity, nextVersion: Int) -> Decision {
        let key = entity.key
        if current.status == .draft {
            return entity == current ? .unchanged : .replace(entity, expecting: .draft)
        }
        let changed = differingFields(entity, current)
        let addVersion = "to change it, add version \(nextVersion) as a draft"
        guard changed.isEmpty else {
            return .conflict("\(key) is \(current.status.rawValue) and never changes, but the import differs in \(changed.joined(separator: ", ")); \(addVersion)")
        }
        switch (current.status, entity.status) {
        case (.published, .published):
            return .unchanged
        case (.published, .deprecated):
            let deprecated = current.withLifecycle {
                $0.status = .deprecated
                $0.deprecatedAt = entity.entity.deprecatedAt
                $0.replacedBy = entity.entity.replacedBy
            }
            return .replace(deprecated, expecting: .published)
        case (.deprecated, .deprecated) where entity.entity.replacedBy == current.entity.replacedBy:
            return .unchanged
        case (.deprecated, .deprecated):
            return .conflict("\(key) is deprecated and replaced by \(current.entity.replacedBy?.description ?? "nothing"); its replacement cannot change to \(entity.entity.replacedBy?.description ?? "nothing")")
        default:
            return .conflict("\(key) is \(current.status.rawValue) and cannot go back to \(entity.status.rawValue); \(addVersion)")
        }
    }

    /// The top-level fields in which two versions differ, lifecycle fields aside.
    private static func differingFields(_ lhs: AnyCatalogueEntity, _ rhs: AnyCatalogueEntity) -> [String] {
        let clear: (inout LifecycleFields) -> Void = {
            $0.status = .draft
            $0.publishedAt = nil
            $0.deprecatedAt = nil
            $0.replacedBy = nil
        }
        let left = lhs.withLifecycle(clear)
        let right = rhs.withLifecycle(clear)
        guard left != right else { return [] }
        let encoder = JSONEncoder()
        guard let leftFields = try? JSONSerialization.jsonObject(with: encoder.encode(left.entity)) as? NSDictionary,
              let rightFields = try? JSONSerialization.jsonObject(with: encoder.encode(right.entity)) as? NSDictionary else {
            return ["content"]
        }
        let names = Set((leftFields.allKeys + rightFields.allKeys).compactMap { $0 as? String })
        let changed = names.filter { name in
            let before = leftFields[name] as? NSObject
            let after = rightFields[name] as? NSObject
            return before != after
        }
        return changed.isEmpty ? ["content"] : changed.sorted()
    }

    private static func checkShapes(_ incoming: [AnyCatalogueEntity]) throws {
        var problems: [ErkendError.Detail] = []
        var seen = Set<VersionKey>()
        for entity in incoming.sorted(by: { $0.key < $1.key }) {
            if !seen.insert(entity.key).inserted {
                problems.append(.init(location: entity.key.description, message: "appears more than once in the import"))
            }
            do { try entity.entity.validateShape() } catch let error as ErkendError {
                let details = error.details.isEmpty ? [ErkendError.Detail(location: "", message: error.message)] : error.details
                problems += details.map { .init(location: "\(entity.key) \($0.location)", message: $0.message) }
            } catch {
                problems.append(.init(location: entity.key.description, message: "\(error)"))
            }
        }
        guard problems.isEmpty else {
            throw ErkendError(.invalidInput, "the import holds \(problems.count) invalid version(s)", details: problems)
        }
    }

    /// A code has at most one draft at a time; an import may not add a second.
    private static func draftConflicts(in union: [AnyCatalogueEntity], incoming: Set<VersionKey>) -> [ErkendError.Detail] {
        let drafts = Dictionary(grouping: union.filter { $0.status == .draft }) { "\($0.kind.rawValue) \($0.entity.code)" }
        return drafts.keys.sorted().compactMap { code in
            let versions = drafts[code]!.map(\.key).sorted()
            guard versions.count > 1, versions.contains(where: incoming.contains) else { return nil }
            return .init(location: code, message: "would have drafts \(versions.map { "v\($0.version)" }.joined(separator: " and ")); a code has at most one draft at a time, so publish or drop one first")
        }
    }
}

/// How many versions of each kind an import adds, updates and leaves as they were.
public struct CatalogueImportSummary: Hashable, Sendable, Codable {
    public struct Counts: Hashable, Sendable, Codable {
        public var added = 0
        public var updated = 0
        public var unchanged = 0

        public init(added: Int = 0, updated: Int = 0, unchanged: Int = 0) {
            self.added = added
            self.updated = updated
            self.unchanged = unchanged
        }
    }

    public var outcomes = Counts()
    public var units = Counts()
    public var epas = Counts()
    public var programmes = Counts()

    public init() {}

    public subscript(kind: CatalogueKind) -> Counts {
        get {
            switch kind {
            case .outcome: outcomes
            case .unit: units
            case .epa: epas
            case .programme: programmes
            }
        }
        set {
            switch kind {
            case .outcome: outcomes = newValue
            case .unit: units = newValue
            case .epa: epas = newValue
            case .programme: programmes = newValue
            }
        }
    }

    public var total: Counts {
        CatalogueKind.allCases.reduce(into: Counts()) { sum, kind in
            sum.added += self[kind].added
            sum.updated += self[kind].updated
            sum.unchanged += self[kind].unchanged
        }
    }
}
