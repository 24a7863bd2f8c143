/// Where a learner stands in a programme: which phases are complete, what
/// each one still misses, the current phase, and what is needed for the next
/// phase and for the whole programme.
///
/// Contract of `evaluate`:
/// - Evidence is what `Attainment` keeps on `asOf`: decisions active that day
///   (taken, not withdrawn, `validUntil` not passed) and unit results passed,
///   completed or recognised, on or before it. The order of the inputs never
///   matters.
/// - A unit of the programme is done when a counting result exists for a
///   version its reference accepts: any version of the code, unless the
///   programme pins one (`CODE@N`).
/// - An EPA target is reached when the highest active decision for an accepted
///   version is at or above the target level by position on the EPA's scale.
/// - A phase is complete when all its units are done, all its EPA targets are
///   reached, and every choice group assigned to it has at least `choose` of
///   its units done. Choice groups without a phase, and `minimumCredits`,
///   belong to the programme as a whole.
/// - Credits count the workload (hours, via `Workload.hours`) of each distinct
///   programme unit done, as the programme's reference resolves it; units
///   outside the programme do not count.
/// - The current position is the first incomplete phase; when every phase is
///   complete but programme-wide requirements remain, `finalRequirements`;
///   otherwise `completed`.
/// - EPAs the programme names must be in the snapshot (and units too when the
///   programme sets `minimumCredits`), and every target level must be on its
///   EPA's scale; otherwise `.invalidInput`, naming each missing piece.
public struct PhaseEvaluation: Hashable, Sendable, Codable {
    public enum Position: Hashable, Sendable, Codable {
        /// Working on this phase: the first one not complete.
        case phase(code: String)
        /// All phases complete; programme-wide choices or credits remain.
        case finalRequirements
        case completed
    }

    /// One phase, complete or with what it misses.
    public struct PhaseStatus: Hashable, Sendable, Codable {
        public var code: String
        public var title: LocalizedText
        public var isComplete: Bool { missing.isEmpty }
        public var missing: Requirements
    }

    public var programme: ExactReference
    public var asOf: Day
    public var phases: [PhaseStatus]
    public var current: Position
    /// What completes the current phase, so the learner moves on; empty when all phases are complete.
    public var toNextPhase: Requirements
    /// Everything still missing for the programme, with each EPA at its highest target.
    public var toCompleteProgramme: Requirements

    public var isProgrammeComplete: Bool { current == .completed }

    public static func evaluate(programme: Programme, catalogue: CatalogueSnapshot, decisions: [EntrustmentDecision],
                                results: [UnitResult], asOf: Day) throws -> PhaseEvaluation {
        let targets = try ResolvedTargets(programme: programme, catalogue: catalogue)
        let attainment = Attainment(decisions: decisions, results: results, asOf: asOf)

        func gap(_ target: ResolvedTargets.Target) -> EPAGap? {
            let current = attainment.highestLevel(on: target.epa, for: target.reference)
            if let current, current.position >= target.position { return nil }
            return EPAGap(epa: target.reference, currentLevel: current?.level.code, targetLevel: target.level)
        }
        func choiceGap(_ group: ChoiceGroup) -> ChoiceGap? {
            let units = group.units.uniqued()
            let done = units.filter(attainment.hasPassed)
            guard done.count < group.choose else { return nil }
            return ChoiceGap(group: group.code, choose: group.choose, chosen: done, remaining: group.choose - done.count,
                             options: units.filter { !attainment.hasPassed($0) })
        }

        let phases = programme.phases.enumerated().map { index, phase in
            PhaseStatus(code: phase.code, title: phase.title, missing: Requirements(
                units: phase.units.uniqued().filter { !attainment.hasPassed($0) },
                epaLevels: targets.byPhase[index].compactMap(gap),
                choices: programme.choiceGroups.filter { $0.phase == phase.code }.compactMap(choiceGap)))
        }
        let programmeNeeds = Requirements(
            units: phases.flatMap(\.missing.units).uniqued(),
            epaLevels: targets.final.compactMap(gap),
            choices: programme.choiceGroups.compactMap(choiceGap),
            credits: try creditShortfall(programme: programme, catalogue: catalogue, attainment: attainment))

        let current: Position
        let toNext: Requirements
        if let first = phases.first(where: { !$0.isComplete }) {
            current = .phase(code: first.code)
            toNext = first.missing
        } else {
            current = programmeNeeds.isEmpty ? .completed : .finalRequirements
            toNext = Requirements()
        }
        return PhaseEvaluation(programme: ExactReference(programme), asOf: asOf, phases: phases, current: current,
                               toNextPhase: toNext, toCompleteProgramme: programmeNeeds)
    }

    private static func creditShortfall(programme: Programme, catalogue: CatalogueSnapshot, attainment: Attainment) throws -> CreditShortfall? {
        guard let minimum = programme.minimumCredits, let requiredHours = minimum.hours else { return nil }
        var seenCodes = Set<String>()
        var hours = 0.0
        var missing: [ErkendError.Detail] = []
        for reference in programme.allUnits where attainment.hasPassed(reference) && seenCodes.insert(reference.code).inserted {
            guard let unit = catalogue.unit(reference) else {
                missing.append(.init(location: "units", message: "unit \(reference) is not in the catalogue snapshot given"))
                continue
            }
            hours += unit.workload.hours ?? 0
        }
        guard missing.isEmpty else {
            throw ErkendError(.invalidInput, "Credits of programme \(programme.code)@\(programme.version) cannot be counted: \(missing.map(\.message).joined(separator: "; "))", details: missing)
        }
        // A thousandth of an hour absorbs the rounding of ECTS fractions such as 0.1 × 28.
        guard hours + 0.001 < requiredHours else { return nil }
        if minimum.sbu != nil {
            return CreditShortfall(required: minimum, achieved: Workload(sbu: Int(hours.rounded(.down))),
                                   short: Workload(sbu: Int((requiredHours - hours).rounded(.up))))
        }
        let perECTS = Workload.hoursPerECTS
        return CreditShortfall(required: minimum, achieved: Workload(ects: hours / perECTS), short: Workload(ects: (requiredHours - hours) / perECTS))
    }
}

extension PhaseEvaluation.Position {
    private enum CodingKeys: String, CodingKey { case kind, phase }

    /// `{"kind": "phase", "phase": "verdieping"}`, `{"kind": "finalRequirements"}` or `{"kind": "completed"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "phase": self = .phase(code: try container.decode(String.self, forKey: .phase))
        case "finalRequirements": self = .finalRequirements
        case "completed": self = .completed
        case let kind: throw TaggedCoding.unknownKind(kind, key: .kind, in: container, expected: ["phase", "finalRequirements", "completed"])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .phase(let code):
            try container.encode("phase", forKey: .kind)
            try container.encode(code, forKey: .phase)
        case .finalRequirements:
            try container.encode("finalRequirements", forKey: .kind)
        case .completed:
            try container.encode("completed", forKey: .kind)
        }
    }
}
