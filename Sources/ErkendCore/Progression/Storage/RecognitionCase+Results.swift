extension RecognitionCase {
    /// Checks the unit results a decided case writes: exactly one passed result
    /// per recognised unit (`recognisedUnits`), each for this case's learner
    /// and enrolment, with basis `.recognised(case: id)`; no result for
    /// anything else.
    public func checkResults(_ results: [UnitResult]) throws {
        var problems: [ErkendError.Detail] = []
        var remaining = recognisedUnits
        for (index, result) in results.enumerated() {
            let location = "resultingResults[\(index)]"
            if result.basis != .recognised(case: id) {
                problems.append(.init(location: "\(location).basis", message: "a result of recognition case \(id) has basis recognised by that case"))
            }
            if result.learner != learner {
                problems.append(.init(location: "\(location).learner", message: "the case is for learner \(learner), not \(result.learner)"))
            }
            if result.enrolment != enrolment {
                problems.append(.init(location: "\(location).enrolment", message: "the case counts toward enrolment \(enrolment?.rawValue ?? "none"), not \(result.enrolment?.rawValue ?? "none")"))
            }
            if result.outcome != .passed {
                problems.append(.init(location: "\(location).outcome", message: "a recognised unit is passed"))
            }
            if let match = remaining.firstIndex(where: { result.unit.satisfies($0) }) {
                remaining.remove(at: match)
            } else {
                problems.append(.init(location: "\(location).unit", message: "the decision does not recognise unit \(result.unit) (or names it once only)"))
            }
        }
        for unit in remaining {
            problems.append(.init(location: "resultingResults", message: "the decision recognises unit \(unit), but no result for it is given"))
        }
        guard problems.isEmpty else {
            throw ErkendError(.invalidInput, "The results do not match the recognition decision", details: problems)
        }
    }
}
