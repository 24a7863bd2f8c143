/// A learner with entrustments staff should renew, in one programme.
public struct ReentrustmentDueEntry: Hashable, Sendable, Codable {
    public var learner: Learner.ID
    public var name: String
    public var programme: ExactReference
    public var cohort: String
    public var due: [ReentrustmentDue]
}

/// One page of the learners who hold entrustment decisions, with the renewals
/// due among them. Paging goes over the learners with active decisions
/// (`total` of them), so a page may list fewer learners than it scanned.
public struct ReentrustmentDueList: Hashable, Sendable, Codable {
    public var asOf: Day
    /// Learners with renewals due, most urgent first: soonest end of validity,
    /// then lowest currency of a fading skill.
    public var learners: [ReentrustmentDueEntry]
    public var scanned: Int
    public var page: Int
    public var pageSize: Int
    public var total: Int
}

extension ProgressionService {
    /// Whose entrustments need renewing: for each learner on the page of those
    /// holding active decisions (narrowed by `filter`), the decisions whose
    /// validity ends within the window or whose skills are fading.
    public func reentrustmentDue(filter: LearnerFilter, page: PageRequest) async throws -> ReentrustmentDueList {
        var filter = filter
        filter.withActiveDecisions = true
        let learners = try await storage.learners.list(filter: filter, page: page)
        var entries: [ReentrustmentDueEntry] = []
        for learner in learners.items {
            for report in try await progress(learner.id) where !report.skills.reentrustmentDue.isEmpty {
                entries.append(ReentrustmentDueEntry(learner: learner.id, name: learner.name, programme: report.enrolment.programme,
                                                     cohort: report.enrolment.cohort, due: report.skills.reentrustmentDue))
            }
        }
        return ReentrustmentDueList(asOf: today, learners: Self.mostUrgentFirst(entries), scanned: learners.items.count,
                                    page: learners.page, pageSize: learners.pageSize, total: learners.total)
    }

    /// Soonest end of validity first, then lowest currency of a fading skill, then by learner id.
    public static func mostUrgentFirst(_ entries: [ReentrustmentDueEntry]) -> [ReentrustmentDueEntry] {
        entries.sorted { urgency($0) < urgency($1) }
    }

    /// Days until the first validity ends (`Int.max` when none does), then the lowest currency, then the learner.
    private static func urgency(_ entry: ReentrustmentDueEntry) -> (Int, Double, String) {
        var days = Int.max
        var lowest = 1.0
        for due in entry.due {
            for reason in due.reasons {
                switch reason {
                case .validityEnds(_, let inDays): days = min(days, inDays)
                case .skillsFading(_, let currency): lowest = min(lowest, currency)
                }
            }
        }
        return (days, lowest, entry.learner.rawValue)
    }
}
