import ErkendCore
import Foundation
import GRDB

/// Placements in `placement` (the whole value in `body`), and who mentors
/// them in `placementMentor`, which mentors' access is decided on.
enum PlacementRow: StoredRecord {
    static let table = "placement"
    static let columns = ["id", "learner", "enrolment", "kind", "startDate", "endDate", "body"]
    static let mentorSQL = "INSERT INTO placementMentor (placement, mentor, position) VALUES (?, ?, ?)"

    static func bind(_ placement: Placement, to statement: inout BulkInsert, json: JSONEncoder) throws {
        statement.bind(placement.id.rawValue)
        statement.bind(placement.learner.rawValue)
        statement.bind(placement.enrolment.rawValue)
        statement.bind(placement.kind.rawValue)
        statement.bind(placement.startDate.description)
        statement.bind(placement.endDate?.description)
        statement.bind(try StoredText.json(placement, encoder: json))
    }

    static func value(from row: Row) throws -> Placement {
        try StoredText.decode(Placement.self, row["body"])
    }

    /// Writes the placement's mentor rows, replacing those it had.
    static func writeMentors(of placement: Placement, in db: Database) throws {
        try db.execute(sql: "DELETE FROM placementMentor WHERE placement = ?", arguments: [placement.id.rawValue])
        for (mentor, position) in mentorLinks(of: placement) {
            try db.cachedStatement(sql: mentorSQL).execute(arguments: [placement.id.rawValue, mentor.rawValue, position])
        }
    }

    /// Whether the mentor is named on any placement of the learner.
    static func isMentor(_ mentor: Mentor.ID, of learner: Learner.ID, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM placementMentor pm JOIN placement p ON p.id = pm.placement WHERE pm.mentor = ? AND p.learner = ?)
            """, arguments: [mentor.rawValue, learner.rawValue]) ?? false
    }

    /// The placement's mentors with their positions, each mentor once.
    static func mentorLinks(of placement: Placement) -> [(mentor: Mentor.ID, position: Int)] {
        var seen = Set<Mentor.ID>()
        return placement.mentors.enumerated().compactMap { seen.insert($1).inserted ? ($1, $0) : nil }
    }
}
