/// The stored records one learner's progress is computed from, read together
/// so they are consistent with each other. Lists are in the order of their
/// days (start, decision, achievement, observation), then by id.
public struct ProgressInputs: Hashable, Sendable {
    public var learner: Learner
    public var enrolments: [Enrolment]
    public var decisions: [EntrustmentDecision]
    public var results: [UnitResult]
    public var observations: [Observation]

    public init(learner: Learner, enrolments: [Enrolment], decisions: [EntrustmentDecision], results: [UnitResult], observations: [Observation]) {
        self.learner = learner
        self.enrolments = enrolments
        self.decisions = decisions
        self.results = results
        self.observations = observations
    }
}
