/// Which learners and records a metric looks at. Every field left `nil`
/// leaves that dimension open. Docs/metrics.md says per metric which of
/// the filters apply and how.
public struct MetricsFilter: Hashable, Sendable, Codable {
    /// Only enrolments in a version of this programme (code).
    public var programme: String?
    /// Only enrolments of this cohort, such as `2025-2026`.
    public var cohort: String?
    /// The first day of the period (inclusive).
    public var from: Day?
    /// The last day of the period (inclusive); also the day the metric is reckoned on when it lies before today.
    public var to: Day?
    /// Only this EPA (code).
    public var epa: String?
    /// Only enrolments with a placement at this organisation (leerbedrijf), as written on the placement.
    public var workplace: String?
    /// Phase flow only: learners without recorded progress for at least this many days count in `noProgress`
    /// (`PhaseFlow.defaultNoProgressDays` when `nil`).
    public var noProgressDays: Int?

    public init(programme: String? = nil, cohort: String? = nil, from: Day? = nil, to: Day? = nil, epa: String? = nil, workplace: String? = nil,
                noProgressDays: Int? = nil) {
        self.programme = programme
        self.cohort = cohort
        self.from = from
        self.to = to
        self.epa = epa
        self.workplace = workplace
        self.noProgressDays = noProgressDays
    }

    /// Whether `day` lies in the period.
    public func period(contains day: Day) -> Bool {
        (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
    }

    /// The day a metric is reckoned on: the period's end when it lies before `today`, else `today`.
    public func asOf(today: Day) -> Day {
        guard let to, to < today else { return today }
        return to
    }
}
