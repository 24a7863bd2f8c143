import Synchronization

/// Storage for metrics that reads each kind of record, under each filter, at most once and hands the same
/// records to every metric that asks: what `MetricsService.tables` computes a dashboard's set with.
/// Meant for one pass: it keeps what it read until it is dropped.
final class SharedMetricsRecords: MetricsRepository {
    private struct Key: Hashable {
        var kind: String
        var filter: MetricsFilter
    }

    private let base: any MetricsRepository
    private let reads = Mutex<[Key: Task<any Sendable, any Error>]>([:])

    init(_ base: any MetricsRepository) {
        self.base = base
    }

    /// The one read of `kind` under `filter`, started by whoever asks first and awaited by everyone after.
    private func once<T: Sendable>(_ kind: String, _ filter: MetricsFilter, _ read: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = reads.withLock { reads in
            if let started = reads[Key(kind: kind, filter: filter)] { return started }
            let started = Task<any Sendable, any Error> { try await read() }
            reads[Key(kind: kind, filter: filter)] = started
            return started
        }
        guard let value = try await task.value as? T else { preconditionFailure("a shared \(kind) read gave another type") }
        return value
    }

    func enrolments(_ filter: MetricsFilter) async throws -> [MetricsFacts.Enrolment] {
        try await once("enrolments", Self.selection(filter)) { [base] in try await base.enrolments(Self.selection(filter)) }
    }

    func observationSpans(_ filter: MetricsFilter) async throws -> [MetricsFacts.ObservationSpan] {
        try await once("spans", filter.withoutPeriod) { [base] in try await base.observationSpans(filter.withoutPeriod) }
    }

    func decisions(_ filter: MetricsFilter) async throws -> [MetricsFacts.Decision] {
        try await once("decisions", filter.withoutPeriod) { [base] in try await base.decisions(filter.withoutPeriod) }
    }

    func results(_ filter: MetricsFilter) async throws -> [MetricsFacts.Result] {
        try await once("results", Self.selection(filter)) { [base] in try await base.results(Self.selection(filter)) }
    }

    func evidenceCounts(_ filter: MetricsFilter) async throws -> [MetricsFacts.EvidenceCount] {
        try await base.evidenceCounts(filter)
    }

    func signoffRequests(_ filter: MetricsFilter) async throws -> [MetricsFacts.SignoffRequest] {
        try await base.signoffRequests(filter)
    }

    func recognitionCases(_ filter: MetricsFilter) async throws -> [MetricsFacts.RecognitionCase] {
        try await base.recognitionCases(filter)
    }

    func awardCounts(_ filter: MetricsFilter) async throws -> [MetricsFacts.AwardCount] {
        try await base.awardCounts(filter)
    }

    func recordCredentialUse(_ counts: [CredentialUse.Count]) async throws {
        try await base.recordCredentialUse(counts)
    }

    func credentialUse(_ filter: MetricsFilter) async throws -> [CredentialUse.Count] {
        try await base.credentialUse(filter)
    }

    /// Enrolments and results depend only on the programme, cohort and workplace (the store's contract).
    private static func selection(_ filter: MetricsFilter) -> MetricsFilter {
        MetricsFilter(programme: filter.programme, cohort: filter.cohort, workplace: filter.workplace)
    }
}

extension MetricsFilter {
    /// The same filter without the period and the phase-flow parameter, which the store does not apply to spans and
    /// decisions; the EPA stays, because the store narrows by it.
    fileprivate var withoutPeriod: MetricsFilter {
        MetricsFilter(programme: programme, cohort: cohort, epa: epa, workplace: workplace)
    }
}
