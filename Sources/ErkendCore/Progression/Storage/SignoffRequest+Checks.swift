public import Foundation

extension SignoffRequest {
    /// Whether the request can be used at `date`: `.conflict` when it was
    /// used already or has expired.
    public func checkUsable(at date: Date) throws {
        switch status(at: date) {
        case .open:
            return
        case .signed, .declined:
            throw ErkendError(.conflict, "This sign-off link was used already (\(status.rawValue)); ask for a new link if something is missing")
        case .expired:
            throw ErkendError(.conflict, "This sign-off link expired on \(expiresAt.formatted(.iso8601)); ask for a new link")
        case .withdrawn:
            throw ErkendError(.conflict, "This sign-off link was withdrawn because the learner's record was erased; there is nothing left to sign")
        }
    }

    /// Whether `observation` is what the request asked the mentor to sign: the
    /// request's learner and EPA version, observed by the request's mentor.
    public func check(_ observation: Observation) throws {
        var problems: [ErkendError.Detail] = []
        guard case .observation(let epa) = purpose else {
            throw ErkendError.invalid("purpose", "this link asks to sign a practice statement, not an observation")
        }
        if observation.learner != learner {
            problems.append(.init(location: "learner", message: "the link is for learner \(learner), not \(observation.learner)"))
        }
        if observation.epa != epa {
            problems.append(.init(location: "epa", message: "the link is for EPA \(epa), not \(observation.epa)"))
        }
        if observation.observer.mentorID != mentor {
            problems.append(.init(location: "observer", message: "the link is for mentor \(mentor); the observation names \(observation.observer.identity)"))
        }
        guard problems.isEmpty else {
            throw ErkendError(.invalidInput, "The observation does not match the sign-off link", details: problems)
        }
    }

    /// Whether `statement` is the signed form of the statement the request
    /// asked for: the same id and learner, status `.signed` and complete.
    public func check(signed statement: PracticeStatement) throws {
        guard case .practiceStatement(let id) = purpose else {
            throw ErkendError.invalid("purpose", "this link asks to sign an observation, not a practice statement")
        }
        var problems: [ErkendError.Detail] = []
        if statement.id != id {
            problems.append(.init(location: "id", message: "the link is for practice statement \(id), not \(statement.id)"))
        }
        if statement.learner != learner {
            problems.append(.init(location: "learner", message: "the link is for learner \(learner), not \(statement.learner)"))
        }
        if statement.status != .signed {
            problems.append(.init(location: "status", message: "a statement signed through the link has status signed, not \(statement.status.rawValue)"))
        }
        guard problems.isEmpty else {
            throw ErkendError(.invalidInput, "The practice statement does not match the sign-off link", details: problems)
        }
        try statement.validate()
    }
}
