public import ErkendCore
import GRDB

/// Unit results in SQLite.
public struct SQLiteUnitResultRepository: UnitResultRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func record(_ result: UnitResult, audit: AuditRecord) async throws {
        guard result.basis == .completed else {
            throw ErkendError.invalid("basis", "a recognised result is recorded with the recognition decision that grants it")
        }
        let audit = try audit.about(result.learner, target: result.id.rawValue)
        try await database.transaction { db in
            try Self.store(result, in: db)
            var record = audit
            if let award = try SQLiteAwardRepository.awardResult(result, in: db) { record.details["award"] = award.rawValue }
            if result.outcome == .passed { try SQLiteAwardRepository.noteCompletions(of: result.learner, in: &record, db: db) }
            try AuditWriter.append(record, in: db)
        }
    }

    public func result(_ id: UnitResult.ID) async throws -> UnitResult? {
        try await database.writer.read { db in try UnitResultRow.fetchOne(db, id: id.rawValue) }
    }

    public func results(learner: Learner.ID) async throws -> [UnitResult] {
        try await database.writer.read { db in
            try UnitResultRow.fetchAll(db, where: "learner = ?", [learner.rawValue], orderBy: "achievedOn, id")
        }
    }

    /// Stores a result after checking what it hangs on; also used for the results of a recognition decision.
    static func store(_ result: UnitResult, in db: Database) throws {
        try StoredRelations.requireNew(UnitResultRow.self, result.id.rawValue, "result", in: db)
        try StoredRelations.requireLearner(result.learner, in: db)
        if let enrolment = result.enrolment {
            try StoredRelations.requireEnrolment(enrolment, of: result.learner, in: db)
        }
        try UnitResultRow.insert(result, in: db)
    }
}
