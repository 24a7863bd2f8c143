import ErkendCore
import Foundation
import Testing

/// Every expected number below was worked out by hand from the records in the test.
@Suite("Metrics")
struct MetricsTests {
    static let programme: ExactReference = "P@1"
    static let other: ExactReference = "Q@1"
    static let asOf: Day = "2025-10-21"

    static func enrolment(_ learner: String, _ programme: ExactReference = programme, start: Day = "2025-09-01",
                          status: Enrolment.Status = .active, end: Day? = nil) -> MetricsFacts.Enrolment {
        MetricsFacts.Enrolment(id: "E-\(learner)", learner: learner, programme: programme, cohort: "2025-2026", start: start, status: status, end: end)
    }

    static func unit(_ code: String, ects: Double, outcomes: [String] = [], toward: [String] = []) -> AnyCatalogueEntity {
        .unit(LearningUnit(code: code, status: .published, title: LocalizedText(en: code), outcomes: outcomes.map { EntityReference($0) },
                           workload: Workload(ects: ects), stackableToward: toward.map { EntityReference($0) }))
    }

    static func programme(_ code: String, units: [String], epas: [String] = ["E1"]) -> AnyCatalogueEntity {
        .programme(Programme(code: code, status: .published, title: LocalizedText(en: code),
                             phases: [Phase(code: "F1", title: LocalizedText(en: "one"), units: units.map { EntityReference($0) },
                                            epaTargets: epas.map { EPATarget(epa: EntityReference($0), level: "4") })]))
    }

    @Test("Kaplan–Meier counts learners still on the way: remaining 5/6, then 5/12, then 5/24")
    func kaplanMeier() {
        let spans = [SurvivalSpan(days: 10, reached: true), SurvivalSpan(days: 20, reached: false), SurvivalSpan(days: 30, reached: true),
                     SurvivalSpan(days: 30, reached: true), SurvivalSpan(days: 50, reached: false), SurvivalSpan(days: 50, reached: true)]
        let curve = SurvivalCurve(spans)
        #expect(curve.steps.map(\.day) == [10, 30, 50])
        #expect(curve.steps.map(\.atRisk) == [6, 4, 2])
        #expect(abs(curve.steps[0].remaining - 5.0 / 6) < 1e-9)
        #expect(abs(curve.steps[1].remaining - 5.0 / 12) < 1e-9)
        #expect(abs(curve.steps[2].remaining - 5.0 / 24) < 1e-9)
        #expect(curve.firstQuartile == 30)
        #expect(curve.median == 30)
        #expect(curve.thirdQuartile == 50)
        #expect(curve.atRiskAtMedian == 4)
        // The naive median of only those who got there (10, 30, 30, 50) would be 30 too, but its third quartile
        // ignores the two cut off; with nobody reaching, there is no median at all.
        #expect(SurvivalCurve([SurvivalSpan(days: 5, reached: false)]).median == nil)
        #expect(SurvivalCurve([]).steps.isEmpty)
    }

    @Test("time to entrustment: a withdrawn learner is cut off, a withdrawn decision does not count, small groups are hidden")
    func timeToEntrustment() {
        let enrolments = [
            Self.enrolment("L1"),
            Self.enrolment("L2", status: .withdrawn, end: "2025-09-21"),
            Self.enrolment("L3"), Self.enrolment("L4"), Self.enrolment("L5"), Self.enrolment("L6"),
            Self.enrolment("L7", Self.other),
        ]
        let decisions = [
            MetricsFacts.Decision(enrolment: "E-L1", epa: "E1", level: "4", decidedOn: "2025-09-11"),
            MetricsFacts.Decision(enrolment: "E-L3", epa: "E1", level: "3", decidedOn: "2025-09-21"),
            MetricsFacts.Decision(enrolment: "E-L3", epa: "E1", level: "4", decidedOn: "2025-10-01"),
            MetricsFacts.Decision(enrolment: "E-L4", epa: "E1", level: "4", decidedOn: "2025-10-01"),
            MetricsFacts.Decision(enrolment: "E-L5", epa: "E1", level: "4", decidedOn: "2025-09-15", withdrawnOn: "2025-09-20"),
            MetricsFacts.Decision(enrolment: "E-L6", epa: "E1", level: "5", decidedOn: "2025-10-21"),
            MetricsFacts.Decision(enrolment: "E-L7", epa: "E1", level: "5", decidedOn: "2025-09-02"),
        ]
        let table = TimeToEntrustment.table(enrolments: enrolments.filter { $0.programme == Self.programme }, observations: [], decisions: decisions,
                                            targets: [Self.programme: ["E1"], Self.other: ["E1"]], scales: [:],
                                            filter: MetricsFilter(), asOf: Self.asOf)
        #expect(table.rows.map { $0[1].plain } == ["2", "3", "4", "5"])
        // Level 3: 10 reached, 20 cut off (L2 withdrew) and 20 reached (L3), 30, 50 cut off (L5), 50 reached.
        #expect(table.rows[1].map(\.plain) == ["E1", "3", "6", "4", "30", "20", "50", "3"])
        // Level 4: 10, 20 cut off, 30, 30, 50 cut off, 50 → remaining 5/6, 5/12, 5/24.
        #expect(table.rows[2].map(\.plain) == ["E1", "4", "6", "4", "30", "30", "50", "4"])
        // Level 5: only L6 gets there, on day 50, when five are at risk (those cut off on day 50 still count that
        // day): 4/5 remain, so neither a median nor a quartile.
        #expect(table.rows[3].map(\.plain) == ["E1", "5", "6", "1", "", "", "", ""])
        #expect(table.value("learners", row: 0) == .integer(6))
        // Programme Q has one learner: each of its four rows would be about L7 alone, so none is shown.
        #expect(table.suppressedGroups == 0)
        let onlyQ = TimeToEntrustment.table(enrolments: enrolments.filter { $0.programme == Self.other }, observations: [], decisions: decisions,
                                            targets: [Self.other: ["E1"]], scales: [:], filter: MetricsFilter(programme: "Q"), asOf: Self.asOf)
        #expect(onlyQ.rows.isEmpty)
        #expect(onlyQ.suppressedGroups == 4)
        let empty = TimeToEntrustment.table(enrolments: [], observations: [], decisions: [], targets: [:], scales: [:],
                                            filter: MetricsFilter(cohort: "2030-2031"), asOf: Self.asOf)
        #expect(empty.rows.isEmpty && empty.suppressedGroups == 0)
    }

    @Test("time to entrustment from the first observation starts each learner's clock on that day")
    func fromFirstObservation() {
        let enrolments = (1...5).map { Self.enrolment("L\($0)") }
        let observations = (1...5).map { MetricsFacts.ObservationSpan(enrolment: "E-L\($0)", epa: "E1", first: Day(ordinal: Day("2025-09-01").ordinal + $0 * 10), last: "2025-10-01") }
        // L1 first observed on 09-11 and entrusted on 09-21: 10 days; the others are entrusted 20 days after their first observation.
        let decisions = (1...5).map { MetricsFacts.Decision(enrolment: "E-L\($0)", epa: "E1", level: "4", decidedOn: Day(ordinal: Day("2025-09-01").ordinal + $0 * 10 + ($0 == 1 ? 10 : 20))) }
        let table = TimeToEntrustment.table(enrolments: enrolments, observations: observations, decisions: decisions, targets: [Self.programme: ["E1"]],
                                            scales: [:], origin: .firstObservation, filter: MetricsFilter(epa: "E1"), asOf: "2025-12-01")
        let level4 = table.rows.first { $0[1] == .text("4") }
        #expect(level4?.map(\.plain) == ["E1", "4", "5", "5", "20", "20", "20", "4"])
    }

    @Test("unit, programme, outcome and skill reuse count the newest published versions")
    func reuse() throws {
        let skill = "http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-0000000000c1"
        let catalogue = PublishedCatalogue([
            Self.unit("U1", ects: 5, outcomes: ["O1"]), Self.unit("U2", ects: 10, outcomes: ["O1", "O2"]), Self.unit("U3", ects: 2),
            .outcome(LearningOutcome(code: "O1", status: .published, statement: LocalizedText(en: "one"), alignments: [SkillAlignment(skill: try ConceptURI(skill))])),
            .outcome(LearningOutcome(code: "O2", status: .published, statement: LocalizedText(en: "two"))),
            Self.programme("P", units: ["U1", "U2"]), Self.programme("Q", units: ["U2", "U3"]),
            // A draft programme is not on offer and shares nothing.
            .programme(Programme(code: "R", title: LocalizedText(en: "R"), phases: [Phase(code: "F", title: LocalizedText(en: "f"), units: [EntityReference("U3")])])),
        ])
        let units = ReuseMetrics.unitReuse(catalogue, filter: MetricsFilter(), asOf: Self.asOf)
        #expect(units.rows.map { $0.map(\.plain) } == [["U2", "2", "P Q"], ["U1", "1", "P"], ["U3", "1", "Q"]])
        let programmes = ReuseMetrics.programmeReuse(catalogue, filter: MetricsFilter(), asOf: Self.asOf)
        #expect(programmes.rows.map { $0.map(\.plain) } == [["P", "2", "1", "0.5"], ["Q", "2", "1", "0.5"]])
        let outcomes = ReuseMetrics.outcomeReuse(catalogue, filter: MetricsFilter(), asOf: Self.asOf)
        #expect(outcomes.rows.map { $0.map(\.plain) } == [["O1", "2", "U1 U2"], ["O2", "1", "U2"]])
        let skills = ReuseMetrics.skillReuse(catalogue, filter: MetricsFilter(), asOf: Self.asOf)
        #expect(skills.rows.map { $0.map(\.plain) } == [[skill, "2", "P Q"]])
        #expect(ReuseMetrics.unitReuse(PublishedCatalogue([]), filter: MetricsFilter(), asOf: Self.asOf).rows.isEmpty)
    }

    @Test("credit velocity counts passed and recognised credits per learner-month; a failed result counts nothing")
    func creditVelocity() {
        let catalogue = PublishedCatalogue([Self.unit("U1", ects: 5), Self.unit("U2", ects: 10)])
        let enrolments = (1...5).map { Self.enrolment("L\($0)") }
        let results = [
            MetricsFacts.Result(learner: "L1", enrolment: "E-L1", unit: "U1@1", achievedOn: "2025-09-10"),
            MetricsFacts.Result(learner: "L2", enrolment: "E-L2", unit: "U1@1", achievedOn: "2025-09-10"),
            MetricsFacts.Result(learner: "L3", enrolment: "E-L3", unit: "U1@1", achievedOn: "2025-09-10"),
            MetricsFacts.Result(learner: "L4", enrolment: "E-L4", unit: "U2@1", achievedOn: "2025-09-20", recognised: true),
            MetricsFacts.Result(learner: "L5", enrolment: "E-L5", unit: "U2@1", passed: false, achievedOn: "2025-09-20"),
        ]
        let table = LearnerMetrics.creditVelocity(enrolments: enrolments, results: results, catalogue: catalogue, filter: MetricsFilter(), asOf: "2025-09-30")
        // 5 learners × 30 days = 150 days = 4.928 months; 3 × 5 + 10 = 25 ECTS; 25 / 4.928 = 5.073.
        #expect(table.rows.map { $0.map(\.plain) } == [["P", "5", "4.928", "25", "5.073", "0", "0"]])
        let tooFew = LearnerMetrics.creditVelocity(enrolments: Array(enrolments.prefix(4)), results: results, catalogue: catalogue,
                                                   filter: MetricsFilter(), asOf: "2025-09-30")
        #expect(tooFew.rows.isEmpty && tooFew.suppressedGroups == 1)
    }

    @Test("recognition counts decided cases, recognised units with their credits and accepted external credentials")
    func recognition() {
        let catalogue = PublishedCatalogue([Self.unit("U2", ects: 10)])
        let enrolments = (1...5).map { Self.enrolment("L\($0)") }
        let cases = [
            MetricsFacts.RecognitionCase(learner: "L1", programme: "P", decidedOn: "2025-09-05", result: .full, externalCredentials: 2),
            MetricsFacts.RecognitionCase(learner: "L2", programme: "P", decidedOn: "2025-09-06", result: .partial, externalCredentials: 1),
            MetricsFacts.RecognitionCase(learner: "L3", programme: "P", decidedOn: "2025-09-07", result: .refused, externalCredentials: 1),
            MetricsFacts.RecognitionCase(learner: "L4", programme: "P", decidedOn: "2025-09-08", result: .refused, externalCredentials: 0),
            MetricsFacts.RecognitionCase(learner: "L5", programme: "P", decidedOn: "2025-09-09", result: .full, externalCredentials: 0),
        ]
        let results = [MetricsFacts.Result(learner: "L1", enrolment: "E-L1", unit: "U2@1", achievedOn: "2025-09-05", recognised: true),
                       MetricsFacts.Result(learner: "L2", enrolment: "E-L2", unit: "U2@1", achievedOn: "2025-09-06", recognised: false)]
        let table = LearnerMetrics.recognition(enrolments: enrolments, cases: cases, results: results, catalogue: catalogue,
                                               filter: MetricsFilter(), asOf: Self.asOf)
        // The refused case's badge was not accepted: 2 + 1 external credentials.
        #expect(table.rows.map { $0.map(\.plain) } == [["P", "5", "5", "2", "1", "2", "1", "10", "0", "3"]])
        let period = LearnerMetrics.recognition(enrolments: enrolments, cases: cases, results: results, catalogue: catalogue,
                                                filter: MetricsFilter(from: "2025-09-07"), asOf: Self.asOf)
        #expect(period.rows.isEmpty && period.suppressedGroups == 1)
    }

    @Test("mentor response: median days to sign, declined and expired shares of the requests that ended; links withdrawn by an erasure are left out")
    func mentorResponse() {
        let requests = [
            MetricsFacts.SignoffRequest(learner: "L1", organisation: "Zorg BV", requestedOn: "2025-09-01", status: .signed, answeredOn: "2025-09-02"),
            MetricsFacts.SignoffRequest(learner: "L2", organisation: "Zorg BV", requestedOn: "2025-09-01", status: .signed, answeredOn: "2025-09-04"),
            MetricsFacts.SignoffRequest(learner: "L3", organisation: "Zorg BV", requestedOn: "2025-09-01", status: .signed, answeredOn: "2025-09-08"),
            MetricsFacts.SignoffRequest(learner: "L4", organisation: "Zorg BV", requestedOn: "2025-09-01", status: .declined, answeredOn: "2025-09-02"),
            MetricsFacts.SignoffRequest(learner: "L5", organisation: "Zorg BV", requestedOn: "2025-09-01", status: .expired),
            MetricsFacts.SignoffRequest(learner: "L5", organisation: "Zorg BV", requestedOn: "2025-10-20", status: .open),
            // Withdrawn by an erasure: not the workplace's answer, so not counted anywhere (not even as a learner).
            MetricsFacts.SignoffRequest(learner: "L6", organisation: "Zorg BV", requestedOn: "2025-09-01", status: .withdrawn),
        ]
        let table = LearnerMetrics.mentorResponse(requests, filter: MetricsFilter(), asOf: Self.asOf)
        // Signed after 1, 3 and 7 days: median 3. Five ended: 1 declined (0.2), 1 expired (0.2).
        #expect(table.rows.map { $0.map(\.plain) } == [["Zorg BV", "5", "6", "3", "1", "1", "1", "3", "0.2", "0.2"]])
    }

    @Test("workplace share weighs mentors' observations and practice statements against school evidence")
    func workplaceShare() {
        let counts = [MetricsFacts.EvidenceCount(programme: "P", source: .mentorObservation, records: 30, learners: 6),
                      MetricsFacts.EvidenceCount(programme: "P", source: .practiceStatement, records: 6, learners: 6),
                      MetricsFacts.EvidenceCount(programme: "P", source: .staffObservation, records: 10, learners: 5),
                      MetricsFacts.EvidenceCount(programme: "P", source: .schoolResult, records: 14, learners: 6),
                      MetricsFacts.EvidenceCount(programme: "Q", source: .mentorObservation, records: 3, learners: 2)]
        let table = LearnerMetrics.workplaceShare(counts, filter: MetricsFilter(), asOf: Self.asOf)
        // 36 of 60 = 0.6; Q has 2 learners and is suppressed.
        #expect(table.rows.map { $0.map(\.plain) } == [["P", "6", "36", "24", "0.6"]])
        #expect(table.suppressedGroups == 1)
    }

    @Test("currency: active entrustments older than one half-life are below the renewal threshold; withdrawn ones are not counted")
    func currency() {
        let catalogue = PublishedCatalogue([.epa(EPA(code: "E1", status: .published, title: LocalizedText(en: "E1"), skillHalfLifeYears: 1))])
        let enrolments = (1...5).map { Self.enrolment("L\($0)", start: "2023-09-01") }
        let decisions = [
            MetricsFacts.Decision(enrolment: "E-L1", epa: "E1", level: "4", decidedOn: "2023-10-01"),   // 2 years: 0.25
            MetricsFacts.Decision(enrolment: "E-L2", epa: "E1", level: "4", decidedOn: "2025-06-01"),   // < 1 year: above 0.5
            MetricsFacts.Decision(enrolment: "E-L3", epa: "E1", level: "4", decidedOn: "2025-06-01"),
            MetricsFacts.Decision(enrolment: "E-L4", epa: "E1", level: "4", decidedOn: "2024-01-01"),   // 1.8 years: below 0.5
            MetricsFacts.Decision(enrolment: "E-L5", epa: "E1", level: "4", decidedOn: "2025-01-01"),
            MetricsFacts.Decision(enrolment: "E-L5", epa: "E1", level: "4", decidedOn: "2023-12-01", withdrawnOn: "2024-01-01"),
        ]
        let table = LearnerMetrics.currency(enrolments: enrolments, decisions: decisions, catalogue: catalogue, filter: MetricsFilter(), asOf: Self.asOf)
        #expect(table.rows.map { $0.map(\.plain) } == [["P", "5", "5", "2", "0.4", "0", "0", ""]])
    }

    @Test("stacking counts learners who passed a stackable unit and those enrolled in what it stacks toward")
    func stacking() {
        let catalogue = PublishedCatalogue([Self.unit("MC1", ects: 3, toward: ["P"]), Self.unit("U1", ects: 5)])
        let enrolments = (1...3).map { Self.enrolment("L\($0)") }
        let results = (1...6).map { MetricsFacts.Result(learner: "L\($0)", enrolment: nil, unit: "MC1@1", achievedOn: "2025-09-10") }
        let table = LearnerMetrics.stacking(enrolments: enrolments, results: results, catalogue: catalogue, filter: MetricsFilter(), asOf: Self.asOf)
        #expect(table.rows.map { $0.map(\.plain) } == [["MC1", "P", "6", "3"]])
    }

    @Test("award counts per kind and status, small kinds suppressed")
    func awards() {
        let counts = [MetricsFacts.AwardCount(kind: "unit-passed", status: "offered", awards: 4, learners: 4),
                      MetricsFacts.AwardCount(kind: "unit-passed", status: "collected", awards: 7, learners: 6),
                      MetricsFacts.AwardCount(kind: "programme-completed", status: "offered", awards: 1, learners: 1)]
        let table = LearnerMetrics.awards(counts, filter: MetricsFilter(), asOf: Self.asOf)
        #expect(table.rows.map { $0.map(\.plain) } == [["unit-passed", "6", "11", "4", "7", "0"]])
        #expect(table.suppressedGroups == 1)
    }

    @Test("CSV quotes fields with commas and quotes and writes nothing for an unknown value")
    func csv() {
        let table = MetricTable(metric: .mentorResponse, asOf: Self.asOf, filter: MetricsFilter(), columns: ["workplace", "medianDaysToSign"],
                                rows: [[.text("Zorg, \"Noord\""), .none], [.text("Bouw"), .number(2.5)]])
        #expect(table.csv() == "workplace,medianDaysToSign\r\n\"Zorg, \"\"Noord\"\"\",\r\nBouw,2.5\r\n")
    }
}
