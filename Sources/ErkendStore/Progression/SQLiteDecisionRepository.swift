public import ErkendCore
import GRDB

/// Entrustment decisions in SQLite.
public struct SQLiteDecisionRepository: DecisionRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func record(_ decision: EntrustmentDecision, audit: AuditRecord) async throws {
        guard decision.withdrawal == nil else {
            throw ErkendError.invalid("withdrawal", "a new decision cannot be withdrawn already; withdraw it after recording")
        }
        let audit = try audit.about(decision.learner, target: decision.id.rawValue)
        try await database.transaction { db in
            try StoredRelations.requireNew(DecisionRow.self, decision.id.rawValue, "decision", in: db)
            try StoredRelations.requireEnrolment(decision.enrolment, of: decision.learner, in: db)
            try requireBasis(of: decision, in: db)
            try DecisionRow.insert(decision, in: db)
            try DecisionRow.writeBasis(of: decision, in: db)
            var record = audit
            record.details["award"] = try SQLiteAwardRepository.awardDecision(decision, in: db).rawValue
            try SQLiteAwardRepository.noteCompletions(of: decision.learner, in: &record, db: db)
            try AuditWriter.append(record, in: db)
        }
    }

    @discardableResult
    public func withdraw(_ id: EntrustmentDecision.ID, _ withdrawal: EntrustmentDecision.Withdrawal, audit: AuditRecord) async throws -> EntrustmentDecision {
        try await database.transaction { db in
            guard var decision = try DecisionRow.fetchOne(db, id: id.rawValue) else { throw ErkendError.notFound("decision \(id)") }
            var record = try audit.about(decision.learner, target: id.rawValue)
            if let earlier = decision.withdrawal {
                throw ErkendError(.conflict, "decision \(id) was withdrawn already on \(earlier.on)")
            }
            decision.withdrawal = withdrawal
            guard try DecisionRow.update(decision, in: db, onlyIf: "status = 'active'") else {
                throw ErkendError(.conflict, "decision \(id) was withdrawn meanwhile")
            }
            // The award the decision gave is revoked with it: its status flips in every status list.
            let revocation = Award.Revocation(on: record.at, by: record.actor.id, reason: "the entrustment decision was withdrawn")
            var revoked = try SQLiteAwardRepository.revokeAll(where: "source = ?", "decision:\(id)", revocation: revocation, in: db)
            revoked += try SQLiteAwardRepository.revokeLapsedCompletions(learner: decision.learner, revocation: revocation, in: db)
            if !revoked.isEmpty { record.details["revokedAwards"] = revoked.map(\.rawValue).joined(separator: ",") }
            try AuditWriter.append(record, in: db)
            return decision
        }
    }

    public func decision(_ id: EntrustmentDecision.ID) async throws -> EntrustmentDecision? {
        try await database.writer.read { db in try DecisionRow.fetchOne(db, id: id.rawValue) }
    }

    public func decisions(learner: Learner.ID) async throws -> [EntrustmentDecision] {
        try await database.writer.read { db in
            try DecisionRow.fetchAll(db, where: "learner = ?", [learner.rawValue], orderBy: "decidedOn, id")
        }
    }

    /// Every observation of the basis is stored and is this learner's.
    private func requireBasis(of decision: EntrustmentDecision, in db: Database) throws {
        for (index, id) in decision.basis.enumerated() {
            let learner = try String.fetchOne(db, sql: "SELECT learner FROM observation WHERE id = ?", arguments: [id.rawValue])
            guard learner == decision.learner.rawValue else {
                throw ErkendError.invalid("basis[\(index)]", "observation \(id) is not a stored observation of learner \(decision.learner)")
            }
        }
    }
}
