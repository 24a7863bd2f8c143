/// Checks a catalogue as a whole: what `validateShape()` cannot see because it
/// needs the other entities or the skills taxonomy. Pure: the caller passes
/// every entity and the skills it knows.
public enum CatalogueValidator {
    /// Validates every version of every entity against the others.
    ///
    /// - Parameters:
    ///   - entities: the whole catalogue (all versions, all statuses).
    ///   - knownSkills: the skills of the taxonomy; an alignment to anything else is an error.
    ///   - obsoleteSkills: skills the taxonomy keeps but marks obsolete; aligning to them is a warning.
    /// - Returns: the findings, in the report's fixed order. Deprecated versions
    ///   are history: only their references are checked.
    public static func validate(
        _ entities: [AnyCatalogueEntity], knownSkills: Set<ConceptURI>, obsoleteSkills: Set<ConceptURI> = []
    ) -> ValidationReport {
        var run = ValidationRun(index: CatalogueIndex(entities), knownSkills: knownSkills, obsoleteSkills: obsoleteSkills)
        run.checkAll()
        return ValidationReport(findings: run.findings)
    }
}

/// One validation pass: the catalogue, the taxonomy's answers and the findings so far.
struct ValidationRun {
    let index: CatalogueIndex
    let knownSkills: Set<ConceptURI>
    let obsoleteSkills: Set<ConceptURI>
    private(set) var findings: [ValidationFinding] = []

    init(index: CatalogueIndex, knownSkills: Set<ConceptURI>, obsoleteSkills: Set<ConceptURI>) {
        self.index = index
        self.knownSkills = knownSkills
        self.obsoleteSkills = obsoleteSkills
    }

    mutating func checkAll() {
        for entity in index.entities {
            checkReferences(of: entity)
            guard entity.status != .deprecated else { continue }
            switch entity {
            case .outcome(let outcome): checkOutcome(outcome)
            case .unit(let unit): checkUnit(unit)
            case .epa(let epa): checkEPA(epa)
            case .programme(let programme): checkProgramme(programme)
            }
        }
        checkPrerequisiteCycles()
    }

    mutating func report(_ rule: ValidationRule, _ entity: VersionKey, at path: String, _ message: String, fix: String) {
        findings.append(ValidationFinding(rule: rule, entity: entity, path: path, message: message, fix: fix))
    }

    /// How to change an entity: drafts are edited, published versions get a successor.
    static func change(_ entity: some CatalogueEntity) -> String {
        entity.status == .draft
            ? "in draft \(entity.code)@\(entity.version)"
            : "in a new version \(entity.code)@\(entity.version + 1) (published versions never change)"
    }

    /// `learning unit X@2`, or `learning unit X` for an unpinned reference.
    static func name(_ kind: CatalogueKind, _ reference: EntityReference) -> String {
        "\(kind.displayName) \(reference)"
    }

    static func name(_ entity: AnyCatalogueEntity) -> String {
        "\(entity.kind.displayName) \(entity.entity.code)@\(entity.entity.version)"
    }
}
