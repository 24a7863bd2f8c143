import ErkendCore
import Foundation
import GRDB

/// Sign-off requests in `signoffRequest`, every field a column, found by the
/// SHA-256 of their token.
enum SignoffRequestRow {
    static func tokenHash(_ token: String) -> String {
        SHA256Hex.of(token)
    }

    static func insert(_ request: SignoffRequest, tokenHash: String, in db: Database) throws {
        var epaCode: String?
        var epaVersion: Int?
        var statement: String?
        switch request.purpose {
        case .observation(let epa):
            epaCode = epa.code
            epaVersion = epa.version
        case .practiceStatement(let id):
            statement = id.rawValue
        }
        try db.execute(sql: """
            INSERT INTO signoffRequest (id, tokenHash, purpose, epaCode, epaVersion, practiceStatement, learner, mentor, requestedBy,
                                        createdAt, expiresAt, status, usedAt, resultingRecord, declineReason, onTheSpot)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                request.id.rawValue, tokenHash, statement == nil ? "observation" : "practiceStatement", epaCode, epaVersion, statement,
                request.learner.rawValue, request.mentor.rawValue, request.requestedBy, StoredText.instant(request.createdAt),
                StoredText.instant(request.expiresAt), request.status.rawValue, request.usedAt.map(StoredText.instant),
                request.resultingRecord, request.declineReason, request.onTheSpot ? 1 : 0,
            ])
    }

    /// The hash of a one-time code, salted with the request it belongs to.
    static func codeHash(_ code: String, request: SignoffRequest.ID) -> String {
        SHA256Hex.of("\(request.rawValue):\(code)")
    }

    static func fetchOne(_ db: Database, id: SignoffRequest.ID) throws -> SignoffRequest? {
        try Row.fetchOne(db, sql: "SELECT * FROM signoffRequest WHERE id = ?", arguments: [id.rawValue]).map(value(from:))
    }

    static func fetchOne(_ db: Database, tokenHash: String) throws -> SignoffRequest? {
        try Row.fetchOne(db, sql: "SELECT * FROM signoffRequest WHERE tokenHash = ?", arguments: [tokenHash]).map(value(from:))
    }

    static func value(from row: Row) throws -> SignoffRequest {
        let purpose: SignoffRequest.Purpose
        if let statement = row["practiceStatement"] as String? {
            purpose = .practiceStatement(PracticeStatement.ID(trusted: statement))
        } else {
            purpose = .observation(epa: ExactReference(row["epaCode"], version: row["epaVersion"]))
        }
        guard let status = SignoffRequest.Status(rawValue: row["status"]) else {
            throw ErkendError(.storage, "unknown sign-off status in the database: \(row["status"] as String? ?? "?")")
        }
        return SignoffRequest(
            id: SignoffRequest.ID(trusted: row["id"]), purpose: purpose, learner: Learner.ID(trusted: row["learner"]),
            mentor: Mentor.ID(trusted: row["mentor"]), requestedBy: row["requestedBy"],
            createdAt: try StoredText.instant(row["createdAt"]), expiresAt: try StoredText.instant(row["expiresAt"]),
            status: status, usedAt: try (row["usedAt"] as String?).map(StoredText.instant),
            resultingRecord: row["resultingRecord"], declineReason: row["declineReason"],
            onTheSpot: (row["onTheSpot"] as Int64? ?? 0) != 0, heldSince: try (row["heldAt"] as String?).map(StoredText.instant))
    }
}
