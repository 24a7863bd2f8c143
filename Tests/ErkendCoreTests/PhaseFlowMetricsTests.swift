import ErkendCore
import Foundation
import Testing

/// Phase flow and skill currency on small hand-made records; every expected number is worked out in the comments.
@Suite("Metrics: phase flow and skill currency")
struct PhaseFlowMetricsTests {
    static let programme: ExactReference = "P@1"
    static let asOf: Day = "2026-01-31"

    /// P@1: F1 needs U1 and U2; F2 needs EPA E1 at level 3 and one of U3, U4 (choice group G); F3 needs U5.
    static let catalogue = PublishedCatalogue([
        .programme(Programme(code: "P", status: .published, title: LocalizedText(en: "P"), phases: [
            Phase(code: "F1", title: LocalizedText(en: "one"), units: [EntityReference("U1"), EntityReference("U2")]),
            Phase(code: "F2", title: LocalizedText(en: "two"), epaTargets: [EPATarget(epa: EntityReference("E1"), level: "3")]),
            Phase(code: "F3", title: LocalizedText(en: "three"), units: [EntityReference("U5")]),
        ], choiceGroups: [ChoiceGroup(code: "G", title: LocalizedText(en: "G"), choose: 1, units: [EntityReference("U3"), EntityReference("U4")], phase: "F2")])),
        .epa(EPA(code: "E1", status: .published, title: LocalizedText(en: "E1"))),
    ])

    static func enrolment(_ learner: String, start: Day = "2025-09-01", status: Enrolment.Status = .active, end: Day? = nil) -> MetricsFacts.Enrolment {
        MetricsFacts.Enrolment(id: "E-\(learner)", learner: learner, programme: programme, cohort: "2025-2026", start: start, status: status, end: end)
    }

    static func passed(_ learner: String, _ unit: String, _ day: Day, passed: Bool = true) -> MetricsFacts.Result {
        MetricsFacts.Result(learner: learner, enrolment: "E-\(learner)", unit: ExactReference(unit, version: 1), passed: passed, achievedOn: day)
    }

    static func decision(_ learner: String, _ level: String, _ day: Day, withdrawnOn: Day? = nil) -> MetricsFacts.Decision {
        MetricsFacts.Decision(enrolment: "E-\(learner)", epa: "E1", level: level, decidedOn: day, withdrawnOn: withdrawnOn)
    }

    /// A: through all three phases. B: F1 done 10-05; F2's target and choice met earlier (09-25, 09-30), so B moves on from
    /// F2 the day it enters (0 days); in F3 since, last progress 10-05 (118 days). C: F1 done 09-12; its F2 decision was
    /// withdrawn; observed on 2026-01-20. D: withdrew on 11-15 in F1. E: only a failed result; no progress since its start
    /// (152 days). F: started 12-01 (61 days). G: completed on 12-20 while in F2 (stops counting, no drop-out). H: F1
    /// done 09-11, level 2 only in F2; last observed 10-01 (122 days).
    static let enrolments = [enrolment("A"), enrolment("B"), enrolment("C"), enrolment("D", status: .withdrawn, end: "2025-11-15"), enrolment("E"),
                             enrolment("F", start: "2025-12-01"), enrolment("G", status: .completed, end: "2025-12-20"), enrolment("H")]
    static let results = [
        passed("A", "U1", "2025-09-10"), passed("A", "U2", "2025-09-20"), passed("A", "U3", "2025-10-01"), passed("A", "U5", "2025-11-30"),
        passed("B", "U2", "2025-09-15"), passed("B", "U1", "2025-10-05"), passed("B", "U4", "2025-09-30"),
        passed("C", "U1", "2025-09-10"), passed("C", "U2", "2025-09-12"),
        passed("D", "U1", "2025-09-10"),
        passed("E", "U2", "2025-09-20", passed: false),
        passed("G", "U1", "2025-09-10"), passed("G", "U2", "2025-09-10"),
        passed("H", "U1", "2025-09-10"), passed("H", "U2", "2025-09-11"),
    ]
    static let decisions = [decision("A", "3", "2025-10-15"), decision("B", "4", "2025-09-25"),
                            decision("C", "3", "2025-10-01", withdrawnOn: "2025-10-20"), decision("H", "2", "2025-09-25")]
    static let spans = [MetricsFacts.ObservationSpan(enrolment: "E-C", epa: "E1", first: "2025-09-05", last: "2026-01-20"),
                        MetricsFacts.ObservationSpan(enrolment: "E-H", epa: "E1", first: "2025-09-05", last: "2025-10-01")]

    @Test("phase flow over all time: entered, moved on, dropped out, days in the phase, in it now and without progress for 90 days")
    func phaseFlowAllTime() {
        let table = PhaseFlow.table(enrolments: Self.enrolments, observations: Self.spans, decisions: Self.decisions, results: Self.results,
                                    catalogue: Self.catalogue, filter: MetricsFilter(), asOf: Self.asOf)
        #expect(table.columns == ["programme", "phase", "learners", "entered", "movedOn", "droppedOut", "medianDaysInPhase", "inPhase", "noProgress"])
        // F1: all 8 entered; A, B, C, G, H moved on after 19, 34, 11, 9, 10 days (median 11); D dropped out; E and F in it,
        // E without progress. F2: A, B, C, G, H entered; A (25 days) and B (0) moved on, median 12.5; C and H in it, H quiet.
        // F3: only A and B: fewer than 5, left out.
        #expect(table.rows.map { $0.map(\.plain) } == [
            ["P", "F1", "8", "8", "5", "1", "11", "2", "1"],
            ["P", "F2", "5", "5", "2", "0", "12.5", "2", "1"],
        ])
        #expect(table.suppressedGroups == 1)
    }

    @Test("phase flow in a period counts only learners in the phase during it, and entries and exits dated in it")
    func phaseFlowInAPeriod() {
        let table = PhaseFlow.table(enrolments: Self.enrolments, observations: Self.spans, decisions: Self.decisions, results: Self.results,
                                    catalogue: Self.catalogue, filter: MetricsFilter(from: "2025-10-01"), asOf: Self.asOf, groups: SmallGroups(minimum: 1))
        // F1 from 10-01: B (left 10-05), D (dropped 11-15), E, F; only F entered in the period; B moved on (34 days).
        // F2: A (left 10-15), B (entered 10-05), C, G (ended 12-20), H; B entered; A and B moved on.
        // F3: A entered 10-15 and moved on 11-30 (46 days); B entered 10-05, in it, quiet for 118 days.
        #expect(table.rows.map { $0.map(\.plain) } == [
            ["P", "F1", "4", "1", "1", "1", "34", "2", "1"],
            ["P", "F2", "5", "1", "2", "0", "12.5", "2", "1"],
            ["P", "F3", "2", "2", "1", "0", "46", "1", "1"],
        ])
        // A shorter quiet limit: F (61 days) and C (11 days) stay out at 60 days, F joins at 61.
        let strict = PhaseFlow.table(enrolments: Self.enrolments, observations: Self.spans, decisions: Self.decisions, results: Self.results,
                                     catalogue: Self.catalogue, noProgressDays: 61, filter: MetricsFilter(), asOf: Self.asOf)
        #expect(strict.value("noProgress", row: 0) == .integer(2))
        #expect(strict.value("noProgress", row: 1) == .integer(1))
    }

    @Test("phase flow of an empty cohort has no rows and hides nothing")
    func phaseFlowEmpty() {
        let table = PhaseFlow.table(enrolments: [], observations: [], decisions: [], results: [], catalogue: Self.catalogue,
                                    filter: MetricsFilter(cohort: "2030-2031"), asOf: Self.asOf)
        #expect(table.rows.isEmpty)
        #expect(table.suppressedGroups == 0)
    }

    @Test("a phase's requirements met before it is entered move the learner on the day of entry")
    func completionBeforeEntry() {
        let completion = PhaseFlow.completionDays(programme: Self.catalogue.programmes["P"]!, start: "2025-09-01",
                                                  decisions: [Self.decision("B", "4", "2025-09-25")],
                                                  results: Self.results.filter { $0.learner == "B" }, scales: Self.catalogue.scales, until: Self.asOf)
        #expect(completion == ["2025-10-05", "2025-09-30", nil])
        let path = PhaseFlow.path(completion: completion, start: "2025-09-01", status: .active, end: nil, asOf: Self.asOf)
        #expect(path.entered == ["2025-09-01", "2025-10-05", "2025-10-05"])
        #expect(path.movedOn == ["2025-10-05", "2025-10-05", nil])
        #expect(path.current == 2)
    }

    static let s1 = "http://data.europa.eu/esco/skill/s1", s2 = "http://data.europa.eu/esco/skill/s2", s3 = "http://data.europa.eu/esco/skill/s3"

    @Test("skill currency: each held skill at its freshest evidence, technical skills halving in 2.5 years, EPA skills with the EPA's half-life")
    func skillCurrency() throws {
        // O1 gives S1 and S2 (S2 technical: 2.5 years; S1 general: 5 years); E1 gives S3 with its own half-life of 1 year.
        let catalogue = PublishedCatalogue([
            .outcome(LearningOutcome(code: "O1", status: .published, statement: LocalizedText(en: "O1"),
                                     alignments: [SkillAlignment(skill: try ConceptURI(Self.s1)), SkillAlignment(skill: try ConceptURI(Self.s2))])),
            .unit(LearningUnit(code: "U1", status: .published, title: LocalizedText(en: "U1"), outcomes: [EntityReference("O1")])),
            .epa(EPA(code: "E1", status: .published, title: LocalizedText(en: "E1"), skills: [SkillAlignment(skill: try ConceptURI(Self.s3))],
                     skillHalfLifeYears: 1)),
        ])
        let asOf: Day = "2025-10-21"
        let enrolments = ["L1", "L2", "L3", "L4", "L5"].map { Self.enrolment($0, start: "2019-09-01") }
        let results = [
            Self.passed("L1", "U1", "2022-10-21"),   // 3 years: S1 0.5^0.6 = 0.66 current, S2 0.5^1.2 = 0.44 below
            Self.passed("L2", "U1", "2025-01-01"),   // 0.8 years: S1 and S2 current
            Self.passed("L4", "U1", "2019-10-21"),   // 6 years: S1 0.5^1.2 and S2 0.5^2.4 both below
            Self.passed("L5", "U1", "2025-01-01", passed: false),
        ]
        let decisions = [
            Self.decision("L3", "4", "2024-01-01"),   // 1.8 years, half-life 1: entrustment and S3 below
            Self.decision("L4", "4", "2025-06-01"),   // 0.4 years: current
            Self.decision("L5", "4", "2025-01-01"),   // 0.8 years: 0.57, current
            Self.decision("L5", "4", "2023-10-01", withdrawnOn: "2024-01-01"),
        ]
        let table = LearnerMetrics.currency(enrolments: enrolments, decisions: decisions, results: results, catalogue: catalogue,
                                            technicalSkills: [Self.s2], filter: MetricsFilter(), asOf: asOf)
        // Entrustments: L3, L4, L5 (1 below). Skills: L1 S1 S2 (1 below), L2 S1 S2, L3 S3 (below), L4 S1 S2 S3 (2 below), L5 S3: 9, 4 below.
        #expect(table.rows.map { $0.map(\.plain) } == [["P", "5", "3", "1", "0.333", "9", "4", "0.444"]])
        // Without the taxonomy's word on S2 it takes the general 5 years: L1's S2 is current then, L4's still below.
        let general = LearnerMetrics.currency(enrolments: enrolments, decisions: decisions, results: results, catalogue: catalogue,
                                              filter: MetricsFilter(), asOf: asOf)
        #expect(general.value("skillsBelowThreshold", row: 0) == .integer(3))
        // Only EPA E1: the skills its decisions give (S3 of L3, L4, L5), unit results left out.
        let onlyE1 = LearnerMetrics.currency(enrolments: enrolments, decisions: decisions, results: results, catalogue: catalogue,
                                             technicalSkills: [Self.s2], filter: MetricsFilter(epa: "E1"), asOf: asOf, groups: SmallGroups(minimum: 1))
        #expect(onlyE1.rows.map { $0.map(\.plain) } == [["P", "3", "3", "1", "0.333", "3", "1", "0.333"]])
    }
}
