public import ErkendCore
import Foundation
import GRDB

/// Learners' progression in SQLite: one repository per kind of record, the
/// progress read model and the bulk writer, all on one database.
public struct SQLiteProgressionStore: ProgressionStorage {
    let database: ErkendDatabase
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

    public init(database: ErkendDatabase) {
        self.database = database
        learners = SQLiteLearnerRepository(database: database)
        enrolments = SQLiteEnrolmentRepository(database: database)
        mentors = SQLiteMentorRepository(database: database)
        placements = SQLitePlacementRepository(database: database)
        observations = SQLiteObservationRepository(database: database)
        signoffs = SQLiteSignoffRepository(database: database)
        outbox = SQLiteMailOutbox(database: database)
        decisions = SQLiteDecisionRepository(database: database)
        results = SQLiteUnitResultRepository(database: database)
        statements = SQLitePracticeStatementRepository(database: database)
        recognition = SQLiteRecognitionRepository(database: database)
    }

    public func progressInputs(learner id: Learner.ID) async throws -> ProgressInputs? {
        // One read transaction: a snapshot, so a decision cannot appear without the observations it rests on.
        try await database.writer.read { db in
            guard let learner = try LearnerRow.fetchOne(db, id: id.rawValue) else { return nil }
            let arguments: StatementArguments = [id.rawValue]
            return ProgressInputs(
                learner: learner,
                enrolments: try EnrolmentRow.fetchAll(db, where: "learner = ?", arguments, orderBy: "startDate, id"),
                decisions: try DecisionRow.fetchAll(db, where: "learner = ?", arguments, orderBy: "decidedOn, id"),
                results: try UnitResultRow.fetchAll(db, where: "learner = ?", arguments, orderBy: "achievedOn, id"),
                observations: try ObservationRow.fetchAll(db, where: "learner = ?", arguments, orderBy: "date, id"))
        }
    }

    public func bulkInsert(_ batch: ProgressionBatch, audit: AuditRecord) async throws {
        var record = try audit.about(nil, target: audit.channel.id)
        record.details.merge(batch.counts) { _, count in count }
        let summary = record
        try await database.transaction { db in
            let json = ErkendJSON.encoder()
            try MentorRow.insertAll(batch.mentors, in: db, json: json)
            try LearnerRow.insertAll(batch.learners, in: db, json: json)
            try EnrolmentRow.insertAll(batch.enrolments, in: db, json: json)
            try PlacementRow.insertAll(batch.placements, in: db, json: json)
            var mentorLinks = try BulkInsert(db, sql: PlacementRow.mentorSQL)
            for placement in batch.placements {
                for (mentor, position) in PlacementRow.mentorLinks(of: placement) {
                    mentorLinks.bind(placement.id.rawValue)
                    mentorLinks.bind(mentor.rawValue)
                    mentorLinks.bind(Int64(position))
                    try mentorLinks.step(db)
                }
            }
            try ObservationRow.insertAll(batch.observations, in: db, json: json)
            try DecisionRow.insertAll(batch.decisions, in: db, json: json)
            var basis = try BulkInsert(db, sql: DecisionRow.basisSQL)
            for decision in batch.decisions {
                for observation in decision.basis {
                    basis.bind(decision.id.rawValue)
                    basis.bind(observation.rawValue)
                    try basis.step(db)
                }
            }
            try UnitResultRow.insertAll(batch.results, in: db, json: json)
            try AuditWriter.append(summary, in: db)
        }
    }
}
