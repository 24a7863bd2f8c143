/// A mentor's part in a learner's record ends with the placement: after the
/// placement's end date its mentor can no longer record observations or sign
/// for that learner. Pure: the day is passed in.
public enum MentorTenure {
    /// Whether `mentor` is on a placement of the learner that still runs on `day`
    /// (no end date, or ending on or after `day`).
    public static func isCurrent(_ mentor: Mentor.ID, placements: [Placement], on day: Day) -> Bool {
        placements.contains { $0.mentors.contains(mentor) && ($0.endDate.map { day <= $0 } ?? true) }
    }

    /// `.ruleViolation` saying when the placement ended, unless `isCurrent`.
    public static func check(_ mentor: Mentor.ID, placements: [Placement], on day: Day) throws {
        guard !isCurrent(mentor, placements: placements, on: day) else { return }
        let ended = placements.filter { $0.mentors.contains(mentor) }.compactMap(\.endDate).max()
        throw ErkendError(.ruleViolation, "The placement with this mentor ended\(ended.map { " on \($0)" } ?? ""); after a placement ends, its mentor can no longer record observations or sign for the learner")
    }
}

extension MentorTenure {
    /// The learners `mentor` is mentor of on `day`: those with a placement of
    /// theirs that has not ended. Access to a learner's record follows this set.
    public static func currentMentees(of mentor: Mentor.ID, placements: [Placement], on day: Day) -> Set<Learner.ID> {
        Set(placements.filter { isCurrent(mentor, placements: [$0], on: day) }.map(\.learner))
    }
}
