import ErkendCore
import Foundation
import GRDB

/// Enrolments in `enrolment`, every field a column.
enum EnrolmentRow: StoredRecord {
    static let table = "enrolment"
    static let columns = ["id", "learner", "programmeCode", "programmeVersion", "startDate", "cohort", "status", "endDate"]

    static func bind(_ enrolment: Enrolment, to statement: inout BulkInsert, json: JSONEncoder) {
        statement.bind(enrolment.id.rawValue)
        statement.bind(enrolment.learner.rawValue)
        statement.bind(enrolment.programme.code)
        statement.bind(Int64(enrolment.programme.version))
        statement.bind(enrolment.startDate.description)
        statement.bind(enrolment.cohort)
        statement.bind(enrolment.status.rawValue)
        statement.bind(enrolment.endDate?.description)
    }

    static func value(from row: Row) throws -> Enrolment {
        guard let status = Enrolment.Status(rawValue: row["status"]) else {
            throw ErkendError(.storage, "unknown enrolment status in the database: \(row["status"] as String? ?? "?")")
        }
        return Enrolment(id: Enrolment.ID(trusted: row["id"]), learner: Learner.ID(trusted: row["learner"]),
                         programme: ExactReference(row["programmeCode"], version: row["programmeVersion"]),
                         startDate: try StoredText.day(row["startDate"]), cohort: row["cohort"], status: status,
                         endDate: try (row["endDate"] as String?).map(StoredText.day))
    }
}
