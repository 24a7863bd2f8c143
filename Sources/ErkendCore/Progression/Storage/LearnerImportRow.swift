/// One row of a learner import: a learner, optionally with the enrolment and
/// placement on the same row and the mentors that placement names.
public struct LearnerImportRow: Hashable, Sendable {
    /// Where the row came from (a line of the CSV file), for error messages.
    public var line: Int
    public var learner: Learner
    public var enrolment: Enrolment?
    public var placement: Placement?
    /// Mentors to store before the placement; the placement may also name mentors stored earlier.
    public var mentors: [Mentor]

    public init(line: Int, learner: Learner, enrolment: Enrolment? = nil, placement: Placement? = nil, mentors: [Mentor] = []) {
        self.line = line
        self.learner = learner
        self.enrolment = enrolment
        self.placement = placement
        self.mentors = mentors
    }

    /// Checks the row on its own: a name, and an enrolment and placement that
    /// belong to the row's learner.
    public func validate() throws {
        let location = "line \(line)"
        var problems: [ErkendError.Detail] = []
        if learner.name.isBlank {
            problems.append(.init(location: location, message: "learner \(learner.id) has no name"))
        }
        if let enrolment, enrolment.learner != learner.id {
            problems.append(.init(location: location, message: "enrolment \(enrolment.id) is for learner \(enrolment.learner), not \(learner.id)"))
        }
        if let placement, placement.learner != learner.id {
            problems.append(.init(location: location, message: "placement \(placement.id) is for learner \(placement.learner), not \(learner.id)"))
        }
        guard problems.isEmpty else {
            throw ErkendError(.invalidInput, "The import was not stored: \(location) is not consistent", details: problems)
        }
    }
}

/// What an import wrote.
public struct LearnerImportSummary: Hashable, Sendable, Codable {
    public var learnersAdded = 0
    public var learnersUpdated = 0
    public var enrolments = 0
    public var placements = 0
    public var mentors = 0

    public init() {}

    /// The counts as audit details.
    public var counts: [String: String] {
        ["learnersAdded": String(learnersAdded), "learnersUpdated": String(learnersUpdated), "enrolments": String(enrolments),
         "placements": String(placements), "mentors": String(mentors)]
    }
}
