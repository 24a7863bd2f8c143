public import ErkendCore
import Foundation
import Logging
import PostgresNIO

/// Learners' progression in PostgreSQL: one repository per kind of record, the
/// progress read model and the bulk writer, all on one database — the same
/// tables, checks and audit entries as the SQLite backend.
public struct PostgresProgressionStore: ProgressionStorage {
    let database: PostgresDatabase
    public let learners: any LearnerRepository
    public let enrolments: any EnrolmentRepository
    public let mentors: any MentorRepository
    public let placements: any PlacementRepository
    public let observations: any ObservationRepository
    public let signoffs: any SignoffRepository
    public let outbox: any MailOutbox
    public let decisions: any DecisionRepository
    public let results: any UnitResultRepository
    public let statements: any PracticeStatementRepository
    public let recognition: any RecognitionRepository

    public init(database: PostgresDatabase) {
        self.database = database
        learners = PostgresLearnerRepository(database: database)
        enrolments = PostgresEnrolmentRepository(database: database)
        mentors = PostgresMentorRepository(database: database)
        placements = PostgresPlacementRepository(database: database)
        observations = PostgresObservationRepository(database: database)
        signoffs = PostgresSignoffRepository(database: database)
        outbox = PostgresMailOutbox(database: database)
        decisions = PostgresDecisionRepository(database: database)
        results = PostgresUnitResultRepository(database: database)
        statements = PostgresPracticeStatementRepository(database: database)
        recognition = PostgresRecognitionRepository(database: database)
    }

    public func progressInputs(learner id: Learner.ID) async throws -> ProgressInputs? {
        let logger = database.logger
        // One snapshot, so a decision cannot appear without the observations it rests on.
        return try await database.read { connection in
            guard let learner = try await PostgresLearnerRow.fetchOne(id: id.rawValue, on: connection, logger: logger) else { return nil }
            return ProgressInputs(
                learner: learner,
                enrolments: try await PostgresEnrolmentRow.fetchAll(where: "learner = $1", [id.rawValue], orderBy: "start_date, id", on: connection, logger: logger),
                decisions: try await PostgresDecisionRow.fetchAll(where: "learner = $1", [id.rawValue], orderBy: "decided_on, id", on: connection, logger: logger),
                results: try await PostgresUnitResultRow.fetchAll(where: "learner = $1", [id.rawValue], orderBy: "achieved_on, id", on: connection, logger: logger),
                observations: try await PostgresObservationRow.fetchAll(where: "learner = $1", [id.rawValue], orderBy: "date, id", on: connection, logger: logger))
        }
    }

    public func bulkInsert(_ batch: ProgressionBatch, audit: AuditRecord) async throws {
        var record = try audit.about(nil, target: audit.channel.id)
        record.details.merge(batch.counts) { _, count in count }
        let summary = record
        let logger = database.logger
        try await database.transaction { connection in
            try await PostgresMentorRow.insertAll(batch.mentors, on: connection, logger: logger)
            try await PostgresLearnerRow.insertAll(batch.learners, on: connection, logger: logger)
            try await PostgresEnrolmentRow.insertAll(batch.enrolments, on: connection, logger: logger)
            try await PostgresPlacementRow.insertAll(batch.placements, on: connection, logger: logger)
            try await PlacementMentorLink.insertAll(batch.placements.flatMap { placement in
                PostgresPlacementRow.mentorLinks(of: placement).map { PlacementMentorLink(placement: placement.id, mentor: $0.mentor, position: $0.position) }
            }, on: connection, logger: logger)
            try await PostgresObservationRow.insertAll(batch.observations, on: connection, logger: logger)
            try await PostgresDecisionRow.insertAll(batch.decisions, on: connection, logger: logger)
            try await DecisionBasisLink.insertAll(batch.decisions.flatMap { decision in
                Set(decision.basis).map { DecisionBasisLink(decision: decision.id, observation: $0) }
            }, on: connection, logger: logger)
            try await PostgresUnitResultRow.insertAll(batch.results, on: connection, logger: logger)
            _ = try await PostgresAuditWriter.append(summary, on: connection, logger: logger)
        }
    }
}

/// A row of `placement_mentor`, for bulk inserts.
struct PlacementMentorLink: PostgresRecord {
    static let table = "placement_mentor"
    static let columns = ["placement", "mentor", "position"]
    var placement: Placement.ID
    var mentor: Mentor.ID
    var position: Int

    static func bind(_ link: PlacementMentorLink, to bindings: inout PostgresBindings) {
        bindings.append(link.placement.rawValue)
        bindings.append(link.mentor.rawValue)
        bindings.append(Int32(link.position))
    }

    static func value(from row: PostgresRandomAccessRow) throws -> PlacementMentorLink {
        PlacementMentorLink(placement: Placement.ID(trusted: try row.value("placement")), mentor: Mentor.ID(trusted: try row.value("mentor")),
                            position: try row.value("position"))
    }
}

/// A row of `decision_basis`, for bulk inserts.
struct DecisionBasisLink: PostgresRecord {
    static let table = "decision_basis"
    static let columns = ["decision", "observation"]
    var decision: EntrustmentDecision.ID
    var observation: Observation.ID

    static func bind(_ link: DecisionBasisLink, to bindings: inout PostgresBindings) {
        bindings.append(link.decision.rawValue)
        bindings.append(link.observation.rawValue)
    }

    static func value(from row: PostgresRandomAccessRow) throws -> DecisionBasisLink {
        DecisionBasisLink(decision: EntrustmentDecision.ID(trusted: try row.value("decision")),
                          observation: Observation.ID(trusted: try row.value("observation")))
    }
}

/// Learners and their personal data in PostgreSQL.
public struct PostgresLearnerRepository: LearnerRepository {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func create(_ learner: Learner, audit: AuditRecord) async throws {
        let audit = try audit.about(learner.id, target: learner.id.rawValue)
        let logger = database.logger
        try await database.transaction { connection in
            try await PostgresRelations.requireNew(PostgresLearnerRow.self, learner.id.rawValue, "learner", on: connection, logger: logger)
            try await PostgresLearnerRow.requireFreeStudentNumber(of: learner, on: connection, logger: logger)
            try await PostgresLearnerRow.insert(learner, on: connection, logger: logger)
            _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger)
        }
    }

    public func update(_ learner: Learner, audit: AuditRecord) async throws {
        let audit = try audit.about(learner.id, target: learner.id.rawValue)
        let logger = database.logger
        try await database.transaction { connection in
            try await PostgresLearnerRow.requireFreeStudentNumber(of: learner, on: connection, logger: logger)
            guard try await PostgresLearnerRow.update(learner, on: connection, logger: logger) else { throw ErkendError.notFound("learner \(learner.id)") }
            _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger)
        }
    }

    public func learner(_ id: Learner.ID) async throws -> Learner? {
        let logger = database.logger
        return try await database.read { connection in try await PostgresLearnerRow.fetchOne(id: id.rawValue, on: connection, logger: logger) }
    }

    public func list(filter: LearnerFilter, page: PageRequest) async throws -> Page<Learner> {
        var conditions: [String] = []
        var arguments: [String] = []
        func parameter(_ value: String) -> String {
            arguments.append(value)
            return "$\(arguments.count)"
        }
        if let text = filter.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            let p = parameter(pattern)
            // SQLite's LIKE ignores the case of ASCII letters; ILIKE does the same here.
            conditions.append("(l.name ILIKE \(p) OR l.student_number ILIKE \(p) OR l.email ILIKE \(p))")
        }
        if let cohort = filter.cohort {
            conditions.append("EXISTS (SELECT 1 FROM enrolment e WHERE e.learner = l.id AND e.cohort = \(parameter(cohort)))")
        }
        if let programme = filter.programmeCode {
            conditions.append("EXISTS (SELECT 1 FROM enrolment e WHERE e.learner = l.id AND e.programme_code = \(parameter(programme)))")
        }
        if filter.withActiveDecisions {
            conditions.append("EXISTS (SELECT 1 FROM entrustment_decision d WHERE d.learner = l.id AND d.status = 'active')")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let logger = database.logger
        let values = arguments
        return try await database.read { connection in
            var bindings = PostgresBindings()
            for value in values { bindings.append(value) }
            let total = try await connection.integer(PostgresQuery(unsafeSQL: "SELECT count(*) FROM learner l \(whereClause)", binds: bindings), logger: logger)
            let learners = try await connection.rows(PostgresQuery(
                unsafeSQL: "SELECT l.* FROM learner l \(whereClause) ORDER BY l.name, l.id LIMIT \(page.size) OFFSET \(page.offset)", binds: bindings),
                logger: logger).map(PostgresLearnerRow.value(from:))
            return Page(items: learners, request: page, total: Int(total))
        }
    }

    @discardableResult
    public func importLearners(_ rows: [LearnerImportRow], audit: AuditRecord) async throws -> LearnerImportSummary {
        for row in rows { try row.validate() }
        let audit = try audit.about(nil, target: audit.channel.id)
        let logger = database.logger
        let location = database.location
        return try await database.transaction { connection in
            let summary = try await PostgresLearnerImport(connection: connection, logger: logger, location: location).write(rows)
            var record = audit
            record.details.merge(summary.counts) { _, count in count }
            _ = try await PostgresAuditWriter.append(record, on: connection, logger: logger)
            return summary
        }
    }

    @discardableResult
    public func erase(_ id: Learner.ID, pseudonym: String, audit: AuditRecord) async throws -> Learner {
        guard !pseudonym.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ErkendError.invalid("pseudonym", "give the name to show instead, such as 'Learner \(id)'")
        }
        let audit = try audit.about(id, target: id.rawValue)
        let logger = database.logger
        return try await database.transaction { connection in
            let erased = Learner(id: id, name: pseudonym)
            guard try await PostgresLearnerRow.update(erased, on: connection, logger: logger) else { throw ErkendError.notFound("learner \(id)") }
            _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger)
            return erased
        }
    }
}

/// Writes the rows of a learner import inside one transaction, adding what is
/// new and replacing what has the same id; the first bad row throws an error
/// naming its line, and the transaction rolls everything back.
struct PostgresLearnerImport {
    let connection: PostgresConnection
    let logger: Logger
    let location: PostgresLocation

    func write(_ rows: [LearnerImportRow]) async throws -> LearnerImportSummary {
        var summary = LearnerImportSummary()
        var added = Set<Learner.ID>(), updated = Set<Learner.ID>()
        var enrolments = Set<Enrolment.ID>(), placements = Set<Placement.ID>(), mentors = Set<Mentor.ID>()
        for row in rows {
            // A savepoint per row: a refused statement must not leave the transaction aborted before the error names the line.
            try await connection.execute("SAVEPOINT import_row", logger: logger)
            do {
                for mentor in row.mentors {
                    if !(try await PostgresMentorRow.update(mentor, on: connection, logger: logger)) {
                        try await PostgresMentorRow.insert(mentor, on: connection, logger: logger)
                    }
                    mentors.insert(mentor.id)
                }
                try await PostgresLearnerRow.requireFreeStudentNumber(of: row.learner, on: connection, logger: logger)
                if try await PostgresLearnerRow.update(row.learner, on: connection, logger: logger) {
                    if !added.contains(row.learner.id) { updated.insert(row.learner.id) }
                } else {
                    try await PostgresLearnerRow.insert(row.learner, on: connection, logger: logger)
                    added.insert(row.learner.id)
                }
                if let enrolment = row.enrolment {
                    try await write(enrolment)
                    enrolments.insert(enrolment.id)
                }
                if let placement = row.placement {
                    try await write(placement)
                    placements.insert(placement.id)
                }
                try await connection.execute("RELEASE SAVEPOINT import_row", logger: logger)
            } catch {
                throw located(error, line: row.line)
            }
        }
        summary.learnersAdded = added.count
        summary.learnersUpdated = updated.count
        summary.enrolments = enrolments.count
        summary.placements = placements.count
        summary.mentors = mentors.count
        return summary
    }

    private func write(_ enrolment: Enrolment) async throws {
        if let stored = try await PostgresEnrolmentRow.fetchOne(id: enrolment.id.rawValue, on: connection, logger: logger) {
            guard stored.learner == enrolment.learner else {
                throw ErkendError.invalid("enrolment", "enrolment \(enrolment.id) is learner \(stored.learner)'s already")
            }
            try await PostgresEnrolmentRow.update(enrolment, on: connection, logger: logger)
        } else {
            try await PostgresEnrolmentRow.insert(enrolment, on: connection, logger: logger)
        }
    }

    private func write(_ placement: Placement) async throws {
        try await PostgresRelations.requireEnrolment(placement.enrolment, of: placement.learner, on: connection, logger: logger)
        for mentor in placement.mentors { try await PostgresRelations.requireMentor(mentor, on: connection, logger: logger) }
        if let stored = try await PostgresPlacementRow.fetchOne(id: placement.id.rawValue, on: connection, logger: logger) {
            guard stored.learner == placement.learner else {
                throw ErkendError.invalid("placement", "placement \(placement.id) is learner \(stored.learner)'s already")
            }
            try await PostgresPlacementRow.update(placement, on: connection, logger: logger)
        } else {
            try await PostgresPlacementRow.insert(placement, on: connection, logger: logger)
        }
        try await PostgresPlacementRow.writeMentors(of: placement, on: connection, logger: logger)
    }

    private func located(_ error: any Error, line: Int) -> ErkendError {
        let where_ = "line \(line)"
        let problem: ErkendError
        switch error {
        case let error as ErkendError: problem = error
        case let error as PSQLError: problem = PostgresErrors.translate(error, location: location)
        default: problem = ErkendError(.storage, String(describing: error))
        }
        return ErkendError(problem.code, "The import was not stored: \(where_): \(problem.message)",
                           details: [.init(location: where_, message: problem.message)] + problem.details, cause: problem.cause)
    }
}

/// Workplace mentors in PostgreSQL.
public struct PostgresMentorRepository: MentorRepository {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func create(_ mentor: Mentor, audit: AuditRecord) async throws {
        let audit = try audit.about(nil, target: mentor.id.rawValue)
        let logger = database.logger
        try await database.transaction { connection in
            try await PostgresRelations.requireNew(PostgresMentorRow.self, mentor.id.rawValue, "mentor", on: connection, logger: logger)
            try await PostgresMentorRow.insert(mentor, on: connection, logger: logger)
            _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger)
        }
    }

    public func mentor(_ id: Mentor.ID) async throws -> Mentor? {
        let logger = database.logger
        return try await database.read { connection in try await PostgresMentorRow.fetchOne(id: id.rawValue, on: connection, logger: logger) }
    }

    public func mentors(learner: Learner.ID) async throws -> [Mentor] {
        let logger = database.logger
        return try await database.read { connection in
            try await PostgresMentorRow.fetchAll(where: """
                id IN (SELECT pm.mentor FROM placement_mentor pm JOIN placement p ON p.id = pm.placement WHERE p.learner = $1)
                """, [learner.rawValue], orderBy: "name, id", on: connection, logger: logger)
        }
    }
}

/// Enrolments in PostgreSQL.
public struct PostgresEnrolmentRepository: EnrolmentRepository {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func create(_ enrolment: Enrolment, audit: AuditRecord) async throws {
        let audit = try audit.about(enrolment.learner, target: enrolment.id.rawValue)
        let logger = database.logger
        try await database.transaction { connection in
            try await PostgresRelations.requireLearner(enrolment.learner, on: connection, logger: logger)
            try await PostgresRelations.requireNew(PostgresEnrolmentRow.self, enrolment.id.rawValue, "enrolment", on: connection, logger: logger)
            try await PostgresEnrolmentRow.insert(enrolment, on: connection, logger: logger)
            _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger)
        }
    }

    public func update(_ enrolment: Enrolment, audit: AuditRecord) async throws {
        let audit = try audit.about(enrolment.learner, target: enrolment.id.rawValue)
        let logger = database.logger
        try await database.transaction { connection in
            try await PostgresRelations.requireEnrolment(enrolment.id, of: enrolment.learner, on: connection, logger: logger)
            try await PostgresEnrolmentRow.update(enrolment, on: connection, logger: logger)
            _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger)
        }
    }

    public func enrolment(_ id: Enrolment.ID) async throws -> Enrolment? {
        let logger = database.logger
        return try await database.read { connection in try await PostgresEnrolmentRow.fetchOne(id: id.rawValue, on: connection, logger: logger) }
    }

    public func enrolments(learner: Learner.ID) async throws -> [Enrolment] {
        let logger = database.logger
        return try await database.read { connection in
            try await PostgresEnrolmentRow.fetchAll(where: "learner = $1", [learner.rawValue], orderBy: "start_date, id", on: connection, logger: logger)
        }
    }
}

/// Placements and who mentors them, in PostgreSQL.
public struct PostgresPlacementRepository: PlacementRepository {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func create(_ placement: Placement, audit: AuditRecord) async throws {
        let audit = try audit.about(placement.learner, target: placement.id.rawValue)
        let logger = database.logger
        try await database.transaction { connection in
            try await PostgresRelations.requireNew(PostgresPlacementRow.self, placement.id.rawValue, "placement", on: connection, logger: logger)
            try await checkRelations(of: placement, on: connection, logger: logger)
            try await PostgresPlacementRow.insert(placement, on: connection, logger: logger)
            try await PostgresPlacementRow.writeMentors(of: placement, on: connection, logger: logger)
            _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger)
        }
    }

    public func update(_ placement: Placement, audit: AuditRecord) async throws {
        let audit = try audit.about(placement.learner, target: placement.id.rawValue)
        let logger = database.logger
        try await database.transaction { connection in
            let stored = try await PostgresRelations.requirePlacement(placement.id, of: placement.learner, on: connection, logger: logger)
            guard stored.enrolment == placement.enrolment else {
                throw ErkendError.invalid("enrolment", "placement \(placement.id) belongs to enrolment \(stored.enrolment); it cannot move to another")
            }
            try await checkRelations(of: placement, on: connection, logger: logger)
            try await PostgresPlacementRow.update(placement, on: connection, logger: logger)
            try await PostgresPlacementRow.writeMentors(of: placement, on: connection, logger: logger)
            _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger)
        }
    }

    public func placement(_ id: Placement.ID) async throws -> Placement? {
        let logger = database.logger
        return try await database.read { connection in try await PostgresPlacementRow.fetchOne(id: id.rawValue, on: connection, logger: logger) }
    }

    public func placements(learner: Learner.ID) async throws -> [Placement] {
        let logger = database.logger
        return try await database.read { connection in
            try await PostgresPlacementRow.fetchAll(where: "learner = $1", [learner.rawValue], orderBy: "start_date, id", on: connection, logger: logger)
        }
    }

    public func placements(ofMentor mentor: Mentor.ID) async throws -> [Placement] {
        let logger = database.logger
        return try await database.read { connection in
            try await PostgresPlacementRow.fetchAll(where: "id IN (SELECT placement FROM placement_mentor WHERE mentor = $1)", [mentor.rawValue],
                                                    orderBy: "start_date, id", on: connection, logger: logger)
        }
    }

    public func learners(ofMentor mentor: Mentor.ID) async throws -> [Learner] {
        let logger = database.logger
        return try await database.read { connection in
            try await PostgresLearnerRow.fetchAll(where: """
                id IN (SELECT p.learner FROM placement_mentor pm JOIN placement p ON p.id = pm.placement WHERE pm.mentor = $1)
                """, [mentor.rawValue], orderBy: "name, id", on: connection, logger: logger)
        }
    }

    public func isMentor(_ mentor: Mentor.ID, of learner: Learner.ID) async throws -> Bool {
        let logger = database.logger
        return try await database.read { connection in try await PostgresPlacementRow.isMentor(mentor, of: learner, on: connection, logger: logger) }
    }

    private func checkRelations(of placement: Placement, on connection: PostgresConnection, logger: Logger) async throws {
        try await PostgresRelations.requireEnrolment(placement.enrolment, of: placement.learner, on: connection, logger: logger)
        for mentor in placement.mentors { try await PostgresRelations.requireMentor(mentor, on: connection, logger: logger) }
    }
}

/// Observations in PostgreSQL.
public struct PostgresObservationRepository: ObservationRepository {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func record(_ observation: Observation, audit: AuditRecord) async throws {
        let audit = try audit.about(observation.learner, target: observation.id.rawValue)
        let logger = database.logger
        try await database.transaction { connection in
            try await Self.store(observation, on: connection, logger: logger)
            _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger)
        }
    }

    public func observation(_ id: Observation.ID) async throws -> Observation? {
        let logger = database.logger
        return try await database.read { connection in try await PostgresObservationRow.fetchOne(id: id.rawValue, on: connection, logger: logger) }
    }

    public func observations(learner: Learner.ID, epa code: String?) async throws -> [Observation] {
        let logger = database.logger
        return try await database.read { connection in
            if let code {
                try await PostgresObservationRow.fetchAll(where: "learner = $1 AND epa_code = $2", [learner.rawValue, code], orderBy: "date, id",
                                                          on: connection, logger: logger)
            } else {
                try await PostgresObservationRow.fetchAll(where: "learner = $1", [learner.rawValue], orderBy: "date, id", on: connection, logger: logger)
            }
        }
    }

    /// Stores an observation after checking what it hangs on; also used when a mentor signs one through a link.
    static func store(_ observation: Observation, on connection: PostgresConnection, logger: Logger) async throws {
        try await PostgresRelations.requireNew(PostgresObservationRow.self, observation.id.rawValue, "observation", on: connection, logger: logger)
        try await PostgresRelations.requireEnrolment(observation.enrolment, of: observation.learner, on: connection, logger: logger)
        if let placement = observation.placement {
            try await PostgresRelations.requirePlacement(placement, of: observation.learner, on: connection, logger: logger)
        }
        try await PostgresObservationRow.insert(observation, on: connection, logger: logger)
    }
}

/// Entrustment decisions in PostgreSQL.
public struct PostgresDecisionRepository: DecisionRepository {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func record(_ decision: EntrustmentDecision, audit: AuditRecord) async throws {
        guard decision.withdrawal == nil else {
            throw ErkendError.invalid("withdrawal", "a new decision cannot be withdrawn already; withdraw it after recording")
        }
        let audit = try audit.about(decision.learner, target: decision.id.rawValue)
        let logger = database.logger
        try await database.transaction { connection in
            try await PostgresRelations.requireNew(PostgresDecisionRow.self, decision.id.rawValue, "decision", on: connection, logger: logger)
            try await PostgresRelations.requireEnrolment(decision.enrolment, of: decision.learner, on: connection, logger: logger)
            for (index, id) in decision.basis.enumerated() {
                let learner = try await connection.rows("SELECT learner FROM observation WHERE id = \(id.rawValue)", logger: logger).first
                    .map { try $0.value("learner", as: String.self) }
                guard learner == decision.learner.rawValue else {
                    throw ErkendError.invalid("basis[\(index)]", "observation \(id) is not a stored observation of learner \(decision.learner)")
                }
            }
            try await PostgresDecisionRow.insert(decision, on: connection, logger: logger)
            try await PostgresDecisionRow.writeBasis(of: decision, on: connection, logger: logger)
            var record = audit
            record.details["award"] = try await PostgresAwardRepository.awardDecision(decision, on: connection, logger: logger).rawValue
            try await PostgresAwardRepository.noteCompletions(of: decision.learner, in: &record, on: connection, logger: logger)
            _ = try await PostgresAuditWriter.append(record, on: connection, logger: logger)
        }
    }

    @discardableResult
    public func withdraw(_ id: EntrustmentDecision.ID, _ withdrawal: EntrustmentDecision.Withdrawal, audit: AuditRecord) async throws -> EntrustmentDecision {
        let logger = database.logger
        return try await database.transaction { connection in
            guard var decision = try await PostgresDecisionRow.fetchOne(id: id.rawValue, on: connection, logger: logger) else {
                throw ErkendError.notFound("decision \(id)")
            }
            var record = try audit.about(decision.learner, target: id.rawValue)
            if let earlier = decision.withdrawal {
                throw ErkendError(.conflict, "decision \(id) was withdrawn already on \(earlier.on)")
            }
            decision.withdrawal = withdrawal
            guard try await PostgresDecisionRow.update(decision, on: connection, logger: logger, onlyIf: "status = 'active'") else {
                throw ErkendError(.conflict, "decision \(id) was withdrawn meanwhile")
            }
            let revocation = Award.Revocation(on: record.at, by: record.actor.id, reason: "the entrustment decision was withdrawn")
            var revoked = try await PostgresAwardRepository.revokeAll(where: "source = $1", "decision:\(id)", revocation: revocation,
                                                                      on: connection, logger: logger)
            revoked += try await PostgresAwardRepository.revokeLapsedCompletions(learner: decision.learner, revocation: revocation,
                                                                                 on: connection, logger: logger)
            if !revoked.isEmpty { record.details["revokedAwards"] = revoked.map(\.rawValue).joined(separator: ",") }
            _ = try await PostgresAuditWriter.append(record, on: connection, logger: logger)
            return decision
        }
    }

    public func decision(_ id: EntrustmentDecision.ID) async throws -> EntrustmentDecision? {
        let logger = database.logger
        return try await database.read { connection in try await PostgresDecisionRow.fetchOne(id: id.rawValue, on: connection, logger: logger) }
    }

    public func decisions(learner: Learner.ID) async throws -> [EntrustmentDecision] {
        let logger = database.logger
        return try await database.read { connection in
            try await PostgresDecisionRow.fetchAll(where: "learner = $1", [learner.rawValue], orderBy: "decided_on, id", on: connection, logger: logger)
        }
    }
}

/// Unit results in PostgreSQL.
public struct PostgresUnitResultRepository: UnitResultRepository {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func record(_ result: UnitResult, audit: AuditRecord) async throws {
        guard result.basis == .completed else {
            throw ErkendError.invalid("basis", "a recognised result is recorded with the recognition decision that grants it")
        }
        let audit = try audit.about(result.learner, target: result.id.rawValue)
        let logger = database.logger
        try await database.transaction { connection in
            try await Self.store(result, on: connection, logger: logger)
            var record = audit
            if let award = try await PostgresAwardRepository.awardResult(result, on: connection, logger: logger) { record.details["award"] = award.rawValue }
            if result.outcome == .passed { try await PostgresAwardRepository.noteCompletions(of: result.learner, in: &record, on: connection, logger: logger) }
            _ = try await PostgresAuditWriter.append(record, on: connection, logger: logger)
        }
    }

    public func result(_ id: UnitResult.ID) async throws -> UnitResult? {
        let logger = database.logger
        return try await database.read { connection in try await PostgresUnitResultRow.fetchOne(id: id.rawValue, on: connection, logger: logger) }
    }

    public func results(learner: Learner.ID) async throws -> [UnitResult] {
        let logger = database.logger
        return try await database.read { connection in
            try await PostgresUnitResultRow.fetchAll(where: "learner = $1", [learner.rawValue], orderBy: "achieved_on, id", on: connection, logger: logger)
        }
    }

    static func store(_ result: UnitResult, on connection: PostgresConnection, logger: Logger) async throws {
        try await PostgresRelations.requireNew(PostgresUnitResultRow.self, result.id.rawValue, "result", on: connection, logger: logger)
        try await PostgresRelations.requireLearner(result.learner, on: connection, logger: logger)
        if let enrolment = result.enrolment {
            try await PostgresRelations.requireEnrolment(enrolment, of: result.learner, on: connection, logger: logger)
        }
        try await PostgresUnitResultRow.insert(result, on: connection, logger: logger)
    }
}

/// Practice statements in PostgreSQL.
public struct PostgresPracticeStatementRepository: PracticeStatementRepository {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func create(_ statement: PracticeStatement, audit: AuditRecord) async throws {
        guard statement.status == .requested else {
            throw ErkendError.invalid("status", "a practice statement is created as requested; the mentor signs or declines it through a sign-off link")
        }
        try statement.validate()
        let audit = try audit.about(statement.learner, target: statement.id.rawValue)
        let logger = database.logger
        try await database.transaction { connection in
            try await PostgresRelations.requireNew(PostgresPracticeStatementRow.self, statement.id.rawValue, "practice statement", on: connection, logger: logger)
            try await PostgresRelations.requirePlacement(statement.placement, of: statement.learner, on: connection, logger: logger)
            try await PostgresPracticeStatementRow.insert(statement, on: connection, logger: logger)
            _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger)
        }
    }

    public func statement(_ id: PracticeStatement.ID) async throws -> PracticeStatement? {
        let logger = database.logger
        return try await database.read { connection in try await PostgresPracticeStatementRow.fetchOne(id: id.rawValue, on: connection, logger: logger) }
    }

    public func statements(learner: Learner.ID) async throws -> [PracticeStatement] {
        let logger = database.logger
        return try await database.read { connection in
            try await PostgresPracticeStatementRow.fetchAll(where: "learner = $1", [learner.rawValue], orderBy: "period_start, id", on: connection, logger: logger)
        }
    }

    public func statements(placement: Placement.ID) async throws -> [PracticeStatement] {
        let logger = database.logger
        return try await database.read { connection in
            try await PostgresPracticeStatementRow.fetchAll(where: "placement = $1", [placement.rawValue], orderBy: "period_start, id", on: connection, logger: logger)
        }
    }

    public func statements(signedBy mentor: Mentor.ID) async throws -> [PracticeStatement] {
        let logger = database.logger
        return try await database.read { connection in
            try await PostgresPracticeStatementRow.fetchAll(where: """
                status = 'signed' AND id IN (SELECT practice_statement FROM signoff_request
                                             WHERE mentor = $1 AND status = 'signed' AND purpose = 'practiceStatement')
                """, [mentor.rawValue], orderBy: "period_start, id", on: connection, logger: logger)
        }
    }
}
