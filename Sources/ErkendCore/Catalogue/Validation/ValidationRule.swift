/// The rules the catalogue validator checks. The raw value is the stable,
/// kebab-case code clients match on; never rename one, add new cases instead.
public enum ValidationRule: String, Sendable, Codable, CaseIterable {
    /// A reference names a code that does not exist, or a pinned version that does not exist.
    case danglingReference = "dangling-reference"
    /// A published entity refers to a draft, or to a code that has only drafts.
    case referenceToDraft = "reference-to-draft"
    /// A reference resolves to a deprecated version.
    case deprecatedReference = "deprecated-reference"
    /// Units are each other's prerequisites, directly or through others.
    case prerequisiteCycle = "prerequisite-cycle"
    /// A unit names no learning outcomes.
    case unitWithoutOutcomes = "unit-without-outcomes"
    /// A unit sits at a lower level than one of its outcomes.
    case unitBelowOutcomeLevel = "unit-below-outcome-level"
    /// A unit says it stacks toward a programme that does not include it.
    case stackableTowardMismatch = "stackable-toward-mismatch"
    /// A learning outcome is aligned to no skill.
    case outcomeWithoutSkill = "outcome-without-skill"
    /// An alignment names a skill the taxonomy does not have.
    case unknownSkill = "unknown-skill"
    /// An alignment names a skill the taxonomy marks obsolete.
    case obsoleteSkill = "obsolete-skill"
    /// A programme has no phases at all.
    case programmeWithoutPhases = "programme-without-phases"
    /// A phase has neither units nor EPA targets nor a choice group.
    case emptyPhase = "empty-phase"
    /// A choice group asks to choose more units than it offers.
    case choiceGroupUnsatisfiable = "choice-group-unsatisfiable"
    /// The required units and the smallest choices fall short of the programme's minimum credits.
    case creditsShort = "credits-short"
    /// The credits of a programme cannot be added up because units have no workload.
    case creditsUnknown = "credits-unknown"
    /// An EPA target names a level that is not on the EPA's scale.
    case epaTargetNotOnScale = "epa-target-not-on-scale"
    /// An EPA's target in a phase is lower than its target in an earlier phase.
    case epaTargetDecreases = "epa-target-decreases"
    /// An EPA's decision rule can never be met.
    case decisionRuleUnsatisfiable = "decision-rule-unsatisfiable"
    /// An EPA's decision rule looks back further than the phase in which a new level is first required.
    case decisionWindowExceedsPhase = "decision-window-exceeds-phase"

    /// How serious a finding of this rule is. Errors make the catalogue wrong
    /// (something cannot be resolved, completed or decided); warnings point at
    /// something a designer most likely wants to change.
    public var severity: ValidationFinding.Severity {
        switch self {
        case .danglingReference, .referenceToDraft, .prerequisiteCycle, .unknownSkill,
             .choiceGroupUnsatisfiable, .creditsShort, .epaTargetNotOnScale, .decisionRuleUnsatisfiable:
            .error
        case .deprecatedReference, .unitWithoutOutcomes, .unitBelowOutcomeLevel, .stackableTowardMismatch,
             .outcomeWithoutSkill, .obsoleteSkill, .programmeWithoutPhases, .emptyPhase, .creditsUnknown,
             .epaTargetDecreases, .decisionWindowExceedsPhase:
            .warning
        }
    }

    /// Rules about references resolving at all; an import refuses published entities that break them.
    public static let referenceIntegrity: Set<ValidationRule> = [.danglingReference, .referenceToDraft]
}
