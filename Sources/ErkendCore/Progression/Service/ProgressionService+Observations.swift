/// An observation as a mentor or staff member records it.
public struct NewObservation: Hashable, Sendable, Codable {
    /// The EPA: its code (the version the programme uses) or `CODE@N`.
    public var epa: EntityReference
    public var date: Day
    /// A level code of the EPA's scale, such as `3` or `3b`.
    public var level: String
    public var context: ObservationContext?
    public var feedback: String
    public var placement: Placement.ID?

    public init(epa: EntityReference, date: Day, level: String, context: ObservationContext? = nil, feedback: String, placement: Placement.ID? = nil) {
        self.epa = epa
        self.date = date
        self.level = level
        self.context = context
        self.feedback = feedback
        self.placement = placement
    }
}

extension ProgressionService {
    /// The learner's enrolment whose programme has the EPA, the programme, and the EPA version it means.
    func resolveEPA(_ reference: EntityReference, for learner: Learner.ID) async throws -> (enrolment: Enrolment, programme: Programme, epa: EPA) {
        let enrolments = try await storage.enrolments.enrolments(learner: learner)
        guard !enrolments.isEmpty else {
            _ = try await requireLearner(learner)
            throw ErkendError.invalid("epa", "learner \(learner) is not enrolled in a programme")
        }
        for enrolment in enrolments.sorted(by: { ($0.status == .active ? 0 : 1, $1.startDate) < ($1.status == .active ? 0 : 1, $0.startDate) }) {
            // The programme's cached snapshot spares every observation two catalogue reads and their decoding, which were
            // most of its cost; like progress, it sees a newly published EPA version within `ProgrammeSnapshotCache.lifetime`.
            let entry = try await snapshot(enrolment.programme)
            let programme = entry.programme
            guard let target = programme.allEPAs.first(where: { $0.code == reference.code }) else { continue }
            let wanted = reference.version.map { EntityReference(reference.code, version: $0) } ?? target
            if let epa = entry.snapshot.epa(wanted), epa.status != .draft { return (enrolment, programme, epa) }
            guard case .epa(let epa) = try await published(.epa, wanted) else { continue }
            return (enrolment, programme, epa)
        }
        throw ErkendError(.ruleViolation, "EPA \(reference) is not in the programme of learner \(learner)",
                          details: [.init(location: "epa", message: "EPA \(reference.code) is not part of \(enrolments.map(\.programme.description).joined(separator: ", "))")])
    }

    /// Records an observation by `observer` (the mentor, or the staff member
    /// signed in). Refuses a level outside the EPA's scale, a date in the future
    /// or before the enrolment, and an EPA outside the learner's programme.
    public func recordObservation(_ learner: Learner.ID, _ input: NewObservation, observer: Observer, by principal: Principal) async throws -> Observation {
        // No separate read of the learner: an enrolment implies one, and `resolveEPA` answers `.notFound` when there is neither.
        let observation = try await makeObservation(learner, input, observer: observer)
        if let mentor = observer.mentorID { try await requireCurrentMentor(mentor, of: learner) }
        try await storage.observations.record(observation, audit: audit(principal, AuditAction.observationRecorded, subject: learner,
                                                                         details: ["epa": observation.epa.description, "level": observation.level]))
        return observation
    }

    /// An observation checked against the catalogue and the learner's enrolment, not yet stored.
    func makeObservation(_ learner: Learner.ID, _ input: NewObservation, observer: Observer) async throws -> Observation {
        guard !input.feedback.isBlank else {
            throw ErkendError.invalid("feedback", "write a few words of feedback: what went well, what to work on")
        }
        let (enrolment, programme, epa) = try await resolveEPA(input.epa, for: learner)
        let observation = Observation(
            id: Observation.ID(trusted: makeID()), learner: learner, enrolment: enrolment.id, placement: input.placement,
            epa: ExactReference(epa), date: input.date, level: input.level, observer: observer,
            context: input.context ?? ObservationContext(), feedback: input.feedback.trimmed, recordedAt: now())
        try ObservationValidation.validate(observation, epa: epa, enrolment: enrolment, programme: programme, today: today)
        return observation
    }

    public func observations(_ learner: Learner.ID, epa: String?) async throws -> [Observation] {
        _ = try await requireLearner(learner)
        return try await storage.observations.observations(learner: learner, epa: epa)
    }
}
