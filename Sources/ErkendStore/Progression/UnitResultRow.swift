import ErkendCore
import Foundation
import GRDB

/// Unit results in `unitResult`: the whole value in `body`, the basis and its
/// recognition case beside it so that a recognised result cannot lose its case.
enum UnitResultRow: StoredRecord {
    static let table = "unitResult"
    static let columns = ["id", "learner", "enrolment", "unitCode", "unitVersion", "outcome", "achievedOn", "basis", "recognitionCase", "body"]

    static func bind(_ result: UnitResult, to statement: inout BulkInsert, json: JSONEncoder) throws {
        statement.bind(result.id.rawValue)
        statement.bind(result.learner.rawValue)
        statement.bind(result.enrolment?.rawValue)
        statement.bind(result.unit.code)
        statement.bind(Int64(result.unit.version))
        statement.bind(result.outcome.rawValue)
        statement.bind(result.achievedOn.description)
        switch result.basis {
        case .completed:
            statement.bind("completed")
            statement.bind(nil as String?)
        case .recognised(let recognitionCase):
            statement.bind("recognised")
            statement.bind(recognitionCase.rawValue)
        }
        statement.bind(try StoredText.json(result, encoder: json))
    }

    static func value(from row: Row) throws -> UnitResult {
        try StoredText.decode(UnitResult.self, row["body"])
    }
}
