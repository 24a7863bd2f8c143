public import Foundation

/// Computes a metric: fetches the records it needs from storage and applies
/// the core's rules to them. The clock is injected.
public struct MetricsService: Sendable {
    public let metrics: any MetricsRepository
    public let catalogue: any CatalogueRepository
    public let now: @Sendable () -> Date
    public let groups: SmallGroups
    /// Tells technical skills (shorter default half-life) from others for skill currency; without it every skill
    /// without its own half-life takes the general default.
    public let taxonomy: (any TaxonomyRepository)?

    public init(metrics: any MetricsRepository, catalogue: any CatalogueRepository, taxonomy: (any TaxonomyRepository)? = nil,
                groups: SmallGroups = .standard, now: @escaping @Sendable () -> Date = { Date() }) {
        self.metrics = metrics
        self.catalogue = catalogue
        self.taxonomy = taxonomy
        self.groups = groups
        self.now = now
    }

    /// One metric under a filter, reckoned on the period's end or today.
    public func table(_ name: MetricName, filter: MetricsFilter, origin: TimeToEntrustment.Origin = .enrolment) async throws -> MetricTable {
        if let from = filter.from, let to = filter.to, to < from {
            throw ErkendError.invalid("to", "the period ends (\(to)) before it starts (\(from))")
        }
        let asOf = filter.asOf(today: Day(now()))
        let published = PublishedCatalogue(try await catalogue.all())
        switch name {
        case .timeToEntrustment:
            async let enrolments = metrics.enrolments(filter)
            async let spans = origin == .firstObservation ? metrics.observationSpans(filter) : []
            async let decisions = metrics.decisions(filter)
            return TimeToEntrustment.table(enrolments: try await enrolments, observations: try await spans, decisions: try await decisions,
                                           targets: published.epaTargets, scales: published.scales, origin: origin, filter: filter,
                                           asOf: asOf, groups: groups)
        case .phaseFlow:
            if let days = filter.noProgressDays, days < 1 {
                throw ErkendError.invalid("noProgressDays", "must be a whole number of days from 1, got \(days)")
            }
            async let enrolments = metrics.enrolments(filter)
            async let spans = metrics.observationSpans(MetricsFilter(programme: filter.programme, cohort: filter.cohort, workplace: filter.workplace))
            async let decisions = metrics.decisions(MetricsFilter(programme: filter.programme, cohort: filter.cohort, workplace: filter.workplace))
            async let results = metrics.results(filter)
            return PhaseFlow.table(enrolments: try await enrolments, observations: try await spans, decisions: try await decisions,
                                   results: try await results, catalogue: published,
                                   noProgressDays: filter.noProgressDays ?? PhaseFlow.defaultNoProgressDays, filter: filter, asOf: asOf, groups: groups)
        case .creditVelocity:
            async let enrolments = metrics.enrolments(filter)
            async let results = metrics.results(filter)
            return LearnerMetrics.creditVelocity(enrolments: try await enrolments, results: try await results, catalogue: published,
                                                 filter: filter, asOf: asOf, groups: groups)
        case .workplaceShare:
            return LearnerMetrics.workplaceShare(try await metrics.evidenceCounts(filter), filter: filter, asOf: asOf, groups: groups)
        case .mentorResponse:
            return LearnerMetrics.mentorResponse(try await metrics.signoffRequests(filter), filter: filter, asOf: asOf, groups: groups)
        case .currency:
            async let enrolments = metrics.enrolments(filter)
            async let decisions = metrics.decisions(filter)
            async let results = metrics.results(filter)
            return LearnerMetrics.currency(enrolments: try await enrolments, decisions: try await decisions, results: try await results,
                                           catalogue: published, technicalSkills: try await technicalSkills(published),
                                           filter: filter, asOf: asOf, groups: groups)
        case .unitReuse:
            return ReuseMetrics.unitReuse(published, filter: filter, asOf: asOf)
        case .programmeReuse:
            return ReuseMetrics.programmeReuse(published, filter: filter, asOf: asOf)
        case .outcomeReuse:
            return ReuseMetrics.outcomeReuse(published, filter: filter, asOf: asOf)
        case .skillReuse:
            return ReuseMetrics.skillReuse(published, filter: filter, asOf: asOf)
        case .recognition:
            async let enrolments = metrics.enrolments(filter)
            async let cases = metrics.recognitionCases(filter)
            async let results = metrics.results(filter)
            return LearnerMetrics.recognition(enrolments: try await enrolments, cases: try await cases, results: try await results,
                                              catalogue: published, filter: filter, asOf: asOf, groups: groups)
        case .stacking:
            async let enrolments = metrics.enrolments(MetricsFilter(cohort: filter.cohort, workplace: filter.workplace))
            async let results = metrics.results(MetricsFilter(cohort: filter.cohort, workplace: filter.workplace))
            return LearnerMetrics.stacking(enrolments: try await enrolments, results: try await results, catalogue: published,
                                           filter: filter, asOf: asOf, groups: groups)
        case .awards:
            return LearnerMetrics.awards(try await metrics.awardCounts(filter), filter: filter, asOf: asOf, groups: groups)
        case .credentialUse:
            return CredentialUse.table(try await metrics.credentialUse(filter), filter: filter, asOf: asOf)
        }
    }

    /// The ESCO skills the catalogue aligns to that the taxonomy counts as technical (`CurrencyPolicy.isTechnical`).
    func technicalSkills(_ catalogue: PublishedCatalogue) async throws -> Set<String> {
        guard let taxonomy else { return [] }
        var technical = Set<String>()
        for skill in catalogue.alignedSkills {
            guard let uri = try? ConceptURI(skill), let concept = try await taxonomy.concept(uri) else { continue }
            if CurrencyPolicy.isTechnical(concept) { technical.insert(skill) }
        }
        return technical
    }
}
