public import Foundation

/// One entry of the audit log: who did what to which record, when, and how.
///
/// An audit record holds identifiers and codes only — account, mentor and
/// learner ids, record ids, EPA codes, statuses — never names, e-mail
/// addresses, dates of birth, free-text feedback or reasons. The log is a hash
/// chain that can never be edited, so this is what lets a learner's personal
/// data be erased (AVG/GDPR) without touching the chain: the ids stay, the
/// person behind them is erased elsewhere.
///
/// `at` is kept to the second, as `ErkendJSON` writes dates.
public struct AuditRecord: Hashable, Sendable, Codable {
    public var at: Date
    public var actor: AuditActor
    /// The identifier of the person the actor acted for (a coach acting for a learner), if any.
    public var onBehalfOf: String?
    public var channel: AuditChannel
    /// What happened, as one of the names in `AuditAction` (`observation.recorded`).
    public var action: String
    /// The learner the change is about, if any; the log can be read per learner.
    public var subject: Learner.ID?
    /// The id of the record changed (the observation, the decision, the request).
    public var target: String
    /// More identifiers and codes (`epa`: `EPA-1@2`, `signoffRequest`: `SR-7`); no personal data.
    public var details: [String: String]

    /// Leave `subject` or `target` empty and the repository that appends the
    /// record fills in the learner and the id of the record it writes.
    public init(at: Date, actor: AuditActor, onBehalfOf: String? = nil, channel: AuditChannel, action: String,
                subject: Learner.ID? = nil, target: String = "", details: [String: String] = [:]) {
        self.at = at
        self.actor = actor
        self.onBehalfOf = onBehalfOf
        self.channel = channel
        self.action = action
        self.subject = subject
        self.target = target
        self.details = details
    }

    /// Checks that the record is complete enough to append: an action, a target,
    /// an actor and channel with ids.
    public func validate() throws {
        var problems: [ErkendError.Detail] = []
        if action.isBlank { problems.append(.init(location: "audit.action", message: "name the action, such as observation.recorded")) }
        if target.isBlank { problems.append(.init(location: "audit.target", message: "name the id of the record changed")) }
        if actor.id.isBlank { problems.append(.init(location: "audit.actor.id", message: "identify who acted")) }
        if channel.id.isBlank { problems.append(.init(location: "audit.channel.id", message: "identify the session, link or token used")) }
        guard problems.isEmpty else {
            throw ErkendError(.invalidInput, "The audit record is not complete", details: problems)
        }
    }

    /// The record as written for a change to `learner`'s record `target`: fills
    /// in an empty subject and target, and refuses a record that names another learner.
    public func about(_ learner: Learner.ID?, target: String) throws -> AuditRecord {
        var record = self
        if let learner {
            if let subject, subject != learner {
                throw ErkendError.invalid("audit.subject", "the audit record names learner \(subject), but the change is about learner \(learner)")
            }
            record.subject = learner
        }
        if record.target.isBlank { record.target = target }
        return record
    }

    /// Whether `secret` appears anywhere in the record; a sign-off token must never be logged.
    public func mentions(_ secret: String) -> Bool {
        guard !secret.isEmpty else { return false }
        let texts = [actor.id, onBehalfOf ?? "", channel.id, action, subject?.rawValue ?? "", target]
            + details.keys + details.values
        return texts.contains { $0.contains(secret) }
    }
}
