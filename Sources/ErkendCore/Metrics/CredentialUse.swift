/// Credential use: how often Erkend's credentials are verified and its status
/// lists fetched, counted per day and never who asked. Counting happens in
/// memory (`Tally`) and is added to the store in batches, so a fetch costs no
/// write (Docs/metrics.md says how often, and what a crash can lose).
public enum CredentialUse {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A credential of Erkend's was checked through Erkend (signature and status).
        case verification
        /// A status list (W3C Bitstring or IETF Token Status List) was served, fresh or as "not modified".
        case statusListFetch = "status-list-fetch"
    }

    /// How many uses of one kind on one day.
    public struct Count: Hashable, Sendable {
        public var day: Day
        public var kind: Kind
        public var count: Int

        public init(day: Day, kind: Kind, count: Int) {
            self.day = day
            self.kind = kind
            self.count = count
        }
    }

    /// Counts not yet stored.
    public struct Tally: Hashable, Sendable {
        private var counts: [Key: Int] = [:]

        private struct Key: Hashable, Sendable {
            var day: Day
            var kind: Kind
        }

        public init() {}

        public var isEmpty: Bool { counts.isEmpty }

        public mutating func add(_ kind: Kind, on day: Day, count: Int = 1) {
            guard count > 0 else { return }
            counts[Key(day: day, kind: kind), default: 0] += count
        }

        /// Everything counted so far, by day and kind, leaving the tally empty.
        public mutating func drain() -> [Count] {
            defer { counts = [:] }
            return counts.map { Count(day: $0.key.day, kind: $0.key.kind, count: $0.value) }
                .sorted { ($0.day, $0.kind.rawValue) < ($1.day, $1.kind.rawValue) }
        }
    }

    public static let columns = ["day", "verifications", "statusListFetches"]

    /// One row per day in the period with any use, oldest first. Only the period applies: the counts hold nobody's name,
    /// so programme, cohort, EPA and workplace cannot narrow them.
    public static func table(_ counts: [Count], filter: MetricsFilter, asOf: Day) -> MetricTable {
        var table = MetricTable(metric: .credentialUse, asOf: asOf, filter: filter, columns: columns)
        var days: [Day: (verifications: Int, fetches: Int)] = [:]
        for count in counts where count.day <= asOf && filter.period(contains: count.day) {
            switch count.kind {
            case .verification: days[count.day, default: (0, 0)].verifications += count.count
            case .statusListFetch: days[count.day, default: (0, 0)].fetches += count.count
            }
        }
        table.rows = days.keys.sorted().map { day in
            [.text(day.description), .integer(days[day]!.verifications), .integer(days[day]!.fetches)]
        }
        return table
    }
}
