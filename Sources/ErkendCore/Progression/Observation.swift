public import Foundation

/// An ad hoc, low-stakes record: the learner did an EPA at a level of
/// supervision on a day, with feedback. Observations are the evidence
/// entrustment decisions rest on; they are never decisions themselves.
public struct Observation: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<Observation>

    public var id: ID
    public var learner: Learner.ID
    public var enrolment: Enrolment.ID
    /// The placement the observation was made at, if any.
    public var placement: Placement.ID?
    public var epa: ExactReference
    public var date: Day
    /// A level code of the EPA's scale, such as `2b` or `3`.
    public var level: String
    public var observer: Observer
    public var context: ObservationContext
    public var feedback: String
    /// When the observation was stored; `date` is when the work was done.
    public var recordedAt: Date
    /// For a mentor's sign-off: how Erkend knew it was the mentor who signed.
    /// `nil` for observations staff recorded themselves (their account says who).
    public var identityMethod: IdentityMethod?

    public init(id: ID, learner: Learner.ID, enrolment: Enrolment.ID, placement: Placement.ID? = nil, epa: ExactReference,
                date: Day, level: String, observer: Observer, context: ObservationContext = ObservationContext(),
                feedback: String = "", recordedAt: Date, identityMethod: IdentityMethod? = nil) {
        self.id = id
        self.learner = learner
        self.enrolment = enrolment
        self.placement = placement
        self.epa = epa
        self.date = date
        self.level = level
        self.observer = observer
        self.context = context
        self.feedback = feedback
        self.recordedAt = recordedAt
        self.identityMethod = identityMethod
    }
}

/// Who observed: a workplace mentor or a member of staff.
public struct Observer: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case mentor, staff
    }

    public var kind: Kind
    /// For a mentor the `Mentor.ID`; for staff their account id.
    public var id: String
    public var name: String
    public var organisation: String?

    public init(kind: Kind, id: String, name: String, organisation: String? = nil) {
        self.kind = kind
        self.id = id
        self.name = name
        self.organisation = organisation
    }

    public static func mentor(_ mentor: Mentor) -> Observer {
        Observer(kind: .mentor, id: mentor.id.rawValue, name: mentor.name, organisation: mentor.organisation)
    }

    /// What makes two observers different people for a decision rule: kind and id, not the name as typed.
    public var identity: String { "\(kind.rawValue):\(id)" }

    public var mentorID: Mentor.ID? { kind == .mentor ? Mentor.ID(trusted: id) : nil }
}

/// Where and under what circumstances an observation was made.
public struct ObservationContext: Hashable, Sendable, Codable {
    public enum Complexity: String, Hashable, Sendable, Codable, CaseIterable {
        case low, medium, high
    }

    public var workplace: String?
    public var department: String?
    public var complexity: Complexity?

    public init(workplace: String? = nil, department: String? = nil, complexity: Complexity? = nil) {
        self.workplace = workplace
        self.department = department
        self.complexity = complexity
    }
}
