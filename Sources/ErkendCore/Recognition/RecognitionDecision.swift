/// What a recognition case asks to be credited: a whole unit, or one learning outcome of it.
public enum RecognitionTarget: Hashable, Sendable, Codable {
    case unit(EntityReference)
    case outcome(EntityReference)

    public var reference: EntityReference {
        switch self {
        case .unit(let reference), .outcome(let reference): reference
        }
    }
}

/// How a piece (or pieces) of evidence is said to cover a unit or outcome.
public struct RecognitionMapping: Hashable, Sendable, Codable {
    public var target: RecognitionTarget
    public var evidence: [EvidenceItem.ID]
    /// Why the evidence covers the target, in the words of whoever proposed the mapping.
    public var rationale: String?

    public init(target: RecognitionTarget, evidence: [EvidenceItem.ID], rationale: String? = nil) {
        self.target = target
        self.evidence = evidence
        self.rationale = rationale
    }
}

/// The assessor's decision on a recognition case, with its reasons.
public struct RecognitionDecision: Hashable, Sendable, Codable {
    public enum Result: String, Hashable, Sendable, Codable, CaseIterable {
        /// Everything the case asked for is recognised.
        case full
        /// Only the targets in `recognised`.
        case partial
        /// Nothing is recognised.
        case refused
    }

    public var result: Result
    public var reasons: [String]
    public var assessor: String
    public var decidedOn: Day
    /// For a partial decision: what is recognised. Empty for the other results.
    public var recognised: [RecognitionTarget]

    public init(result: Result, reasons: [String], assessor: String, decidedOn: Day, recognised: [RecognitionTarget] = []) {
        self.result = result
        self.reasons = reasons
        self.assessor = assessor
        self.decidedOn = decidedOn
        self.recognised = recognised
    }
}

extension RecognitionTarget {
    private enum CodingKeys: String, CodingKey { case kind, reference }

    /// `{"kind": "unit", "reference": "U-1"}` or `{"kind": "outcome", "reference": "LO-1@2"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "unit": self = .unit(try container.decode(EntityReference.self, forKey: .reference))
        case "outcome": self = .outcome(try container.decode(EntityReference.self, forKey: .reference))
        default: throw TaggedCoding.unknownKind(kind, key: .kind, in: container, expected: ["unit", "outcome"])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .unit: try container.encode("unit", forKey: .kind)
        case .outcome: try container.encode("outcome", forKey: .kind)
        }
        try container.encode(reference, forKey: .reference)
    }
}
