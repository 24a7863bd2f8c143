extension ValidationRun {
    mutating func checkEPA(_ epa: EPA) {
        checkSkills(epa.skills, of: epa, at: "skills")
        let rule = epa.decisionRule
        if rule.minimumObservers > rule.minimumObservations {
            report(.decisionRuleUnsatisfiable, epa.key, at: "decisionRule.minimumObservers",
                   "EPA \(epa.code)@\(epa.version) asks for \(rule.minimumObservers) different observers but only \(rule.minimumObservations) observations; each observation has one observer, so no learner can meet the rule",
                   fix: "Lower minimumObservers to at most \(rule.minimumObservations), or raise minimumObservations, \(ValidationRun.change(epa)).")
        }
    }

    /// EPA targets in a programme's phases: every level must be on the EPA's
    /// scale, targets should not fall from one phase to the next, and the
    /// decision rule's window should fit the phase in which a level is first asked.
    mutating func checkEPATargets(of programme: Programme) {
        var highest: [String: (position: Int, level: String, phase: String)] = [:]
        for (phaseIndex, phase) in programme.phases.enumerated() {
            for (targetIndex, target) in phase.epaTargets.enumerated() {
                guard let epa = index.epa(target.epa) else { continue }
                let path = "phases[\(phaseIndex)].epaTargets[\(targetIndex)]"
                guard let position = epa.scale.position(of: target.level) else {
                    let levels = epa.scale.levels.map(\.code).joined(separator: ", ")
                    report(.epaTargetNotOnScale, programme.key, at: "\(path).level",
                           "phase \(phase.code) targets level '\(target.level)' of EPA \(epa.code)@\(epa.version), but its scale \(epa.scale.id) has only levels \(levels), so the target can never be reached",
                           fix: "Use one of the levels \(levels) \(ValidationRun.change(programme)).")
                    continue
                }
                if let earlier = highest[epa.code], position < earlier.position {
                    report(.epaTargetDecreases, programme.key, at: "\(path).level",
                           "phase \(phase.code) targets EPA \(epa.code) at level \(target.level), lower than level \(earlier.level) in the earlier phase \(earlier.phase)",
                           fix: "Set the target to \(earlier.level) or higher, or lower the earlier target, \(ValidationRun.change(programme)).")
                    continue
                }
                let raised = highest[epa.code].map { position > $0.position } ?? true
                if raised, phaseIndex > 0, let months = phase.durationMonths, let window = epa.decisionRule.windowMonths, window > months {
                    report(.decisionWindowExceedsPhase, programme.key, at: "\(path).level",
                           "phase \(phase.code) lasts \(months) months and first asks level \(target.level) of EPA \(epa.code), whose decision rule counts observations up to \(window) months old; a decision at the end of the phase can then rest on observations made before the phase began",
                           fix: "Lengthen phase \(phase.code) to at least \(window) months \(ValidationRun.change(programme)), or shorten the window of EPA \(epa.code) to \(months) months.")
                }
                if highest[epa.code].map({ position > $0.position }) ?? true {
                    highest[epa.code] = (position, target.level, phase.code)
                }
            }
        }
    }
}
