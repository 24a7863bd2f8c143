import ErkendCore
import Foundation
import GRDB

/// Practice statements in `practiceStatement`: the whole value in `body`,
/// status and period beside it.
enum PracticeStatementRow: StoredRecord {
    static let table = "practiceStatement"
    static let columns = ["id", "learner", "placement", "status", "periodStart", "periodEnd", "body"]

    static func bind(_ statement: PracticeStatement, to insert: inout BulkInsert, json: JSONEncoder) throws {
        insert.bind(statement.id.rawValue)
        insert.bind(statement.learner.rawValue)
        insert.bind(statement.placement.rawValue)
        insert.bind(statement.status.rawValue)
        insert.bind(statement.periodStart.description)
        insert.bind(statement.periodEnd.description)
        insert.bind(try StoredText.json(statement, encoder: json))
    }

    static func value(from row: Row) throws -> PracticeStatement {
        try StoredText.decode(PracticeStatement.self, row["body"])
    }
}
