import Foundation

/// How fresh a piece of evidence for a skill still is: 1 on the day it was
/// obtained, halving with every half-life after.
///
/// `currency = 0.5 ^ (age / halfLife)`, with age and half-life in days and a
/// year counted as 365.25 days. Contract: the value lies in (0, 1]; it never
/// rises as the age grows; at exactly one half-life it is 0.5; evidence dated
/// after the day of reckoning counts as age 0. Where the power would round to
/// zero (ages of hundreds of half-lives) the value stays at the smallest
/// positive normal `Double`, so that a skill once held never reads as never held.
public enum Currency {
    public static let daysPerYear = 365.25

    public static func value(ageInDays: Double, halfLifeYears: Double) -> Double {
        let age = ageInDays.isNaN ? 0 : max(0, ageInDays)
        let halfLife = halfLifeYears * daysPerYear
        // A non-positive half-life cannot come from a validated catalogue; treat it as "gone at once" rather than dividing by zero.
        guard halfLife > 0, halfLife.isFinite else { return age == 0 ? 1 : .leastNormalMagnitude }
        return max(pow(0.5, age / halfLife), .leastNormalMagnitude)
    }

    /// The currency on `today` of evidence obtained on `evidenceDay`.
    public static func value(of evidenceDay: Day, on today: Day, halfLifeYears: Double) -> Double {
        value(ageInDays: Double(max(0, evidenceDay.days(until: today))), halfLifeYears: halfLifeYears)
    }
}

/// The half-life used for a piece of evidence, and where it came from.
public struct HalfLife: Hashable, Sendable, Codable {
    public enum Source: String, Hashable, Sendable, Codable, CaseIterable {
        /// The unit's or EPA's own `skillHalfLifeYears`.
        case entity
        /// The default for ICT and other technical skills.
        case technicalDefault
        /// The default for all other skills.
        case generalDefault
    }

    public var years: Double
    public var source: Source

    public init(years: Double, source: Source) {
        self.years = years
        self.source = source
    }
}
