import Foundation

extension LearnerFilter {
    /// Whether `learner`, with `enrolments`, passes the filter: the same rule the store's
    /// list applies, for lists built another way (a mentor's learners from their placements).
    public func matches(_ learner: Learner, enrolments: [Enrolment]) -> Bool {
        if let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let fields = [learner.name, learner.studentNumber ?? "", learner.email ?? ""]
            guard fields.contains(where: { $0.range(of: text, options: [.caseInsensitive]) != nil }) else { return false }
        }
        if let cohort, !enrolments.contains(where: { $0.cohort == cohort }) { return false }
        if let programmeCode, !enrolments.contains(where: { $0.programme.code == programmeCode }) { return false }
        return true
    }
}
