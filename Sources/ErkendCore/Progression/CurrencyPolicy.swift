/// The numbers currency is reckoned with: default half-lives and the
/// thresholds between current, fading and stale.
///
/// The defaults follow the figures DESIGN.md cites: skills in general keep
/// half their value for 5 years (World Economic Forum), technical skills for
/// 2.5 years (BCG). A unit's or EPA's own `skillHalfLifeYears` overrides both.
public struct CurrencyPolicy: Hashable, Sendable, Codable {
    public var technicalHalfLifeYears: Double
    public var generalHalfLifeYears: Double
    /// Below this a skill is `fading` (and an EPA's skills call for re-entrustment).
    public var fadingBelow: Double
    /// Below this a skill is `stale`.
    public var staleBelow: Double

    public init(technicalHalfLifeYears: Double = 2.5, generalHalfLifeYears: Double = 5, fadingBelow: Double = 0.5, staleBelow: Double = 0.25) {
        self.technicalHalfLifeYears = technicalHalfLifeYears
        self.generalHalfLifeYears = generalHalfLifeYears
        self.fadingBelow = fadingBelow
        self.staleBelow = staleBelow
    }

    public static let standard = CurrencyPolicy()

    /// The entity's own half-life when it has a usable one (positive, finite),
    /// else the technical or general default.
    public func halfLife(own: Double?, technical: Bool) -> HalfLife {
        if let own, own > 0, own.isFinite { return HalfLife(years: own, source: .entity) }
        return technical ? HalfLife(years: technicalHalfLifeYears, source: .technicalDefault)
                         : HalfLife(years: generalHalfLifeYears, source: .generalDefault)
    }

    public func status(of currency: Double) -> SkillStanding.Status {
        if currency < staleBelow { return .stale }
        if currency < fadingBelow { return .fading }
        return .current
    }

    /// The default answer to "is this an ICT or technical skill": the concept is
    /// in one of ESCO's digital collections (`digital`, `ict`, `digComp`, in any
    /// case and with or without a `SkillsCollection` suffix), or it is the ESCO
    /// group "working with computers" (`S5…`) or an ISCED-F ICT field (`06…`).
    /// The store applies it to a skill and to its broader groups.
    public static func isTechnical(_ concept: Concept) -> Bool {
        let technicalCollections = ["digital", "ict", "digcomp"]
        let inCollection = concept.collections.contains { collection in
            let name = collection.lowercased()
            return technicalCollections.contains { name == $0 || name == $0 + "skillscollection" || name == $0 + "collection" }
        }
        if inCollection { return true }
        guard concept.kind == .skillGroup else { return false }
        if let code = concept.code, code == "S5" || code.hasPrefix("S5.") { return true }
        return concept.uri.rawValue.contains("/isced-f/") && concept.uri.key.hasPrefix("06")
    }

    /// `isTechnical` for a skill or any of its broader groups.
    public static func isTechnical(_ concept: Concept, broader: [Concept]) -> Bool {
        isTechnical(concept) || broader.contains(where: isTechnical)
    }
}
