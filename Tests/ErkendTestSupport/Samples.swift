public import ErkendCore
public import Foundation

/// Small, valid catalogue and taxonomy values to build tests from.
public enum Samples {
    public static let skillA = try! ConceptURI("http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-000000000001")
    public static let skillB = try! ConceptURI("http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-000000000002")
    public static let skillGroup = try! ConceptURI("http://data.europa.eu/esco/skill/S1.2.3")
    public static let occupation = try! ConceptURI("http://data.europa.eu/esco/occupation/bbbbbbbb-0000-4000-8000-000000000001")

    /// Two skills under a group, an occupation that needs them, English labels and one Dutch one.
    public static func taxonomyBatch() -> TaxonomyBatch {
        var batch = TaxonomyBatch()
        batch.statements = [
            ConceptStatement(uri: skillGroup, kind: .skillGroup, language: "en", preferredLabel: "developing software", code: "S1.2.3", isObsolete: false, source: "skillGroups_en.csv:2"),
            ConceptStatement(uri: skillA, kind: .skill, language: "en", preferredLabel: "programming in Swift", altLabels: ["Swift programming", "write Swift code"], description: "Writing programs in Swift.", skillType: .skillCompetence, reuseLevel: .sectorSpecific, isObsolete: false, source: "skills_en.csv:2"),
            ConceptStatement(uri: skillB, kind: .skill, language: "en", preferredLabel: "test software", altLabels: ["software testing"], skillType: .skillCompetence, reuseLevel: .crossSector, isObsolete: false, source: "skills_en.csv:3"),
            ConceptStatement(uri: skillB, kind: .skill, language: "nl", preferredLabel: "software testen", altLabels: ["programmatuur testen"], collection: "ict", source: "nl/ictSkillsCollection_nl.csv:2"),
            ConceptStatement(uri: occupation, kind: .occupation, language: "en", preferredLabel: "software developer", code: "2512.4", iscoGroup: "2512", isObsolete: false, source: "occupations_en.csv:2"),
        ]
        batch.broader = [
            Sourced(BroaderRelation(narrower: skillA, broader: skillGroup), source: "broaderRelationsSkillPillar.csv:2"),
            Sourced(BroaderRelation(narrower: skillB, broader: skillGroup), source: "broaderRelationsSkillPillar.csv:3"),
        ]
        batch.occupationSkills = [
            Sourced(OccupationSkillRelation(occupation: occupation, skill: skillA, requirement: .essential), source: "occupationSkillRelations.csv:2"),
            Sourced(OccupationSkillRelation(occupation: occupation, skill: skillB, requirement: .optional), source: "occupationSkillRelations.csv:3"),
        ]
        batch.completeKinds = [.skill, .skillGroup, .occupation]
        return batch
    }

    public static func outcome(_ code: String = "LO-1", skills: [ConceptURI] = [skillA], status: LifecycleStatus = .draft) -> LearningOutcome {
        LearningOutcome(code: code, status: status,
                        statement: LocalizedText(nl: "Schrijft onderhoudbare code", en: "Writes maintainable code"),
                        level: QualificationLevel(eqf: 4, nlqf: 4),
                        alignments: skills.map { SkillAlignment(skill: $0) })
    }

    public static func unit(_ code: String = "U-1", outcomes: [String] = ["LO-1"], sbu: Int = 120, status: LifecycleStatus = .draft) -> LearningUnit {
        LearningUnit(code: code, status: status, unitKind: .module,
                     title: LocalizedText(nl: "Programmeren", en: "Programming"),
                     outcomes: outcomes.map { EntityReference($0) },
                     workload: Workload(sbu: sbu), level: QualificationLevel(eqf: 4, nlqf: 4),
                     assessment: Assessment(method: .practicalAssignment),
                     qualityAssurance: LocalizedText(nl: "Examencommissie"))
    }

    public static func epa(_ code: String = "EPA-1", status: LifecycleStatus = .draft) -> EPA {
        EPA(code: code, status: status, title: LocalizedText(nl: "Realiseert software", en: "Builds software"),
            skills: [SkillAlignment(skill: skillA)], level: QualificationLevel(nlqf: 4))
    }

    public static func programme(_ code: String = "P-1", units: [String] = ["U-1"], epa: String = "EPA-1", status: LifecycleStatus = .draft) -> Programme {
        Programme(code: code, status: status, title: LocalizedText(nl: "Software developer"), crebo: "25604",
                  level: QualificationLevel(eqf: 4, nlqf: 4),
                  phases: [
                    Phase(code: "orientatie", title: LocalizedText(nl: "Oriëntatie"), units: units.map { EntityReference($0) },
                          epaTargets: [EPATarget(epa: EntityReference(epa), level: "2")]),
                    Phase(code: "zelfstandig", title: LocalizedText(nl: "Zelfstandig"),
                          epaTargets: [EPATarget(epa: EntityReference(epa), level: "4")]),
                  ])
    }
}
