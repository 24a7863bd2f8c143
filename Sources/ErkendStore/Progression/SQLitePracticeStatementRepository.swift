public import ErkendCore
import GRDB

/// Practice statements in SQLite.
public struct SQLitePracticeStatementRepository: PracticeStatementRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func create(_ statement: PracticeStatement, audit: AuditRecord) async throws {
        guard statement.status == .requested else {
            throw ErkendError.invalid("status", "a practice statement is created as requested; the mentor signs or declines it through a sign-off link")
        }
        try statement.validate()
        let audit = try audit.about(statement.learner, target: statement.id.rawValue)
        try await database.transaction { db in
            try StoredRelations.requireNew(PracticeStatementRow.self, statement.id.rawValue, "practice statement", in: db)
            try StoredRelations.requirePlacement(statement.placement, of: statement.learner, in: db)
            try PracticeStatementRow.insert(statement, in: db)
            try AuditWriter.append(audit, in: db)
        }
    }

    public func statement(_ id: PracticeStatement.ID) async throws -> PracticeStatement? {
        try await database.writer.read { db in try PracticeStatementRow.fetchOne(db, id: id.rawValue) }
    }

    public func statements(learner: Learner.ID) async throws -> [PracticeStatement] {
        try await database.writer.read { db in
            try PracticeStatementRow.fetchAll(db, where: "learner = ?", [learner.rawValue], orderBy: "periodStart, id")
        }
    }

    public func statements(placement: Placement.ID) async throws -> [PracticeStatement] {
        try await database.writer.read { db in
            try PracticeStatementRow.fetchAll(db, where: "placement = ?", [placement.rawValue], orderBy: "periodStart, id")
        }
    }

    public func statements(signedBy mentor: Mentor.ID) async throws -> [PracticeStatement] {
        try await database.writer.read { db in
            try PracticeStatementRow.fetchAll(db, where: """
                status = 'signed' AND id IN (SELECT practiceStatement FROM signoffRequest
                                             WHERE mentor = ? AND status = 'signed' AND purpose = 'practiceStatement')
                """, [mentor.rawValue], orderBy: "periodStart, id")
        }
    }
}
