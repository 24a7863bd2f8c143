/// Whether an observation may be recorded. Refuses, naming every problem at once:
///
/// - `.invalidInput` — the observation names another EPA version than the one
///   given, another learner or enrolment than the enrolment's, a level not on
///   the EPA's scale, or a day after `today`;
/// - `.ruleViolation` — the day lies before the enrolment started or after it
///   ended, the enrolment is for another programme than the one given, or the
///   EPA is not one the programme targets (by code, any version).
///
/// When both kinds of problem occur the error is `.invalidInput`: the input is
/// fixed first. Each problem is a detail whose location names the field.
public enum ObservationValidation {
    public static func validate(_ observation: Observation, epa: EPA, enrolment: Enrolment, programme: Programme, today: Day) throws {
        var input: [ErkendError.Detail] = []
        var rules: [ErkendError.Detail] = []

        if !observation.epa.identifies(epa) {
            input.append(.init(location: "epa", message: "the observation names EPA \(observation.epa), but EPA \(epa.code)@\(epa.version) was given to check it against"))
        }
        if observation.learner != enrolment.learner {
            input.append(.init(location: "learner", message: "learner \(observation.learner) is not the learner of enrolment \(enrolment.id)"))
        }
        if observation.enrolment != enrolment.id {
            input.append(.init(location: "enrolment", message: "the observation names enrolment \(observation.enrolment), not \(enrolment.id)"))
        }
        if epa.scale.position(of: observation.level) == nil {
            input.append(ErkendError.levelNotOnScale(observation.level, epa: epa, at: "level").details[0])
        }
        if observation.date > today {
            input.append(.init(location: "date", message: "\(observation.date) is in the future; record an observation on or after the day it happened (today is \(today))"))
        }
        if observation.observer.name.isBlank || observation.observer.id.isBlank {
            input.append(.init(location: "observer", message: "name the observer and give their id"))
        }

        if !enrolment.programme.identifies(programme) {
            rules.append(.init(location: "enrolment", message: "enrolment \(enrolment.id) is for programme \(enrolment.programme), not \(programme.code)@\(programme.version)"))
        }
        if observation.date < enrolment.startDate {
            rules.append(.init(location: "date", message: "\(observation.date) is before the enrolment started on \(enrolment.startDate)"))
        }
        if let end = enrolment.endDate, observation.date > end {
            rules.append(.init(location: "date", message: "\(observation.date) is after the enrolment ended on \(end)"))
        }
        if !programme.allEPAs.contains(where: { $0.code == observation.epa.code }) {
            let targeted = programme.allEPAs.map(\.code).joined(separator: ", ")
            rules.append(.init(location: "epa", message: "EPA \(observation.epa.code) is not part of programme \(programme.code)@\(programme.version)"
                               + (targeted.isEmpty ? ", which targets no EPAs" : "; it targets \(targeted)")))
        }

        if !input.isEmpty {
            throw ErkendError(.invalidInput, "The observation cannot be recorded: \(input.map(\.message).joined(separator: "; "))", details: input + rules)
        }
        if !rules.isEmpty {
            throw ErkendError(.ruleViolation, "The observation cannot be recorded: \(rules.map(\.message).joined(separator: "; "))", details: rules)
        }
    }
}
