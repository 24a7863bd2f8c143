/// A recognition case (EVC, vrijstelling): a learner's evidence, the units or
/// outcomes it is said to cover, and the assessor's decision. A recognised
/// unit becomes a `UnitResult` with basis `.recognised(case:)`.
public struct RecognitionCase: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<RecognitionCase>

    public var id: ID
    public var learner: Learner.ID
    /// The enrolment the recognition counts toward, if any.
    public var enrolment: Enrolment.ID?
    public var openedOn: Day
    public var evidence: [EvidenceItem]
    public var mappings: [RecognitionMapping]
    public var decision: RecognitionDecision?

    public init(id: ID, learner: Learner.ID, enrolment: Enrolment.ID? = nil, openedOn: Day, evidence: [EvidenceItem] = [],
                mappings: [RecognitionMapping] = [], decision: RecognitionDecision? = nil) {
        self.id = id
        self.learner = learner
        self.enrolment = enrolment
        self.openedOn = openedOn
        self.evidence = evidence
        self.mappings = mappings
        self.decision = decision
    }

    /// What the decision credits: every mapped target when full, the listed ones
    /// when partial, nothing when refused or not yet decided.
    public var recognisedTargets: [RecognitionTarget] {
        switch decision?.result {
        case .full: mappings.map(\.target).uniqued()
        case .partial: decision?.recognised.uniqued() ?? []
        case .refused?, nil: []
        }
    }

    /// The units credited as a whole, for which `UnitResult`s are written.
    public var recognisedUnits: [EntityReference] {
        recognisedTargets.compactMap { if case .unit(let reference) = $0 { reference } else { nil } }
    }

    /// Checks the case on its own: unique evidence ids, mappings that name
    /// evidence of this case, and a decision with an assessor, at least one
    /// reason, not before the case was opened, and for a partial decision a
    /// non-empty selection of mapped targets.
    public func validate() throws {
        var problems: [ErkendError.Detail] = []
        var ids = Set<EvidenceItem.ID>()
        for (index, item) in evidence.enumerated() where !ids.insert(item.id).inserted {
            problems.append(.init(location: "evidence[\(index)].id", message: "evidence \(item.id) appears twice"))
        }
        for (index, mapping) in mappings.enumerated() {
            if mapping.evidence.isEmpty {
                problems.append(.init(location: "mappings[\(index)].evidence", message: "name the evidence that covers \(mapping.target.reference)"))
            }
            for (itemIndex, item) in mapping.evidence.enumerated() where !ids.contains(item) {
                problems.append(.init(location: "mappings[\(index)].evidence[\(itemIndex)]", message: "evidence \(item) is not part of this case"))
            }
        }
        if let decision {
            let mapped = Set(mappings.map(\.target))
            if decision.assessor.isBlank {
                problems.append(.init(location: "decision.assessor", message: "name the assessor who decided"))
            }
            if decision.reasons.allSatisfy(\.isBlank) {
                problems.append(.init(location: "decision.reasons", message: "give at least one reason for the decision"))
            }
            if decision.decidedOn < openedOn {
                problems.append(.init(location: "decision.decidedOn", message: "decided on \(decision.decidedOn), before the case was opened on \(openedOn)"))
            }
            switch decision.result {
            case .partial:
                if decision.recognised.isEmpty {
                    problems.append(.init(location: "decision.recognised", message: "a partial decision lists the units or outcomes it recognises"))
                }
                for (index, target) in decision.recognised.enumerated() where !mapped.contains(target) {
                    problems.append(.init(location: "decision.recognised[\(index)]", message: "\(target.reference) is not one of the case's mappings"))
                }
            case .full, .refused:
                if !decision.recognised.isEmpty {
                    problems.append(.init(location: "decision.recognised", message: "only a partial decision lists what it recognises"))
                }
                if decision.result == .full && mappings.isEmpty {
                    problems.append(.init(location: "mappings", message: "a full recognition needs the units or outcomes it covers"))
                }
            }
        }
        guard problems.isEmpty else {
            throw ErkendError(.invalidInput, "The recognition case is not consistent", details: problems)
        }
    }
}
