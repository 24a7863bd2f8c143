/// The result of a learner in one version of a learning unit. A unit credited
/// through recognition (EVC, vrijstelling) counts exactly like a completed
/// one, and stays marked as recognised so transcripts can say so.
public struct UnitResult: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<UnitResult>

    public enum Outcome: String, Hashable, Sendable, Codable, CaseIterable {
        case passed, failed
    }

    /// How the result came about.
    public enum Basis: Hashable, Sendable, Codable {
        /// The learner followed and was assessed in the unit.
        case completed
        /// Credited on prior or workplace evidence, by the recognition case named.
        case recognised(case: RecognitionCase.ID)

        public var isRecognised: Bool {
            if case .recognised = self { return true }
            return false
        }
    }

    public var id: ID
    public var learner: Learner.ID
    /// The enrolment the result was obtained in; `nil` for a unit taken on its own (a micro-credential).
    public var enrolment: Enrolment.ID?
    public var unit: ExactReference
    public var outcome: Outcome
    /// As the unit's grading scheme writes it: `8.1`, `goed`, `voldoende`.
    public var grade: String?
    public var achievedOn: Day
    public var assessor: String
    public var basis: Basis

    public init(id: ID, learner: Learner.ID, enrolment: Enrolment.ID? = nil, unit: ExactReference, outcome: Outcome = .passed,
                grade: String? = nil, achievedOn: Day, assessor: String, basis: Basis = .completed) {
        self.id = id
        self.learner = learner
        self.enrolment = enrolment
        self.unit = unit
        self.outcome = outcome
        self.grade = grade
        self.achievedOn = achievedOn
        self.assessor = assessor
        self.basis = basis
    }

    /// Whether the result counts as done on `day`: passed (completed or recognised) on or before it.
    public func counts(on day: Day) -> Bool {
        outcome == .passed && achievedOn <= day
    }
}

extension UnitResult.Basis {
    private enum CodingKeys: String, CodingKey { case kind, recognitionCase }

    /// `{"kind": "completed"}` or `{"kind": "recognised", "recognitionCase": "RC-1"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "completed": self = .completed
        case "recognised": self = .recognised(case: try container.decode(RecognitionCase.ID.self, forKey: .recognitionCase))
        case let kind: throw TaggedCoding.unknownKind(kind, key: .kind, in: container, expected: ["completed", "recognised"])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .completed:
            try container.encode("completed", forKey: .kind)
        case .recognised(let recognitionCase):
            try container.encode("recognised", forKey: .kind)
            try container.encode(recognitionCase, forKey: .recognitionCase)
        }
    }
}
