/// Time to entrustment: days from an origin to the first decision at a
/// supervision level or higher, per EPA and level, estimated with
/// Kaplan–Meier so that learners still on the way count (Docs/metrics.md).
public enum TimeToEntrustment {
    /// Where the clock starts.
    public enum Origin: String, Hashable, Sendable, Codable, CaseIterable {
        case enrolment
        case firstObservation = "first-observation"
    }

    public static let columns = ["epa", "level", "learners", "reached", "median", "q1", "q3", "atRiskAtMedian"]

    /// - Parameters:
    ///   - targets: the EPA codes each programme version targets in any phase.
    ///   - scales: each EPA's entrustment scale, by EPA code.
    public static func table(enrolments: [MetricsFacts.Enrolment], observations: [MetricsFacts.ObservationSpan],
                             decisions: [MetricsFacts.Decision], targets: [ExactReference: [String]],
                             scales: [String: EntrustmentScale], origin: Origin = .enrolment,
                             filter: MetricsFilter, asOf: Day, groups: SmallGroups = .standard) -> MetricTable {
        var table = MetricTable(metric: .timeToEntrustment, asOf: asOf, filter: filter, columns: columns)
        var firstObservation: [String: [String: Day]] = [:]
        for span in observations { firstObservation[span.enrolment, default: [:]][span.epa] = span.first }
        // Withdrawn decisions never count: a withdrawal says the decision should not hold.
        var decided: [String: [String: [MetricsFacts.Decision]]] = [:]
        for decision in decisions where decision.withdrawnOn == nil && decision.decidedOn <= asOf {
            decided[decision.enrolment, default: [:]][decision.epa, default: []].append(decision)
        }
        var spans: [String: [Int: [SurvivalSpan]]] = [:]
        for enrolment in enrolments {
            for epa in targets[enrolment.programme] ?? [] where filter.epa == nil || filter.epa == epa {
                let scale = scales[epa] ?? .standard
                let start: Day?
                switch origin {
                case .enrolment: start = enrolment.start
                case .firstObservation: start = firstObservation[enrolment.id]?[epa]
                }
                guard let start, start <= asOf, filter.period(contains: start) else { continue }
                let cutOff = max(0, start.days(until: enrolment.lastDay(asOf: asOf)))
                let mine = decided[enrolment.id]?[epa] ?? []
                for level in levels(of: scale) {
                    let reachedOn = mine.filter { (scale.level($0.level)?.supervision ?? 0) >= level }.map(\.decidedOn).min()
                    let span = reachedOn.map { SurvivalSpan(days: max(0, start.days(until: $0)), reached: true) }
                        ?? SurvivalSpan(days: cutOff, reached: false)
                    spans[epa, default: [:]][level, default: []].append(span)
                }
            }
        }
        for epa in spans.keys.sorted() {
            for level in (spans[epa] ?? [:]).keys.sorted() {
                let group = spans[epa]?[level] ?? []
                guard groups.shows(group.count) else {
                    table.suppressedGroups += 1
                    continue
                }
                let curve = SurvivalCurve(group)
                table.rows.append([.text(epa), .text(String(level)), .integer(curve.learners), .integer(curve.reached),
                                   days(curve.median), days(curve.firstQuartile), days(curve.thirdQuartile), days(curve.atRiskAtMedian)])
                table.curves.append(SurvivalCurve.Labelled(label: "\(epa) level \(level)", curve: curve))
            }
        }
        return table
    }

    /// The supervision levels a learner can be entrusted at: every level of the scale above its lowest.
    public static func levels(of scale: EntrustmentScale) -> [Int] {
        let all = Set(scale.levels.map(\.supervision))
        guard let lowest = all.min() else { return [] }
        return all.filter { $0 > lowest }.sorted()
    }

    private static func days(_ value: Int?) -> MetricValue {
        value.map { .integer($0) } ?? .none
    }
}
