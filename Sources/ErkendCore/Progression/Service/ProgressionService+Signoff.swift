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
    /// `true` to sign on the spot: the learner gets the link (as a QR code) to show the
    /// mentor, and a signature made with it counts only once the mentor confirms it
    /// with a code mailed to them. Otherwise the link is mailed to the mentor.
    public var onTheSpot: Bool?

    public init(mentor: Mentor.ID, epa: EntityReference? = nil, practiceStatement: NewPracticeStatement? = nil, expiresInDays: Int? = nil,
                onTheSpot: Bool? = nil) {
        self.onTheSpot = onTheSpot
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

/// Where the mail of a sign-off request went and how its delivery goes: what
/// the learner and staff see instead of the link.
public struct SignoffDelivery: Hashable, Sendable, Codable {
    /// The mentor's registered address, masked: `f…@codefabriek.example.nl`.
    public var sentTo: String
    public var status: OutgoingMail.Status
    public var attempts: Int
    public var queuedAt: Date
    public var sentAt: Date?
    public var lastError: String?

    public init(_ mail: OutgoingMail) {
        sentTo = MaskedAddress.of(mail.recipient)
        status = mail.status
        attempts = mail.attempts
        queuedAt = mail.createdAt
        sentAt = mail.sentAt
        lastError = mail.lastError
    }
}

extension AuditAction {
    /// A sign-off link sent again (as a new link; the old one stopped working).
    public static let signoffResent = "signoff.resent"
    /// A signature made on the spot, held until the mentor confirms it with the mailed code.
    public static let signoffHeld = "signoff.held"
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
    /// Creates a single-use link for a mentor and puts the mail that carries it
    /// in the outbox, in one transaction with the request and its audit entry.
    /// Returns the request and the token — for the caller to forget: only the
    /// mentor's mail carries it (Erkend keeps only its hash, and the outbox only
    /// until the mail is sent). The mentor needs a registered e-mail address.
    public func requestSignoff(_ learner: Learner.ID, _ input: NewSignoffRequest, by principal: Principal) async throws -> (SignoffRequest, token: String) {
        let learnerRecord = try await requireLearner(learner)
        guard let mentor = try await storage.mentors.mentor(input.mentor) else { throw ErkendError.invalid("mentor", "mentor \(input.mentor) does not exist") }
        guard try await storage.placements.isMentor(mentor.id, of: learner) else {
            throw ErkendError(.ruleViolation, "\(mentor.name) is not a mentor on any placement of this learner; place the learner with this mentor first")
        }
        try await requireCurrentMentor(mentor.id, of: learner)
        let address = try Self.registeredAddress(of: mentor)
        let days = input.expiresInDays ?? 14
        guard (1...60).contains(days) else { throw ErkendError.invalid("expiresInDays", "a link lives 1 to 60 days, got \(days)") }
        let instant = now()
        let purpose: SignoffRequest.Purpose
        var what: [String: String]
        switch (input.epa, input.practiceStatement) {
        case (let epa?, nil):
            let resolved = try await resolveEPA(epa, for: learner)
            purpose = .observation(epa: ExactReference(resolved.epa))
            what = ["epaTitle": resolved.epa.title.best() ?? resolved.epa.code, "epaCode": resolved.epa.code]
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
            what = ["statement": "true", "periodStart": statement.periodStart.description, "periodEnd": statement.periodEnd.description]
        default:
            throw ErkendError.invalid("epa", "ask for either an observation of an EPA (epa) or a practice statement (practiceStatement)")
        }
        let request = SignoffRequest(id: SignoffRequest.ID(trusted: makeID()), purpose: purpose, learner: learner, mentor: mentor.id,
                                     requestedBy: principal.auditActor.description, createdAt: instant,
                                     expiresAt: instant.addingTimeInterval(Double(days) * 86_400), onTheSpot: input.onTheSpot ?? false)
        let token = makeToken()
        what["learnerName"] = learnerRecord.name
        // On the spot the learner shows the link; the mentor's mail carries the confirmation code later.
        let mail = request.onTheSpot ? nil : signoffMail(request, to: mentor, address: address, token: token, values: what)
        var details = ["mentor": mentor.id.rawValue]
        details["mail"] = mail?.id.rawValue
        if request.onTheSpot { details["onTheSpot"] = "true" }
        try await storage.signoffs.create(request, token: token, mail: mail, audit: audit(
            principal, AuditAction.signoffRequested, subject: learner, target: request.id.rawValue, details: details))
        return (request, token)
    }

    /// Sends the link of an open request again, as a new link: the old one stops
    /// working, so only the newest mail can be used. Returns the request.
    public func resendSignoff(_ learner: Learner.ID, _ id: SignoffRequest.ID, by principal: Principal) async throws -> SignoffRequest {
        let learnerRecord = try await requireLearner(learner)
        guard let request = try await storage.signoffs.request(id), request.learner == learner else {
            throw ErkendError.notFound("sign-off request \(id) of learner \(learner)")
        }
        try request.checkUsable(at: now())
        guard !request.onTheSpot else {
            throw ErkendError(.ruleViolation, "this request is for signing on the spot: show the mentor its QR code; the mentor gets a code by mail when signing")
        }
        guard let mentor = try await storage.mentors.mentor(request.mentor) else { throw ErkendError.notFound("mentor \(request.mentor)") }
        let address = try Self.registeredAddress(of: mentor)
        var what = ["learnerName": learnerRecord.name]
        switch request.purpose {
        case .observation(let reference):
            what["epaCode"] = reference.code
            if case .epa(let epa)? = try await catalogue.repository.entity(reference.key(.epa)) { what["epaTitle"] = epa.title.best() ?? epa.code }
        case .practiceStatement(let statementID):
            what["statement"] = "true"
            if let statement = try await storage.statements.statement(statementID) {
                what["periodStart"] = statement.periodStart.description
                what["periodEnd"] = statement.periodEnd.description
            }
        }
        let token = makeToken()
        let mail = signoffMail(request, to: mentor, address: address, token: token, values: what)
        try await storage.signoffs.reissue(request.id, token: token, mail: mail, at: now(), audit: audit(
            principal, AuditAction.signoffResent, subject: learner, target: request.id.rawValue,
            details: ["mentor": mentor.id.rawValue, "mail": mail.id.rawValue]))
        return request
    }

    /// Whether and where the mail of a request went, for the learner and staff: never the link.
    public func delivery(of request: SignoffRequest.ID) async throws -> SignoffDelivery? {
        guard let mail = try await storage.outbox.mails(about: OutgoingMail.about(signoff: request)).first else { return nil }
        return SignoffDelivery(mail)
    }

    private func signoffMail(_ request: SignoffRequest, to mentor: Mentor, address: String, token: String, values: [String: String]) -> OutgoingMail {
        var values = values
        // The path only: the sender puts Erkend's public address in front when it renders the mail.
        values["linkPath"] = "/signoff/\(token)"
        values["mentorName"] = mentor.name
        values["expires"] = Day(request.expiresAt).description
        // Whom the mail is about, so a copy kept outside the database can be found on erasure.
        values["learner"] = request.learner.rawValue
        return OutgoingMail(id: OutgoingMail.ID(trusted: makeID()), recipient: address, recipientName: mentor.name, template: "signoff-request",
                            values: values, about: OutgoingMail.about(signoff: request.id), createdAt: now())
    }

    static func registeredAddress(of mentor: Mentor) throws -> String {
        guard let address = mentor.email?.trimmed, address.contains("@"), !address.contains(where: { $0.isNewline || $0.isWhitespace }) else {
            throw ErkendError(.ruleViolation, "\(mentor.name) has no registered e-mail address; a sign-off link is only sent to the mentor's own address, so add it to the mentor first")
        }
        return address
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
        var shown = mentor
        if request.onTheSpot {
            // The link of a request signed on the spot is on the learner's phone: it shows no contact details.
            shown.email = nil
            shown.phone = nil
        }
        return SignoffView(request: request, status: request.status(at: now()), learnerName: learner.name, mentor: shown, epa: epa, statement: statement)
    }

    /// Signs through a link. A mailed link records the observation (or signs the
    /// statement) and uses the link up, in one transaction. A link for signing on
    /// the spot holds the signature instead and mails the mentor a one-time code
    /// (`confirm(token:code:)`); the returned request then has `heldSince` set.
    /// A mentor signed in with their own account (`principal`) needs no code.
    public func sign(token: String, _ submission: SignoffSubmission, by principal: Principal? = nil) async throws -> SignoffRequest {
        let view = try await signoffView(token: token)
        try view.request.checkUsable(at: now())
        guard !submission.name.isBlank else { throw ErkendError.invalid("name", "confirm your name") }
        guard !submission.organisation.isBlank else { throw ErkendError.invalid("organisation", "confirm your organisation") }
        try await requireCurrentMentor(view.request.mentor, of: view.request.learner)
        let ownAccount = principal?.account != nil && principal?.mentor == view.request.mentor
        if view.request.onTheSpot && !ownAccount {
            return try await hold(view, token: token, submission)
        }
        return try await record(view, token: token, submission, method: ownAccount ? .mentorAccount : .emailedLink)
    }

    /// Confirms a signature made on the spot with the code mailed to the mentor: then it is recorded, as evidence.
    public func confirm(token: String, code: String) async throws -> SignoffRequest {
        let view = try await signoffView(token: token)
        try view.request.checkUsable(at: now())
        try await requireCurrentMentor(view.request.mentor, of: view.request.learner)
        let submission = try await storage.signoffs.confirm(token: token, code: try OnTheSpotConfirmation.normalised(code), at: now(),
                                                            maximumAttempts: OnTheSpotConfirmation.maximumAttempts)
        return try await record(view, token: token, submission, method: .onTheSpotCode)
    }

    /// Keeps a signature made on the spot out of the evidence until the mentor confirms it.
    private func hold(_ view: SignoffView, token: String, _ submission: SignoffSubmission) async throws -> SignoffRequest {
        let request = view.request
        if case .observation(let epa) = request.purpose {
            _ = try await observation(for: request, epa: epa, submission, method: .onTheSpotCode)  // refuse what could not be recorded
        }
        // The view hides the mentor's address (the learner's phone shows it); the store has it.
        guard let mentor = try await storage.mentors.mentor(request.mentor) else { throw ErkendError.notFound("mentor \(request.mentor)") }
        let address = try Self.registeredAddress(of: mentor)
        let code = makeCode()
        let minutes = Int(OnTheSpotConfirmation.codeLifetime / 60)
        let mail = OutgoingMail(id: OutgoingMail.ID(trusted: makeID()), recipient: address, recipientName: mentor.name, template: "signoff-code",
                                values: ["code": code, "learnerName": view.learnerName, "minutes": String(minutes), "learner": request.learner.rawValue],
                                about: OutgoingMail.about(signoff: request.id), createdAt: now())
        // Not yet known to be the mentor: the audit entry names nobody.
        let unconfirmed = Principal(account: nil, roles: [], channel: .signoffLink(id: request.id.rawValue))
        return try await storage.signoffs.hold(token: token, submission: submission, code: code,
                                               codeExpiresAt: now().addingTimeInterval(OnTheSpotConfirmation.codeLifetime), mail: mail, at: now(),
                                               audit: audit(unconfirmed, AuditAction.signoffHeld, subject: request.learner, target: request.id.rawValue,
                                                            details: ["mail": mail.id.rawValue]))
    }

    private func observation(for request: SignoffRequest, epa: ExactReference, _ submission: SignoffSubmission, method: IdentityMethod) async throws -> Observation {
        guard let level = submission.level, !level.isBlank else { throw ErkendError.invalid("level", "pick the level at which the learner performed") }
        let observer = Observer(kind: .mentor, id: request.mentor.rawValue, name: submission.name.trimmed, organisation: submission.organisation.trimmed)
        let input = NewObservation(epa: epa.reference, date: submission.date ?? today, level: level, context: submission.context,
                                   feedback: submission.feedback ?? "")
        var observation = try await makeObservation(request.learner, input, observer: observer)
        observation.identityMethod = method
        return observation
    }

    /// Records the signature as evidence, with how the mentor's identity was established, and uses the link up.
    private func record(_ view: SignoffView, token: String, _ submission: SignoffSubmission, method: IdentityMethod) async throws -> SignoffRequest {
        let request = view.request
        let principal = Principal(account: nil, roles: [.mentor], channel: .signoffLink(id: request.id.rawValue), mentor: request.mentor)
        switch request.purpose {
        case .observation(let epa):
            let observation = try await observation(for: request, epa: epa, submission, method: method)
            return try await storage.signoffs.sign(token: token, observation: observation, at: now(), audit: audit(
                principal, AuditAction.signoffSigned, subject: request.learner, target: request.id.rawValue,
                details: ["epa": epa.description, "level": observation.level, "observation": observation.id.rawValue,
                          "identityMethod": method.rawValue]))
        case .practiceStatement:
            guard var statement = view.statement else { throw ErkendError.notFound("the practice statement of this link") }
            statement.status = .signed
            statement.signedBy = PracticeStatement.Signatory(name: submission.name.trimmed, organisation: submission.organisation.trimmed,
                                                             identityMethod: method)
            statement.signedOn = today
            return try await storage.signoffs.sign(token: token, statement: statement, at: now(), audit: audit(
                principal, AuditAction.signoffSigned, subject: request.learner, target: request.id.rawValue,
                details: ["practiceStatement": statement.id.rawValue, "identityMethod": method.rawValue]))
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
