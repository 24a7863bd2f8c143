/// The skills a learner holds on a day, how current each one is and why,
/// and the entrustments staff should renew.
///
/// Contract of `build`:
/// - Evidence is what `Attainment` keeps on `today` (active decisions, passed
///   or recognised units on or before it) of the given learner; records of
///   other learners are ignored, and so is the order of the inputs.
/// - A passed unit gives every skill its outcomes are aligned to; an active
///   decision gives the EPA's own skills and those of its outcomes. Every
///   alignment counts, whatever its relation, which the evidence records.
/// - Each piece of evidence has currency `Currency.value(of: day, on: today,
///   halfLifeYears:)` with the half-life `policy.halfLife(own:technical:)`:
///   the unit's or EPA's own, else the technical or general default, as
///   `isTechnical` says of the skill. A skill's currency is the highest of its
///   evidence (so with equal half-lives, that of the newest evidence), and its
///   status follows from `policy`'s thresholds.
/// - Re-entrustment is due for an EPA when its standing decision (the active
///   one at the highest level on its scale; among equals the newest) has a
///   `validUntil` within `reentrustmentWindowDays` of today, or when any skill
///   it gives is below `policy.fadingBelow`.
/// - Every unit, outcome and EPA the evidence names must be in the snapshot;
///   otherwise `.invalidInput`, naming each missing one.
public struct SkillsProfile: Hashable, Sendable, Codable {
    public var learner: Learner.ID
    public var asOf: Day
    public var policy: CurrencyPolicy
    /// Sorted by skill URI.
    public var skills: [SkillStanding]
    /// Sorted by EPA code.
    public var reentrustmentDue: [ReentrustmentDue]

    public func standing(of skill: ConceptURI) -> SkillStanding? {
        skills.first { $0.skill == skill }
    }

    public static func build(learner: Learner.ID, results: [UnitResult], decisions: [EntrustmentDecision], catalogue: CatalogueSnapshot,
                             today: Day, policy: CurrencyPolicy = .standard, reentrustmentWindowDays: Int = 60,
                             isTechnical: (ConceptURI) -> Bool) throws -> SkillsProfile {
        let attainment = Attainment(decisions: decisions.filter { $0.learner == learner },
                                    results: results.filter { $0.learner == learner }, asOf: today)
        var collector = EvidenceCollector(catalogue: catalogue)
        for result in attainment.results { collector.add(result) }
        var epas: [EntrustmentDecision.ID: EPA] = [:]
        for decision in attainment.decisions { epas[decision.id] = collector.add(decision) }
        if !collector.problems.isEmpty {
            throw ErkendError(.invalidInput, "The skills profile cannot be built: \(collector.problems.map(\.message).joined(separator: "; "))",
                              details: collector.problems)
        }

        let skills = collector.found.map { skill, found in
            let technical = isTechnical(skill)
            let sorted = found.map { item in
                let halfLife = policy.halfLife(own: item.ownHalfLife, technical: technical)
                return SkillEvidence(source: item.source, via: item.via, relation: item.relation, day: item.day, halfLife: halfLife,
                                     currency: Currency.value(of: item.day, on: today, halfLifeYears: halfLife.years))
            }.sorted(by: SkillsProfile.newestFirst)
            let deciding = sorted.max { $0.currency < $1.currency }!
            return SkillStanding(skill: skill, currency: deciding.currency, status: policy.status(of: deciding.currency),
                                 halfLife: deciding.halfLife, newestEvidence: sorted[0].day, evidence: sorted)
        }.sorted { $0.skill < $1.skill }
        let currency = Dictionary(uniqueKeysWithValues: skills.map { ($0.skill, $0.currency) })

        var due: [ReentrustmentDue] = []
        for decision in standingDecisions(attainment.decisions, epas: epas) {
            guard let epa = epas[decision.id] else { continue }
            var reasons: [ReentrustmentDue.Reason] = []
            if let validUntil = decision.validUntil, today.days(until: validUntil) <= reentrustmentWindowDays {
                reasons.append(.validityEnds(on: validUntil, inDays: today.days(until: validUntil)))
            }
            let fading = collector.skills(of: epa).filter { (currency[$0] ?? 0) < policy.fadingBelow }.sorted()
            if !fading.isEmpty {
                reasons.append(.skillsFading(skills: fading, lowest: fading.compactMap { currency[$0] }.min() ?? 0))
            }
            if !reasons.isEmpty {
                due.append(ReentrustmentDue(decision: decision.id, epa: decision.epa, level: decision.level, reasons: reasons))
            }
        }
        return SkillsProfile(learner: learner, asOf: today, policy: policy, skills: skills,
                             reentrustmentDue: due.sorted { ($0.epa.code, $0.decision) < ($1.epa.code, $1.decision) })
    }

    /// Per EPA code, the active decision at the highest level on its scale; among equals the newest, then the greatest id.
    private static func standingDecisions(_ decisions: [EntrustmentDecision], epas: [EntrustmentDecision.ID: EPA]) -> [EntrustmentDecision] {
        var best: [String: (rank: Int, decision: EntrustmentDecision)] = [:]
        for decision in decisions {
            let rank = epas[decision.id]?.scale.position(of: decision.level) ?? -1
            if let known = best[decision.epa.code],
               (known.rank, known.decision.decidedOn, known.decision.id) >= (rank, decision.decidedOn, decision.id) { continue }
            best[decision.epa.code] = (rank, decision)
        }
        return best.values.map(\.decision)
    }

    private static func newestFirst(_ lhs: SkillEvidence, _ rhs: SkillEvidence) -> Bool {
        if lhs.day != rhs.day { return lhs.day > rhs.day }
        return lhs.sortKey < rhs.sortKey
    }
}
