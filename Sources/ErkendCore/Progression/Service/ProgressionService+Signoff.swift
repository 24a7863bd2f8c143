public import Foundation

/// A request for a mentor's sign-off, as a learner or staff member makes it.
public struct NewSignoffRequest: Hashable, Sendable, Codable {
    public var mentor: Mentor.ID
    /// For an observation: the EPA (its code, or `CODE@N`).
    public var epa: EntityReference?
    /// For a practice statement: the placement and what the workplace is asked to state.
    public var practiceStatement: NewPracticeStatement?
    /// Days until the link stops working; 14 when left out.
    public var expiresInDays: Int?

    public init(mentor: Mentor.ID, epa: EntityReference? = nil, practiceStatement: NewPracticeStatement? = nil, expiresInDays: Int? = nil) {
        self.mentor = mentor
        self.epa = epa
        self.practiceStatement = practiceStatement
        self.expiresInDays = expiresInDays
    }
}

/// A practice statement (praktijkverklaring) to be signed by the workplace.
public struct NewPracticeStatement: Hashable, Sendable, Codable {
    public var placement: Placement.ID
    public var periodStart: Day
    public var periodEnd: Day
    public var tasks: [PerformedTask]

    public init(placement: Placement.ID, periodStart: Day, periodEnd: Day, tasks: [PerformedTask]) {
        self.placement = placement
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.tasks = tasks
    }
}

/// What the mentor sees on opening a link: enough to know what to sign, nothing more.
public struct SignoffView: Hashable, Sendable, Codable {
    public var request: SignoffRequest
    public var status: SignoffRequest.Status
    public var learnerName: String
    public var mentor: Mentor
    /// For an observation: the EPA with its scale.
    public var epa: EPA?
    /// For a practice statement: the statement to sign.
    public var statement: PracticeStatement?
}

/// What the mentor fills in to sign.
public struct SignoffSubmission: Hashable, Sendable, Codable {
    /// The mentor's name as they confirm it.
    public var name: String
    public var organisation: String
    /// For an observation: the level, the day and feedback.
    public var level: String?
    public var date: Day?
    public var feedback: String?
    public var context: ObservationContext?

    public init(name: String, organisation: String, level: String? = nil, date: Day? = nil, feedback: String? = nil, context: ObservationContext? = nil) {
        self.name = name
        self.organisation = organisation
        self.level = level
        self.date = date
        self.feedback = feedback
        self.context = context
    }
}

extension ProgressionService {
    /// Creates a single-use link for a mentor. Returns the request and the
    /// token (shown once, in the link; Erkend keeps only its hash).
    public func requestSignoff(_ learner: Learner.ID, _ input: NewSignoffRequest, by principal: Principal) async throws -> (SignoffRequest, token: String) {
        _ = try await requireLearner(learner)
        guard let mentor = try await storage.mentors.mentor(input.mentor) else { throw ErkendError.invalid("mentor", "mentor \(input.mentor) does not exist") }
        guard try await storage.placements.isMentor(mentor.id, of: learner) else {
            throw ErkendError(.ruleViolation, "\(mentor.name) is not a mentor on any placement of this learner; place the learner with this mentor first")
        }
        let days = input.expiresInDays ?? 14
        guard (1...60).contains(days) else { throw ErkendError.invalid("expiresInDays", "a link lives 1 to 60 days, got \(days)") }
        let instant = now()
        let purpose: SignoffRequest.Purpose
        switch (input.epa, input.practiceStatement) {
        case (let epa?, nil):
            let resolved = try await resolveEPA(epa, for: learner)
            purpose = .observation(epa: ExactReference(resolved.epa))
        case (nil, let statement?):
            guard let placement = try await storage.placements.placement(statement.placement), placement.learner == learner else {
                throw ErkendError.invalid("practiceStatement.placement", "learner \(learner) has no placement \(statement.placement)")
            }
            guard placement.mentors.contains(mentor.id) else {
                throw ErkendError.invalid("mentor", "\(mentor.name) is not a mentor of placement \(placement.id)")
            }
            let created = PracticeStatement(id: PracticeStatement.ID(trusted: makeID()), learner: learner, placement: placement.id,
                                            periodStart: statement.periodStart, periodEnd: statement.periodEnd, tasks: statement.tasks, status: .requested)
            try created.validate()
            try await storage.statements.create(created, audit: audit(principal, AuditAction.statementRequested, subject: learner))
            purpose = .practiceStatement(created.id)
        default:
            throw ErkendError.invalid("epa", "ask for either an observation of an EPA (epa) or a practice statement (practiceStatement)")
        }
        let request = SignoffRequest(id: SignoffRequest.ID(trusted: makeID()), purpose: purpose, learner: learner, mentor: mentor.id,
                                     requestedBy: principal.auditActor.description, createdAt: instant,
                                     expiresAt: instant.addingTimeInterval(Double(days) * 86_400))
        let token = makeToken()
        try await storage.signoffs.create(request, token: token, audit: audit(principal, AuditAction.signoffRequested, subject: learner,
                                                                                target: request.id.rawValue, details: ["mentor": mentor.id.rawValue]))
        return (request, token)
    }

    /// What a link shows. `.notFound` for a token that was never issued or was altered.
    public func signoffView(token: String) async throws -> SignoffView {
        guard let request = try await storage.signoffs.request(token: token) else {
            throw ErkendError.notFound("this sign-off link (check that it was copied whole)")
        }
        let learner = try await requireLearner(request.learner)
        guard let mentor = try await storage.mentors.mentor(request.mentor) else { throw ErkendError.notFound("mentor \(request.mentor)") }
        var epa: EPA?
        var statement: PracticeStatement?
        switch request.purpose {
        case .observation(let reference):
            if case .epa(let found)? = try await catalogue.repository.entity(reference.key(.epa)) { epa = found }
        case .practiceStatement(let id):
            statement = try await storage.statements.statement(id)
        }
        return SignoffView(request: request, status: request.status(at: now()), learnerName: learner.name, mentor: mentor, epa: epa, statement: statement)
    }

    /// Signs through a link: records the observation (or signs the statement) and uses the link up, in one transaction.
    public func sign(token: String, _ submission: SignoffSubmission) async throws -> SignoffRequest {
        let view = try await signoffView(token: token)
        let request = view.request
        try request.checkUsable(at: now())
        guard !submission.name.isBlank else { throw ErkendError.invalid("name", "confirm your name") }
        guard !submission.organisation.isBlank else { throw ErkendError.invalid("organisation", "confirm your organisation") }
        let principal = Principal(account: nil, roles: [.mentor], channel: .signoffLink(id: request.id.rawValue), mentor: request.mentor)
        let observer = Observer(kind: .mentor, id: request.mentor.rawValue, name: submission.name.trimmed, organisation: submission.organisation.trimmed)
        switch request.purpose {
        case .observation(let epa):
            guard let level = submission.level, !level.isBlank else { throw ErkendError.invalid("level", "pick the level at which the learner performed") }
            let input = NewObservation(epa: epa.reference, date: submission.date ?? today, level: level, context: submission.context,
                                       feedback: submission.feedback ?? "")
            let observation = try await makeObservation(request.learner, input, observer: observer)
            return try await storage.signoffs.sign(token: token, observation: observation, at: now(), audit: audit(
                principal, AuditAction.signoffSigned, subject: request.learner, target: request.id.rawValue,
                details: ["epa": epa.description, "level": level, "observation": observation.id.rawValue]))
        case .practiceStatement:
            guard var statement = view.statement else { throw ErkendError.notFound("the practice statement of this link") }
            statement.status = .signed
            statement.signedBy = PracticeStatement.Signatory(name: submission.name.trimmed, organisation: submission.organisation.trimmed)
            statement.signedOn = today
            return try await storage.signoffs.sign(token: token, statement: statement, at: now(), audit: audit(
                principal, AuditAction.signoffSigned, subject: request.learner, target: request.id.rawValue,
                details: ["practiceStatement": statement.id.rawValue]))
        }
    }

    /// Declines through a link, with the mentor's reason.
    public func decline(token: String, reason: String) async throws -> SignoffRequest {
        let view = try await signoffView(token: token)
        try view.request.checkUsable(at: now())
        guard !reason.isBlank else { throw ErkendError.invalid("reason", "say briefly why you decline, so the learner knows what to do") }
        let principal = Principal(account: nil, roles: [.mentor], channel: .signoffLink(id: view.request.id.rawValue), mentor: view.request.mentor)
        return try await storage.signoffs.decline(token: token, reason: reason.trimmed, at: now(), audit: audit(
            principal, AuditAction.signoffDeclined, subject: view.request.learner, target: view.request.id.rawValue))
    }

    /// The open requests of a mentor with an account.
    public func openRequests(mentor: Mentor.ID) async throws -> [SignoffRequest] {
        try await storage.signoffs.openRequests(mentor: mentor, at: now())
    }
}
