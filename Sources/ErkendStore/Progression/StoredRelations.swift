import ErkendCore
import GRDB

/// Checks, inside a write, that the records a new record hangs on exist and
/// belong to the same learner — with messages that say which. The schema's
/// foreign keys refuse the same things, but only as "constraint failed".
enum StoredRelations {
    static func requireLearner(_ id: Learner.ID, in db: Database) throws {
        guard try LearnerRow.exists(db, id: id.rawValue) else { throw ErkendError.notFound("learner \(id)") }
    }

    static func requireMentor(_ id: Mentor.ID, in db: Database) throws {
        guard try MentorRow.exists(db, id: id.rawValue) else { throw ErkendError.notFound("mentor \(id)") }
    }

    @discardableResult
    static func requireEnrolment(_ id: Enrolment.ID, of learner: Learner.ID, in db: Database) throws -> Enrolment {
        guard let enrolment = try EnrolmentRow.fetchOne(db, id: id.rawValue) else { throw ErkendError.notFound("enrolment \(id)") }
        guard enrolment.learner == learner else {
            throw ErkendError.invalid("enrolment", "enrolment \(id) is learner \(enrolment.learner)'s, not learner \(learner)'s")
        }
        return enrolment
    }

    @discardableResult
    static func requirePlacement(_ id: Placement.ID, of learner: Learner.ID, in db: Database) throws -> Placement {
        guard let placement = try PlacementRow.fetchOne(db, id: id.rawValue) else { throw ErkendError.notFound("placement \(id)") }
        guard placement.learner == learner else {
            throw ErkendError.invalid("placement", "placement \(id) is learner \(placement.learner)'s, not learner \(learner)'s")
        }
        return placement
    }

    /// Refuses a new record whose id is taken, before the insert fails on it.
    static func requireNew<Record: StoredRecord>(_ record: Record.Type, _ id: String, _ what: String, in db: Database) throws {
        if try Record.exists(db, id: id) { throw ErkendError(.conflict, "\(what) \(id) already exists") }
    }
}
