/// The workplace's signed statement of the tasks a learner performed during a
/// placement (praktijkverklaring). It is evidence for recognition and for a
/// wallet; the mentor signs it, often through a link without an account.
public struct PracticeStatement: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<PracticeStatement>

    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case requested, signed, declined
    }

    /// The person who signed for the workplace.
    public struct Signatory: Hashable, Sendable, Codable {
        public var name: String
        public var organisation: String?
        /// How Erkend knew it was the mentor who signed.
        public var identityMethod: IdentityMethod?

        public init(name: String, organisation: String? = nil, identityMethod: IdentityMethod? = nil) {
            self.name = name
            self.organisation = organisation
            self.identityMethod = identityMethod
        }
    }

    public var id: ID
    public var learner: Learner.ID
    public var placement: Placement.ID
    /// The first and last day the statement covers.
    public var periodStart: Day
    public var periodEnd: Day
    public var tasks: [PerformedTask]
    public var status: Status
    public var signedBy: Signatory?
    public var signedOn: Day?

    public init(id: ID, learner: Learner.ID, placement: Placement.ID, periodStart: Day, periodEnd: Day, tasks: [PerformedTask],
                status: Status = .requested, signedBy: Signatory? = nil, signedOn: Day? = nil) {
        self.id = id
        self.learner = learner
        self.placement = placement
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.tasks = tasks
        self.status = status
        self.signedBy = signedBy
        self.signedOn = signedOn
    }

    /// Checks the statement on its own: a period that runs forward, at least
    /// one task, and a signatory and day exactly when it is signed.
    public func validate() throws {
        var problems: [ErkendError.Detail] = []
        if periodEnd < periodStart {
            problems.append(.init(location: "periodEnd", message: "the period ends on \(periodEnd), before it starts on \(periodStart)"))
        }
        if tasks.isEmpty {
            problems.append(.init(location: "tasks", message: "name at least one task the learner performed"))
        }
        for (index, task) in tasks.enumerated() where task.description.isBlank {
            problems.append(.init(location: "tasks[\(index)].description", message: "describe the task in a few words"))
        }
        switch status {
        case .signed:
            if signedBy?.name.isBlank ?? true {
                problems.append(.init(location: "signedBy", message: "a signed statement names who signed it"))
            }
            if let signedOn {
                if signedOn < periodStart {
                    problems.append(.init(location: "signedOn", message: "signed on \(signedOn), before the period it covers started"))
                }
            } else {
                problems.append(.init(location: "signedOn", message: "a signed statement has the day it was signed"))
            }
        case .requested, .declined:
            if signedBy != nil || signedOn != nil {
                problems.append(.init(location: "signedBy", message: "only a signed statement has a signatory and a signing day"))
            }
        }
        guard problems.isEmpty else {
            throw ErkendError(.invalidInput, "The practice statement is not complete", details: problems)
        }
    }
}

/// One task the learner performed at the workplace.
public struct PerformedTask: Hashable, Sendable, Codable {
    /// What the task is described against.
    public enum Reference: Hashable, Sendable, Codable {
        /// A work process (werkproces) of the qualification file, such as `B1-K1-W2`.
        case werkproces(code: String)
        /// An EPA of the catalogue.
        case epa(EntityReference)
    }

    public var reference: Reference
    public var description: String
    /// How often, in words: `daily`, `3× per week`, `once`.
    public var frequency: String?

    public init(reference: Reference, description: String, frequency: String? = nil) {
        self.reference = reference
        self.description = description
        self.frequency = frequency
    }
}

extension PerformedTask.Reference {
    private enum CodingKeys: String, CodingKey { case kind, code, epa }

    /// `{"kind": "werkproces", "code": "B1-K1-W2"}` or `{"kind": "epa", "epa": "EPA-1"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "werkproces": self = .werkproces(code: try container.decode(String.self, forKey: .code))
        case "epa": self = .epa(try container.decode(EntityReference.self, forKey: .epa))
        case let kind: throw TaggedCoding.unknownKind(kind, key: .kind, in: container, expected: ["werkproces", "epa"])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .werkproces(let code):
            try container.encode("werkproces", forKey: .kind)
            try container.encode(code, forKey: .code)
        case .epa(let reference):
            try container.encode("epa", forKey: .kind)
            try container.encode(reference, forKey: .epa)
        }
    }
}
