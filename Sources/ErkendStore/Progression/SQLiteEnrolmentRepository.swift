public import ErkendCore
import GRDB

/// Enrolments in SQLite.
public struct SQLiteEnrolmentRepository: EnrolmentRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func create(_ enrolment: Enrolment, audit: AuditRecord) async throws {
        let audit = try audit.about(enrolment.learner, target: enrolment.id.rawValue)
        try await database.transaction { db in
            try StoredRelations.requireLearner(enrolment.learner, in: db)
            try StoredRelations.requireNew(EnrolmentRow.self, enrolment.id.rawValue, "enrolment", in: db)
            try EnrolmentRow.insert(enrolment, in: db)
            try AuditWriter.append(audit, in: db)
        }
    }

    public func update(_ enrolment: Enrolment, audit: AuditRecord) async throws {
        let audit = try audit.about(enrolment.learner, target: enrolment.id.rawValue)
        try await database.transaction { db in
            try StoredRelations.requireEnrolment(enrolment.id, of: enrolment.learner, in: db)
            try EnrolmentRow.update(enrolment, in: db)
            try AuditWriter.append(audit, in: db)
        }
    }

    public func enrolment(_ id: Enrolment.ID) async throws -> Enrolment? {
        try await database.writer.read { db in try EnrolmentRow.fetchOne(db, id: id.rawValue) }
    }

    public func enrolments(learner: Learner.ID) async throws -> [Enrolment] {
        try await database.writer.read { db in
            try EnrolmentRow.fetchAll(db, where: "learner = ?", [learner.rawValue], orderBy: "startDate, id")
        }
    }
}
