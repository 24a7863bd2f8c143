import ErkendCore
import Foundation
import GRDB

/// Observations in `observation`: the whole value in `body`; learner, EPA and
/// day beside it for the per-learner index.
enum ObservationRow: StoredRecord {
    static let table = "observation"
    static let columns = ["id", "learner", "enrolment", "placement", "epaCode", "epaVersion", "date", "observerKind", "observer", "body"]

    static func bind(_ observation: Observation, to statement: inout BulkInsert, json: JSONEncoder) throws {
        statement.bind(observation.id.rawValue)
        statement.bind(observation.learner.rawValue)
        statement.bind(observation.enrolment.rawValue)
        statement.bind(observation.placement?.rawValue)
        statement.bind(observation.epa.code)
        statement.bind(Int64(observation.epa.version))
        statement.bind(observation.date.description)
        statement.bind(observation.observer.kind.rawValue)
        statement.bind(observation.observer.id)
        statement.bind(try StoredText.json(observation, encoder: json))
    }

    static func value(from row: Row) throws -> Observation {
        try StoredText.decode(Observation.self, row["body"])
    }
}
