import ErkendCore
import Foundation
import GRDB

/// Recognition cases in `recognitionCase` (whole value in `body`); the
/// evidence bytes they keep are in `evidenceContent`.
enum RecognitionCaseRow: StoredRecord {
    static let table = "recognitionCase"
    static let columns = ["id", "learner", "enrolment", "openedOn", "result", "decidedOn", "body"]

    static func bind(_ recognitionCase: RecognitionCase, to statement: inout BulkInsert, json: JSONEncoder) throws {
        statement.bind(recognitionCase.id.rawValue)
        statement.bind(recognitionCase.learner.rawValue)
        statement.bind(recognitionCase.enrolment?.rawValue)
        statement.bind(recognitionCase.openedOn.description)
        statement.bind(recognitionCase.decision?.result.rawValue)
        statement.bind(recognitionCase.decision?.decidedOn.description)
        statement.bind(try StoredText.json(recognitionCase, encoder: json))
    }

    static func value(from row: Row) throws -> RecognitionCase {
        try StoredText.decode(RecognitionCase.self, row["body"])
    }
}
