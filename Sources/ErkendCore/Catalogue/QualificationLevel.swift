/// The level of a learning experience in the European (EQF) and Dutch (NLQF)
/// qualification frameworks, both 1–8. MBO niveau 1–4 sits at NLQF 1–4; an
/// associate degree at 5, a bachelor at 6, a master at 7.
public struct QualificationLevel: Hashable, Sendable, Codable, Comparable {
    public var eqf: Int?
    public var nlqf: Int?

    public init(eqf: Int? = nil, nlqf: Int? = nil) {
        self.eqf = eqf
        self.nlqf = nlqf
    }

    public var isEmpty: Bool { eqf == nil && nlqf == nil }

    /// The level to compare by: NLQF where given (finer for Dutch programmes), else EQF.
    public var rank: Int? { nlqf ?? eqf }

    public func validate(at location: String) throws {
        if let eqf, !(1...8).contains(eqf) { throw ErkendError.invalid("\(location).eqf", "EQF level must be 1 to 8, got \(eqf)") }
        if let nlqf, !(1...8).contains(nlqf) { throw ErkendError.invalid("\(location).nlqf", "NLQF level must be 1 to 8, got \(nlqf)") }
    }

    public static func < (lhs: QualificationLevel, rhs: QualificationLevel) -> Bool {
        (lhs.rank ?? 0) < (rhs.rank ?? 0)
    }
}

/// The notional workload of a unit: ECTS credits (hoger onderwijs) or
/// studiebelastingsuren (SBU, mbo). One ECTS credit is 28 hours of study in the Netherlands.
public struct Workload: Hashable, Sendable, Codable {
    public static let hoursPerECTS = 28.0

    public var ects: Double?
    public var sbu: Int?

    public init(ects: Double? = nil, sbu: Int? = nil) {
        self.ects = ects
        self.sbu = sbu
    }

    /// Study hours, from SBU where given, else from ECTS.
    public var hours: Double? {
        if let sbu { return Double(sbu) }
        return ects.map { $0 * Workload.hoursPerECTS }
    }

    public var isEmpty: Bool { ects == nil && sbu == nil }

    public func validate(at location: String) throws {
        if let ects, !(ects > 0 && ects <= 360) { throw ErkendError.invalid("\(location).ects", "must be more than 0 and at most 360, got \(ects)") }
        if let sbu, !(1...20_000).contains(sbu) { throw ErkendError.invalid("\(location).sbu", "must be 1 to 20000 hours, got \(sbu)") }
    }
}

extension QualificationLevel {
    public init(from decoder: any Decoder) throws {
        try StrictDecoding.rejectUnknownKeys(decoder, CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        eqf = try container.decodeIfPresent(Int.self, forKey: .eqf)
        nlqf = try container.decodeIfPresent(Int.self, forKey: .nlqf)
    }
}

extension Workload {
    public init(from decoder: any Decoder) throws {
        try StrictDecoding.rejectUnknownKeys(decoder, CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ects = try container.decodeIfPresent(Double.self, forKey: .ects)
        sbu = try container.decodeIfPresent(Int.self, forKey: .sbu)
    }
}
