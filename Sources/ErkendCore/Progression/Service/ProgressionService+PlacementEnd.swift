public import Foundation

extension AuditAction {
    /// A placement given its end date: from the next day its mentors can no longer record for the learner.
    public static let placementEnded = "placement.ended"
}

extension ProgressionService {
    /// Ends a placement on `day` (its last day). From the next day its mentors can
    /// no longer record observations or sign for the learner (`MentorTenure`).
    public func endPlacement(_ learner: Learner.ID, _ id: Placement.ID, on day: Day, by principal: Principal) async throws -> Placement {
        guard var placement = try await storage.placements.placement(id), placement.learner == learner else {
            throw ErkendError.notFound("placement \(id) of learner \(learner)")
        }
        guard day >= placement.startDate else {
            throw ErkendError.invalid("endDate", "a placement cannot end (\(day)) before it starts (\(placement.startDate))")
        }
        placement.endDate = day
        try await storage.placements.update(placement, audit: audit(principal, AuditAction.placementEnded, subject: learner, target: id.rawValue,
                                                                    details: ["endDate": day.description]))
        return placement
    }

    /// Refuses a mentor whose placements with the learner have all ended by today.
    func requireCurrentMentor(_ mentor: Mentor.ID, of learner: Learner.ID) async throws {
        try MentorTenure.check(mentor, placements: try await storage.placements.placements(learner: learner), on: today)
    }
}
