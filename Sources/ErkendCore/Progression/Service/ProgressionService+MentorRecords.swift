/// What a workplace mentor recorded about one learner: the part of the record
/// that stays theirs to read after the placement ends.
public struct MentorRecords: Sendable, Encodable {
    public struct LearnerName: Sendable, Encodable {
        public var id: Learner.ID
        public var name: String
    }

    public var learner: LearnerName
    /// Whether a placement with this mentor still runs today; when it does not,
    /// this is all the mentor may read about the learner.
    public var placementCurrent: Bool
    /// The last day of the mentor's latest placement with the learner, when it has one.
    public var placementEnds: Day?
    /// Observations the mentor recorded themselves, newest first.
    public var observations: [Observation]
    /// Practice statements the mentor signed themselves, for this learner; a co-mentor's
    /// signature on the same placement is theirs to read, not this mentor's.
    public var statements: [PracticeStatement]
}

extension ProgressionService {
    /// Everything `mentor` recorded, per learner they were ever placed with, for
    /// current and ended placements alike. After a placement ends the mentor can
    /// no longer open the learner's record (`MentorTenure`), but can still see
    /// what they themselves wrote and signed.
    public func mentorRecords(mentor: Mentor.ID) async throws -> [MentorRecords] {
        let placements = try await storage.placements.placements(ofMentor: mentor)
        let signed = Dictionary(grouping: try await storage.statements.statements(signedBy: mentor), by: \.learner)
        let day = today
        var result: [MentorRecords] = []
        var seen: Set<Learner.ID> = []
        for learnerID in placements.map(\.learner) where seen.insert(learnerID).inserted {
            guard let learner = try await storage.learners.learner(learnerID) else { continue }
            let own = placements.filter { $0.learner == learnerID }
            let observations = try await storage.observations.observations(learner: learnerID, epa: nil)
                .filter { $0.observer.kind == .mentor && $0.observer.id == mentor.rawValue }
                .sorted { $0.date > $1.date }
            let statements = signed[learnerID] ?? []
            let ends = own.contains { $0.endDate == nil } ? nil : own.compactMap(\.endDate).max()
            result.append(MentorRecords(learner: .init(id: learner.id, name: learner.name),
                                        placementCurrent: MentorTenure.isCurrent(mentor, placements: own, on: day),
                                        placementEnds: ends, observations: observations, statements: statements))
        }
        return result.sorted { $0.learner.name < $1.learner.name }
    }
}
