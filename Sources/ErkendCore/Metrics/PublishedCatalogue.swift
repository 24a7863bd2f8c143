/// The catalogue as metrics see it: per code, the newest published version
/// (deprecated and draft versions are not on offer), plus every version by
/// exact reference for what learners were enrolled in or passed.
public struct PublishedCatalogue: Sendable {
    public private(set) var programmes: [String: Programme] = [:]
    public private(set) var units: [String: LearningUnit] = [:]
    public private(set) var outcomes: [String: LearningOutcome] = [:]
    public private(set) var epas: [String: EPA] = [:]
    /// Every version of every programme, unit and EPA.
    public private(set) var programmeVersions: [ExactReference: Programme] = [:]
    public private(set) var unitVersions: [ExactReference: LearningUnit] = [:]
    public private(set) var epaVersions: [ExactReference: EPA] = [:]

    public init(_ entities: [AnyCatalogueEntity]) {
        for entity in entities {
            switch entity {
            case .programme(let programme):
                programmeVersions[ExactReference(programme)] = programme
                if programme.status == .published, (programmes[programme.code]?.version ?? 0) < programme.version { programmes[programme.code] = programme }
            case .unit(let unit):
                unitVersions[ExactReference(unit)] = unit
                if unit.status == .published, (units[unit.code]?.version ?? 0) < unit.version { units[unit.code] = unit }
            case .outcome(let outcome):
                if outcome.status == .published, (outcomes[outcome.code]?.version ?? 0) < outcome.version { outcomes[outcome.code] = outcome }
            case .epa(let epa):
                epaVersions[ExactReference(epa)] = epa
                if epa.status == .published, (epas[epa.code]?.version ?? 0) < epa.version { epas[epa.code] = epa }
            }
        }
    }

    /// The EPA codes each programme version targets.
    public var epaTargets: [ExactReference: [String]] {
        programmeVersions.mapValues { $0.allEPAs.map(\.code) }
    }

    /// Each EPA's scale, from its newest version (published or not, since learners may hold any).
    public var scales: [String: EntrustmentScale] {
        newestEPAs.mapValues(\.scale)
    }

    /// The newest version of each EPA code, published or not (learners may hold decisions on any).
    public var newestEPAs: [String: EPA] {
        var newest: [String: EPA] = [:]
        for epa in epaVersions.values where (newest[epa.code]?.version ?? 0) < epa.version { newest[epa.code] = epa }
        return newest
    }

    /// Every ESCO skill an outcome or an EPA of the catalogue is aligned to.
    public var alignedSkills: Set<String> {
        var skills = Set<String>()
        for outcome in outcomes.values { skills.formUnion(outcome.alignments.map(\.skill.rawValue)) }
        for epa in epaVersions.values { skills.formUnion(epa.skills.map(\.skill.rawValue)) }
        return skills
    }

    /// The skills a unit version gives through its outcomes (their published versions).
    public func skills(ofUnit unit: LearningUnit) -> [String] {
        unit.outcomes.flatMap { outcomes[$0.code]?.alignments.map(\.skill.rawValue) ?? [] }
    }

    /// The skills an EPA gives, directly and through its outcomes (their published versions).
    public func skills(ofEPA epa: EPA) -> [String] {
        epa.skills.map(\.skill.rawValue) + epa.outcomes.flatMap { outcomes[$0.code]?.alignments.map(\.skill.rawValue) ?? [] }
    }

    /// The unit codes a published programme names (required or to choose from).
    public func unitCodes(of programme: Programme) -> Set<String> {
        Set(programme.allUnits.map(\.code))
    }

    /// The ESCO skills a published programme covers: those its units' outcomes and its EPAs (directly or through
    /// their outcomes) are aligned to.
    public func skills(of programme: Programme) -> Set<String> {
        var outcomeCodes = Set<String>()
        var skills = Set<String>()
        for code in unitCodes(of: programme) { outcomeCodes.formUnion(units[code]?.outcomes.map(\.code) ?? []) }
        for reference in programme.allEPAs {
            guard let epa = epas[reference.code] else { continue }
            skills.formUnion(epa.skills.map(\.skill.rawValue))
            outcomeCodes.formUnion(epa.outcomes.map(\.code))
        }
        for code in outcomeCodes { skills.formUnion(outcomes[code]?.alignments.map(\.skill.rawValue) ?? []) }
        return skills
    }
}
