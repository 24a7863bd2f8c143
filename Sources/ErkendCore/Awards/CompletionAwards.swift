/// Awards for completed phases and programmes. Pure: the caller reads the
/// records and the catalogue in the transaction that writes the record which
/// may complete something, and stores what this returns in that same
/// transaction.
///
/// Rules:
/// - The learner's progress in one enrolment is evaluated (`PhaseEvaluation`)
///   with the enrolment's decisions and the results of that enrolment or of
///   none, as of the latest day among them: the day the last piece arrived.
/// - A phase that asks for something (units, EPA targets or choices) and is
///   complete gives a `phaseCompleted` award for the exact programme version
///   of the enrolment, naming the phase; a completed programme gives a
///   `programmeCompleted` award.
/// - One award per learner × phase (or programme) × programme version, ever: an
///   existing one — even a revoked one — is never made again. Its `source`
///   (`completion:LEARNER:phase:CODE`, `completion:LEARNER:programme`) is the
///   key the stores' unique index keeps.
public enum CompletionAwards {
    /// The `source` of the award for completing `phase` (or the programme, when `nil`).
    public static func source(learner: Learner.ID, phase: String?) -> String {
        phase.map { "completion:\(learner):phase:\($0)" } ?? "completion:\(learner):programme"
    }

    /// The day a learner's records in one enrolment were last added to: the day completion is dated.
    public static func completionDay(decisions: [EntrustmentDecision], results: [UnitResult]) -> Day? {
        (decisions.map(\.decidedOn) + results.map(\.achievedOn)).max()
    }

    /// The awards that completing phases or the programme of `enrolment` gives and that do not exist yet.
    ///
    /// - Parameters:
    ///   - decisions: the learner's decisions (those of other enrolments are left out here).
    ///   - results: the learner's results (those of other enrolments are left out here).
    ///   - existing: the learner's awards as stored, to keep one award per phase and programme.
    ///   - ids: a new award id per call.
    public static func awards(enrolment: Enrolment, programme: Programme, catalogue: CatalogueSnapshot,
                              decisions: [EntrustmentDecision], results: [UnitResult], existing: [Award],
                              ids: () -> Award.ID) throws -> [Award] {
        guard enrolment.status != .withdrawn, enrolment.programme.identifies(programme) else { return [] }
        let decisions = decisions.filter { $0.learner == enrolment.learner && $0.enrolment == enrolment.id }
        let results = results.filter { $0.learner == enrolment.learner && ($0.enrolment == nil || $0.enrolment == enrolment.id) }
        guard let day = completionDay(decisions: decisions, results: results) else { return [] }
        let evaluation = try PhaseEvaluation.evaluate(programme: programme, catalogue: catalogue, decisions: decisions,
                                                      results: results, asOf: day)
        let taken = Set(existing.filter { $0.learner == enrolment.learner }.map(\.source))
        var awards: [Award] = []
        for (phase, status) in zip(programme.phases, evaluation.phases) where status.isComplete && asksSomething(phase, of: programme) {
            let source = source(learner: enrolment.learner, phase: phase.code)
            guard !taken.contains(source) else { continue }
            awards.append(Award(id: ids(), kind: .phaseCompleted, learner: enrolment.learner, certifies: enrolment.programme,
                                phase: phase.code, issuedOn: day, source: source))
        }
        let programmeSource = source(learner: enrolment.learner, phase: nil)
        if evaluation.isProgrammeComplete, !taken.contains(programmeSource), !programme.phases.isEmpty {
            awards.append(Award(id: ids(), kind: .programmeCompleted, learner: enrolment.learner, certifies: enrolment.programme,
                                issuedOn: day, source: programmeSource))
        }
        for award in awards { try award.validate() }
        return awards
    }

    /// The learner's phase and programme awards for `enrolment` that no longer hold: evaluated again as of
    /// the day each was awarded, with the records as they stand now (a withdrawn decision no longer counts),
    /// the phase (or programme) is not complete. Revoked awards are left out.
    public static func lapsed(enrolment: Enrolment, programme: Programme, catalogue: CatalogueSnapshot,
                              decisions: [EntrustmentDecision], results: [UnitResult], awards: [Award]) throws -> [Award.ID] {
        guard enrolment.programme.identifies(programme) else { return [] }
        // A withdrawn decision counts for nothing, not even before the day it was withdrawn.
        let decisions = decisions.filter { $0.learner == enrolment.learner && $0.enrolment == enrolment.id && $0.withdrawal == nil }
        let results = results.filter { $0.learner == enrolment.learner && ($0.enrolment == nil || $0.enrolment == enrolment.id) }
        var lapsed: [Award.ID] = []
        for award in awards where award.learner == enrolment.learner && award.status != .revoked && award.certifies == enrolment.programme {
            guard award.kind == .phaseCompleted || award.kind == .programmeCompleted else { continue }
            let evaluation = try PhaseEvaluation.evaluate(programme: programme, catalogue: catalogue, decisions: decisions,
                                                          results: results, asOf: award.issuedOn)
            let holds = award.kind == .programmeCompleted
                ? evaluation.isProgrammeComplete
                : evaluation.phases.first { $0.code == award.phase }?.isComplete ?? false
            if !holds { lapsed.append(award.id) }
        }
        return lapsed
    }

    /// Whether finishing the phase takes anything: an empty phase is complete from the start and certifies nothing.
    static func asksSomething(_ phase: Phase, of programme: Programme) -> Bool {
        !phase.units.isEmpty || !phase.epaTargets.isEmpty || programme.choiceGroups.contains { $0.phase == phase.code }
    }

    /// Which of the learner's awards a phase or programme award stacks: the awards for units and
    /// EPAs the phase (or the whole programme) names, not revoked, oldest first.
    public static func stacked(by award: Award, programme: Programme, among awards: [Award]) -> [Award] {
        let units: [EntityReference]
        let epas: [EntityReference]
        switch award.kind {
        case .phaseCompleted:
            guard let phase = programme.phases.first(where: { $0.code == award.phase }) else { return [] }
            units = phase.units + programme.choiceGroups.filter { $0.phase == phase.code }.flatMap(\.units)
            epas = phase.epaTargets.map(\.epa)
        case .programmeCompleted:
            units = programme.allUnits
            epas = programme.allEPAs
        default:
            return []
        }
        return awards.filter { candidate in
            guard candidate.learner == award.learner, candidate.status != .revoked else { return false }
            switch candidate.kind {
            case .unitPassed, .recognitionGranted: return units.contains { candidate.certifies.satisfies($0) }
            case .entrustmentDecision: return epas.contains { candidate.certifies.satisfies($0) }
            case .phaseCompleted: return award.kind == .programmeCompleted && candidate.certifies == award.certifies
            case .programmeCompleted: return false
            }
        }
    }
}
