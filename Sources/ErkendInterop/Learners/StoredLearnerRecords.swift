public import ErkendCore

/// What storage already holds under the ids an import is about to write, so
/// that `LearnerCSV.merging(_:with:)` can keep what a file does not say.
public struct StoredLearnerRecords: Sendable {
    public var learners: [Learner.ID: Learner]
    public var enrolments: [Enrolment.ID: Enrolment]
    public var placements: [Placement.ID: Placement]
    public var mentors: [Mentor.ID: Mentor]

    public init(learners: [Learner.ID: Learner] = [:], enrolments: [Enrolment.ID: Enrolment] = [:],
                placements: [Placement.ID: Placement] = [:], mentors: [Mentor.ID: Mentor] = [:]) {
        self.learners = learners
        self.enrolments = enrolments
        self.placements = placements
        self.mentors = mentors
    }

    /// Looks up every learner, enrolment, placement and mentor the rows name, one read each.
    public static func load(for rows: [LearnerImportRow], from storage: any ProgressionStorage) async throws -> StoredLearnerRecords {
        var stored = StoredLearnerRecords()
        for row in rows {
            if let learner = try await storage.learners.learner(row.learner.id) {
                stored.learners[learner.id] = learner
            }
            if let id = row.enrolment?.id, let enrolment = try await storage.enrolments.enrolment(id) {
                stored.enrolments[id] = enrolment
            }
            if let id = row.placement?.id, let placement = try await storage.placements.placement(id) {
                stored.placements[id] = placement
            }
            for mentor in row.mentors where stored.mentors[mentor.id] == nil {
                if let found = try await storage.mentors.mentor(mentor.id) { stored.mentors[found.id] = found }
            }
        }
        return stored
    }
}
