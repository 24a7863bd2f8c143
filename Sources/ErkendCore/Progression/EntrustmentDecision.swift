public import Foundation

/// A summative decision by a committee (bekwaamverklaring, STAR): the learner
/// is entrusted with an EPA at a level, within a scope, until a day.
/// Decisions are never deleted; a mistaken or outdated one is withdrawn.
public struct EntrustmentDecision: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<EntrustmentDecision>

    /// Why, when and by whom a decision was taken back.
    public struct Withdrawal: Hashable, Sendable, Codable {
        /// The first day the decision no longer holds.
        public var on: Day
        public var by: String
        public var reason: String

        public init(on: Day, by: String, reason: String) {
            self.on = on
            self.by = by
            self.reason = reason
        }
    }

    public var id: ID
    public var learner: Learner.ID
    public var enrolment: Enrolment.ID
    public var epa: ExactReference
    /// A level code of the EPA's scale.
    public var level: String
    public var decidedOn: Day
    /// The committee that decided, such as the examencommissie or a CCC.
    public var committee: String
    public var deciders: [String]
    /// The observations the committee based its decision on.
    public var basis: [Observation.ID]
    /// Where the entrustment applies, in words (a department, a patient group, a kind of system).
    public var scope: String?
    /// The last day the decision holds; `nil` means it does not expire.
    public var validUntil: Day?
    /// Whether the EPA's decision rule was met by `basis`, as `DecisionValidation` found.
    public var ruleMet: Bool
    /// Why the committee decided although the rule was not met. Required when `ruleMet` is false.
    public var overrideReason: String?
    public var withdrawal: Withdrawal?
    public var recordedAt: Date

    public init(id: ID, learner: Learner.ID, enrolment: Enrolment.ID, epa: ExactReference, level: String, decidedOn: Day,
                committee: String, deciders: [String], basis: [Observation.ID] = [], scope: String? = nil,
                validUntil: Day? = nil, ruleMet: Bool = false, overrideReason: String? = nil,
                withdrawal: Withdrawal? = nil, recordedAt: Date) {
        self.id = id
        self.learner = learner
        self.enrolment = enrolment
        self.epa = epa
        self.level = level
        self.decidedOn = decidedOn
        self.committee = committee
        self.deciders = deciders
        self.basis = basis
        self.scope = scope
        self.validUntil = validUntil
        self.ruleMet = ruleMet
        self.overrideReason = overrideReason
        self.withdrawal = withdrawal
        self.recordedAt = recordedAt
    }

    /// Whether the decision holds on `day`: taken on or before it, not withdrawn
    /// on or before it, and `validUntil` (inclusive) not passed.
    public func isActive(on day: Day) -> Bool {
        guard decidedOn <= day else { return false }
        if let withdrawal, withdrawal.on <= day { return false }
        if let validUntil, validUntil < day { return false }
        return true
    }

    public var isWithdrawn: Bool { withdrawal != nil }
}
