import ErkendCore
import Foundation
import GRDB

/// Learners in `learner`: personal data in columns of its own, so that
/// erasing it is an update of those columns and nothing else.
enum LearnerRow: StoredRecord {
    static let table = "learner"
    static let columns = ["id", "name", "studentNumber", "email", "dateOfBirth"]

    static func bind(_ learner: Learner, to statement: inout BulkInsert, json: JSONEncoder) {
        statement.bind(learner.id.rawValue)
        statement.bind(learner.name)
        statement.bind(learner.studentNumber)
        statement.bind(learner.email)
        statement.bind(learner.dateOfBirth?.description)
    }

    static func value(from row: Row) throws -> Learner {
        Learner(id: Learner.ID(trusted: row["id"]), name: row["name"], studentNumber: row["studentNumber"], email: row["email"],
                dateOfBirth: try (row["dateOfBirth"] as String?).map(StoredText.day))
    }

    /// A student number is the institution's key for a person: two learners cannot share one.
    static func requireFreeStudentNumber(of learner: Learner, in db: Database) throws {
        guard let number = learner.studentNumber else { return }
        if let other = try String.fetchOne(db, sql: "SELECT id FROM learner WHERE studentNumber = ? AND id <> ?",
                                           arguments: [number, learner.id.rawValue]) {
            throw ErkendError(.conflict, "student number \(number) is learner \(other)'s already")
        }
    }
}
