public import ErkendCore
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// Recognition cases, the evidence they keep and their decisions, in PostgreSQL.
public struct PostgresRecognitionRepository: RecognitionRepository {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func create(_ recognitionCase: RecognitionCase, evidence: [EvidenceContent], audit: AuditRecord) async throws {
        guard recognitionCase.decision == nil else {
            throw ErkendError.invalid("decision", "a case is opened undecided; record the decision with decide")
        }
        try recognitionCase.validate()
        try EvidenceContent.check(evidence, of: recognitionCase)
        let audit = try audit.about(recognitionCase.learner, target: recognitionCase.id.rawValue)
        let logger = database.logger
        try await database.transaction { connection in
            try await PostgresRelations.requireNew(PostgresRecognitionCaseRow.self, recognitionCase.id.rawValue, "recognition case", on: connection, logger: logger)
            try await PostgresRelations.requireLearner(recognitionCase.learner, on: connection, logger: logger)
            if let enrolment = recognitionCase.enrolment {
                try await PostgresRelations.requireEnrolment(enrolment, of: recognitionCase.learner, on: connection, logger: logger)
            }
            for (index, item) in recognitionCase.evidence.enumerated() {
                guard case .practiceStatement(let id) = item.source else { continue }
                guard let statement = try await PostgresPracticeStatementRow.fetchOne(id: id.rawValue, on: connection, logger: logger),
                      statement.learner == recognitionCase.learner else {
                    throw ErkendError.invalid("evidence[\(index)].source", "practice statement \(id) is not a stored statement of learner \(recognitionCase.learner)")
                }
            }
            try await PostgresRecognitionCaseRow.insert(recognitionCase, on: connection, logger: logger)
            for content in evidence {
                if try await !connection.rows("SELECT 1 FROM evidence_content WHERE key = \(content.key)", logger: logger).isEmpty {
                    throw ErkendError(.conflict, "evidence key \(content.key) is taken; choose a new key for each piece of evidence")
                }
                try await connection.execute("""
                    INSERT INTO evidence_content (key, recognition_case, media_type, sha256, size, content)
                    VALUES (\(content.key), \(recognitionCase.id.rawValue), \(content.mediaType), \(PostgresText.sha256(content.bytes)),
                            \(Int32(content.bytes.count)), \(ByteBuffer(bytes: content.bytes)))
                    """, logger: logger)
            }
            _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger)
        }
    }

    @discardableResult
    public func decide(_ id: RecognitionCase.ID, _ decision: RecognitionDecision, resultingResults: [UnitResult], audit: AuditRecord) async throws -> RecognitionCase {
        let logger = database.logger
        return try await database.transaction { connection in
            guard var recognitionCase = try await PostgresRecognitionCaseRow.fetchOne(id: id.rawValue, on: connection, logger: logger) else {
                throw ErkendError.notFound("recognition case \(id)")
            }
            var record = try audit.about(recognitionCase.learner, target: id.rawValue)
            if let earlier = recognitionCase.decision {
                throw ErkendError(.conflict, "recognition case \(id) was decided already on \(earlier.decidedOn) (\(earlier.result.rawValue))")
            }
            recognitionCase.decision = decision
            try recognitionCase.validate()
            try recognitionCase.checkResults(resultingResults)
            guard try await PostgresRecognitionCaseRow.update(recognitionCase, on: connection, logger: logger, onlyIf: "result IS NULL") else {
                throw ErkendError(.conflict, "recognition case \(id) was decided meanwhile")
            }
            var awards: [String] = []
            for result in resultingResults {
                try await PostgresUnitResultRepository.store(result, on: connection, logger: logger)
                if let award = try await PostgresAwardRepository.awardResult(result, on: connection, logger: logger) { awards.append(award.rawValue) }
            }
            if !awards.isEmpty { record.details["awards"] = awards.joined(separator: ",") }
            if !resultingResults.isEmpty { try await PostgresAwardRepository.noteCompletions(of: recognitionCase.learner, in: &record, on: connection, logger: logger) }
            _ = try await PostgresAuditWriter.append(record, on: connection, logger: logger)
            return recognitionCase
        }
    }

    public func recognitionCase(_ id: RecognitionCase.ID) async throws -> RecognitionCase? {
        let logger = database.logger
        return try await database.read { connection in try await PostgresRecognitionCaseRow.fetchOne(id: id.rawValue, on: connection, logger: logger) }
    }

    public func cases(learner: Learner.ID) async throws -> [RecognitionCase] {
        let logger = database.logger
        return try await database.read { connection in
            try await PostgresRecognitionCaseRow.fetchAll(where: "learner = $1", [learner.rawValue], orderBy: "opened_on, id", on: connection, logger: logger)
        }
    }

    public func evidence(key: String) async throws -> StoredEvidence? {
        try await database.rows("SELECT * FROM evidence_content WHERE key = \(key)").first.map { row in
            var bytes = try row.value("content", as: ByteBuffer.self)
            return StoredEvidence(key: try row.value("key"), recognitionCase: RecognitionCase.ID(trusted: try row.value("recognition_case")),
                                  mediaType: try row.value("media_type"), sha256: try row.value("sha256"),
                                  bytes: Data(bytes.readBytes(length: bytes.readableBytes) ?? []))
        }
    }
}
