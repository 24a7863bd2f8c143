/// Gathers what results and decisions say about skills, for a skills profile,
/// noting every catalogue entity the snapshot lacks instead of stopping at the
/// first. Currency is reckoned afterwards, once per skill.
struct EvidenceCollector {
    /// A piece of evidence before its half-life is chosen.
    struct Found {
        var source: SkillEvidence.Source
        var via: SkillEvidence.Route
        var relation: AlignmentRelation
        var day: Day
        var ownHalfLife: Double?
    }

    let catalogue: CatalogueSnapshot
    private(set) var found: [ConceptURI: [Found]] = [:]
    private(set) var problems: [ErkendError.Detail] = []

    init(catalogue: CatalogueSnapshot) {
        self.catalogue = catalogue
    }

    mutating func add(_ result: UnitResult) {
        guard let unit = catalogue.unit(result.unit) else {
            problems.append(.init(location: "results[\(result.id)].unit", message: "unit \(result.unit) is not in the catalogue snapshot given"))
            return
        }
        let source = SkillEvidence.Source.unitResult(id: result.id, unit: result.unit, recognised: result.basis.isRecognised)
        for reference in unit.outcomes {
            guard let outcome = outcome(reference, of: "unit \(result.unit)") else { continue }
            for alignment in outcome.alignments {
                record(alignment, source: source, via: .outcome(reference), day: result.achievedOn, ownHalfLife: unit.skillHalfLifeYears)
            }
        }
    }

    /// Records the decision's evidence and returns its EPA, or `nil` when the snapshot lacks it.
    mutating func add(_ decision: EntrustmentDecision) -> EPA? {
        guard let epa = catalogue.epa(decision.epa) else {
            problems.append(.init(location: "decisions[\(decision.id)].epa", message: "EPA \(decision.epa) is not in the catalogue snapshot given"))
            return nil
        }
        let source = SkillEvidence.Source.entrustmentDecision(id: decision.id, epa: decision.epa, level: decision.level)
        for alignment in epa.skills {
            record(alignment, source: source, via: .epaSkill, day: decision.decidedOn, ownHalfLife: epa.skillHalfLifeYears)
        }
        for reference in epa.outcomes {
            guard let outcome = outcome(reference, of: "EPA \(decision.epa)") else { continue }
            for alignment in outcome.alignments {
                record(alignment, source: source, via: .outcome(reference), day: decision.decidedOn, ownHalfLife: epa.skillHalfLifeYears)
            }
        }
        return epa
    }

    /// Every skill an EPA gives, directly or through its outcomes that the snapshot holds.
    func skills(of epa: EPA) -> Set<ConceptURI> {
        var skills = Set(epa.skills.map(\.skill))
        for reference in epa.outcomes {
            if let outcome = catalogue.outcome(reference) { skills.formUnion(outcome.alignments.map(\.skill)) }
        }
        return skills
    }

    private mutating func outcome(_ reference: EntityReference, of owner: String) -> LearningOutcome? {
        if let outcome = catalogue.outcome(reference) { return outcome }
        if !problems.contains(where: { $0.location == "outcomes[\(reference)]" }) {
            problems.append(.init(location: "outcomes[\(reference)]", message: "outcome \(reference) of \(owner) is not in the catalogue snapshot given"))
        }
        return nil
    }

    private mutating func record(_ alignment: SkillAlignment, source: SkillEvidence.Source, via: SkillEvidence.Route, day: Day, ownHalfLife: Double?) {
        found[alignment.skill, default: []].append(
            Found(source: source, via: via, relation: alignment.relation, day: day, ownHalfLife: ownHalfLife))
    }
}
