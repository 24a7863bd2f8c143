import ErkendCore
import GRDB

/// Writes the rows of a learner import inside one write transaction, adding
/// what is new and replacing what has the same id. The first bad row throws
/// an error naming its line, and the caller's transaction rolls everything back.
struct LearnerImportWriter {
    let db: Database

    func write(_ rows: [LearnerImportRow]) throws -> LearnerImportSummary {
        var summary = LearnerImportSummary()
        var added = Set<Learner.ID>(), updated = Set<Learner.ID>()
        var enrolments = Set<Enrolment.ID>(), placements = Set<Placement.ID>(), mentors = Set<Mentor.ID>()
        for row in rows {
            do {
                for mentor in row.mentors {
                    if !(try MentorRow.update(mentor, in: db)) { try MentorRow.insert(mentor, in: db) }
                    mentors.insert(mentor.id)
                }
                try LearnerRow.requireFreeStudentNumber(of: row.learner, in: db)
                if try LearnerRow.update(row.learner, in: db) {
                    if !added.contains(row.learner.id) { updated.insert(row.learner.id) }
                } else {
                    try LearnerRow.insert(row.learner, in: db)
                    added.insert(row.learner.id)
                }
                if let enrolment = row.enrolment {
                    try write(enrolment)
                    enrolments.insert(enrolment.id)
                }
                if let placement = row.placement {
                    try write(placement)
                    placements.insert(placement.id)
                }
            } catch {
                throw located(error, line: row.line)
            }
        }
        summary.learnersAdded = added.count
        summary.learnersUpdated = updated.count
        summary.enrolments = enrolments.count
        summary.placements = placements.count
        summary.mentors = mentors.count
        return summary
    }

    private func write(_ enrolment: Enrolment) throws {
        if let stored = try EnrolmentRow.fetchOne(db, id: enrolment.id.rawValue) {
            guard stored.learner == enrolment.learner else {
                throw ErkendError.invalid("enrolment", "enrolment \(enrolment.id) is learner \(stored.learner)'s already")
            }
            try EnrolmentRow.update(enrolment, in: db)
        } else {
            try EnrolmentRow.insert(enrolment, in: db)
        }
    }

    private func write(_ placement: Placement) throws {
        try StoredRelations.requireEnrolment(placement.enrolment, of: placement.learner, in: db)
        for mentor in placement.mentors { try StoredRelations.requireMentor(mentor, in: db) }
        if let stored = try PlacementRow.fetchOne(db, id: placement.id.rawValue) {
            guard stored.learner == placement.learner else {
                throw ErkendError.invalid("placement", "placement \(placement.id) is learner \(stored.learner)'s already")
            }
            try PlacementRow.update(placement, in: db)
        } else {
            try PlacementRow.insert(placement, in: db)
        }
        try PlacementRow.writeMentors(of: placement, in: db)
    }

    /// The error with the row's line in front, so whoever fixes the file knows where to look.
    private func located(_ error: any Error, line: Int) -> ErkendError {
        let location = "line \(line)"
        let problem: ErkendError
        switch error {
        case let error as ErkendError: problem = error
        case let error as DatabaseError: problem = ErkendError(.conflict, error.message ?? "the row conflicts with stored data", cause: error.description)
        default: problem = ErkendError(.storage, String(describing: error))
        }
        return ErkendError(problem.code, "The import was not stored: \(location): \(problem.message)",
                           details: [.init(location: location, message: problem.message)] + problem.details, cause: problem.cause)
    }
}
