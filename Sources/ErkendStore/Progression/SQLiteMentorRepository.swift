public import ErkendCore
import GRDB

/// Workplace mentors in SQLite.
public struct SQLiteMentorRepository: MentorRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func create(_ mentor: Mentor, audit: AuditRecord) async throws {
        let audit = try audit.about(nil, target: mentor.id.rawValue)
        try await database.transaction { db in
            try StoredRelations.requireNew(MentorRow.self, mentor.id.rawValue, "mentor", in: db)
            try MentorRow.insert(mentor, in: db)
            try AuditWriter.append(audit, in: db)
        }
    }

    public func mentor(_ id: Mentor.ID) async throws -> Mentor? {
        try await database.writer.read { db in try MentorRow.fetchOne(db, id: id.rawValue) }
    }

    public func mentors(learner: Learner.ID) async throws -> [Mentor] {
        try await database.writer.read { db in
            try MentorRow.fetchAll(db, where: """
                id IN (SELECT pm.mentor FROM placementMentor pm JOIN placement p ON p.id = pm.placement WHERE p.learner = ?)
                """, [learner.rawValue], orderBy: "name, id")
        }
    }
}
