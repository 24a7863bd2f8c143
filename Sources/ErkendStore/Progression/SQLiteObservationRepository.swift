public import ErkendCore
import GRDB

/// Observations in SQLite.
public struct SQLiteObservationRepository: ObservationRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func record(_ observation: Observation, audit: AuditRecord) async throws {
        let audit = try audit.about(observation.learner, target: observation.id.rawValue)
        // Observations arrive many at a time from many mentors: they share transactions.
        try await StoreErrors.translate {
            try await database.groupCommit.write { db in
                try Self.store(observation, in: db)
                try AuditWriter.append(audit, in: db)
            }
        }
    }

    public func observation(_ id: Observation.ID) async throws -> Observation? {
        try await database.writer.read { db in try ObservationRow.fetchOne(db, id: id.rawValue) }
    }

    public func observations(learner: Learner.ID, epa code: String?) async throws -> [Observation] {
        try await database.writer.read { db in
            if let code {
                try ObservationRow.fetchAll(db, where: "learner = ? AND epaCode = ?", [learner.rawValue, code], orderBy: "date, id")
            } else {
                try ObservationRow.fetchAll(db, where: "learner = ?", [learner.rawValue], orderBy: "date, id")
            }
        }
    }

    /// Stores an observation after checking what it hangs on; also used when a mentor signs one through a link.
    static func store(_ observation: Observation, in db: Database) throws {
        try StoredRelations.requireNew(ObservationRow.self, observation.id.rawValue, "observation", in: db)
        try StoredRelations.requireEnrolment(observation.enrolment, of: observation.learner, in: db)
        if let placement = observation.placement {
            try StoredRelations.requirePlacement(placement, of: observation.learner, in: db)
        }
        try ObservationRow.insert(observation, in: db)
    }
}
