public import ErkendCore
public import ErkendStore
public import Foundation

/// Small, consistent progression records for storage tests: learner `L-1`
/// enrolled in `P-1@1` as `E-1`, on placement `PL-1` with mentor `M-1`.
public enum ProgressionSamples {
    /// A whole second, because instants are stored to the second.
    public static let now = Date(timeIntervalSince1970: 1_764_410_400)
    public static let today: Day = "2025-11-29"
    public static let epa: ExactReference = "EPA-1@1"
    /// 43 characters, as a base64url-encoded 32-byte token is.
    public static let token = "tok3n-that-is-long-enough-to-be-unguessable"

    public static func audit(_ action: String, by actor: AuditActor = .staff("acc-1"), channel: AuditChannel = .session("sess-1"),
                             details: [String: String] = [:]) -> AuditRecord {
        AuditRecord(at: now, actor: actor, channel: channel, action: action, details: details)
    }

    public static func learner(_ id: Learner.ID = "L-1", name: String = "Sanne de Vries", number: String? = "100001") -> Learner {
        Learner(id: id, name: name, studentNumber: number, email: number.map { "\($0)@student.example.nl" }, dateOfBirth: "2006-04-12")
    }

    public static func mentor(_ id: Mentor.ID = "M-1", name: String = "Joris Bakker") -> Mentor {
        Mentor(id: id, name: name, organisation: "Zorggroep Oost", email: "joris@zorggroep.example.nl", phone: "+31 6 12345678")
    }

    public static func enrolment(_ id: Enrolment.ID = "E-1", learner: Learner.ID = "L-1", cohort: String = "2025-2026",
                                 programme: ExactReference = "P-1@1") -> Enrolment {
        Enrolment(id: id, learner: learner, programme: programme, startDate: "2025-09-01", cohort: cohort)
    }

    public static func placement(_ id: Placement.ID = "PL-1", learner: Learner.ID = "L-1", enrolment: Enrolment.ID = "E-1",
                                 mentors: [Mentor.ID] = ["M-1"]) -> Placement {
        Placement(id: id, learner: learner, enrolment: enrolment, organisation: "Zorggroep Oost", department: "Afdeling 3",
                  startDate: "2025-09-15", endDate: "2026-01-31", mentors: mentors)
    }

    public static func observation(_ id: Observation.ID = "O-1", learner: Learner.ID = "L-1", enrolment: Enrolment.ID = "E-1",
                                   epa: ExactReference = epa, mentor: Mentor.ID = "M-1", date: Day = "2025-11-20", level: String = "2") -> Observation {
        Observation(id: id, learner: learner, enrolment: enrolment, placement: nil, epa: epa, date: date, level: level,
                    observer: Observer(kind: .mentor, id: mentor.rawValue, name: "Joris Bakker", organisation: "Zorggroep Oost"),
                    context: ObservationContext(workplace: "Zorggroep Oost", complexity: .medium),
                    feedback: "Goed voorbereid, rustig uitgevoerd.", recordedAt: now)
    }

    public static func decision(_ id: EntrustmentDecision.ID = "D-1", learner: Learner.ID = "L-1", basis: [Observation.ID] = ["O-1"]) -> EntrustmentDecision {
        EntrustmentDecision(id: id, learner: learner, enrolment: "E-1", epa: epa, level: "3", decidedOn: today,
                            committee: "Examencommissie Zorg", deciders: ["acc-7", "acc-8"], basis: basis, ruleMet: true, recordedAt: now)
    }

    public static func result(_ id: UnitResult.ID = "R-1", learner: Learner.ID = "L-1", unit: ExactReference = "U-1@1",
                              basis: UnitResult.Basis = .completed) -> UnitResult {
        UnitResult(id: id, learner: learner, enrolment: "E-1", unit: unit, grade: "7.5", achievedOn: today, assessor: "acc-3", basis: basis)
    }

    public static func statement(_ id: PracticeStatement.ID = "PS-1") -> PracticeStatement {
        PracticeStatement(id: id, learner: "L-1", placement: "PL-1", periodStart: "2025-09-15", periodEnd: "2025-11-28",
                          tasks: [PerformedTask(reference: .werkproces(code: "B1-K1-W2"), description: "Verzorgt cliënten", frequency: "daily")])
    }

    /// A case for units U-1 and U-2 on two pieces of evidence, one kept as a file.
    public static func recognitionCase(_ id: RecognitionCase.ID = "RC-1") -> RecognitionCase {
        RecognitionCase(id: id, learner: "L-1", enrolment: "E-1", openedOn: "2025-10-01", evidence: [
            EvidenceItem(id: "EV-1", kind: .openBadge3, title: "Badge Wondzorg", issuer: "ROC Oost", issuedOn: "2024-06-01", source: .stored(key: "\(id)-EV-1")),
            EvidenceItem(id: "EV-2", kind: .practiceStatement, title: "Praktijkverklaring", issuer: "Zorggroep Oost", source: .practiceStatement("PS-1")),
        ], mappings: [
            RecognitionMapping(target: .unit(EntityReference("U-1", version: 1)), evidence: ["EV-1"]),
            RecognitionMapping(target: .unit(EntityReference("U-2", version: 1)), evidence: ["EV-1", "EV-2"]),
        ])
    }

    public static func signoffRequest(_ id: SignoffRequest.ID = "SR-1", purpose: SignoffRequest.Purpose = .observation(epa: epa),
                                      learner: Learner.ID = "L-1", mentor: Mentor.ID = "M-1") -> SignoffRequest {
        SignoffRequest(id: id, purpose: purpose, learner: learner, mentor: mentor, requestedBy: "acc-1", createdAt: now,
                       expiresAt: now.addingTimeInterval(SignoffRequest.defaultLifetime))
    }

    /// Stores learner L-1 with enrolment E-1, mentor M-1 and placement PL-1 (and
    /// the same for `L-2`, `E-2`, `M-2`, `PL-2` when `second`).
    public static func seed(_ store: ErkendStore, second: Bool = false) async throws {
        try await seed(store.storage, second: second)
    }

    /// `seed` on any backend's storage.
    public static func seed(_ store: ErkendStorage, second: Bool = false) async throws {
        let progression = store.progression
        try await progression.mentors.create(mentor(), audit: audit(AuditAction.mentorCreated))
        try await progression.learners.create(learner(), audit: audit(AuditAction.learnerCreated))
        try await progression.enrolments.create(enrolment(), audit: audit(AuditAction.enrolmentCreated))
        try await progression.placements.create(placement(), audit: audit(AuditAction.placementCreated))
        guard second else { return }
        try await progression.mentors.create(mentor("M-2", name: "Fatima El Amrani"), audit: audit(AuditAction.mentorCreated))
        try await progression.learners.create(learner("L-2", name: "Daan Jansen", number: "100002"), audit: audit(AuditAction.learnerCreated))
        try await progression.enrolments.create(enrolment("E-2", learner: "L-2"), audit: audit(AuditAction.enrolmentCreated))
        try await progression.placements.create(placement("PL-2", learner: "L-2", enrolment: "E-2", mentors: ["M-2"]), audit: audit(AuditAction.placementCreated))
    }

    /// `learners` learners, each with an enrolment, a placement with one of 10
    /// mentors and `observationsEach` observations, as the demo generator makes them.
    public static func generated(learners: Int, observationsEach: Int, offset: Int = 0) -> ProgressionBatch {
        var batch = ProgressionBatch()
        if offset == 0 { batch.mentors = (0..<10).map { mentor(Mentor.ID(trusted: "GM-\($0)"), name: "Mentor \($0)") } }
        let firstDay: Day = "2025-09-01"
        for index in offset..<(offset + learners) {
            let learnerID = Learner.ID(trusted: "GL-\(index)")
            let enrolmentID = Enrolment.ID(trusted: "GE-\(index)")
            batch.learners.append(learner(learnerID, name: "Learner \(index)", number: "G\(index)"))
            batch.enrolments.append(enrolment(enrolmentID, learner: learnerID))
            batch.placements.append(placement(Placement.ID(trusted: "GP-\(index)"), learner: learnerID, enrolment: enrolmentID,
                                              mentors: [Mentor.ID(trusted: "GM-\(index % 10)")]))
            for number in 0..<observationsEach {
                batch.observations.append(observation(Observation.ID(trusted: "GO-\(index)-\(number)"), learner: learnerID, enrolment: enrolmentID,
                                                      epa: ExactReference("EPA-\(number % 4)", version: 1), mentor: Mentor.ID(trusted: "GM-\(index % 10)"),
                                                      date: firstDay.adding(days: number)))
            }
        }
        return batch
    }
}
