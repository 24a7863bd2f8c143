import ErkendCore
import Foundation
import GRDB

/// Entrustment decisions in `entrustmentDecision` (whole value in `body`),
/// with the observations they rest on in `decisionBasis`.
enum DecisionRow: StoredRecord {
    static let table = "entrustmentDecision"
    static let columns = ["id", "learner", "enrolment", "epaCode", "epaVersion", "decidedOn", "status", "withdrawnOn", "body"]
    static let basisSQL = "INSERT INTO decisionBasis (decision, observation) VALUES (?, ?)"

    static func bind(_ decision: EntrustmentDecision, to statement: inout BulkInsert, json: JSONEncoder) throws {
        statement.bind(decision.id.rawValue)
        statement.bind(decision.learner.rawValue)
        statement.bind(decision.enrolment.rawValue)
        statement.bind(decision.epa.code)
        statement.bind(Int64(decision.epa.version))
        statement.bind(decision.decidedOn.description)
        statement.bind(decision.isWithdrawn ? "withdrawn" : "active")
        statement.bind(decision.withdrawal?.on.description)
        statement.bind(try StoredText.json(decision, encoder: json))
    }

    static func value(from row: Row) throws -> EntrustmentDecision {
        try StoredText.decode(EntrustmentDecision.self, row["body"])
    }

    /// Writes the decision's basis rows; each names a stored observation or the foreign key refuses it.
    static func writeBasis(of decision: EntrustmentDecision, in db: Database) throws {
        for observation in Set(decision.basis) {
            try db.cachedStatement(sql: basisSQL).execute(arguments: [decision.id.rawValue, observation.rawValue])
        }
    }
}
