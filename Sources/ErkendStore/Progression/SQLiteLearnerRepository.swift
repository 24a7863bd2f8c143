public import ErkendCore
import Foundation
import GRDB

/// Learners and their personal data in SQLite.
public struct SQLiteLearnerRepository: LearnerRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func create(_ learner: Learner, audit: AuditRecord) async throws {
        let audit = try audit.about(learner.id, target: learner.id.rawValue)
        try await database.transaction { db in
            try StoredRelations.requireNew(LearnerRow.self, learner.id.rawValue, "learner", in: db)
            try LearnerRow.requireFreeStudentNumber(of: learner, in: db)
            try LearnerRow.insert(learner, in: db)
            try AuditWriter.append(audit, in: db)
        }
    }

    public func update(_ learner: Learner, audit: AuditRecord) async throws {
        let audit = try audit.about(learner.id, target: learner.id.rawValue)
        try await database.transaction { db in
            try LearnerRow.requireFreeStudentNumber(of: learner, in: db)
            guard try LearnerRow.update(learner, in: db) else { throw ErkendError.notFound("learner \(learner.id)") }
            try AuditWriter.append(audit, in: db)
        }
    }

    public func learner(_ id: Learner.ID) async throws -> Learner? {
        try await database.writer.read { db in try LearnerRow.fetchOne(db, id: id.rawValue) }
    }

    public func list(filter: LearnerFilter, page: PageRequest) async throws -> Page<Learner> {
        try await database.writer.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let text = filter.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_") + "%"
                conditions.append("(l.name LIKE ? ESCAPE '\\' OR l.studentNumber LIKE ? ESCAPE '\\' OR l.email LIKE ? ESCAPE '\\')")
                arguments += [pattern, pattern, pattern]
            }
            if let cohort = filter.cohort {
                conditions.append("EXISTS (SELECT 1 FROM enrolment e WHERE e.learner = l.id AND e.cohort = ?)")
                arguments += [cohort]
            }
            if let programme = filter.programmeCode {
                conditions.append("EXISTS (SELECT 1 FROM enrolment e WHERE e.learner = l.id AND e.programmeCode = ?)")
                arguments += [programme]
            }
            if filter.withActiveDecisions {
                conditions.append("EXISTS (SELECT 1 FROM entrustmentDecision d WHERE d.learner = l.id AND d.status = 'active')")
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM learner l \(whereClause)", arguments: arguments) ?? 0
            let learners = try Row.fetchAll(db, sql: "SELECT l.* FROM learner l \(whereClause) ORDER BY l.name, l.id LIMIT ? OFFSET ?",
                                            arguments: arguments + [page.size, page.offset]).map(LearnerRow.value(from:))
            return Page(items: learners, request: page, total: total)
        }
    }

    @discardableResult
    public func importLearners(_ rows: [LearnerImportRow], audit: AuditRecord) async throws -> LearnerImportSummary {
        for row in rows { try row.validate() }
        let audit = try audit.about(nil, target: audit.channel.id)
        return try await database.transaction { db in
            let summary = try LearnerImportWriter(db: db).write(rows)
            var record = audit
            record.details.merge(summary.counts) { _, count in count }
            try AuditWriter.append(record, in: db)
            return summary
        }
    }

    @discardableResult
    public func erase(_ id: Learner.ID, pseudonym: String, audit: AuditRecord) async throws -> Learner {
        guard !pseudonym.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ErkendError.invalid("pseudonym", "give the name to show instead, such as 'Learner \(id)'")
        }
        let audit = try audit.about(id, target: id.rawValue)
        return try await database.transaction { db in
            let erased = Learner(id: id, name: pseudonym)
            guard try LearnerRow.update(erased, in: db) else { throw ErkendError.notFound("learner \(id)") }
            try AuditWriter.append(audit, in: db)
            return erased
        }
    }
}
