extension ValidationRun {
    mutating func checkUnit(_ unit: LearningUnit) {
        if unit.outcomes.isEmpty {
            report(.unitWithoutOutcomes, unit.key, at: "outcomes",
                   "learning unit \(unit.code)@\(unit.version) names no learning outcomes; a micro-credential must state what it certifies",
                   fix: "Add the unit's learning outcomes \(ValidationRun.change(unit)).")
        }
        for (position, reference) in unit.outcomes.enumerated() {
            guard let outcome = index.outcome(reference), let unitRank = unit.level.rank, let outcomeRank = outcome.level.rank,
                  unitRank < outcomeRank else { continue }
            report(.unitBelowOutcomeLevel, unit.key, at: "outcomes[\(position)]",
                   "learning unit \(unit.code)@\(unit.version) is at level \(unitRank), below its learning outcome \(outcome.code)@\(outcome.version) at level \(outcomeRank)",
                   fix: "Raise the unit's level to \(outcomeRank), or use an outcome of level \(unitRank) or lower, \(ValidationRun.change(unit)).")
        }
        for (position, reference) in unit.stackableToward.enumerated() {
            guard let programme = index.programme(reference) else { continue }
            guard !programme.allUnits.contains(where: { $0.code == unit.code }) else { continue }
            report(.stackableTowardMismatch, unit.key, at: "stackableToward[\(position)]",
                   "says it stacks toward programme \(programme.code)@\(programme.version), which does not include unit \(unit.code) in a phase or choice group",
                   fix: "Add \(unit.code) to a phase or choice group of \(programme.code), or remove \(programme.code) from stackableToward \(ValidationRun.change(unit)).")
        }
    }

    /// Prerequisites between unit codes must not loop, or no learner can start
    /// the units on the loop. Every version that is not deprecated counts: a
    /// draft's new prerequisite closes a loop as soon as it is published.
    mutating func checkPrerequisiteCycles() {
        var edges: [String: Set<String>] = [:]
        for code in index.codes(.unit) {
            for case .unit(let unit) in index.versions(.unit, code) where unit.status != .deprecated {
                for prerequisite in unit.prerequisites where !index.versions(.unit, prerequisite.code).isEmpty {
                    edges[code, default: []].insert(prerequisite.code)
                }
            }
        }
        for component in PrerequisiteGraph(edges: edges).cycles() {
            let cycle = component + [component[0]]
            guard let (unit, position) = edgeOwner(from: cycle[0], to: cycle[1]) else { continue }
            report(.prerequisiteCycle, unit.key, at: "prerequisites[\(position)]",
                   "prerequisites form a cycle: \(cycle.joined(separator: " → ")); no learner can start any of these units",
                   fix: "Remove one prerequisite of the cycle, for example \(cycle[1]) from \(cycle[0]) \(ValidationRun.change(unit)).")
        }
    }

    /// The newest non-deprecated version of `code` that names `prerequisite`, and where.
    private func edgeOwner(from code: String, to prerequisite: String) -> (LearningUnit, Int)? {
        for case .unit(let unit) in index.versions(.unit, code).reversed() where unit.status != .deprecated {
            if let position = unit.prerequisites.firstIndex(where: { $0.code == prerequisite }) { return (unit, position) }
        }
        return nil
    }
}
