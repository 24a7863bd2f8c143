/// What a learner has attained on a day, from their decisions and results in
/// any order: the decisions active on that day (taken, not withdrawn, not
/// expired) and the unit results that count (passed — completed or
/// recognised — on or before it). Everything else is left out.
public struct Attainment: Hashable, Sendable {
    public let asOf: Day
    /// Active decisions, sorted by id so that equal inputs in any order give equal values.
    public let decisions: [EntrustmentDecision]
    /// Counting results, sorted by id.
    public let results: [UnitResult]

    public init(decisions: [EntrustmentDecision], results: [UnitResult], asOf: Day) {
        self.asOf = asOf
        self.decisions = decisions.filter { $0.isActive(on: asOf) }.sorted { $0.id < $1.id }
        self.results = results.filter { $0.counts(on: asOf) }.sorted { $0.id < $1.id }
    }

    /// The highest level on `epa`'s scale among active decisions for a version
    /// that `reference` accepts. Decision levels that are not on this scale
    /// (from another version with another scale) are not counted.
    public func highestLevel(on epa: EPA, for reference: EntityReference) -> (position: Int, level: EntrustmentScale.Level)? {
        var best: Int?
        for decision in decisions where decision.epa.satisfies(reference) {
            guard let position = epa.scale.position(of: decision.level) else { continue }
            best = max(best ?? position, position)
        }
        return best.map { ($0, epa.scale.levels[$0]) }
    }

    /// The earliest counting result for a version that `reference` accepts:
    /// any version when the reference is unpinned, exactly that one when pinned.
    public func result(for reference: EntityReference) -> UnitResult? {
        results.filter { $0.unit.satisfies(reference) }.min { ($0.achievedOn, $0.id) < ($1.achievedOn, $1.id) }
    }

    public func hasPassed(_ reference: EntityReference) -> Bool {
        results.contains { $0.unit.satisfies(reference) }
    }
}
