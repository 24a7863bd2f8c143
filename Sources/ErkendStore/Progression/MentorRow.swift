import ErkendCore
import Foundation
import GRDB

/// Mentors in `mentor`, personal data in columns as for learners.
enum MentorRow: StoredRecord {
    static let table = "mentor"
    static let columns = ["id", "name", "organisation", "email", "phone"]

    static func bind(_ mentor: Mentor, to statement: inout BulkInsert, json: JSONEncoder) {
        statement.bind(mentor.id.rawValue)
        statement.bind(mentor.name)
        statement.bind(mentor.organisation)
        statement.bind(mentor.email)
        statement.bind(mentor.phone)
    }

    static func value(from row: Row) throws -> Mentor {
        Mentor(id: Mentor.ID(trusted: row["id"]), name: row["name"], organisation: row["organisation"], email: row["email"], phone: row["phone"])
    }
}
