import ErkendCore
import Foundation

/// A small, complete catalogue and builders for progression tests: a nursing-like
/// programme with a sub-level scale, a plain-scale EPA, required, pinned and elective units.
enum ProgressionFixture {
    static let skillCare = try! ConceptURI("http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-0000000000c1")
    static let skillHygiene = try! ConceptURI("http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-0000000000c2")
    static let skillSoftware = try! ConceptURI("http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-0000000000c3")
    static let skillReport = try! ConceptURI("http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-0000000000c4")

    static let learner: Learner.ID = "L-1"
    static let enrolmentID: Enrolment.ID = "E-1"
    static let recordedAt = Date(timeIntervalSince1970: 1_760_000_000)

    /// 1, 2a, 2b, 3a, 3b, 3c, 4, 5.
    static let subLevelScale = EntrustmentScale(id: "sub", title: LocalizedText(en: "With sub-levels"), levels: [
        .init(code: "1", supervision: 1, label: LocalizedText(en: "Observes")),
        .init(code: "2a", supervision: 2, label: LocalizedText(en: "Direct, supervisor acts")),
        .init(code: "2b", supervision: 2, label: LocalizedText(en: "Direct, supervisor watches")),
        .init(code: "3a", supervision: 3, label: LocalizedText(en: "Indirect, checks all")),
        .init(code: "3b", supervision: 3, label: LocalizedText(en: "Indirect, checks key points")),
        .init(code: "3c", supervision: 3, label: LocalizedText(en: "Indirect, on request")),
        .init(code: "4", supervision: 4, label: LocalizedText(en: "Unsupervised")),
        .init(code: "5", supervision: 5, label: LocalizedText(en: "Supervises others")),
    ])

    /// Sub-level scale; 3 observations by 2 observers in 6 months.
    static let care = EPA(code: "EPA-CARE", status: .published, title: LocalizedText(en: "Provides daily care"),
                          outcomes: [EntityReference("LO-REPORT")], skills: [SkillAlignment(skill: skillCare)],
                          scale: subLevelScale, decisionRule: DecisionRule(minimumObservations: 3, minimumObservers: 2, windowMonths: 6))
    /// Standard scale; 2 observations by 1 observer, no window; its own half-life of 1 year.
    static let software = EPA(code: "EPA-SOFT", status: .published, title: LocalizedText(en: "Builds software"),
                              skills: [SkillAlignment(skill: skillSoftware)],
                              decisionRule: DecisionRule(minimumObservations: 2, minimumObservers: 1, windowMonths: nil),
                              skillHalfLifeYears: 1)

    static let outcomes = [
        LearningOutcome(code: "LO-CARE", status: .published, statement: LocalizedText(en: "Cares"), alignments: [SkillAlignment(skill: skillCare)]),
        LearningOutcome(code: "LO-HYG", status: .published, statement: LocalizedText(en: "Works hygienically"), alignments: [SkillAlignment(skill: skillHygiene)]),
        LearningOutcome(code: "LO-SOFT", status: .published, statement: LocalizedText(en: "Codes"), alignments: [SkillAlignment(skill: skillSoftware)]),
        LearningOutcome(code: "LO-REPORT", status: .published, statement: LocalizedText(en: "Reports"), alignments: [SkillAlignment(skill: skillReport, relation: .broader)]),
    ]

    static func unit(_ code: String, version: Int = 1, sbu: Int, outcomes: [String] = [], halfLife: Double? = nil) -> LearningUnit {
        LearningUnit(code: code, version: version, status: .published, title: LocalizedText(en: code),
                     outcomes: outcomes.map { EntityReference($0) }, workload: Workload(sbu: sbu), skillHalfLifeYears: halfLife)
    }

    static let units = [
        unit("U-BASIS", sbu: 120, outcomes: ["LO-CARE"]),
        unit("U-HYG", sbu: 80, outcomes: ["LO-HYG"]),
        unit("U-PIN", version: 1, sbu: 60, outcomes: ["LO-CARE"]),
        unit("U-PIN", version: 2, sbu: 60, outcomes: ["LO-CARE"]),
        unit("U-CODE", sbu: 40, outcomes: ["LO-SOFT"], halfLife: 0.5),
        unit("K-1", sbu: 40), unit("K-2", sbu: 40), unit("K-3", sbu: 40),
    ]

    static let catalogue = CatalogueSnapshot(epas: [care, software], units: units, outcomes: outcomes)

    /// orientatie: U-BASIS, CARE 2a, choose 1 of K-1/K-2.
    /// verdieping: U-HYG, U-PIN@2, CARE 3b, SOFT 3.
    /// zelfstandig: CARE 4, SOFT 4. Programme-wide: choose 1 of K-2/K-3; 360 SBU (all units together give 380).
    static let programme = Programme(
        code: "P-VZ", version: 3, status: .published, title: LocalizedText(nl: "Verzorgende IG"),
        phases: [
            Phase(code: "orientatie", title: LocalizedText(nl: "Oriëntatie"), units: [EntityReference("U-BASIS")],
                  epaTargets: [EPATarget(epa: EntityReference("EPA-CARE"), level: "2a")]),
            Phase(code: "verdieping", title: LocalizedText(nl: "Verdieping"), units: [EntityReference("U-HYG"), EntityReference("U-PIN", version: 2)],
                  epaTargets: [EPATarget(epa: EntityReference("EPA-CARE"), level: "3b"), EPATarget(epa: EntityReference("EPA-SOFT"), level: "3")]),
            Phase(code: "zelfstandig", title: LocalizedText(nl: "Zelfstandig"),
                  epaTargets: [EPATarget(epa: EntityReference("EPA-CARE"), level: "4"), EPATarget(epa: EntityReference("EPA-SOFT"), level: "4")]),
        ],
        choiceGroups: [
            ChoiceGroup(code: "KD-ORI", title: LocalizedText(nl: "Keuzedeel oriëntatie"), choose: 1, units: [EntityReference("K-1"), EntityReference("K-2")], phase: "orientatie"),
            ChoiceGroup(code: "KD-VRIJ", title: LocalizedText(nl: "Vrije keuze"), choose: 1, units: [EntityReference("K-2"), EntityReference("K-3")]),
        ],
        minimumCredits: Workload(sbu: 360))

    static let enrolment = Enrolment(id: enrolmentID, learner: learner, programme: ExactReference(programme), startDate: "2024-09-01", cohort: "2024-2025")

    static func observation(_ id: Observation.ID, _ epa: EPA = care, level: String, on date: Day, by observer: String = "M-1",
                            learner: Learner.ID = learner) -> Observation {
        Observation(id: id, learner: learner, enrolment: enrolmentID, epa: ExactReference(epa), date: date, level: level,
                    observer: Observer(kind: .mentor, id: observer, name: "Mentor \(observer)", organisation: "Zorggroep"),
                    feedback: "Goed gedaan", recordedAt: recordedAt)
    }

    static func decision(_ id: EntrustmentDecision.ID, _ epa: EPA = care, level: String, on day: Day, validUntil: Day? = nil,
                         basis: [Observation.ID] = [], override: String? = nil, withdrawnOn: Day? = nil) -> EntrustmentDecision {
        EntrustmentDecision(id: id, learner: learner, enrolment: enrolmentID, epa: ExactReference(epa), level: level, decidedOn: day,
                            committee: "Examencommissie Zorg", deciders: ["A. de Vries", "B. Jansen"], basis: basis,
                            validUntil: validUntil, ruleMet: override == nil, overrideReason: override,
                            withdrawal: withdrawnOn.map { .init(on: $0, by: "C. Bakker", reason: "Entered in error") },
                            recordedAt: recordedAt)
    }

    static func result(_ id: UnitResult.ID, _ unit: String, version: Int = 1, on day: Day, outcome: UnitResult.Outcome = .passed,
                        recognisedBy recognition: RecognitionCase.ID? = nil) -> UnitResult {
        UnitResult(id: id, learner: learner, enrolment: enrolmentID, unit: ExactReference(unit, version: version), outcome: outcome,
                   achievedOn: day, assessor: "D. Smit", basis: recognition.map { .recognised(case: $0) } ?? .completed)
    }
}
