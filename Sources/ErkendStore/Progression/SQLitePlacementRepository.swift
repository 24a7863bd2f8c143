public import ErkendCore
import GRDB

/// Placements and who mentors them, in SQLite.
public struct SQLitePlacementRepository: PlacementRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func create(_ placement: Placement, audit: AuditRecord) async throws {
        let audit = try audit.about(placement.learner, target: placement.id.rawValue)
        try await database.transaction { db in
            try StoredRelations.requireNew(PlacementRow.self, placement.id.rawValue, "placement", in: db)
            try checkRelations(of: placement, in: db)
            try PlacementRow.insert(placement, in: db)
            try PlacementRow.writeMentors(of: placement, in: db)
            try AuditWriter.append(audit, in: db)
        }
    }

    public func update(_ placement: Placement, audit: AuditRecord) async throws {
        let audit = try audit.about(placement.learner, target: placement.id.rawValue)
        try await database.transaction { db in
            let stored = try StoredRelations.requirePlacement(placement.id, of: placement.learner, in: db)
            guard stored.enrolment == placement.enrolment else {
                throw ErkendError.invalid("enrolment", "placement \(placement.id) belongs to enrolment \(stored.enrolment); it cannot move to another")
            }
            try checkRelations(of: placement, in: db)
            try PlacementRow.update(placement, in: db)
            try PlacementRow.writeMentors(of: placement, in: db)
            try AuditWriter.append(audit, in: db)
        }
    }

    public func placement(_ id: Placement.ID) async throws -> Placement? {
        try await database.writer.read { db in try PlacementRow.fetchOne(db, id: id.rawValue) }
    }

    public func placements(learner: Learner.ID) async throws -> [Placement] {
        try await database.writer.read { db in
            try PlacementRow.fetchAll(db, where: "learner = ?", [learner.rawValue], orderBy: "startDate, id")
        }
    }

    public func placements(ofMentor mentor: Mentor.ID) async throws -> [Placement] {
        try await database.writer.read { db in
            try PlacementRow.fetchAll(db, where: "id IN (SELECT placement FROM placementMentor WHERE mentor = ?)",
                                      [mentor.rawValue], orderBy: "startDate, id")
        }
    }

    public func learners(ofMentor mentor: Mentor.ID) async throws -> [Learner] {
        try await database.writer.read { db in
            try LearnerRow.fetchAll(db, where: """
                id IN (SELECT p.learner FROM placementMentor pm JOIN placement p ON p.id = pm.placement WHERE pm.mentor = ?)
                """, [mentor.rawValue], orderBy: "name, id")
        }
    }

    public func isMentor(_ mentor: Mentor.ID, of learner: Learner.ID) async throws -> Bool {
        try await database.writer.read { db in try PlacementRow.isMentor(mentor, of: learner, in: db) }
    }

    private func checkRelations(of placement: Placement, in db: Database) throws {
        try StoredRelations.requireEnrolment(placement.enrolment, of: placement.learner, in: db)
        for mentor in placement.mentors { try StoredRelations.requireMentor(mentor, in: db) }
    }
}
