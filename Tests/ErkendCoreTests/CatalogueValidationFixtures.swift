import ErkendCore
import Foundation

/// A small catalogue with one planted defect per validation rule, and a few
/// sound entities that must come through without findings.
enum PlantedCatalogue {
    static let skill = ConceptURI(trusted: "http://data.europa.eu/esco/skill/known-1")
    static let obsolete = ConceptURI(trusted: "http://data.europa.eu/esco/skill/obsolete-1")
    static let unknown = ConceptURI(trusted: "http://data.europa.eu/esco/skill/unknown-1")
    static let knownSkills: Set<ConceptURI> = [skill, obsolete]
    static let obsoleteSkills: Set<ConceptURI> = [obsolete]

    static let level4 = QualificationLevel(eqf: 4, nlqf: 4)

    static func outcome(_ code: String, version: Int = 1, status: LifecycleStatus = .published, level: QualificationLevel = level4,
                        skills: [ConceptURI] = [skill], replacedBy: EntityReference? = nil) -> AnyCatalogueEntity {
        .outcome(LearningOutcome(code: code, version: version, status: status, statement: LocalizedText(nl: "Kan \(code)."),
                                 level: level, alignments: skills.map { SkillAlignment(skill: $0) }, replacedBy: replacedBy))
    }

    static func unit(_ code: String, version: Int = 1, status: LifecycleStatus = .published, outcomes: [EntityReference] = [EntityReference("O-OK")],
                     sbu: Int? = 100, level: QualificationLevel = level4, prerequisites: [EntityReference] = [],
                     stackableToward: [EntityReference] = []) -> AnyCatalogueEntity {
        .unit(LearningUnit(code: code, version: version, status: status, title: LocalizedText(nl: "Eenheid \(code)"), outcomes: outcomes,
                           workload: Workload(sbu: sbu), level: level, prerequisites: prerequisites, stackableToward: stackableToward))
    }

    static func epa(_ code: String, rule: DecisionRule = .standard) -> AnyCatalogueEntity {
        .epa(EPA(code: code, status: .published, title: LocalizedText(nl: "EPA \(code)"), outcomes: [EntityReference("O-OK")],
                 skills: [SkillAlignment(skill: skill)], level: level4, decisionRule: rule))
    }

    static func programme(_ code: String, phases: [Phase], choiceGroups: [ChoiceGroup] = [], minimumSBU: Int? = nil) -> AnyCatalogueEntity {
        .programme(Programme(code: code, status: .published, title: LocalizedText(nl: "Opleiding \(code)"), level: level4,
                             phases: phases, choiceGroups: choiceGroups, minimumCredits: minimumSBU.map { Workload(sbu: $0) }))
    }

    static func phase(_ code: String, months: Int? = 12, units: [String] = [], targets: [(String, String)] = []) -> Phase {
        Phase(code: code, title: LocalizedText(nl: code), durationMonths: months, units: units.map { EntityReference($0) },
              epaTargets: targets.map { EPATarget(epa: EntityReference($0.0), level: $0.1) })
    }

    /// Sound entities: no finding may name them.
    static let sound: [AnyCatalogueEntity] = [
        outcome("O-OK"),
        unit("U-OK"),
        epa("E-OK"),
        programme("P-OK", phases: [phase("fase-1", units: ["U-OK"], targets: [("E-OK", "2")]), phase("fase-2", targets: [("E-OK", "4")])]),
    ]

    /// One entity per defect; `expected` says which rule must name which entity.
    static let defective: [AnyCatalogueEntity] = [
        outcome("O-NOSKILL", skills: []),
        outcome("O-UNKNOWN", skills: [unknown]),
        outcome("O-OBSOLETE", skills: [obsolete]),
        outcome("O-HIGH", level: QualificationLevel(eqf: 5, nlqf: 5)),
        outcome("O-DRAFT", status: .draft),
        outcome("O-OLD", status: .deprecated, replacedBy: EntityReference("O-OK")),
        unit("U-DANGLING", outcomes: [EntityReference("O-MISSING")], prerequisites: [EntityReference("U-OK", version: 7)]),
        unit("U-DRAFTREF", outcomes: [EntityReference("O-DRAFT")]),
        unit("U-DEPREF", outcomes: [EntityReference("O-OLD")]),
        unit("U-CYCLE-A", prerequisites: [EntityReference("U-CYCLE-B")]),
        unit("U-CYCLE-B", prerequisites: [EntityReference("U-CYCLE-C")]),
        unit("U-CYCLE-C", prerequisites: [EntityReference("U-CYCLE-A")]),
        unit("U-EMPTY", outcomes: []),
        unit("U-LOW", outcomes: [EntityReference("O-HIGH")], level: QualificationLevel(eqf: 3, nlqf: 3)),
        unit("U-STACK", stackableToward: [EntityReference("P-OK")]),
        unit("U-NOWORK", sbu: nil),
        unit("U-RETIRED", status: .deprecated),
        epa("E-BADRULE", rule: DecisionRule(minimumObservations: 3, minimumObservers: 4, windowMonths: 6)),
        epa("E-WINDOW", rule: DecisionRule(minimumObservations: 3, minimumObservers: 2, windowMonths: 12)),
        programme("P-NOPHASES", phases: []),
        programme("P-EMPTYPHASE", phases: [phase("fase-1", units: ["U-OK"]), phase("fase-2")]),
        programme("P-CHOICE", phases: [phase("fase-1", units: ["U-OK"])],
                  choiceGroups: [ChoiceGroup(code: "keuze", title: LocalizedText(nl: "Keuze"), choose: 2,
                                             units: [EntityReference("U-OK"), EntityReference("U-RETIRED")])]),
        programme("P-SHORT", phases: [phase("fase-1", units: ["U-OK"])], minimumSBU: 500),
        programme("P-UNKNOWN", phases: [phase("fase-1", units: ["U-OK", "U-NOWORK"])], minimumSBU: 100),
        programme("P-TARGETS", phases: [
            phase("fase-1", targets: [("E-OK", "3")]),
            phase("fase-2", targets: [("E-OK", "2"), ("E-BADRULE", "6")]),
            phase("fase-3", months: 3, targets: [("E-WINDOW", "3")]),
        ]),
    ]

    /// Every planted defect: the rule and the entity it must be reported on.
    static let expected: [(ValidationRule, VersionKey)] = [
        (.danglingReference, VersionKey(.unit, "U-DANGLING", 1)),
        (.referenceToDraft, VersionKey(.unit, "U-DRAFTREF", 1)),
        (.deprecatedReference, VersionKey(.unit, "U-DEPREF", 1)),
        (.prerequisiteCycle, VersionKey(.unit, "U-CYCLE-A", 1)),
        (.unitWithoutOutcomes, VersionKey(.unit, "U-EMPTY", 1)),
        (.unitBelowOutcomeLevel, VersionKey(.unit, "U-LOW", 1)),
        (.stackableTowardMismatch, VersionKey(.unit, "U-STACK", 1)),
        (.outcomeWithoutSkill, VersionKey(.outcome, "O-NOSKILL", 1)),
        (.unknownSkill, VersionKey(.outcome, "O-UNKNOWN", 1)),
        (.obsoleteSkill, VersionKey(.outcome, "O-OBSOLETE", 1)),
        (.programmeWithoutPhases, VersionKey(.programme, "P-NOPHASES", 1)),
        (.emptyPhase, VersionKey(.programme, "P-EMPTYPHASE", 1)),
        (.choiceGroupUnsatisfiable, VersionKey(.programme, "P-CHOICE", 1)),
        (.creditsShort, VersionKey(.programme, "P-SHORT", 1)),
        (.creditsUnknown, VersionKey(.programme, "P-UNKNOWN", 1)),
        (.epaTargetNotOnScale, VersionKey(.programme, "P-TARGETS", 1)),
        (.epaTargetDecreases, VersionKey(.programme, "P-TARGETS", 1)),
        (.decisionRuleUnsatisfiable, VersionKey(.epa, "E-BADRULE", 1)),
        (.decisionWindowExceedsPhase, VersionKey(.programme, "P-TARGETS", 1)),
    ]

    static var all: [AnyCatalogueEntity] { sound + defective }
}
