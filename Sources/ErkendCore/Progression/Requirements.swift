/// What a learner still needs: units, EPA levels, choices and credits. Empty
/// when nothing is missing. Lists keep the programme's order.
public struct Requirements: Hashable, Sendable, Codable {
    public var units: [EntityReference]
    public var epaLevels: [EPAGap]
    public var choices: [ChoiceGap]
    /// Only for the whole programme, when it sets `minimumCredits` and they are not reached.
    public var credits: CreditShortfall?

    public init(units: [EntityReference] = [], epaLevels: [EPAGap] = [], choices: [ChoiceGap] = [], credits: CreditShortfall? = nil) {
        self.units = units
        self.epaLevels = epaLevels
        self.choices = choices
        self.credits = credits
    }

    public var isEmpty: Bool { units.isEmpty && epaLevels.isEmpty && choices.isEmpty && credits == nil }
}

/// An EPA below its target level.
public struct EPAGap: Hashable, Sendable, Codable {
    /// The EPA as the programme names it.
    public var epa: EntityReference
    /// The highest active level, or `nil` when there is no active decision.
    public var currentLevel: String?
    public var targetLevel: String

    public init(epa: EntityReference, currentLevel: String?, targetLevel: String) {
        self.epa = epa
        self.currentLevel = currentLevel
        self.targetLevel = targetLevel
    }
}

/// A choice group with fewer units done than it asks to choose.
public struct ChoiceGap: Hashable, Sendable, Codable {
    public var group: String
    public var choose: Int
    /// The units of the group already done.
    public var chosen: [EntityReference]
    /// How many more to do.
    public var remaining: Int
    /// The units of the group not yet done, to choose from.
    public var options: [EntityReference]

    public init(group: String, choose: Int, chosen: [EntityReference], remaining: Int, options: [EntityReference]) {
        self.group = group
        self.choose = choose
        self.chosen = chosen
        self.remaining = remaining
        self.options = options
    }
}

/// Credits short of a programme's minimum, in the measure the programme sets
/// (SBU when it gives SBU, else ECTS).
public struct CreditShortfall: Hashable, Sendable, Codable {
    public var required: Workload
    public var achieved: Workload
    public var short: Workload

    public init(required: Workload, achieved: Workload, short: Workload) {
        self.required = required
        self.achieved = achieved
        self.short = short
    }
}
