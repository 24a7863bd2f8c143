/// How far along a learner is, as a share from 0 to 1 of the way to
/// independent practice in a programme.
///
/// The formula, with evidence as `Attainment` keeps it on `asOf`:
/// - EPA part: the mean over the programme's EPAs (each once, at its highest
///   target over all phases) of `min(1, (p + 1) / (t + 1))`, where `t` is the
///   position of the target level on the EPA's scale (0 = lowest level) and `p`
///   the position of the highest active decision; an EPA without an active
///   decision contributes 0. Counting levels rather than raw positions gives an
///   entrustment at the lowest level a little credit, and makes sub-levels
///   (`3a`, `3b`, `3c`) each a step of their own.
/// - Unit part: `(d + c) / (r + n)`, where `r` is the number of distinct
///   units required in the phases and `d` of those done; `n` the sum of
///   `choose` over all choice groups and `c` the sum over the groups of
///   `min(choose, units done in the group)`.
/// - The share is the mean of the parts the programme has (EPAs, units, or
///   both); a programme that asks for nothing gives 1.
///
/// Credits (`minimumCredits`) are not part of the share: they follow from the
/// units. Adding evidence — a decision at any level, a passed unit — never
/// lowers the share; withdrawing or expiry can.
public struct ProgressMeasure: Hashable, Sendable, Codable {
    /// One EPA's part of the way.
    public struct EPAProgress: Hashable, Sendable, Codable {
        public var epa: EntityReference
        public var currentLevel: String?
        public var targetLevel: String
        public var share: Double
    }

    public var programme: ExactReference
    public var asOf: Day
    public var share: Double
    /// `nil` when the programme targets no EPAs.
    public var epaShare: Double?
    /// `nil` when the programme asks for no units.
    public var unitShare: Double?
    public var epas: [EPAProgress]
    public var unitsDone: Int
    public var unitsRequired: Int

    /// The share as a whole percentage, rounded down so that 100 means done.
    public var percent: Int { Int((share * 100).rounded(.down)) }

    /// Throws `.invalidInput` when an EPA of the programme is missing from the snapshot or a target level is not on its scale.
    public static func measure(programme: Programme, catalogue: CatalogueSnapshot, decisions: [EntrustmentDecision],
                               results: [UnitResult], asOf: Day) throws -> ProgressMeasure {
        let targets = try ResolvedTargets(programme: programme, catalogue: catalogue)
        let attainment = Attainment(decisions: decisions, results: results, asOf: asOf)

        let epas = targets.final.map { target in
            let current = attainment.highestLevel(on: target.epa, for: target.reference)
            let share = current.map { min(1, Double($0.position + 1) / Double(target.position + 1)) } ?? 0
            return EPAProgress(epa: target.reference, currentLevel: current?.level.code, targetLevel: target.level, share: share)
        }
        let epaShare = epas.isEmpty ? nil : epas.map(\.share).reduce(0, +) / Double(epas.count)

        let required = programme.phases.flatMap(\.units).uniqued()
        var done = required.filter(attainment.hasPassed).count
        var total = required.count
        for group in programme.choiceGroups {
            done += min(group.choose, group.units.uniqued().filter(attainment.hasPassed).count)
            total += group.choose
        }
        let unitShare = total == 0 ? nil : Double(done) / Double(total)

        let parts = [epaShare, unitShare].compactMap { $0 }
        let share = parts.isEmpty ? 1 : parts.reduce(0, +) / Double(parts.count)
        return ProgressMeasure(programme: ExactReference(programme), asOf: asOf, share: share, epaShare: epaShare,
                               unitShare: unitShare, epas: epas, unitsDone: done, unitsRequired: total)
    }
}
