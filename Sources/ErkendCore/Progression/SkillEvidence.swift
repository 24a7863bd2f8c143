/// One piece of evidence that a learner holds a skill: which result or
/// decision, on which day, through which outcome or EPA, and how fresh it is.
public struct SkillEvidence: Hashable, Sendable, Codable {
    public enum Source: Hashable, Sendable, Codable {
        /// A passed unit; `recognised` when it was credited through recognition.
        case unitResult(id: UnitResult.ID, unit: ExactReference, recognised: Bool)
        /// An active entrustment decision.
        case entrustmentDecision(id: EntrustmentDecision.ID, epa: ExactReference, level: String)
    }

    /// How the skill is reached from the source.
    public enum Route: Hashable, Sendable, Codable {
        /// Through a learning outcome of the unit or EPA, aligned to the skill.
        case outcome(EntityReference)
        /// Directly through the EPA's own skill alignments.
        case epaSkill
    }

    public var source: Source
    public var via: Route
    public var relation: AlignmentRelation
    /// The day of the result or decision.
    public var day: Day
    public var halfLife: HalfLife
    /// This evidence's own currency on the profile's day.
    public var currency: Double

    public init(source: Source, via: Route, relation: AlignmentRelation, day: Day, halfLife: HalfLife, currency: Double) {
        self.source = source
        self.via = via
        self.relation = relation
        self.day = day
        self.halfLife = halfLife
        self.currency = currency
    }

    /// Orders evidence of the same day the same way whatever order it was found in.
    var sortKey: String {
        let source = switch source {
        case .unitResult(let id, let unit, _): "unit|\(id)|\(unit)"
        case .entrustmentDecision(let id, let epa, _): "epa|\(id)|\(epa)"
        }
        let route = switch via {
        case .outcome(let outcome): "outcome|\(outcome)"
        case .epaSkill: "epa"
        }
        return "\(source)|\(route)|\(relation.rawValue)"
    }
}

/// A skill as a learner holds it on a day.
public struct SkillStanding: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// At or above the fading threshold.
        case current
        /// Below the fading threshold, at or above the stale one.
        case fading
        /// Below the stale threshold.
        case stale
    }

    public var skill: ConceptURI
    /// The highest currency of any of its evidence: newer evidence refreshes a
    /// skill, and never lowers it, even when it decays faster.
    public var currency: Double
    public var status: Status
    /// The half-life of the evidence that gives `currency`.
    public var halfLife: HalfLife
    public var newestEvidence: Day
    /// Newest first.
    public var evidence: [SkillEvidence]

    public init(skill: ConceptURI, currency: Double, status: Status, halfLife: HalfLife, newestEvidence: Day, evidence: [SkillEvidence]) {
        self.skill = skill
        self.currency = currency
        self.status = status
        self.halfLife = halfLife
        self.newestEvidence = newestEvidence
        self.evidence = evidence
    }
}

/// An entrustment staff should renew: its validity ends soon, or the skills it rests on are fading.
public struct ReentrustmentDue: Hashable, Sendable, Codable {
    public enum Reason: Hashable, Sendable, Codable {
        /// `validUntil` is `on`, `inDays` days from the profile's day (0 = today is the last day).
        case validityEnds(on: Day, inDays: Int)
        /// These skills of the EPA are below the fading threshold; `lowest` is the lowest currency among them.
        case skillsFading(skills: [ConceptURI], lowest: Double)
    }

    public var decision: EntrustmentDecision.ID
    public var epa: ExactReference
    public var level: String
    public var reasons: [Reason]

    public init(decision: EntrustmentDecision.ID, epa: ExactReference, level: String, reasons: [Reason]) {
        self.decision = decision
        self.epa = epa
        self.level = level
        self.reasons = reasons
    }
}
