/// How long learners took to reach something, with those still on the way
/// counted: one span per learner, either ended by the event (`reached`) or
/// cut off (censored) when the learner left or on the day of reckoning.
public struct SurvivalSpan: Hashable, Sendable, Codable {
    /// Days from the origin (enrolment, first observation) to the event or the cut-off.
    public var days: Int
    public var reached: Bool

    public init(days: Int, reached: Bool) {
        self.days = days
        self.reached = reached
    }
}

/// A Kaplan–Meier curve: the share of learners not yet there, step by step.
public struct SurvivalCurve: Hashable, Sendable, Codable {
    /// One day on which at least one learner got there.
    public struct Step: Hashable, Sendable, Codable {
        public var day: Int
        /// Learners still on the way at the start of the day (their span is at least `day` long).
        public var atRisk: Int
        /// Learners who got there on the day.
        public var reached: Int
        /// The estimated share not yet there after the day.
        public var remaining: Double
    }

    /// A curve with the row it belongs to, for charts.
    public struct Labelled: Hashable, Sendable, Codable {
        public var label: String
        public var curve: SurvivalCurve

        public init(label: String, curve: SurvivalCurve) {
            self.label = label
            self.curve = curve
        }
    }

    public var learners: Int
    public var reached: Int
    public var steps: [Step]

    /// The Kaplan–Meier product-limit estimate: on each day with events,
    /// remaining ×= 1 − reached/atRisk. A learner cut off on a day with events
    /// is still at risk on that day (events come before censoring on ties).
    public init(_ spans: [SurvivalSpan]) {
        learners = spans.count
        reached = spans.count { $0.reached }
        var eventsOn: [Int: Int] = [:]
        for span in spans where span.reached { eventsOn[span.days, default: 0] += 1 }
        var remaining = 1.0
        var steps: [Step] = []
        // At risk on day d: the spans at least d long. Spans sorted once, walked with the event days.
        let sortedDays = spans.map(\.days).sorted()
        var index = 0
        for day in eventsOn.keys.sorted() {
            while index < sortedDays.count, sortedDays[index] < day { index += 1 }
            let atRisk = sortedDays.count - index
            let events = eventsOn[day] ?? 0
            remaining *= 1 - Double(events) / Double(atRisk)
            steps.append(Step(day: day, atRisk: atRisk, reached: events, remaining: remaining))
        }
        self.steps = steps
    }

    /// The first day by which at least `share` of the learners are estimated to
    /// have got there (remaining ≤ 1 − share); `nil` when the curve never gets that low.
    /// `quantile(0.5)` is the median, 0.25 and 0.75 the quartiles.
    public func quantile(_ share: Double) -> Int? {
        steps.first { $0.remaining <= 1 - share + 1e-12 }?.day
    }

    public var median: Int? { quantile(0.5) }
    public var firstQuartile: Int? { quantile(0.25) }
    public var thirdQuartile: Int? { quantile(0.75) }

    /// Learners still on the way at the start of the median's day; `nil` without a median.
    public var atRiskAtMedian: Int? {
        guard let median else { return nil }
        return steps.first { $0.day == median }?.atRisk
    }
}
