import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import Testing

/// Metrics computed from a real database, a SQLite file and PostgreSQL: the records a service writes, the
/// pre-aggregate the observation trigger keeps, and the filters applied in SQL. Expected numbers worked out by hand.
@Suite("Metrics repository")
struct MetricsRepositoryTests {
    typealias S = ProgressionSamples

    /// Six learners in P-1@1 from 2025-09-01; L-6's placement is at Bouw BV, the others' at Zorggroep Oost.
    /// Each has a mentor's observation on 2025-09-(10+i) and a staff observation on 2025-10-(10+i); L-1 gets
    /// one more, dated earlier, written last. Decisions at level 4: L-1 on 10-01, L-2 on 10-11, and L-3's on
    /// 09-21, withdrawn on 09-25.
    static func seeded(_ backend: StoreBackend) async throws -> (ErkendStorage, AnyObject?) {
        let (store, directory) = try await backend.makeStorage()
        try await store.catalogue.write([
            .insert(.epa(EPA(code: "EPA-1", status: .published, title: LocalizedText(en: "Care")))),
            .insert(.programme(Programme(code: "P-1", status: .published, title: LocalizedText(en: "Care"), phases: [
                Phase(code: "F1", title: LocalizedText(en: "One"), epaTargets: [EPATarget(epa: EntityReference("EPA-1", version: 1), level: "4")]),
            ]))),
        ])
        let learners = (1...6).map { S.learner(Learner.ID(trusted: "L-\($0)"), name: "Learner \($0)", number: "10000\($0)") }
        let enrolments = (1...6).map { S.enrolment(Enrolment.ID(trusted: "E-\($0)"), learner: Learner.ID(trusted: "L-\($0)")) }
        let placements = (1...6).map { index in
            Placement(id: Placement.ID(trusted: "PL-\(index)"), learner: Learner.ID(trusted: "L-\(index)"), enrolment: Enrolment.ID(trusted: "E-\(index)"),
                      organisation: index == 6 ? "Bouw BV" : "Zorggroep Oost", startDate: "2025-09-01", mentors: ["M-1"])
        }
        let staff = Observer(kind: .staff, id: "acc-1", name: "Docent")
        var observations: [Observation] = []
        for index in 1...6 {
            let learner = Learner.ID(trusted: "L-\(index)"), enrolment = Enrolment.ID(trusted: "E-\(index)")
            observations.append(S.observation(Observation.ID(trusted: "O-\(index)-a"), learner: learner, enrolment: enrolment, epa: "EPA-1@1",
                                              date: Day("2025-09-10").advanced(by: index)))
            var byStaff = S.observation(Observation.ID(trusted: "O-\(index)-b"), learner: learner, enrolment: enrolment, epa: "EPA-1@1",
                                        date: Day("2025-10-10").advanced(by: index))
            byStaff.observer = staff
            observations.append(byStaff)
        }
        func decision(_ id: String, _ index: Int, on day: Day, withdrawnOn: Day? = nil) -> EntrustmentDecision {
            EntrustmentDecision(id: EntrustmentDecision.ID(trusted: id), learner: Learner.ID(trusted: "L-\(index)"), enrolment: Enrolment.ID(trusted: "E-\(index)"),
                                epa: "EPA-1@1", level: "4", decidedOn: day, committee: "Examencommissie", deciders: ["acc-7"], ruleMet: true,
                                withdrawal: withdrawnOn.map { EntrustmentDecision.Withdrawal(on: $0, by: "acc-7", reason: "te vroeg") }, recordedAt: S.now)
        }
        try await store.progression.bulkInsert(learners: learners, enrolments: enrolments, placements: placements, mentors: [S.mentor()],
                                               observations: observations,
                                               decisions: [decision("D-1", 1, on: "2025-10-01"), decision("D-2", 2, on: "2025-10-11"),
                                                           decision("D-3", 3, on: "2025-09-21", withdrawnOn: "2025-09-25")],
                                               audit: S.audit(AuditAction.observationRecorded))
        var early = S.observation("O-1-c", learner: "L-1", enrolment: "E-1", epa: "EPA-1@1", date: "2025-09-05")
        early.observer = staff
        try await store.progression.observations.record(early, audit: S.audit(AuditAction.observationRecorded))
        return (store, directory)
    }

    @Test("the observation trigger keeps each enrolment's first and last observation and the count per observer kind",
          arguments: [StoreBackend.sqliteFile, .postgres])
    func observationSpans(backend: StoreBackend) async throws {
        let (store, directory) = try await Self.seeded(backend)
        defer { _ = directory }
        let spans = try await store.metrics.observationSpans(MetricsFilter()).sorted { $0.enrolment < $1.enrolment }
        #expect(spans.count == 6)
        #expect(spans.first == MetricsFacts.ObservationSpan(enrolment: "E-1", epa: "EPA-1", first: "2025-09-05", last: "2025-10-11"))
        let shares = try await MetricsService(metrics: store.metrics, catalogue: store.catalogue).table(.workplaceShare, filter: MetricsFilter())
        // 6 mentors' observations against 7 by staff: 6/13.
        #expect(shares.rows.map { $0.map(\.plain) } == [["P-1", "6", "6", "7", "0.462"]])
        let october = try await MetricsService(metrics: store.metrics, catalogue: store.catalogue)
            .table(.workplaceShare, filter: MetricsFilter(from: "2025-10-01", to: "2025-10-31"))
        #expect(october.rows.map { $0.map(\.plain) } == [["P-1", "6", "0", "6", "0"]])
    }

    @Test("time to entrustment from the store: withdrawn decision ignored, workplace filter in SQL, a lone learner suppressed",
          arguments: [StoreBackend.sqliteFile, .postgres])
    func timeToEntrustment(backend: StoreBackend) async throws {
        let (store, directory) = try await Self.seeded(backend)
        defer { _ = directory }
        let service = MetricsService(metrics: store.metrics, catalogue: store.catalogue)
        // As of 2025-11-30 (90 days): 30 and 40 reached; four cut off at 90 → 5/6, then 2/3 remain: q1 = 40, no median.
        let all = try await service.table(.timeToEntrustment, filter: MetricsFilter(to: "2025-11-30", epa: "EPA-1"))
        #expect(all.rows.first { $0[1] == .text("4") }?.map(\.plain) == ["EPA-1", "4", "6", "2", "", "40", "", ""])
        // Zorggroep Oost: five learners → 4/5, then 3/5 remain: q1 = 40.
        let zorg = try await service.table(.timeToEntrustment, filter: MetricsFilter(to: "2025-11-30", workplace: "Zorggroep Oost"))
        #expect(zorg.rows.first { $0[1] == .text("4") }?.map(\.plain) == ["EPA-1", "4", "5", "2", "", "40", "", ""])
        let bouw = try await service.table(.timeToEntrustment, filter: MetricsFilter(to: "2025-11-30", workplace: "Bouw BV"))
        #expect(bouw.rows.isEmpty && bouw.suppressedGroups == 4)
        let none = try await service.table(.timeToEntrustment, filter: MetricsFilter(cohort: "2031-2032"))
        #expect(none.rows.isEmpty && none.suppressedGroups == 0)
        let decisions = try await store.metrics.decisions(MetricsFilter()).sorted { $0.enrolment < $1.enrolment }
        #expect(decisions.map(\.level) == ["4", "4", "4"])
        #expect(decisions.last?.withdrawnOn == "2025-09-25")
    }

    @Test("phase flow from the store: two learners move on after 30 and 40 days, four stay in the phase, quiet ones counted at 60 days",
          arguments: [StoreBackend.sqliteFile, .postgres])
    func phaseFlow(backend: StoreBackend) async throws {
        let (store, directory) = try await Self.seeded(backend)
        defer { _ = directory }
        let service = MetricsService(metrics: store.metrics, catalogue: store.catalogue)
        // F1 needs EPA-1 at level 4: L-1 on 10-01 (30 days), L-2 on 10-11 (40 days); L-3's decision was withdrawn.
        let all = try await service.table(.phaseFlow, filter: MetricsFilter(to: "2025-12-31"))
        #expect(all.rows.map { $0.map(\.plain) } == [["P-1", "F1", "6", "6", "2", "0", "35", "4", "0"]])
        // L-3…L-6 were last observed on 10-13…10-16: 76 to 79 days before 12-31, so all four are quiet at 60 days.
        // From 10-05, L-1 (moved on 10-01) is no longer in the phase.
        let quiet = try await service.table(.phaseFlow, filter: MetricsFilter(from: "2025-10-05", to: "2025-12-31", noProgressDays: 60))
        #expect(quiet.rows.map { $0.map(\.plain) } == [["P-1", "F1", "5", "0", "1", "0", "40", "4", "4"]])
        await #expect(throws: ErkendError.self) { try await service.table(.phaseFlow, filter: MetricsFilter(noProgressDays: 0)) }
    }
}

@Suite("Metrics in one pass")
struct MetricsOnePassTests {
    @Test("the whole set in one pass gives the same tables as one metric at a time, in the order asked", arguments: StoreBackend.allCases)
    func onePassMatchesOneByOne(backend: StoreBackend) async throws {
        let (store, directory) = try await MetricsRepositoryTests.seeded(backend)
        defer { _ = directory }
        let service = MetricsService(metrics: store.metrics, catalogue: store.catalogue, groups: SmallGroups(minimum: 1))
        for filter in [MetricsFilter(to: "2025-12-31"), MetricsFilter(from: "2025-10-01", to: "2025-12-31", epa: "EPA-1", workplace: "Zorggroep Oost")] {
            let names = MetricName.allCases.reversed().map { $0 }
            let together = try await service.tables(names, filter: filter)
            var alone: [MetricTable] = []
            for name in names { alone.append(try await service.table(name, filter: filter)) }
            #expect(together == alone)
            #expect(together.map(\.metric) == names)
            #expect(together.contains { !$0.rows.isEmpty && $0.metric == .phaseFlow })
        }
    }
}
