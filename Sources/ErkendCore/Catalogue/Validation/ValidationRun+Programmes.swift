extension ValidationRun {
    mutating func checkProgramme(_ programme: Programme) {
        if programme.phases.isEmpty {
            report(.programmeWithoutPhases, programme.key, at: "phases",
                   "programme \(programme.code)@\(programme.version) has no phases, so no learner can progress through it",
                   fix: "Add the phases with their units and EPA targets \(ValidationRun.change(programme)).")
        }
        for (position, phase) in programme.phases.enumerated()
        where phase.units.isEmpty && phase.epaTargets.isEmpty && !programme.choiceGroups.contains(where: { $0.phase == phase.code }) {
            report(.emptyPhase, programme.key, at: "phases[\(position)]",
                   "phase \(phase.code) has no units, no EPA targets and no choice group, so nothing marks its completion",
                   fix: "Add units or EPA targets to phase \(phase.code), or remove the phase, \(ValidationRun.change(programme)).")
        }
        checkChoiceGroups(of: programme)
        checkCredits(of: programme)
        checkEPATargets(of: programme)
    }

    /// Units a choice group really offers: resolvable, not deprecated, each code once.
    private func offered(by group: ChoiceGroup) -> [LearningUnit] {
        var seen = Set<String>()
        return group.units.compactMap { index.unit($0) }
            .filter { $0.status != .deprecated && seen.insert($0.code).inserted }
    }

    private mutating func checkChoiceGroups(of programme: Programme) {
        for (position, group) in programme.choiceGroups.enumerated() {
            let offered = offered(by: group)
            guard offered.count < group.choose else { continue }
            let offeredCodes = Set(offered.map(\.code))
            let unavailable = group.units.map(\.code).filter { !offeredCodes.contains($0) }
            let why = unavailable.isEmpty ? "" : " (\(unavailable.joined(separator: ", ")) missing or deprecated)"
            report(.choiceGroupUnsatisfiable, programme.key, at: "choiceGroups[\(position)].choose",
                   "choice group \(group.code) asks to choose \(group.choose), but only \(offered.count) of its units exist and are not deprecated\(why)",
                   fix: "Add units to choice group \(group.code) or lower choose to \(offered.count) \(ValidationRun.change(programme)).")
        }
    }

    /// The required units plus the smallest possible choice in each group must
    /// reach the programme's minimum, compared in study hours.
    private mutating func checkCredits(of programme: Programme) {
        guard let minimum = programme.minimumCredits, let minimumHours = minimum.hours else { return }
        var required: [LearningUnit] = []
        var seen = Set<String>()
        for reference in programme.phases.flatMap(\.units) where seen.insert(reference.code).inserted {
            // An unresolvable unit is a dangling reference, reported already; the sum would be a guess.
            guard let unit = index.unit(reference) else { return }
            required.append(unit)
        }
        var unknown = required.filter { $0.workload.hours == nil }.map(\.code)
        let requiredHours = required.compactMap(\.workload.hours).reduce(0, +)
        var choiceHours = 0.0
        for group in programme.choiceGroups {
            let offered = offered(by: group).filter { !seen.contains($0.code) }
            unknown += offered.filter { $0.workload.hours == nil }.map(\.code)
            let smallest = offered.compactMap(\.workload.hours).sorted().prefix(group.choose)
            choiceHours += smallest.reduce(0, +)
        }
        guard unknown.isEmpty else {
            let codes = Array(Set(unknown)).sorted()
            report(.creditsUnknown, programme.key, at: "minimumCredits",
                   "the credits of programme \(programme.code)@\(programme.version) cannot be added up: unit(s) \(codes.joined(separator: ", ")) state no workload",
                   fix: "State the workload (sbu or ects) of \(codes.joined(separator: ", ")), in new versions where they are published.")
            return
        }
        let total = requiredHours + choiceHours
        guard total < minimumHours else { return }
        report(.creditsShort, programme.key, at: "minimumCredits",
               "the required units (\(Self.hours(requiredHours))) plus the smallest choice in each choice group (\(Self.hours(choiceHours))) give \(Self.hours(total)), short of the minimum of \(Self.hours(minimumHours)) by \(Self.hours(minimumHours - total))",
               fix: "Add units, raise what a choice group asks, or lower minimumCredits \(ValidationRun.change(programme)).")
    }

    private static func hours(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) hours" : "\(value) hours"
    }
}
