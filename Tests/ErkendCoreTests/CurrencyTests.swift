import ErkendCore
import PropertyBased
import Testing

@Suite("Skill currency")
struct CurrencyTests {
    @Test("Evidence from today is fully current")
    func freshIsOne() {
        #expect(Currency.value(of: "2025-06-30", on: "2025-06-30", halfLifeYears: 5) == 1)
    }

    @Test("After exactly one half-life the currency is one half, after two a quarter")
    func halvesPerHalfLife() {
        // Four years are 1461 days, a whole number, across the leap day of 2024.
        #expect(Currency.value(of: "2021-06-30", on: "2025-06-30", halfLifeYears: 4) == 0.5)
        #expect(Currency.value(of: "2017-06-30", on: "2025-06-30", halfLifeYears: 4) == 0.25)
        #expect(Currency.value(ageInDays: 2.5 * 365.25, halfLifeYears: 2.5) == 0.5)
    }

    @Test("Evidence dated after the day of reckoning counts as new, never above 1")
    func futureEvidence() {
        #expect(Currency.value(of: "2025-07-30", on: "2025-06-30", halfLifeYears: 5) == 1)
    }

    @Test("Very old evidence stays above zero")
    func neverZero() {
        #expect(Currency.value(of: "0001-01-01", on: "9999-12-31", halfLifeYears: 0.01) > 0)
    }

    @Test("The half-life is the entity's own, else 2.5 years for technical skills, else 5")
    func halfLifeChoice() {
        let policy = CurrencyPolicy.standard

        #expect(policy.halfLife(own: 1, technical: true) == HalfLife(years: 1, source: .entity))
        #expect(policy.halfLife(own: nil, technical: true) == HalfLife(years: 2.5, source: .technicalDefault))
        #expect(policy.halfLife(own: nil, technical: false) == HalfLife(years: 5, source: .generalDefault))
        #expect(policy.halfLife(own: 0, technical: false) == HalfLife(years: 5, source: .generalDefault))
    }

    @Test("The status is current from 0.5, fading from 0.25, stale below")
    func status() {
        let policy = CurrencyPolicy.standard

        #expect(policy.status(of: 0.5) == .current)
        #expect(policy.status(of: 0.49) == .fading)
        #expect(policy.status(of: 0.25) == .fading)
        #expect(policy.status(of: 0.249) == .stale)
    }

    @Test("Skills in ESCO's digital collections or under ICT groups are technical; transversal ones are not")
    func defaultTechnicalPredicate() throws {
        func concept(_ uri: String, kind: ConceptKind = .skill, code: String? = nil, collections: [String] = []) throws -> Concept {
            Concept(uri: try ConceptURI(uri), kind: kind, code: code, preferredLabel: LocalizedText(en: "x"), collections: collections)
        }
        let skill = "http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-0000000000c9"

        #expect(CurrencyPolicy.isTechnical(try concept(skill, collections: ["digital"])))
        #expect(CurrencyPolicy.isTechnical(try concept(skill, collections: ["transversal", "ICT"])))
        #expect(CurrencyPolicy.isTechnical(try concept(skill, collections: ["digCompSkillsCollection"])))
        #expect(!CurrencyPolicy.isTechnical(try concept(skill, collections: ["transversal", "green"])))
        #expect(!CurrencyPolicy.isTechnical(try concept(skill, collections: ["digitalisation-adjacent"])))
        #expect(CurrencyPolicy.isTechnical(try concept("http://data.europa.eu/esco/skill/S5.1", kind: .skillGroup, code: "S5.1")))
        #expect(!CurrencyPolicy.isTechnical(try concept("http://data.europa.eu/esco/skill/S3.1", kind: .skillGroup, code: "S3.1")))
        #expect(CurrencyPolicy.isTechnical(try concept("http://data.europa.eu/esco/isced-f/0613", kind: .skillGroup, code: "0613")))
        #expect(!CurrencyPolicy.isTechnical(try concept("http://data.europa.eu/esco/isced-f/0913", kind: .skillGroup, code: "0913")))
        #expect(CurrencyPolicy.isTechnical(try concept(skill), broader: [try concept("http://data.europa.eu/esco/skill/S5", kind: .skillGroup, code: "S5")]))
    }

    @Test("Property: currency lies in (0, 1] and never rises as time passes")
    func monotoneInTime() async {
        await propertyCheck(input: Gen.int(in: 0...40_000), Gen.int(in: 0...40_000), Gen.double(in: 0.05...100)) { age, more, halfLife in
            let now = Currency.value(ageInDays: Double(age), halfLifeYears: halfLife)
            let later = Currency.value(ageInDays: Double(age + more), halfLifeYears: halfLife)
            #expect(now > 0 && now <= 1)
            #expect(later <= now)
        }
    }

    @Test("Property: at exactly one half-life the currency is 0.5")
    func halfAtHalfLife() async {
        await propertyCheck(input: Gen.double(in: 0.01...100)) { halfLife in
            #expect(Currency.value(ageInDays: halfLife * Currency.daysPerYear, halfLifeYears: halfLife) == 0.5)
        }
    }
}
