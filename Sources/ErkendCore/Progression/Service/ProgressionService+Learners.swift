import Foundation

/// A learner as staff enter one.
public struct NewLearner: Hashable, Sendable, Codable {
    public var name: String
    public var studentNumber: String?
    public var email: String?
    public var dateOfBirth: Day?

    public init(name: String, studentNumber: String? = nil, email: String? = nil, dateOfBirth: Day? = nil) {
        self.name = name
        self.studentNumber = studentNumber
        self.email = email
        self.dateOfBirth = dateOfBirth
    }
}

/// An enrolment as staff enter one: a programme (newest published version unless pinned).
public struct NewEnrolment: Hashable, Sendable, Codable {
    public var programme: EntityReference
    public var startDate: Day
    public var cohort: String

    public init(programme: EntityReference, startDate: Day, cohort: String) {
        self.programme = programme
        self.startDate = startDate
        self.cohort = cohort
    }
}

/// A placement at a workplace (leerbedrijf, stage, BPV) as staff enter one.
public struct NewPlacement: Hashable, Sendable, Codable {
    /// The enrolment it belongs to; the learner's only active one when left out.
    public var enrolment: Enrolment.ID?
    public var organisation: String
    public var department: String?
    public var kind: Placement.Kind
    public var startDate: Day
    public var endDate: Day?
    public var mentors: [Mentor.ID]

    public init(enrolment: Enrolment.ID? = nil, organisation: String, department: String? = nil, kind: Placement.Kind = .bpv,
                startDate: Day, endDate: Day? = nil, mentors: [Mentor.ID]) {
        self.enrolment = enrolment
        self.organisation = organisation
        self.department = department
        self.kind = kind
        self.startDate = startDate
        self.endDate = endDate
        self.mentors = mentors
    }

    /// `kind` may be left out (a BPV placement); so may the enrolment when the learner has one active.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        enrolment = try container.decodeIfPresent(Enrolment.ID.self, forKey: .enrolment)
        organisation = try container.decode(String.self, forKey: .organisation)
        department = try container.decodeIfPresent(String.self, forKey: .department)
        kind = try container.decodeIfPresent(Placement.Kind.self, forKey: .kind) ?? .bpv
        startDate = try container.decode(Day.self, forKey: .startDate)
        endDate = try container.decodeIfPresent(Day.self, forKey: .endDate)
        mentors = try container.decode([Mentor.ID].self, forKey: .mentors)
    }
}

/// A workplace mentor (praktijkopleider, werkbegeleider) as staff enter one.
public struct NewMentor: Hashable, Sendable, Codable {
    public var name: String
    public var organisation: String
    public var email: String?
    public var phone: String?

    public init(name: String, organisation: String, email: String? = nil, phone: String? = nil) {
        self.name = name
        self.organisation = organisation
        self.email = email
        self.phone = phone
    }
}

/// A learner with what staff see first: enrolments and placements.
public struct LearnerRecord: Hashable, Sendable, Codable {
    public var learner: Learner
    public var enrolments: [Enrolment]
    public var placements: [Placement]
    public var mentors: [Mentor]
}

extension ProgressionService {
    public func createLearner(_ input: NewLearner, by principal: Principal) async throws -> Learner {
        guard !input.name.isBlank else { throw ErkendError.invalid("name", "a learner needs a name") }
        let learner = Learner(id: Learner.ID(trusted: makeID()), name: input.name.trimmed, studentNumber: input.studentNumber?.trimmed.nilIfBlank,
                              email: input.email?.trimmed.nilIfBlank, dateOfBirth: input.dateOfBirth)
        if let born = learner.dateOfBirth, born > today { throw ErkendError.invalid("dateOfBirth", "\(born) is in the future") }
        try await storage.learners.create(learner, audit: audit(principal, AuditAction.learnerCreated, subject: learner.id))
        return learner
    }

    public func updateLearner(_ id: Learner.ID, _ input: NewLearner, by principal: Principal) async throws -> Learner {
        var learner = try await requireLearner(id)
        guard !input.name.isBlank else { throw ErkendError.invalid("name", "a learner needs a name") }
        learner.name = input.name.trimmed
        learner.studentNumber = input.studentNumber?.trimmed.nilIfBlank
        learner.email = input.email?.trimmed.nilIfBlank
        learner.dateOfBirth = input.dateOfBirth
        try await storage.learners.update(learner, audit: audit(principal, AuditAction.learnerUpdated, subject: id))
        return learner
    }

    public func record(_ id: Learner.ID) async throws -> LearnerRecord {
        let learner = try await requireLearner(id)
        return LearnerRecord(learner: learner, enrolments: try await storage.enrolments.enrolments(learner: id),
                             placements: try await storage.placements.placements(learner: id),
                             mentors: try await storage.mentors.mentors(learner: id))
    }

    /// Enrols a learner in the published programme the reference names.
    public func enrol(_ learner: Learner.ID, _ input: NewEnrolment, by principal: Principal) async throws -> Enrolment {
        _ = try await requireLearner(learner)
        guard !input.cohort.isBlank else { throw ErkendError.invalid("cohort", "name the cohort, e.g. 2026-2027") }
        let programme = try await published(.programme, input.programme)
        let enrolment = Enrolment(id: Enrolment.ID(trusted: makeID()), learner: learner,
                                  programme: ExactReference(programme.entity.code, version: programme.key.version),
                                  startDate: input.startDate, cohort: input.cohort.trimmed)
        try await storage.enrolments.create(enrolment, audit: audit(principal, AuditAction.enrolmentCreated, subject: learner,
                                                                     details: ["programme": enrolment.programme.description]))
        return enrolment
    }

    public func createMentor(_ input: NewMentor, by principal: Principal) async throws -> Mentor {
        guard !input.name.isBlank else { throw ErkendError.invalid("name", "a mentor needs a name") }
        guard !input.organisation.isBlank else { throw ErkendError.invalid("organisation", "name the workplace (leerbedrijf) the mentor works for") }
        let mentor = Mentor(id: Mentor.ID(trusted: makeID()), name: input.name.trimmed, organisation: input.organisation.trimmed,
                            email: input.email?.trimmed.nilIfBlank, phone: input.phone?.trimmed.nilIfBlank)
        try await storage.mentors.create(mentor, audit: audit(principal, AuditAction.mentorCreated, subject: nil, target: mentor.id.rawValue))
        return mentor
    }

    /// Places a learner at a workplace with one or more mentors.
    public func place(_ learner: Learner.ID, _ input: NewPlacement, by principal: Principal) async throws -> Placement {
        _ = try await requireLearner(learner)
        guard !input.organisation.isBlank else { throw ErkendError.invalid("organisation", "name the workplace (leerbedrijf)") }
        guard !input.mentors.isEmpty else { throw ErkendError.invalid("mentors", "a placement needs at least one workplace mentor") }
        if let end = input.endDate, end < input.startDate {
            throw ErkendError.invalid("endDate", "the placement ends (\(end)) before it starts (\(input.startDate))")
        }
        let enrolments = try await storage.enrolments.enrolments(learner: learner)
        let enrolment: Enrolment
        if let id = input.enrolment {
            guard let found = enrolments.first(where: { $0.id == id }) else { throw ErkendError.invalid("enrolment", "learner \(learner) has no enrolment \(id)") }
            enrolment = found
        } else {
            let active = enrolments.filter { $0.status == .active }
            guard active.count == 1 else {
                throw ErkendError.invalid("enrolment", active.isEmpty ? "enrol the learner in a programme first" : "the learner has several active enrolments; name one")
            }
            enrolment = active[0]
        }
        for mentor in input.mentors where try await storage.mentors.mentor(mentor) == nil {
            throw ErkendError.invalid("mentors", "mentor \(mentor) does not exist; add the mentor first")
        }
        let placement = Placement(id: Placement.ID(trusted: makeID()), learner: learner, enrolment: enrolment.id, organisation: input.organisation.trimmed,
                                  department: input.department?.trimmed.nilIfBlank, kind: input.kind, startDate: input.startDate,
                                  endDate: input.endDate, mentors: input.mentors)
        try await storage.placements.create(placement, audit: audit(principal, AuditAction.placementCreated, subject: learner))
        return placement
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    var nilIfBlank: String? { isBlank ? nil : self }
}
