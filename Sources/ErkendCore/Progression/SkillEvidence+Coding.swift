extension SkillEvidence.Source {
    private enum CodingKeys: String, CodingKey { case kind, id, unit, recognised, epa, level }

    /// `{"kind": "unitResult", "id": "R-1", "unit": "U-1@1", "recognised": false}` or
    /// `{"kind": "entrustmentDecision", "id": "D-1", "epa": "EPA-1@1", "level": "3b"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "unitResult":
            self = .unitResult(id: try container.decode(UnitResult.ID.self, forKey: .id),
                               unit: try container.decode(ExactReference.self, forKey: .unit),
                               recognised: try container.decode(Bool.self, forKey: .recognised))
        case "entrustmentDecision":
            self = .entrustmentDecision(id: try container.decode(EntrustmentDecision.ID.self, forKey: .id),
                                        epa: try container.decode(ExactReference.self, forKey: .epa),
                                        level: try container.decode(String.self, forKey: .level))
        case let kind:
            throw TaggedCoding.unknownKind(kind, key: .kind, in: container, expected: ["unitResult", "entrustmentDecision"])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .unitResult(let id, let unit, let recognised):
            try container.encode("unitResult", forKey: .kind)
            try container.encode(id, forKey: .id)
            try container.encode(unit, forKey: .unit)
            try container.encode(recognised, forKey: .recognised)
        case .entrustmentDecision(let id, let epa, let level):
            try container.encode("entrustmentDecision", forKey: .kind)
            try container.encode(id, forKey: .id)
            try container.encode(epa, forKey: .epa)
            try container.encode(level, forKey: .level)
        }
    }
}

extension SkillEvidence.Route {
    private enum CodingKeys: String, CodingKey { case kind, outcome }

    /// `{"kind": "outcome", "outcome": "LO-1"}` or `{"kind": "epaSkill"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "outcome": self = .outcome(try container.decode(EntityReference.self, forKey: .outcome))
        case "epaSkill": self = .epaSkill
        case let kind: throw TaggedCoding.unknownKind(kind, key: .kind, in: container, expected: ["outcome", "epaSkill"])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .outcome(let reference):
            try container.encode("outcome", forKey: .kind)
            try container.encode(reference, forKey: .outcome)
        case .epaSkill:
            try container.encode("epaSkill", forKey: .kind)
        }
    }
}

extension ReentrustmentDue.Reason {
    private enum CodingKeys: String, CodingKey { case kind, on, inDays, skills, lowest }

    /// `{"kind": "validityEnds", "on": "2025-08-15", "inDays": 46}` or
    /// `{"kind": "skillsFading", "skills": ["http://…"], "lowest": 0.18}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "validityEnds":
            self = .validityEnds(on: try container.decode(Day.self, forKey: .on), inDays: try container.decode(Int.self, forKey: .inDays))
        case "skillsFading":
            self = .skillsFading(skills: try container.decode([ConceptURI].self, forKey: .skills), lowest: try container.decode(Double.self, forKey: .lowest))
        case let kind:
            throw TaggedCoding.unknownKind(kind, key: .kind, in: container, expected: ["validityEnds", "skillsFading"])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .validityEnds(let day, let inDays):
            try container.encode("validityEnds", forKey: .kind)
            try container.encode(day, forKey: .on)
            try container.encode(inDays, forKey: .inDays)
        case .skillsFading(let skills, let lowest):
            try container.encode("skillsFading", forKey: .kind)
            try container.encode(skills, forKey: .skills)
            try container.encode(lowest, forKey: .lowest)
        }
    }
}
