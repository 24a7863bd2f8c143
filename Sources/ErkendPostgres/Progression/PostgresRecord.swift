import ErkendCore
import Foundation
import Logging
import PostgresNIO

/// How values are written as text columns, exactly as the SQLite backend
/// writes them: days as `YYYY-MM-DD`, instants as ISO 8601 in UTC to the
/// second, whole records as `ErkendJSON`.
enum PostgresText {
    static func instant(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func instant(_ text: String) throws -> Date {
        guard let date = try? Date(text, strategy: .iso8601) else {
            throw ErkendError(.storage, "the database holds '\(text.prefix(40))' where an ISO 8601 instant belongs")
        }
        return date
    }

    /// Instants with milliseconds (consents, the access log), as the SQLite backend's `Timestamp`.
    static func precise(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func precise(_ text: String) -> Date? {
        (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) ?? (try? Date(text, strategy: .iso8601))
    }

    static func day(_ text: String) throws -> Day {
        do { return try Day(parsing: text) } catch {
            throw ErkendError(.storage, "the database holds '\(text.prefix(40))' where a day belongs")
        }
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try ErkendJSON.encoder().encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ body: String) throws -> T {
        do {
            return try ErkendJSON.decoder().decode(type, from: Data(body.utf8))
        } catch {
            throw ErkendError(.storage, "a stored \(T.self) cannot be read back", cause: String(describing: error))
        }
    }

    static func sha256(_ text: String) -> String {
        sha256(Data(text.utf8))
    }

    static func sha256(_ data: Data) -> String {
        PostgresAuditWriter.digest(data)
    }
}

/// How one kind of record sits in its table: the columns, `id` first, in the
/// order `bind` binds them, and how a row reads back. Inserts, updates and
/// bulk inserts bind through the same function, so they cannot drift apart.
protocol PostgresRecord {
    associatedtype Value
    static var table: String { get }
    static var columns: [String] { get }
    static func bind(_ value: Value, to bindings: inout PostgresBindings) throws
    static func value(from row: PostgresRandomAccessRow) throws -> Value
}

extension PostgresRecord {
    static var insertSQL: String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.indices.map { "$\($0 + 1)" }.joined(separator: ", ")))"
    }

    static var updateSQL: String {
        let assignments = columns.enumerated().dropFirst().map { "\($1) = $\($0 + 1)" }.joined(separator: ", ")
        return "UPDATE \(table) SET \(assignments) WHERE id = $1"
    }

    static func insert(_ value: Value, on connection: PostgresConnection, logger: Logger) async throws {
        var bindings = PostgresBindings()
        try bind(value, to: &bindings)
        try await connection.execute(PostgresQuery(unsafeSQL: insertSQL, binds: bindings), logger: logger)
    }

    /// Inserts many values, a few hundred rows per statement.
    static func insertAll(_ values: [Value], on connection: PostgresConnection, logger: Logger) async throws {
        let perStatement = max(1, 30_000 / columns.count)
        var start = 0
        while start < values.count {
            let slice = values[start..<min(values.count, start + perStatement)]
            var bindings = PostgresBindings()
            var tuples: [String] = []
            for value in slice {
                let first = bindings.count
                try bind(value, to: &bindings)
                tuples.append("(" + columns.indices.map { "$\(first + $0 + 1)" }.joined(separator: ", ") + ")")
            }
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES " + tuples.joined(separator: ", ")
            try await connection.execute(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
            start += slice.count
        }
    }

    /// Rewrites the stored row with the same id — only while `condition` (SQL)
    /// holds for it, when given, so that of two concurrent changes one wins.
    /// `false` when no row was rewritten.
    @discardableResult
    static func update(_ value: Value, on connection: PostgresConnection, logger: Logger, onlyIf condition: String? = nil) async throws -> Bool {
        var bindings = PostgresBindings()
        try bind(value, to: &bindings)
        let sql = updateSQL + (condition.map { " AND (\($0))" } ?? "") + " RETURNING id"
        return try await connection.rows(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger).count == 1
    }

    static func fetchOne(id: String, on connection: PostgresConnection, logger: Logger) async throws -> Value? {
        try await fetchAll(where: "id = $1", [id], orderBy: "id", on: connection, logger: logger).first
    }

    /// The values whose rows match `condition` (SQL after WHERE, with `$1`… for `arguments`), in `order`.
    static func fetchAll(where condition: String, _ arguments: [String], orderBy order: String,
                         on connection: PostgresConnection, logger: Logger) async throws -> [Value] {
        var bindings = PostgresBindings()
        for argument in arguments { bindings.append(argument) }
        return try await connection.rows(PostgresQuery(unsafeSQL: "SELECT * FROM \(table) WHERE \(condition) ORDER BY \(order)", binds: bindings),
                                         logger: logger).map(value(from:))
    }

    static func exists(id: String, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        var bindings = PostgresBindings()
        bindings.append(id)
        return try await !connection.rows(PostgresQuery(unsafeSQL: "SELECT 1 FROM \(table) WHERE id = $1", binds: bindings), logger: logger).isEmpty
    }
}

extension PostgresDatabase {
    /// Runs reads on one connection, in one read-only snapshot, so what they return is consistent.
    func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await transaction { connection in
            try await connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            return try await body(connection)
        }
    }
}

/// Learners in `learner`: personal data in columns of its own, so that
/// erasing it is an update of those columns and nothing else.
enum PostgresLearnerRow: PostgresRecord {
    static let table = "learner"
    static let columns = ["id", "name", "student_number", "email", "date_of_birth"]

    static func bind(_ learner: Learner, to bindings: inout PostgresBindings) {
        bindings.append(learner.id.rawValue)
        bindings.append(learner.name)
        bindings.append(learner.studentNumber)
        bindings.append(learner.email)
        bindings.append(learner.dateOfBirth?.description)
    }

    static func value(from row: PostgresRandomAccessRow) throws -> Learner {
        Learner(id: Learner.ID(trusted: try row.value("id")), name: try row.value("name"), studentNumber: try row.value("student_number"),
                email: try row.value("email"), dateOfBirth: try row.value("date_of_birth", as: String?.self).map(PostgresText.day))
    }

    /// A student number is the institution's key for a person: two learners cannot share one.
    static func requireFreeStudentNumber(of learner: Learner, on connection: PostgresConnection, logger: Logger) async throws {
        guard let number = learner.studentNumber else { return }
        if let other = try await connection.rows("SELECT id FROM learner WHERE student_number = \(number) AND id <> \(learner.id.rawValue)",
                                                 logger: logger).first {
            throw ErkendError(.conflict, "student number \(number) is learner \(try other.value("id", as: String.self))'s already")
        }
    }
}

enum PostgresMentorRow: PostgresRecord {
    static let table = "mentor"
    static let columns = ["id", "name", "organisation", "email", "phone"]

    static func bind(_ mentor: Mentor, to bindings: inout PostgresBindings) {
        bindings.append(mentor.id.rawValue)
        bindings.append(mentor.name)
        bindings.append(mentor.organisation)
        bindings.append(mentor.email)
        bindings.append(mentor.phone)
    }

    static func value(from row: PostgresRandomAccessRow) throws -> Mentor {
        Mentor(id: Mentor.ID(trusted: try row.value("id")), name: try row.value("name"), organisation: try row.value("organisation"),
               email: try row.value("email"), phone: try row.value("phone"))
    }
}

enum PostgresEnrolmentRow: PostgresRecord {
    static let table = "enrolment"
    static let columns = ["id", "learner", "programme_code", "programme_version", "start_date", "cohort", "status", "end_date"]

    static func bind(_ enrolment: Enrolment, to bindings: inout PostgresBindings) {
        bindings.append(enrolment.id.rawValue)
        bindings.append(enrolment.learner.rawValue)
        bindings.append(enrolment.programme.code)
        bindings.append(Int32(enrolment.programme.version))
        bindings.append(enrolment.startDate.description)
        bindings.append(enrolment.cohort)
        bindings.append(enrolment.status.rawValue)
        bindings.append(enrolment.endDate?.description)
    }

    static func value(from row: PostgresRandomAccessRow) throws -> Enrolment {
        let status = try row.value("status", as: String.self)
        guard let known = Enrolment.Status(rawValue: status) else {
            throw ErkendError(.storage, "unknown enrolment status in the database: \(status)")
        }
        return Enrolment(id: Enrolment.ID(trusted: try row.value("id")), learner: Learner.ID(trusted: try row.value("learner")),
                         programme: ExactReference(try row.value("programme_code"), version: try row.value("programme_version", as: Int.self)),
                         startDate: try PostgresText.day(try row.value("start_date")), cohort: try row.value("cohort"), status: known,
                         endDate: try row.value("end_date", as: String?.self).map(PostgresText.day))
    }
}

enum PostgresPlacementRow: PostgresRecord {
    static let table = "placement"
    static let columns = ["id", "learner", "enrolment", "kind", "start_date", "end_date", "organisation", "body"]

    static func bind(_ placement: Placement, to bindings: inout PostgresBindings) throws {
        bindings.append(placement.id.rawValue)
        bindings.append(placement.learner.rawValue)
        bindings.append(placement.enrolment.rawValue)
        bindings.append(placement.kind.rawValue)
        bindings.append(placement.startDate.description)
        bindings.append(placement.endDate?.description)
        bindings.append(placement.organisation)
        bindings.append(try PostgresText.json(placement))
    }

    static func value(from row: PostgresRandomAccessRow) throws -> Placement {
        try PostgresText.decode(Placement.self, try row.value("body"))
    }

    /// Writes the placement's mentor rows, replacing those it had.
    static func writeMentors(of placement: Placement, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.execute("DELETE FROM placement_mentor WHERE placement = \(placement.id.rawValue)", logger: logger)
        for (mentor, position) in mentorLinks(of: placement) {
            try await connection.execute("""
                INSERT INTO placement_mentor (placement, mentor, position) VALUES (\(placement.id.rawValue), \(mentor.rawValue), \(Int32(position)))
                """, logger: logger)
        }
    }

    static func isMentor(_ mentor: Mentor.ID, of learner: Learner.ID, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        try await !connection.rows("""
            SELECT 1 FROM placement_mentor pm JOIN placement p ON p.id = pm.placement WHERE pm.mentor = \(mentor.rawValue) AND p.learner = \(learner.rawValue) LIMIT 1
            """, logger: logger).isEmpty
    }

    /// The placement's mentors with their positions, each mentor once.
    static func mentorLinks(of placement: Placement) -> [(mentor: Mentor.ID, position: Int)] {
        var seen = Set<Mentor.ID>()
        return placement.mentors.enumerated().compactMap { seen.insert($1).inserted ? ($1, $0) : nil }
    }
}

enum PostgresObservationRow: PostgresRecord {
    static let table = "observation"
    static let columns = ["id", "learner", "enrolment", "placement", "epa_code", "epa_version", "date", "observer_kind", "observer", "body"]

    static func bind(_ observation: Observation, to bindings: inout PostgresBindings) throws {
        bindings.append(observation.id.rawValue)
        bindings.append(observation.learner.rawValue)
        bindings.append(observation.enrolment.rawValue)
        bindings.append(observation.placement?.rawValue)
        bindings.append(observation.epa.code)
        bindings.append(Int32(observation.epa.version))
        bindings.append(observation.date.description)
        bindings.append(observation.observer.kind.rawValue)
        bindings.append(observation.observer.id)
        bindings.append(try PostgresText.json(observation))
    }

    static func value(from row: PostgresRandomAccessRow) throws -> Observation {
        try PostgresText.decode(Observation.self, try row.value("body"))
    }
}

enum PostgresDecisionRow: PostgresRecord {
    static let table = "entrustment_decision"
    static let columns = ["id", "learner", "enrolment", "epa_code", "epa_version", "decided_on", "status", "withdrawn_on", "body"]

    static func bind(_ decision: EntrustmentDecision, to bindings: inout PostgresBindings) throws {
        bindings.append(decision.id.rawValue)
        bindings.append(decision.learner.rawValue)
        bindings.append(decision.enrolment.rawValue)
        bindings.append(decision.epa.code)
        bindings.append(Int32(decision.epa.version))
        bindings.append(decision.decidedOn.description)
        bindings.append(decision.isWithdrawn ? "withdrawn" : "active")
        bindings.append(decision.withdrawal?.on.description)
        bindings.append(try PostgresText.json(decision))
    }

    static func value(from row: PostgresRandomAccessRow) throws -> EntrustmentDecision {
        try PostgresText.decode(EntrustmentDecision.self, try row.value("body"))
    }

    /// Writes the decision's basis rows; each names a stored observation or the foreign key refuses it.
    static func writeBasis(of decision: EntrustmentDecision, on connection: PostgresConnection, logger: Logger) async throws {
        for observation in Set(decision.basis) {
            try await connection.execute("INSERT INTO decision_basis (decision, observation) VALUES (\(decision.id.rawValue), \(observation.rawValue))",
                                         logger: logger)
        }
    }
}

enum PostgresUnitResultRow: PostgresRecord {
    static let table = "unit_result"
    static let columns = ["id", "learner", "enrolment", "unit_code", "unit_version", "outcome", "achieved_on", "basis", "recognition_case", "body"]

    static func bind(_ result: UnitResult, to bindings: inout PostgresBindings) throws {
        bindings.append(result.id.rawValue)
        bindings.append(result.learner.rawValue)
        bindings.append(result.enrolment?.rawValue)
        bindings.append(result.unit.code)
        bindings.append(Int32(result.unit.version))
        bindings.append(result.outcome.rawValue)
        bindings.append(result.achievedOn.description)
        switch result.basis {
        case .completed:
            bindings.append("completed")
            bindings.append(nil as String?)
        case .recognised(let recognitionCase):
            bindings.append("recognised")
            bindings.append(recognitionCase.rawValue)
        }
        bindings.append(try PostgresText.json(result))
    }

    static func value(from row: PostgresRandomAccessRow) throws -> UnitResult {
        try PostgresText.decode(UnitResult.self, try row.value("body"))
    }
}

enum PostgresPracticeStatementRow: PostgresRecord {
    static let table = "practice_statement"
    static let columns = ["id", "learner", "placement", "status", "period_start", "period_end", "body"]

    static func bind(_ statement: PracticeStatement, to bindings: inout PostgresBindings) throws {
        bindings.append(statement.id.rawValue)
        bindings.append(statement.learner.rawValue)
        bindings.append(statement.placement.rawValue)
        bindings.append(statement.status.rawValue)
        bindings.append(statement.periodStart.description)
        bindings.append(statement.periodEnd.description)
        bindings.append(try PostgresText.json(statement))
    }

    static func value(from row: PostgresRandomAccessRow) throws -> PracticeStatement {
        try PostgresText.decode(PracticeStatement.self, try row.value("body"))
    }
}

enum PostgresRecognitionCaseRow: PostgresRecord {
    static let table = "recognition_case"
    static let columns = ["id", "learner", "enrolment", "opened_on", "result", "decided_on", "body"]

    static func bind(_ recognitionCase: RecognitionCase, to bindings: inout PostgresBindings) throws {
        bindings.append(recognitionCase.id.rawValue)
        bindings.append(recognitionCase.learner.rawValue)
        bindings.append(recognitionCase.enrolment?.rawValue)
        bindings.append(recognitionCase.openedOn.description)
        bindings.append(recognitionCase.decision?.result.rawValue)
        bindings.append(recognitionCase.decision?.decidedOn.description)
        bindings.append(try PostgresText.json(recognitionCase))
    }

    static func value(from row: PostgresRandomAccessRow) throws -> RecognitionCase {
        try PostgresText.decode(RecognitionCase.self, try row.value("body"))
    }
}

/// Checks, inside a write, that the records a new record hangs on exist and
/// belong to the same learner — with messages that say which.
enum PostgresRelations {
    static func requireLearner(_ id: Learner.ID, on connection: PostgresConnection, logger: Logger) async throws {
        guard try await PostgresLearnerRow.exists(id: id.rawValue, on: connection, logger: logger) else { throw ErkendError.notFound("learner \(id)") }
    }

    static func requireMentor(_ id: Mentor.ID, on connection: PostgresConnection, logger: Logger) async throws {
        guard try await PostgresMentorRow.exists(id: id.rawValue, on: connection, logger: logger) else { throw ErkendError.notFound("mentor \(id)") }
    }

    @discardableResult
    static func requireEnrolment(_ id: Enrolment.ID, of learner: Learner.ID, on connection: PostgresConnection, logger: Logger) async throws -> Enrolment {
        guard let enrolment = try await PostgresEnrolmentRow.fetchOne(id: id.rawValue, on: connection, logger: logger) else {
            throw ErkendError.notFound("enrolment \(id)")
        }
        guard enrolment.learner == learner else {
            throw ErkendError.invalid("enrolment", "enrolment \(id) is learner \(enrolment.learner)'s, not learner \(learner)'s")
        }
        return enrolment
    }

    @discardableResult
    static func requirePlacement(_ id: Placement.ID, of learner: Learner.ID, on connection: PostgresConnection, logger: Logger) async throws -> Placement {
        guard let placement = try await PostgresPlacementRow.fetchOne(id: id.rawValue, on: connection, logger: logger) else {
            throw ErkendError.notFound("placement \(id)")
        }
        guard placement.learner == learner else {
            throw ErkendError.invalid("placement", "placement \(id) is learner \(placement.learner)'s, not learner \(learner)'s")
        }
        return placement
    }

    static func requireNew<Record: PostgresRecord>(_ record: Record.Type, _ id: String, _ what: String,
                                                   on connection: PostgresConnection, logger: Logger) async throws {
        if try await Record.exists(id: id, on: connection, logger: logger) { throw ErkendError(.conflict, "\(what) \(id) already exists") }
    }
}
