public import ErkendCore
import Foundation
import GRDB

/// Recognition cases, the evidence they keep and their decisions, in SQLite.
public struct SQLiteRecognitionRepository: RecognitionRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func create(_ recognitionCase: RecognitionCase, evidence: [EvidenceContent], audit: AuditRecord) async throws {
        guard recognitionCase.decision == nil else {
            throw ErkendError.invalid("decision", "a case is opened undecided; record the decision with decide")
        }
        try recognitionCase.validate()
        try EvidenceContent.check(evidence, of: recognitionCase)
        let audit = try audit.about(recognitionCase.learner, target: recognitionCase.id.rawValue)
        try await database.transaction { db in
            try StoredRelations.requireNew(RecognitionCaseRow.self, recognitionCase.id.rawValue, "recognition case", in: db)
            try StoredRelations.requireLearner(recognitionCase.learner, in: db)
            if let enrolment = recognitionCase.enrolment {
                try StoredRelations.requireEnrolment(enrolment, of: recognitionCase.learner, in: db)
            }
            try Self.requireStatements(of: recognitionCase, in: db)
            try RecognitionCaseRow.insert(recognitionCase, in: db)
            for content in evidence {
                if try String.fetchOne(db, sql: "SELECT recognitionCase FROM evidenceContent WHERE key = ?", arguments: [content.key]) != nil {
                    throw ErkendError(.conflict, "evidence key \(content.key) is taken; choose a new key for each piece of evidence")
                }
                try db.execute(sql: """
                    INSERT INTO evidenceContent (key, recognitionCase, mediaType, sha256, size, content) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [content.key, recognitionCase.id.rawValue, content.mediaType, SHA256Hex.of(content.bytes),
                                     content.bytes.count, content.bytes])
            }
            try AuditWriter.append(audit, in: db)
        }
    }

    @discardableResult
    public func decide(_ id: RecognitionCase.ID, _ decision: RecognitionDecision, resultingResults: [UnitResult], audit: AuditRecord) async throws -> RecognitionCase {
        try await database.transaction { db in
            guard var recognitionCase = try RecognitionCaseRow.fetchOne(db, id: id.rawValue) else {
                throw ErkendError.notFound("recognition case \(id)")
            }
            var record = try audit.about(recognitionCase.learner, target: id.rawValue)
            if let earlier = recognitionCase.decision {
                throw ErkendError(.conflict, "recognition case \(id) was decided already on \(earlier.decidedOn) (\(earlier.result.rawValue))")
            }
            recognitionCase.decision = decision
            try recognitionCase.validate()
            try recognitionCase.checkResults(resultingResults)
            guard try RecognitionCaseRow.update(recognitionCase, in: db, onlyIf: "result IS NULL") else {
                throw ErkendError(.conflict, "recognition case \(id) was decided meanwhile")
            }
            var awards: [String] = []
            for result in resultingResults {
                try SQLiteUnitResultRepository.store(result, in: db)
                if let award = try SQLiteAwardRepository.awardResult(result, in: db) { awards.append(award.rawValue) }
            }
            if !awards.isEmpty { record.details["awards"] = awards.joined(separator: ",") }
            if !resultingResults.isEmpty { try SQLiteAwardRepository.noteCompletions(of: recognitionCase.learner, in: &record, db: db) }
            try AuditWriter.append(record, in: db)
            return recognitionCase
        }
    }

    public func recognitionCase(_ id: RecognitionCase.ID) async throws -> RecognitionCase? {
        try await database.writer.read { db in try RecognitionCaseRow.fetchOne(db, id: id.rawValue) }
    }

    public func cases(learner: Learner.ID) async throws -> [RecognitionCase] {
        try await database.writer.read { db in
            try RecognitionCaseRow.fetchAll(db, where: "learner = ?", [learner.rawValue], orderBy: "openedOn, id")
        }
    }

    public func evidence(key: String) async throws -> StoredEvidence? {
        try await database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM evidenceContent WHERE key = ?", arguments: [key]).map { row in
                StoredEvidence(key: row["key"], recognitionCase: RecognitionCase.ID(trusted: row["recognitionCase"]),
                               mediaType: row["mediaType"], sha256: row["sha256"], bytes: row["content"])
            }
        }
    }

    /// Every practice statement the case brings as evidence is stored, and is the learner's.
    private static func requireStatements(of recognitionCase: RecognitionCase, in db: Database) throws {
        for (index, item) in recognitionCase.evidence.enumerated() {
            guard case .practiceStatement(let id) = item.source else { continue }
            guard let statement = try PracticeStatementRow.fetchOne(db, id: id.rawValue), statement.learner == recognitionCase.learner else {
                throw ErkendError.invalid("evidence[\(index)].source", "practice statement \(id) is not a stored statement of learner \(recognitionCase.learner)")
            }
        }
    }
}
