import ErkendCore
import Foundation
import Testing

@Suite("From vacancy to skill")
struct SkillMatchTests {
    static func skill(_ n: Int) -> String { "http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-00000000000\(n)" }

    /// O1 → s1, O2 → s2, O3 → s3 and s4. Unit A gives s1; B gives s2, s3, s4 and needs A first; C gives s3, s4; D gives s2.
    static let catalogue: PublishedCatalogue = {
        func outcome(_ code: String, _ skills: [Int]) -> AnyCatalogueEntity {
            .outcome(LearningOutcome(code: code, status: .published, statement: LocalizedText(en: code),
                                     alignments: skills.map { SkillAlignment(skill: try! ConceptURI(skill($0))) }))
        }
        func unit(_ code: String, _ outcomes: [String], needs: [String] = []) -> AnyCatalogueEntity {
            .unit(LearningUnit(code: code, status: .published, title: LocalizedText(en: "Unit \(code)"), outcomes: outcomes.map { EntityReference($0) },
                               prerequisites: needs.map { EntityReference($0) }))
        }
        return PublishedCatalogue([outcome("O1", [1]), outcome("O2", [2]), outcome("O3", [3, 4]),
                                   unit("A", ["O1"]), unit("B", ["O2", "O3"], needs: ["A"]), unit("C", ["O3"]), unit("D", ["O2"])])
    }()

    static func standing(_ n: Int, _ currency: Double) -> SkillStanding {
        SkillStanding(skill: try! ConceptURI(skill(n)), currency: currency, status: CurrencyPolicy.standard.status(of: currency),
                      halfLife: HalfLife(years: 5, source: .generalDefault), newestEvidence: "2025-01-01", evidence: [])
    }

    @Test("a held skill is had, a decayed one fading, the rest missing; the unit giving most open skills is picked, a skill no unit gives is uncovered")
    func sortsAndCovers() {
        let target = Dictionary(uniqueKeysWithValues: (1...5).map { (Self.skill($0), "skill \($0)") })
        let match = SkillMatch.match(learner: "L-1", target: target, standings: [Self.standing(1, 0.9), Self.standing(2, 0.3)], passedUnits: ["A"],
                                     catalogue: Self.catalogue, asOf: "2025-12-01")
        #expect(match.have.map(\.skill) == [Self.skill(1)])
        #expect(match.have.first?.currency == 0.9)
        #expect(match.fading.map(\.skill) == [Self.skill(2)])
        #expect(match.missing.map(\.skill) == [Self.skill(3), Self.skill(4), Self.skill(5)])
        // Open: s2, s3, s4, s5. B gives three of them (its prerequisite A is passed); C two; D one.
        #expect(match.units.map(\.unit) == ["B"])
        #expect(match.units.first?.covers == [Self.skill(2), Self.skill(3), Self.skill(4)])
        #expect(match.uncovered == [Self.skill(5)])
    }

    @Test("a unit's prerequisite the learner has not passed comes first, and the skills it gives count")
    func prerequisitesFirst() {
        let target = Dictionary(uniqueKeysWithValues: (1...4).map { (Self.skill($0), "skill \($0)") })
        let match = SkillMatch.match(learner: "L-1", target: target, standings: [], passedUnits: [], catalogue: Self.catalogue, asOf: "2025-12-01")
        #expect(match.missing.count == 4)
        #expect(match.units.map(\.unit) == ["A", "B"])
        #expect(match.units.first?.prerequisiteOf == "B")
        #expect(match.units.first?.covers == [Self.skill(1)])
        #expect(match.uncovered.isEmpty)
    }

    @Test("an empty target has nothing to have, miss or take")
    func emptyTarget() {
        let match = SkillMatch.match(learner: "L-1", target: [:], standings: [Self.standing(1, 1)], passedUnits: [], catalogue: Self.catalogue, asOf: "2025-12-01")
        #expect(match.have.isEmpty && match.missing.isEmpty && match.units.isEmpty && match.uncovered.isEmpty)
    }

    @Test("a programme covers the essential skills its units' outcomes give: 3 of 5, two gaps")
    func coverage() {
        let programme = Programme(code: "P", status: .published, title: LocalizedText(en: "P"),
                                  phases: [Phase(code: "F", title: LocalizedText(en: "F"), units: [EntityReference("A"), EntityReference("C")])])
        let essential = Dictionary(uniqueKeysWithValues: (1...5).map { (Self.skill($0), "skill \($0)") })
        let coverage = OccupationCoverage.of(programme, occupation: "occupation", essential: essential, catalogue: Self.catalogue)
        #expect(coverage.covered.map(\.skill) == [Self.skill(1), Self.skill(3), Self.skill(4)])
        #expect(coverage.gaps.map(\.skill) == [Self.skill(2), Self.skill(5)])
        #expect(coverage.share == 0.6)
        #expect(OccupationCoverage.of(programme, occupation: "none", essential: [:], catalogue: Self.catalogue).share == nil)
    }
}
