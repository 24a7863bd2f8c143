/// The EPA targets of a programme with their EPAs resolved and their levels
/// placed on the EPA's scale: per phase, and the final (highest) target of
/// each EPA over all phases. Shared by phase evaluation and the progress measure.
struct ResolvedTargets {
    struct Target {
        var reference: EntityReference
        var epa: EPA
        var level: String
        var position: Int
        /// The position of the scale's last level, for shares of the way up.
        var top: Int { epa.scale.levels.count - 1 }
    }

    var byPhase: [[Target]]
    /// One per EPA code, in order of first appearance, at its highest target.
    var final: [Target]

    /// Throws `.invalidInput` naming every EPA missing from the snapshot and every target level not on its scale.
    init(programme: Programme, catalogue: CatalogueSnapshot) throws {
        var problems: [ErkendError.Detail] = []
        var byPhase: [[Target]] = []
        var finalByCode: [String: Target] = [:]
        var order: [String] = []
        for (phaseIndex, phase) in programme.phases.enumerated() {
            var targets: [Target] = []
            for (index, target) in phase.epaTargets.enumerated() {
                let location = "phases[\(phaseIndex)].epaTargets[\(index)]"
                guard let epa = catalogue.epa(target.epa) else {
                    problems.append(.init(location: "\(location).epa", message: "EPA \(target.epa) is not in the catalogue snapshot given"))
                    continue
                }
                guard let position = epa.scale.position(of: target.level) else {
                    problems.append(ErkendError.levelNotOnScale(target.level, epa: epa, at: "\(location).level").details[0])
                    continue
                }
                let resolved = Target(reference: target.epa, epa: epa, level: target.level, position: position)
                targets.append(resolved)
                if let known = finalByCode[target.epa.code] {
                    if position >= known.position { finalByCode[target.epa.code] = resolved }
                } else {
                    finalByCode[target.epa.code] = resolved
                    order.append(target.epa.code)
                }
            }
            byPhase.append(targets)
        }
        guard problems.isEmpty else {
            throw ErkendError(.invalidInput, "The EPA targets of programme \(programme.code)@\(programme.version) cannot be evaluated: \(problems.map(\.message).joined(separator: "; "))", details: problems)
        }
        self.byPhase = byPhase
        self.final = order.compactMap { finalByCode[$0] }
    }
}
