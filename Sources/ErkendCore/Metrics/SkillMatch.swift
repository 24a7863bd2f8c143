/// From vacancy to skill: a learner's standing against a target (an ESCO
/// occupation's essential skills, or a vacancy's skills), and the published
/// units that would close the gap.
public struct SkillMatch: Hashable, Sendable, Codable {
    /// One skill of the target.
    public struct Skill: Hashable, Sendable, Codable {
        public var skill: String
        public var label: String
        /// The learner's currency for it (1 on the day of the evidence, halving with each half-life); `nil` when never shown.
        public var currency: Double?

        public init(skill: String, label: String, currency: Double? = nil) {
            self.skill = skill
            self.label = label
            self.currency = currency
        }
    }

    /// A unit to take, with the target skills it gives, or the unit it is a prerequisite of.
    public struct Suggestion: Hashable, Sendable, Codable {
        public var unit: String
        public var version: Int
        public var title: String
        public var covers: [String]
        /// Set when the unit is suggested only because another suggested unit needs it first.
        public var prerequisiteOf: String?
    }

    public var learner: String
    public var asOf: Day
    /// Target skills the learner holds with a current standing.
    public var have: [Skill]
    /// Target skills the learner holds whose currency has fallen below the renewal threshold.
    public var fading: [Skill]
    /// Target skills the learner has never shown.
    public var missing: [Skill]
    /// The units suggested, prerequisites before the units that need them.
    public var units: [Suggestion]
    /// Missing or fading skills no published unit gives.
    public var uncovered: [String]

    /// Sorts the target against the learner's skills and picks units: **greedy set cover** over the published
    /// units the learner has not passed — repeatedly the unit giving most of the still-open (missing or fading)
    /// skills, ties to fewer prerequisites not yet passed, then to the code — each with its not-yet-passed
    /// prerequisites (transitively) added before it. Greedy is within a factor ln(n) of the smallest set, not
    /// always the smallest.
    public static func match(learner: String, target: [String: String], standings: [SkillStanding], passedUnits: Set<String>,
                             catalogue: PublishedCatalogue, policy: CurrencyPolicy = .standard, asOf: Day) -> SkillMatch {
        var best: [String: Double] = [:]
        for standing in standings { best[standing.skill.rawValue] = max(best[standing.skill.rawValue] ?? 0, standing.currency) }
        var have: [Skill] = [], fading: [Skill] = [], missing: [Skill] = []
        for (uri, label) in target.sorted(by: { $0.key < $1.key }) {
            guard let currency = best[uri] else { missing.append(Skill(skill: uri, label: label)); continue }
            let skill = Skill(skill: uri, label: label, currency: (currency * 1000).rounded() / 1000)
            if currency < policy.fadingBelow { fading.append(skill) } else { have.append(skill) }
        }
        var open = Set(missing.map(\.skill) + fading.map(\.skill))
        var chosen: [Suggestion] = []
        var taken = passedUnits
        func prerequisites(of unit: LearningUnit, seen: inout Set<String>) -> [LearningUnit] {
            var list: [LearningUnit] = []
            for reference in unit.prerequisites where !taken.contains(reference.code) && !seen.contains(reference.code) {
                seen.insert(reference.code)
                guard let prerequisite = catalogue.units[reference.code] else { continue }
                list += prerequisites(of: prerequisite, seen: &seen) + [prerequisite]
            }
            return list
        }
        while !open.isEmpty {
            var pick: (unit: LearningUnit, gives: Set<String>, extra: Int)?
            for unit in catalogue.units.values where !taken.contains(unit.code) {
                let gives = catalogue.skills(of: unit).intersection(open)
                guard !gives.isEmpty else { continue }
                var seen = Set<String>()
                let extra = prerequisites(of: unit, seen: &seen).count
                if let current = pick {
                    if (gives.count, -extra) < (current.gives.count, -current.extra) { continue }
                    if (gives.count, -extra) == (current.gives.count, -current.extra) && unit.code > current.unit.code { continue }
                }
                pick = (unit, gives, extra)
            }
            guard let pick else { break }
            var seen = Set<String>()
            for prerequisite in prerequisites(of: pick.unit, seen: &seen) {
                let gives = catalogue.skills(of: prerequisite).intersection(open)
                open.subtract(gives)
                taken.insert(prerequisite.code)
                chosen.append(Suggestion(unit: prerequisite.code, version: prerequisite.version, title: prerequisite.displayTitle,
                                         covers: gives.sorted(), prerequisiteOf: pick.unit.code))
            }
            open.subtract(pick.gives)
            taken.insert(pick.unit.code)
            chosen.append(Suggestion(unit: pick.unit.code, version: pick.unit.version, title: pick.unit.displayTitle, covers: pick.gives.sorted()))
        }
        return SkillMatch(learner: learner, asOf: asOf, have: have, fading: fading, missing: missing, units: chosen, uncovered: open.sorted())
    }
}

extension PublishedCatalogue {
    /// The ESCO skills a unit gives: those its outcomes are aligned to.
    public func skills(of unit: LearningUnit) -> Set<String> {
        Set(unit.outcomes.flatMap { outcomes[$0.code]?.alignments.map(\.skill.rawValue) ?? [] })
    }
}

/// How far a programme prepares for an occupation: the share of the occupation's essential skills its
/// published units' outcomes and EPAs cover, and the gaps.
public struct OccupationCoverage: Hashable, Sendable, Codable {
    public var programme: String
    public var occupation: String
    public var essential: Int
    public var covered: [SkillMatch.Skill]
    public var gaps: [SkillMatch.Skill]
    /// `covered / essential`; `nil` for an occupation without essential skills.
    public var share: Double?

    /// - Parameter essential: the occupation's essential skills by URI, with a label.
    public static func of(_ programme: Programme, occupation: String, essential: [String: String], catalogue: PublishedCatalogue) -> OccupationCoverage {
        let skills = catalogue.skills(of: programme)
        var covered: [SkillMatch.Skill] = [], gaps: [SkillMatch.Skill] = []
        for (uri, label) in essential.sorted(by: { $0.key < $1.key }) {
            if skills.contains(uri) { covered.append(SkillMatch.Skill(skill: uri, label: label)) } else { gaps.append(SkillMatch.Skill(skill: uri, label: label)) }
        }
        return OccupationCoverage(programme: programme.code, occupation: occupation, essential: essential.count, covered: covered, gaps: gaps,
                                  share: essential.isEmpty ? nil : Double(covered.count) / Double(essential.count))
    }
}
