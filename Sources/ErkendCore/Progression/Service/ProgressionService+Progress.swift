/// Where a learner stands in one programme: the phase, what is still needed,
/// how far along toward independent practice, and the skills with their currency.
public struct ProgressReport: Hashable, Sendable, Codable {
    public var learner: Learner.ID
    public var enrolment: Enrolment
    public var asOf: Day
    public var phases: PhaseEvaluation
    public var progress: ProgressMeasure
    public var skills: SkillsProfile
    /// Observations per EPA code, to show next to the targets.
    public var observationCounts: [String: Int]
}

extension ProgressionService {
    /// Progress in each of the learner's active enrolments (or the newest, when none is active).
    public func progress(_ learner: Learner.ID) async throws -> [ProgressReport] {
        guard let inputs = try await storage.progressInputs(learner: learner) else { throw ErkendError.notFound("learner \(learner)") }
        let day = today
        let active = inputs.enrolments.filter { $0.status == .active }
        let enrolments = active.isEmpty ? Array(inputs.enrolments.suffix(1)) : active
        var reports: [ProgressReport] = []
        for enrolment in enrolments {
            let entry = try await snapshot(enrolment.programme)
            let decisions = inputs.decisions.filter { $0.enrolment == enrolment.id }
            let results = inputs.results.filter { $0.enrolment == enrolment.id || $0.enrolment == nil }
            let phases = try PhaseEvaluation.evaluate(programme: entry.programme, catalogue: entry.snapshot, decisions: decisions, results: results, asOf: day)
            let measure = try ProgressMeasure.measure(programme: entry.programme, catalogue: entry.snapshot, decisions: decisions, results: results, asOf: day)
            let technical = entry.technicalSkills
            let skills = try SkillsProfile.build(learner: learner, results: results, decisions: decisions, catalogue: entry.snapshot,
                                                 today: day, isTechnical: { technical.contains($0) })
            var counts: [String: Int] = [:]
            for observation in inputs.observations where observation.enrolment == enrolment.id { counts[observation.epa.code, default: 0] += 1 }
            reports.append(ProgressReport(learner: learner, enrolment: enrolment, asOf: day, phases: phases, progress: measure,
                                          skills: skills, observationCounts: counts))
        }
        return reports
    }
}
