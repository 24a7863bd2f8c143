public import ErkendCore
import Foundation
import GRDB

/// Awards in SQLite (`award`): the whole value as JSON in `body`, with the
/// columns queries need beside it. Status changes rewrite `body` and append to
/// the audit log in the same transaction.
public struct SQLiteAwardRepository: AwardRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func create(_ award: Award, audit: AuditRecord) async throws {
        try award.validate()
        let audit = try audit.about(award.learner, target: award.id.rawValue)
        try await database.transaction { db in
            try StoredRelations.requireLearner(award.learner, in: db)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM award WHERE id = ?", arguments: [award.id.rawValue]) == true {
                throw ErkendError(.conflict, "award \(award.id) already exists")
            }
            if let existing = try String.fetchOne(
                db, sql: "SELECT id FROM award WHERE source = ? AND certifiedCode = ? AND certifiedVersion = ?",
                arguments: [award.source, award.certifies.code, award.certifies.version]) {
                throw ErkendError(.conflict, "\(award.source) already gave award \(existing) for \(award.certifies)")
            }
            try db.execute(
                sql: """
                    INSERT INTO award (id, learner, kind, certifiedCode, certifiedVersion, source, issuedOn, status, body)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [award.id.rawValue, award.learner.rawValue, award.kind.rawValue, award.certifies.code,
                            award.certifies.version, award.source, award.issuedOn.description, award.status.rawValue,
                            try StoredText.json(award)])
            try AuditWriter.append(audit, in: db)
        }
    }

    public func award(_ id: Award.ID) async throws -> Award? {
        try await database.writer.read { db in try Self.fetch(id, in: db) }
    }

    public func awards(learner: Learner.ID) async throws -> [Award] {
        try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM award WHERE learner = ? ORDER BY issuedOn, id", arguments: [learner.rawValue])
                .map { try StoredText.decode(Award.self, $0) }
        }
    }

    public func markCollected(_ id: Award.ID, audit: AuditRecord) async throws -> Award {
        try await change(id, audit: audit) { award in
            switch award.status {
            case .offered: award.status = .collected
            case .collected: break
            case .revoked: throw ErkendError(.conflict, "award \(id) was revoked and can no longer be collected")
            }
        }
    }

    public func revoke(_ id: Award.ID, _ revocation: Award.Revocation, audit: AuditRecord) async throws -> Award {
        guard !revocation.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ErkendError.invalid("reason", "say why the award is revoked")
        }
        return try await change(id, audit: audit) { award in
            guard award.status != .revoked else { throw ErkendError(.conflict, "award \(id) is already revoked") }
            award.status = .revoked
            award.revocation = revocation
        }
    }

    private func change(_ id: Award.ID, audit: AuditRecord, _ body: @escaping @Sendable (inout Award) throws -> Void) async throws -> Award {
        try await database.transaction { db in
            guard var award = try Self.fetch(id, in: db) else { throw ErkendError(.notFound, "no award \(id)") }
            let before = award
            try body(&award)
            if award != before {
                try db.execute(sql: "UPDATE award SET status = ?, body = ? WHERE id = ?",
                               arguments: [award.status.rawValue, try StoredText.json(award), id.rawValue])
                try AuditWriter.append(try audit.about(award.learner, target: id.rawValue), in: db)
            }
            return award
        }
    }

    private static func fetch(_ id: Award.ID, in db: Database) throws -> Award? {
        try String.fetchOne(db, sql: "SELECT body FROM award WHERE id = ?", arguments: [id.rawValue])
            .map { try StoredText.decode(Award.self, $0) }
    }
}
