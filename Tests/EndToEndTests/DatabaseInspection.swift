import Foundation
import GRDB

/// Reads an Erkend database file directly, as SQLite sees it, to check what
/// the API cannot show: that SQLite finds the file sound, and that every record
/// and its audit entry were written together (none without the other).
struct DatabaseInspection {
    let queue: DatabaseQueue

    /// Opens the file as a crashed server left it; SQLite recovers the WAL here as it would on restart.
    init(_ path: String) throws {
        queue = try DatabaseQueue(path: path)
    }

    func close() throws { try queue.close() }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: empty when both find nothing.
    func soundnessProblems() throws -> [String] {
        try queue.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let dangling = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "dangling reference: \($0)" }
            return (integrity == ["ok"] ? [] : integrity) + dangling
        }
    }

    /// Records without their audit entry, audit entries without their record, and
    /// sign-off requests marked signed without the observation they produced.
    /// Empty when every change was written whole.
    func halfWritten() throws -> [String] {
        try queue.read { db in
            var problems: [String] = []
            func check(_ what: String, _ sql: String) throws {
                let ids = try String.fetchAll(db, sql: sql)
                if !ids.isEmpty { problems.append("\(what): \(ids.prefix(5).joined(separator: ", "))\(ids.count > 5 ? " (\(ids.count) in all)" : "")") }
            }
            try check("observations without an audit entry", """
                SELECT o.id FROM observation o WHERE NOT EXISTS (SELECT 1 FROM auditEntry a WHERE
                  (a.action = 'observation.recorded' AND json_extract(a.body, '$.target') = o.id)
                  OR (a.action = 'signoff.signed' AND json_extract(a.body, '$.details.observation') = o.id))
                """)
            try check("audit entries of observations that are not stored", """
                SELECT a.sequence FROM auditEntry a WHERE a.action = 'observation.recorded'
                  AND NOT EXISTS (SELECT 1 FROM observation o WHERE o.id = json_extract(a.body, '$.target'))
                """)
            try check("decisions without an audit entry", """
                SELECT d.id FROM entrustmentDecision d WHERE NOT EXISTS (SELECT 1 FROM auditEntry a
                  WHERE a.action = 'decision.recorded' AND json_extract(a.body, '$.target') = d.id)
                """)
            try check("audit entries of decisions that are not stored", """
                SELECT a.sequence FROM auditEntry a WHERE a.action = 'decision.recorded'
                  AND NOT EXISTS (SELECT 1 FROM entrustmentDecision d WHERE d.id = json_extract(a.body, '$.target'))
                """)
            try check("learners without an audit entry", """
                SELECT l.id FROM learner l WHERE NOT EXISTS (SELECT 1 FROM auditEntry a
                  WHERE a.action = 'learner.created' AND json_extract(a.body, '$.target') = l.id)
                """)
            try check("signed requests without their observation or audit entry", """
                SELECT r.id FROM signoffRequest r WHERE r.status = 'signed' AND (
                  NOT EXISTS (SELECT 1 FROM observation o WHERE o.id = r.resultingRecord)
                  OR (SELECT count(*) FROM auditEntry a WHERE a.action = 'signoff.signed' AND json_extract(a.body, '$.target') = r.id) <> 1)
                """)
            try check("sign-off audit entries of requests not marked signed", """
                SELECT a.sequence FROM auditEntry a WHERE a.action = 'signoff.signed' AND NOT EXISTS (
                  SELECT 1 FROM signoffRequest r WHERE r.id = json_extract(a.body, '$.target') AND r.status = 'signed'
                  AND r.resultingRecord = json_extract(a.body, '$.details.observation'))
                """)
            return problems
        }
    }

    /// The ids of the acknowledged writes that the database does not hold.
    func missing(_ acknowledged: [Acknowledged.Kind: [String]]) throws -> [String] {
        try queue.read { db in
            var missing: [String] = []
            for (kind, ids) in acknowledged {
                let sql = switch kind {
                case .learner: "SELECT count(*) FROM learner WHERE id = ?"
                case .observation: "SELECT count(*) FROM observation WHERE id = ?"
                case .decision: "SELECT count(*) FROM entrustmentDecision WHERE id = ?"
                case .signoff: "SELECT count(*) FROM signoffRequest WHERE id = ? AND status = 'signed'"
                }
                for id in ids where try Int.fetchOne(db, sql: sql, arguments: [id]) != 1 {
                    missing.append("\(kind.rawValue) \(id)")
                }
            }
            return missing
        }
    }

    /// How many of `ids` of `kind` the database holds.
    func present(_ kind: Acknowledged.Kind, _ ids: [String]) throws -> Int {
        try ids.count - missing([kind: ids]).count
    }

    func count(_ table: String) throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }
}
