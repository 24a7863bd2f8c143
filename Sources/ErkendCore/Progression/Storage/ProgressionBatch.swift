/// Records to store together in one bulk insert. Within a batch, mentors and
/// learners are written first, then enrolments, placements, observations,
/// decisions and results, so records may refer to others of the same batch.
public struct ProgressionBatch: Hashable, Sendable {
    public var learners: [Learner]
    public var enrolments: [Enrolment]
    public var placements: [Placement]
    public var mentors: [Mentor]
    public var observations: [Observation]
    public var decisions: [EntrustmentDecision]
    public var results: [UnitResult]

    public init(learners: [Learner] = [], enrolments: [Enrolment] = [], placements: [Placement] = [], mentors: [Mentor] = [],
                observations: [Observation] = [], decisions: [EntrustmentDecision] = [], results: [UnitResult] = []) {
        self.learners = learners
        self.enrolments = enrolments
        self.placements = placements
        self.mentors = mentors
        self.observations = observations
        self.decisions = decisions
        self.results = results
    }

    /// How many records of each kind, as audit details.
    public var counts: [String: String] {
        [
            "learners": String(learners.count), "enrolments": String(enrolments.count), "placements": String(placements.count),
            "mentors": String(mentors.count), "observations": String(observations.count), "decisions": String(decisions.count),
            "results": String(results.count),
        ]
    }
}
