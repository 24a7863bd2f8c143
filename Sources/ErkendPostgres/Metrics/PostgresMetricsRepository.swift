public import ErkendCore
import Foundation
import Logging
import PostgresNIO

/// The records metrics are computed from, read from PostgreSQL with the same
/// selections as the SQLite backend: every query narrows to the selected
/// enrolments (programme, cohort, workplace) in SQL.
public struct PostgresMetricsRepository: MetricsRepository {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    /// Positional parameters as a query is built.
    struct Arguments {
        var values: [String] = []
        mutating func add(_ value: String) -> String {
            values.append(value)
            return "$\(values.count)"
        }

        var bindings: PostgresBindings {
            var bindings = PostgresBindings()
            for value in values { bindings.append(value) }
            return bindings
        }
    }

    private func rows(_ sql: String, _ arguments: Arguments) async throws -> [PostgresRandomAccessRow] {
        try await database.rows(PostgresQuery(unsafeSQL: sql, binds: arguments.bindings))
    }

    public func enrolments(_ filter: MetricsFilter) async throws -> [MetricsFacts.Enrolment] {
        var arguments = Arguments()
        let selection = Self.enrolmentSelection(filter, alias: "e", &arguments)
        return try await rows("""
            SELECT e.id, e.learner, e.programme_code, e.programme_version, e.cohort, \(Self.ordinal("e.start_date")), e.status, \(Self.ordinal("e.end_date"))
            FROM enrolment e WHERE \(selection)
            """, arguments).map { row in
            MetricsFacts.Enrolment(id: try row[0].decode(String.self), learner: try row[1].decode(String.self),
                                   programme: ExactReference(try row[2].decode(String.self), version: try row[3].decode(Int.self)),
                                   cohort: try row[4].decode(String.self), start: Day(ordinal: try row[5].decode(Int.self)),
                                   status: Enrolment.Status(rawValue: try row[6].decode(String.self)) ?? .active,
                                   end: try row[7].decode(Int?.self).map(Day.init(ordinal:)))
        }
    }

    public func observationSpans(_ filter: MetricsFilter) async throws -> [MetricsFacts.ObservationSpan] {
        var arguments = Arguments()
        let selection = Self.enrolmentSelection(filter, alias: "e", &arguments)
        let epa = filter.epa.map { " AND s.epa_code = \(arguments.add($0))" } ?? ""
        return try await rows("""
            SELECT s.enrolment, s.epa_code, s.first_date, s.last_date FROM metric_observation_span s
            JOIN enrolment e ON e.id = s.enrolment WHERE \(selection)\(epa)
            """, arguments).map { row in
            MetricsFacts.ObservationSpan(enrolment: try row[0].decode(String.self), epa: try row[1].decode(String.self),
                                         first: try Day(parsing: try row[2].decode(String.self)), last: try Day(parsing: try row[3].decode(String.self)))
        }
    }

    public func decisions(_ filter: MetricsFilter) async throws -> [MetricsFacts.Decision] {
        var arguments = Arguments()
        let join = Self.selectsAll(filter) ? "" : " JOIN enrolment e ON e.id = d.enrolment AND \(Self.enrolmentSelection(filter, alias: "e", &arguments))"
        let epa = filter.epa.map { " AND d.epa_code = \(arguments.add($0))" } ?? ""
        return try await rows("""
            SELECT d.enrolment, d.epa_code, d.body::json ->> 'level', \(Self.ordinal("d.decided_on")), \(Self.ordinal("d.withdrawn_on")),
                   \(Self.ordinal("(d.body::json ->> 'validUntil')"))
            FROM entrustment_decision d\(join) WHERE true\(epa)
            """, arguments).map { row in
            MetricsFacts.Decision(enrolment: try row[0].decode(String.self), epa: try row[1].decode(String.self), level: try row[2].decode(String?.self) ?? "",
                                  decidedOn: Day(ordinal: try row[3].decode(Int.self)), withdrawnOn: try row[4].decode(Int?.self).map(Day.init(ordinal:)),
                                  validUntil: try row[5].decode(Int?.self).map(Day.init(ordinal:)))
        }
    }

    public func results(_ filter: MetricsFilter) async throws -> [MetricsFacts.Result] {
        var arguments = Arguments()
        // Without an enrolment filter, results of units taken on their own count too.
        let join = Self.selectsAll(filter) ? "" : " JOIN enrolment e ON e.id = r.enrolment AND \(Self.enrolmentSelection(filter, alias: "e", &arguments))"
        return try await rows("""
            SELECT r.learner, r.enrolment, r.unit_code, r.unit_version, r.outcome = 'passed', \(Self.ordinal("r.achieved_on")), r.basis = 'recognised'
            FROM unit_result r\(join)
            """, arguments).map { row in
            MetricsFacts.Result(learner: try row[0].decode(String.self), enrolment: try row[1].decode(String?.self),
                                unit: ExactReference(try row[2].decode(String.self), version: try row[3].decode(Int.self)), passed: try row[4].decode(Bool.self),
                                achievedOn: Day(ordinal: try row[5].decode(Int.self)), recognised: try row[6].decode(Bool.self))
        }
    }

    public func evidenceCounts(_ filter: MetricsFilter) async throws -> [MetricsFacts.EvidenceCount] {
        var counts: [MetricsFacts.EvidenceCount] = []
        func collect(_ sql: String, _ arguments: Arguments) async throws {
            for row in try await rows(sql, arguments) {
                guard let source = MetricsFacts.EvidenceSource(rawValue: try row.value("source", as: String.self)) else { continue }
                counts.append(MetricsFacts.EvidenceCount(programme: try row.value("programme"), source: source,
                                                         records: try row.value("records", as: Int.self), learners: try row.value("learners", as: Int.self)))
            }
        }
        let (from, to) = ((filter.from ?? .earliest).description, (filter.to ?? .latest).description)
        if filter.from == nil && filter.to == nil {
            // No period: the pre-aggregate has the counts.
            var arguments = Arguments()
            let first = Self.enrolmentSelection(filter, alias: "e", &arguments)
            let second = Self.enrolmentSelection(filter, alias: "e", &arguments)
            try await collect("""
                SELECT e.programme_code AS programme, 'mentorObservation' AS source, sum(s.mentor_observations)::bigint AS records,
                       count(DISTINCT CASE WHEN s.mentor_observations > 0 THEN e.learner END) AS learners
                FROM metric_observation_span s JOIN enrolment e ON e.id = s.enrolment WHERE \(first) GROUP BY e.programme_code
                UNION ALL
                SELECT e.programme_code, 'staffObservation', sum(s.staff_observations)::bigint,
                       count(DISTINCT CASE WHEN s.staff_observations > 0 THEN e.learner END)
                FROM metric_observation_span s JOIN enrolment e ON e.id = s.enrolment WHERE \(second) GROUP BY e.programme_code
                """, arguments)
        } else {
            var arguments = Arguments()
            let selection = Self.enrolmentSelection(filter, alias: "e", &arguments)
            try await collect("""
                SELECT e.programme_code AS programme, CASE o.observer_kind WHEN 'mentor' THEN 'mentorObservation' ELSE 'staffObservation' END AS source,
                       count(*) AS records, count(DISTINCT o.learner) AS learners
                FROM observation o JOIN enrolment e ON e.id = o.enrolment
                WHERE \(selection) AND o.date BETWEEN \(arguments.add(from)) AND \(arguments.add(to)) GROUP BY e.programme_code, o.observer_kind
                """, arguments)
        }
        var arguments = Arguments()
        let first = Self.enrolmentSelection(filter, alias: "e", &arguments)
        let firstPeriod = "BETWEEN \(arguments.add(from)) AND \(arguments.add(to))"
        let second = Self.enrolmentSelection(filter, alias: "e", &arguments)
        let secondPeriod = "BETWEEN \(arguments.add(from)) AND \(arguments.add(to))"
        try await collect("""
            SELECT e.programme_code AS programme, 'practiceStatement' AS source, count(*) AS records, count(DISTINCT p.learner) AS learners
            FROM practice_statement p JOIN placement pl ON pl.id = p.placement JOIN enrolment e ON e.id = pl.enrolment
            WHERE \(first) AND p.status = 'signed' AND p.period_end \(firstPeriod) GROUP BY e.programme_code
            UNION ALL
            SELECT e.programme_code, 'schoolResult', count(*), count(DISTINCT r.learner)
            FROM unit_result r JOIN enrolment e ON e.id = r.enrolment
            WHERE \(second) AND r.basis = 'completed' AND r.achieved_on \(secondPeriod) GROUP BY e.programme_code
            """, arguments)
        return counts
    }

    public func signoffRequests(_ filter: MetricsFilter) async throws -> [MetricsFacts.SignoffRequest] {
        var arguments = Arguments()
        let learners = Self.selectsAll(filter) ? ""
            : " WHERE s.learner IN (SELECT e.learner FROM enrolment e WHERE \(Self.enrolmentSelection(filter, alias: "e", &arguments)))"
        return try await rows("""
            SELECT s.learner, m.organisation, substr(s.created_at, 1, 10) AS requested_on, s.status, substr(s.used_at, 1, 10) AS answered_on,
                   substr(s.expires_at, 1, 10) AS expires_on
            FROM signoff_request s JOIN mentor m ON m.id = s.mentor\(learners)
            """, arguments).map { row in
            MetricsFacts.SignoffRequest(learner: try row.value("learner"), organisation: try row.value("organisation"),
                                        requestedOn: try Day(parsing: try row.value("requested_on", as: String.self)),
                                        status: MetricsFacts.SignoffRequest.Status(rawValue: try row.value("status", as: String.self)) ?? .open,
                                        answeredOn: try row.value("answered_on", as: String?.self).map { try Day(parsing: $0) },
                                        expiresOn: try row.value("expires_on", as: String?.self).map { try Day(parsing: $0) })
        }
    }

    public func recognitionCases(_ filter: MetricsFilter) async throws -> [MetricsFacts.RecognitionCase] {
        var arguments = Arguments()
        let narrowing = Self.selectsAll(filter) ? ""
            : " AND c.enrolment IN (SELECT e.id FROM enrolment e WHERE \(Self.enrolmentSelection(filter, alias: "e", &arguments)))"
        return try await rows("""
            SELECT c.learner, (SELECT programme_code FROM enrolment WHERE id = c.enrolment) AS programme, c.decided_on, c.result,
                   (SELECT count(*) FROM json_array_elements(coalesce(c.body::json -> 'evidence', '[]'::json)) item
                    WHERE item ->> 'kind' IN ('openBadge2', 'openBadge3')) AS external
            FROM recognition_case c WHERE c.result IS NOT NULL\(narrowing)
            """, arguments).compactMap { row in
            guard let result = MetricsFacts.RecognitionCase.Result(rawValue: try row.value("result", as: String.self)) else { return nil }
            return MetricsFacts.RecognitionCase(learner: try row.value("learner"), programme: try row.value("programme", as: String?.self),
                                                decidedOn: try Day(parsing: try row.value("decided_on", as: String.self)), result: result,
                                                externalCredentials: try row.value("external", as: Int.self))
        }
    }

    public func awardCounts(_ filter: MetricsFilter) async throws -> [MetricsFacts.AwardCount] {
        var arguments = Arguments()
        let period = "BETWEEN \(arguments.add((filter.from ?? .earliest).description)) AND \(arguments.add((filter.to ?? .latest).description))"
        let learners = Self.selectsAll(filter) ? ""
            : " AND a.learner IN (SELECT e.learner FROM enrolment e WHERE \(Self.enrolmentSelection(filter, alias: "e", &arguments)))"
        return try await rows("""
            SELECT a.kind, a.status, count(*) AS awards, count(DISTINCT a.learner) AS learners FROM award a
            WHERE substr(a.issued_on, 1, 10) \(period)\(learners) GROUP BY a.kind, a.status
            """, arguments).map { row in
            MetricsFacts.AwardCount(kind: try row.value("kind"), status: try row.value("status"), awards: try row.value("awards", as: Int.self),
                                    learners: try row.value("learners", as: Int.self))
        }
    }

    public func recordCredentialUse(_ counts: [CredentialUse.Count]) async throws {
        let counts = counts.filter { $0.count > 0 }
        guard !counts.isEmpty else { return }
        let logger = database.logger
        try await database.transaction { connection in
            for count in counts {
                try await connection.execute("""
                    INSERT INTO metric_credential_use (day, kind, count) VALUES (\(count.day.description), \(count.kind.rawValue), \(count.count))
                    ON CONFLICT (day, kind) DO UPDATE SET count = metric_credential_use.count + excluded.count
                    """, logger: logger)
            }
        }
    }

    public func credentialUse(_ filter: MetricsFilter) async throws -> [CredentialUse.Count] {
        let from = (filter.from ?? .earliest).description, to = (filter.to ?? .latest).description
        return try await database.rows("""
            SELECT day, kind, count FROM metric_credential_use WHERE day BETWEEN \(from) AND \(to) ORDER BY day COLLATE "C", kind COLLATE "C"
            """).compactMap { row in
            guard let kind = CredentialUse.Kind(rawValue: try row.value("kind", as: String.self)) else { return nil }
            return CredentialUse.Count(day: try Day(parsing: try row.value("day", as: String.self)), kind: kind, count: try row.value("count", as: Int.self))
        }
    }

    // MARK: - Selection

    static func selectsAll(_ filter: MetricsFilter) -> Bool {
        filter.programme == nil && filter.cohort == nil && filter.workplace == nil
    }

    static func enrolmentSelection(_ filter: MetricsFilter, alias: String, _ arguments: inout Arguments) -> String {
        var conditions = ["true"]
        if let programme = filter.programme {
            conditions.append("\(alias).programme_code = \(arguments.add(programme))")
        }
        if let cohort = filter.cohort {
            conditions.append("\(alias).cohort = \(arguments.add(cohort))")
        }
        if let workplace = filter.workplace {
            conditions.append("\(alias).id IN (SELECT enrolment FROM placement WHERE organisation = \(arguments.add(workplace)))")
        }
        return conditions.joined(separator: " AND ")
    }

    /// A day column as days since 1970-01-01 (`Day.ordinal`), NULL staying NULL.
    static func ordinal(_ column: String) -> String {
        "(\(column)::date - DATE '1970-01-01')"
    }
}
