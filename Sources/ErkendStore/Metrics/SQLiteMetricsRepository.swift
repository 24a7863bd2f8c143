public import ErkendCore
import GRDB

/// The records metrics are computed from, read from SQLite. Every query
/// narrows to the selected enrolments (programme, cohort, workplace) in SQL;
/// the core applies the period and the day of reckoning where a metric's
/// definition needs it, and the store only where it counts rows in bulk.
public struct SQLiteMetricsRepository: MetricsRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func enrolments(_ filter: MetricsFilter) async throws -> [MetricsFacts.Enrolment] {
        let selection = Self.enrolmentSelection(filter, alias: "e")
        // Positional columns and days as ordinals computed by SQLite: hundreds of thousands of rows decode in
        // a fraction of the time named columns and day text take.
        return try await database.writer.read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT e.id, e.learner, e.programmeCode, e.programmeVersion, e.cohort, \(Self.ordinal("e.startDate")), e.status, \(Self.ordinal("e.endDate"))
                FROM enrolment e WHERE \(selection.sql)
                """, arguments: selection.arguments)
            var enrolments: [MetricsFacts.Enrolment] = []
            while let row = try cursor.next() {
                let status: String = row[6]
                enrolments.append(MetricsFacts.Enrolment(id: row[0], learner: row[1], programme: ExactReference(row[2], version: row[3]), cohort: row[4],
                                                         start: Day(ordinal: row[5]), status: Enrolment.Status(rawValue: status) ?? .active,
                                                         end: (row[7] as Int?).map(Day.init(ordinal:))))
            }
            return enrolments
        }
    }

    public func observationSpans(_ filter: MetricsFilter) async throws -> [MetricsFacts.ObservationSpan] {
        let selection = Self.enrolmentSelection(filter, alias: "e")
        let epa = filter.epa.map { _ in " AND s.epaCode = ?" } ?? ""
        return try await database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.enrolment, s.epaCode, s.firstDate, s.lastDate FROM metricObservationSpan s
                JOIN enrolment e ON e.id = s.enrolment WHERE \(selection.sql)\(epa)
                """, arguments: selection.arguments + StatementArguments(filter.epa.map { [$0] } ?? [])).map { row in
                MetricsFacts.ObservationSpan(enrolment: row["enrolment"], epa: row["epaCode"], first: try Self.day(row["firstDate"]), last: try Self.day(row["lastDate"]))
            }
        }
    }

    public func decisions(_ filter: MetricsFilter) async throws -> [MetricsFacts.Decision] {
        let selection = Self.enrolmentSelection(filter, alias: "e")
        let epa = filter.epa.map { _ in " AND d.epaCode = ?" } ?? ""
        let join = Self.selectsAll(filter) ? "" : " JOIN enrolment e ON e.id = d.enrolment AND \(selection.sql)"
        return try await database.writer.read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT d.enrolment, d.epaCode, json_extract(d.body, '$.level'), \(Self.ordinal("d.decidedOn")), \(Self.ordinal("d.withdrawnOn")),
                       \(Self.ordinal("json_extract(d.body, '$.validUntil')"))
                FROM entrustmentDecision d\(join) WHERE 1\(epa)
                """, arguments: (Self.selectsAll(filter) ? [] : selection.arguments) + StatementArguments(filter.epa.map { [$0] } ?? []))
            var decisions: [MetricsFacts.Decision] = []
            while let row = try cursor.next() {
                decisions.append(MetricsFacts.Decision(enrolment: row[0], epa: row[1], level: (row[2] as String?) ?? "", decidedOn: Day(ordinal: row[3]),
                                                       withdrawnOn: (row[4] as Int?).map(Day.init(ordinal:)), validUntil: (row[5] as Int?).map(Day.init(ordinal:))))
            }
            return decisions
        }
    }

    public func results(_ filter: MetricsFilter) async throws -> [MetricsFacts.Result] {
        let selection = Self.enrolmentSelection(filter, alias: "e")
        // Without an enrolment filter, results of units taken on their own count too.
        let join = Self.selectsAll(filter) ? "" : " JOIN enrolment e ON e.id = r.enrolment AND \(selection.sql)"
        return try await database.writer.read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT r.learner, r.enrolment, r.unitCode, r.unitVersion, r.outcome = 'passed', \(Self.ordinal("r.achievedOn")), r.basis = 'recognised'
                FROM unitResult r\(join)
                """, arguments: Self.selectsAll(filter) ? [] : selection.arguments)
            var results: [MetricsFacts.Result] = []
            while let row = try cursor.next() {
                results.append(MetricsFacts.Result(learner: row[0], enrolment: row[1], unit: ExactReference(row[2], version: row[3]), passed: row[4],
                                                   achievedOn: Day(ordinal: row[5]), recognised: row[6]))
            }
            return results
        }
    }

    public func evidenceCounts(_ filter: MetricsFilter) async throws -> [MetricsFacts.EvidenceCount] {
        let selection = Self.enrolmentSelection(filter, alias: "e")
        let period = Self.period(filter)
        return try await database.writer.read { db in
            var counts: [MetricsFacts.EvidenceCount] = []
            func collect(_ sql: String, _ arguments: StatementArguments) throws {
                for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                    guard let source = MetricsFacts.EvidenceSource(rawValue: row["source"]) else { continue }
                    counts.append(MetricsFacts.EvidenceCount(programme: row["programme"], source: source, records: row["records"], learners: row["learners"]))
                }
            }
            if filter.from == nil && filter.to == nil {
                // No period: the pre-aggregate has the counts.
                try collect("""
                    SELECT e.programmeCode AS programme, 'mentorObservation' AS source, sum(s.mentorObservations) AS records,
                           count(DISTINCT CASE WHEN s.mentorObservations > 0 THEN e.learner END) AS learners
                    FROM metricObservationSpan s JOIN enrolment e ON e.id = s.enrolment WHERE \(selection.sql) GROUP BY e.programmeCode
                    UNION ALL
                    SELECT e.programmeCode, 'staffObservation', sum(s.staffObservations),
                           count(DISTINCT CASE WHEN s.staffObservations > 0 THEN e.learner END)
                    FROM metricObservationSpan s JOIN enrolment e ON e.id = s.enrolment WHERE \(selection.sql) GROUP BY e.programmeCode
                    """, selection.arguments + selection.arguments)
            } else {
                try collect("""
                    SELECT e.programmeCode AS programme, CASE o.observerKind WHEN 'mentor' THEN 'mentorObservation' ELSE 'staffObservation' END AS source,
                           count(*) AS records, count(DISTINCT o.learner) AS learners
                    FROM observation o JOIN enrolment e ON e.id = o.enrolment
                    WHERE \(selection.sql) AND o.date BETWEEN ? AND ? GROUP BY e.programmeCode, o.observerKind
                    """, selection.arguments + period)
            }
            try collect("""
                SELECT e.programmeCode AS programme, 'practiceStatement' AS source, count(*) AS records, count(DISTINCT p.learner) AS learners
                FROM practiceStatement p JOIN placement pl ON pl.id = p.placement JOIN enrolment e ON e.id = pl.enrolment
                WHERE \(selection.sql) AND p.status = 'signed' AND p.periodEnd BETWEEN ? AND ? GROUP BY e.programmeCode
                UNION ALL
                SELECT e.programmeCode, 'schoolResult', count(*), count(DISTINCT r.learner)
                FROM unitResult r JOIN enrolment e ON e.id = r.enrolment
                WHERE \(selection.sql) AND r.basis = 'completed' AND r.achievedOn BETWEEN ? AND ? GROUP BY e.programmeCode
                """, selection.arguments + period + selection.arguments + period)
            return counts
        }
    }

    public func signoffRequests(_ filter: MetricsFilter) async throws -> [MetricsFacts.SignoffRequest] {
        let selection = Self.enrolmentSelection(filter, alias: "e")
        let learners = Self.selectsAll(filter) ? "" : " WHERE s.learner IN (SELECT e.learner FROM enrolment e WHERE \(selection.sql))"
        return try await database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.learner, m.organisation, substr(s.createdAt, 1, 10) AS requestedOn, s.status, substr(s.usedAt, 1, 10) AS answeredOn,
                       substr(s.expiresAt, 1, 10) AS expiresOn
                FROM signoffRequest s JOIN mentor m ON m.id = s.mentor\(learners)
                """, arguments: selection.arguments).map { row in
                MetricsFacts.SignoffRequest(learner: row["learner"], organisation: row["organisation"], requestedOn: try Self.day(row["requestedOn"]),
                                            status: MetricsFacts.SignoffRequest.Status(rawValue: row["status"]) ?? .open,
                                            answeredOn: try Self.optionalDay(row["answeredOn"]), expiresOn: try Self.optionalDay(row["expiresOn"]))
            }
        }
    }

    public func recognitionCases(_ filter: MetricsFilter) async throws -> [MetricsFacts.RecognitionCase] {
        let selection = Self.enrolmentSelection(filter, alias: "e")
        let narrowing = Self.selectsAll(filter) ? "" : " AND c.enrolment IN (SELECT e.id FROM enrolment e WHERE \(selection.sql))"
        return try await database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.learner, (SELECT programmeCode FROM enrolment WHERE id = c.enrolment) AS programme, c.decidedOn, c.result,
                       (SELECT count(*) FROM json_each(c.body, '$.evidence') WHERE json_extract(value, '$.kind') IN ('openBadge2', 'openBadge3')) AS external
                FROM recognitionCase c WHERE c.result IS NOT NULL\(narrowing)
                """, arguments: selection.arguments).compactMap { row in
                guard let result = MetricsFacts.RecognitionCase.Result(rawValue: row["result"]) else { return nil }
                return MetricsFacts.RecognitionCase(learner: row["learner"], programme: row["programme"], decidedOn: try Self.day(row["decidedOn"]),
                                                    result: result, externalCredentials: row["external"])
            }
        }
    }

    public func awardCounts(_ filter: MetricsFilter) async throws -> [MetricsFacts.AwardCount] {
        let selection = Self.enrolmentSelection(filter, alias: "e")
        let learners = Self.selectsAll(filter) ? "" : " AND a.learner IN (SELECT e.learner FROM enrolment e WHERE \(selection.sql))"
        return try await database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.kind, a.status, count(*) AS awards, count(DISTINCT a.learner) AS learners FROM award a
                WHERE substr(a.issuedOn, 1, 10) BETWEEN ? AND ?\(learners) GROUP BY a.kind, a.status
                """, arguments: Self.period(filter) + selection.arguments).map { row in
                MetricsFacts.AwardCount(kind: row["kind"], status: row["status"], awards: row["awards"], learners: row["learners"])
            }
        }
    }

    public func recordCredentialUse(_ counts: [CredentialUse.Count]) async throws {
        guard !counts.isEmpty else { return }
        try await database.writer.write { db in
            for count in counts where count.count > 0 {
                try db.execute(sql: """
                    INSERT INTO metricCredentialUse (day, kind, count) VALUES (?, ?, ?)
                    ON CONFLICT (day, kind) DO UPDATE SET count = count + excluded.count
                    """, arguments: [count.day.description, count.kind.rawValue, count.count])
            }
        }
    }

    public func credentialUse(_ filter: MetricsFilter) async throws -> [CredentialUse.Count] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT day, kind, count FROM metricCredentialUse WHERE day BETWEEN ? AND ? ORDER BY day, kind",
                             arguments: Self.period(filter)).compactMap { row in
                guard let kind = CredentialUse.Kind(rawValue: row["kind"]) else { return nil }
                return CredentialUse.Count(day: try Self.day(row["day"]), kind: kind, count: row["count"])
            }
        }
    }

    // MARK: - Selection

    /// Whether the filter leaves every enrolment in.
    static func selectsAll(_ filter: MetricsFilter) -> Bool {
        filter.programme == nil && filter.cohort == nil && filter.workplace == nil
    }

    /// The condition on `enrolment` (as `alias`) for the filter's programme, cohort and workplace.
    static func enrolmentSelection(_ filter: MetricsFilter, alias: String) -> (sql: String, arguments: StatementArguments) {
        var conditions = ["1"]
        var arguments = StatementArguments()
        if let programme = filter.programme {
            conditions.append("\(alias).programmeCode = ?")
            arguments += [programme]
        }
        if let cohort = filter.cohort {
            conditions.append("\(alias).cohort = ?")
            arguments += [cohort]
        }
        if let workplace = filter.workplace {
            conditions.append("\(alias).id IN (SELECT enrolment FROM placement WHERE json_extract(body, '$.organisation') = ?)")
            arguments += [workplace]
        }
        return (conditions.joined(separator: " AND "), arguments)
    }

    /// The period as two day arguments, open ends as the earliest and latest day.
    static func period(_ filter: MetricsFilter) -> StatementArguments {
        [(filter.from ?? .earliest).description, (filter.to ?? .latest).description]
    }

    /// A day column as days since 1970-01-01 (`Day.ordinal`), NULL staying NULL.
    static func ordinal(_ column: String) -> String {
        "CAST(julianday(\(column)) - 2440587.5 AS INTEGER)"
    }

    static func day(_ text: String) throws -> Day {
        try Day(parsing: text)
    }

    static func optionalDay(_ text: String?) throws -> Day? {
        try text.map { try Day(parsing: $0) }
    }
}
