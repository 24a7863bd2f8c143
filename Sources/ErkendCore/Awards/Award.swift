public import Foundation

/// The internal record that a learner achieved something. One award, many
/// renderings: an Open Badges 3.0 credential, a VC-JWT, an SD-JWT VC are all
/// functions of an award (plus keys and a clock).
///
/// An award names the exact catalogue version it certifies, carries the
/// lawful basis of its kind (shown in the learner's privacy export), and only
/// holds the evidence the learner allowed to go in.
public struct Award: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<Award>

    /// What happened that gives the award.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A learning unit was passed (completed and assessed).
        case unitPassed = "unit-passed"
        /// A unit was credited on prior or workplace learning (EVC, vrijstelling).
        case recognitionGranted = "recognition-granted"
        /// A committee entrusted the learner with an EPA at a level (bekwaamverklaring).
        case entrustmentDecision = "entrustment-decision"
        /// A phase of a programme was completed.
        case phaseCompleted = "phase-completed"
        /// A whole programme was completed.
        case programmeCompleted = "programme-completed"

        /// The catalogue kind the award certifies.
        public var certifiedKind: CatalogueKind {
            switch self {
            case .unitPassed, .recognitionGranted: .unit
            case .entrustmentDecision: .epa
            case .phaseCompleted, .programmeCompleted: .programme
            }
        }

        /// The ground of the AVG/GDPR on which the award is kept: results,
        /// decisions and completions are examination records the law asks
        /// for; a recognition is decided at the learner's request.
        public var lawfulBasis: LawfulBasis {
            switch self {
            case .unitPassed, .entrustmentDecision, .phaseCompleted, .programmeCompleted: .legalObligation
            case .recognitionGranted: .consent
            }
        }

        /// What the award is for, in the words of the privacy export.
        public var purpose: String {
            switch self {
            case .unitPassed: "Let the learner prove a passed unit, in a wallet, to anyone."
            case .recognitionGranted: "Let the learner prove a unit credited on prior learning (EVC)."
            case .entrustmentDecision: "Let the learner prove the committee's entrustment decision (bekwaamverklaring)."
            case .phaseCompleted: "Let the learner prove a completed phase of the programme."
            case .programmeCompleted: "Let the learner prove the completed programme."
            }
        }
    }

    /// Where the award stands. Awards are offered, never pushed: the learner collects them.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case offered, collected, revoked
    }

    /// A piece of evidence the learner agreed to show with the award.
    public struct Evidence: Hashable, Sendable, Codable {
        /// A stable URL or URN of the evidence.
        public var id: String
        public var name: String
        public var narrative: String?
        public init(id: String, name: String, narrative: String? = nil) {
            self.id = id
            self.name = name
            self.narrative = narrative
        }
    }

    /// The entrustment part of an award of kind `entrustmentDecision`.
    public struct Entrustment: Hashable, Sendable, Codable {
        /// A level code of the EPA's scale (`3`, `3b`).
        public var level: String
        /// Where the entrustment applies, in words.
        public var scope: String?
        /// The committee that decided.
        public var committee: String
        /// The decision basis in summary: how many observations, whether the rule was met.
        public var basisSummary: String
        public init(level: String, scope: String? = nil, committee: String, basisSummary: String) {
            self.level = level
            self.scope = scope
            self.committee = committee
            self.basisSummary = basisSummary
        }
    }

    /// Why and when an award was revoked.
    public struct Revocation: Hashable, Sendable, Codable {
        public var on: Date
        public var by: String
        public var reason: String
        public init(on: Date, by: String, reason: String) {
            self.on = on
            self.by = by
            self.reason = reason
        }
    }

    public var id: ID
    public var kind: Kind
    public var learner: Learner.ID
    /// The exact catalogue version the award certifies (a unit, an EPA, a programme).
    public var certifies: ExactReference
    /// The phase, for `phaseCompleted`.
    public var phase: String?
    public var issuedOn: Day
    /// The first day the award no longer holds; `nil` when it does not expire.
    public var validUntil: Day?
    /// The grade as the unit's grading scheme writes it, where there is one.
    public var grade: String?
    public var entrustment: Entrustment?
    /// The record the award was made from: a unit result, decision or recognition case id.
    public var source: String
    /// Only what the learner allowed.
    public var evidence: [Evidence]
    public var status: Status
    public var revocation: Revocation?
    /// Where the award's status is published: the entry of a status list (both the
    /// W3C Bitstring list and the IETF Token list of that number use the same index).
    /// Allocated at random when the award is stored; `nil` before that.
    public var statusEntry: StatusEntry?

    /// One entry of a status list: list `list` (1, 2, …), bit `index`.
    public struct StatusEntry: Hashable, Sendable, Codable {
        public var list: Int
        public var index: Int
        public init(list: Int, index: Int) {
            self.list = list
            self.index = index
        }
    }

    public init(id: ID, kind: Kind, learner: Learner.ID, certifies: ExactReference, phase: String? = nil,
                issuedOn: Day, validUntil: Day? = nil, grade: String? = nil, entrustment: Entrustment? = nil,
                source: String, evidence: [Evidence] = [], status: Status = .offered, revocation: Revocation? = nil,
                statusEntry: StatusEntry? = nil) {
        self.id = id
        self.kind = kind
        self.learner = learner
        self.certifies = certifies
        self.phase = phase
        self.issuedOn = issuedOn
        self.validUntil = validUntil
        self.grade = grade
        self.entrustment = entrustment
        self.source = source
        self.evidence = evidence
        self.status = status
        self.revocation = revocation
        self.statusEntry = statusEntry
    }

    public var lawfulBasis: LawfulBasis { kind.lawfulBasis }

    /// Checks the rules an award must keep on its own.
    public func validate() throws {
        if kind == .entrustmentDecision, entrustment == nil {
            throw ErkendError.invalid("entrustment", "an award for an entrustment decision needs the level and the committee")
        }
        if kind != .entrustmentDecision, entrustment != nil {
            throw ErkendError.invalid("entrustment", "only an award for an entrustment decision has an entrustment level")
        }
        if kind == .phaseCompleted, (phase ?? "").isEmpty {
            throw ErkendError.invalid("phase", "an award for a completed phase names the phase")
        }
        if let validUntil, validUntil <= issuedOn {
            throw ErkendError.invalid("validUntil", "must be after the day the award is issued (\(issuedOn))")
        }
        if status == .revoked, revocation == nil {
            throw ErkendError.invalid("revocation", "a revoked award says why, when and by whom")
        }
        var seen = Set<String>()
        for (index, item) in evidence.enumerated() {
            guard seen.insert(item.id).inserted else {
                throw ErkendError.invalid("evidence[\(index)].id", "evidence \(item.id) appears twice")
            }
            guard item.id.contains(":") else {
                throw ErkendError.invalid("evidence[\(index)].id", "evidence is named by a URL or URN, got '\(item.id.prefix(40))'")
            }
        }
    }
}

extension Award {
    /// The learner collected the award: offered becomes collected; collecting again changes
    /// nothing; a revoked award is a `.conflict`. The one rule every backend applies.
    public mutating func markCollected() throws {
        switch status {
        case .offered: status = .collected
        case .collected: break
        case .revoked: throw ErkendError(.conflict, "award \(id) was revoked and can no longer be collected")
        }
    }

    /// A revocation must say why.
    public static func checkRevocation(_ revocation: Award.Revocation) throws {
        guard !revocation.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ErkendError.invalid("reason", "say why the award is revoked")
        }
    }

    /// Revokes the award with its reason; a revocation without a reason is `.invalidInput`,
    /// revoking twice a `.conflict`.
    public mutating func revoke(_ revocation: Award.Revocation) throws {
        try Award.checkRevocation(revocation)
        guard status != .revoked else { throw ErkendError(.conflict, "award \(id) is already revoked") }
        status = .revoked
        self.revocation = revocation
    }
}
