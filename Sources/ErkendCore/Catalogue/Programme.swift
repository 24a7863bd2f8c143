public import Foundation

/// A programme (opleiding, leerroute): units and EPAs composed in phases toward
/// independent practice, with the rules that say what completes it.
public struct Programme: CatalogueEntity {
    public static let kind = CatalogueKind.programme

    public enum Sector: String, Sendable, Codable, CaseIterable {
        case mbo, hbo, wo, other
    }

    public var code: String
    public var version: Int
    public var status: LifecycleStatus
    public var title: LocalizedText
    public var description: LocalizedText
    public var sector: Sector
    /// The mbo qualification number (crebo), where known.
    public var crebo: String?
    /// The higher-education programme number (CROHO), where known.
    public var croho: String?
    public var level: QualificationLevel
    /// Phases in order, toward independent practice.
    public var phases: [Phase]
    /// Keuzedelen and other choices: choose N of the listed units.
    public var choiceGroups: [ChoiceGroup]
    /// The workload a learner must have completed in all, if the programme sets one.
    public var minimumCredits: Workload?
    public var publishedAt: Date?
    public var deprecatedAt: Date?
    public var replacedBy: EntityReference?

    public init(
        code: String, version: Int = 1, status: LifecycleStatus = .draft, title: LocalizedText,
        description: LocalizedText = LocalizedText(), sector: Sector = .mbo, crebo: String? = nil,
        croho: String? = nil, level: QualificationLevel = QualificationLevel(), phases: [Phase] = [],
        choiceGroups: [ChoiceGroup] = [], minimumCredits: Workload? = nil,
        publishedAt: Date? = nil, deprecatedAt: Date? = nil, replacedBy: EntityReference? = nil
    ) {
        self.code = code
        self.version = version
        self.status = status
        self.title = title
        self.description = description
        self.sector = sector
        self.crebo = crebo
        self.croho = croho
        self.level = level
        self.phases = phases
        self.choiceGroups = choiceGroups
        self.minimumCredits = minimumCredits
        self.publishedAt = publishedAt
        self.deprecatedAt = deprecatedAt
        self.replacedBy = replacedBy
    }

    public var displayTitle: String { title.best() ?? code }
    public var skillAlignments: [SkillAlignment] { [] }

    /// Every unit the programme names: required in a phase or offered in a choice group.
    public var allUnits: [EntityReference] {
        var seen = Set<EntityReference>()
        return (phases.flatMap(\.units) + choiceGroups.flatMap(\.units)).filter { seen.insert($0).inserted }
    }

    /// Every EPA the programme targets in some phase.
    public var allEPAs: [EntityReference] {
        var seen = Set<EntityReference>()
        return phases.flatMap { $0.epaTargets.map(\.epa) }.filter { seen.insert($0).inserted }
    }

    public var references: [CatalogueLink] {
        var links: [CatalogueLink] = []
        for (phaseIndex, phase) in phases.enumerated() {
            for (index, unit) in phase.units.enumerated() {
                links.append(CatalogueLink(kind: .unit, target: unit, role: .unit, path: "phases[\(phaseIndex)].units[\(index)]"))
            }
            for (index, target) in phase.epaTargets.enumerated() {
                links.append(CatalogueLink(kind: .epa, target: target.epa, role: .epa, path: "phases[\(phaseIndex)].epaTargets[\(index)].epa"))
            }
        }
        for (groupIndex, group) in choiceGroups.enumerated() {
            for (index, unit) in group.units.enumerated() {
                links.append(CatalogueLink(kind: .unit, target: unit, role: .choice, path: "choiceGroups[\(groupIndex)].units[\(index)]"))
            }
        }
        if let replacedBy { links.append(CatalogueLink(kind: .programme, target: replacedBy, role: .replacedBy, path: "replacedBy")) }
        return links
    }

    public func validateShape() throws {
        try CatalogueCode.validate(code)
        guard !title.isEmpty else { throw ErkendError.invalid("title", "a programme needs a title in Dutch or English") }
        try level.validate(at: "level")
        try minimumCredits?.validate(at: "minimumCredits")
        if let crebo, !(crebo.count == 5 && crebo.allSatisfy(\.isASCII) && crebo.allSatisfy(\.isNumber)) {
            throw ErkendError.invalid("crebo", "a crebo number has five digits, got '\(crebo)'")
        }
        if let croho, !(croho.count == 5 && croho.allSatisfy(\.isASCII) && croho.allSatisfy(\.isNumber)) {
            throw ErkendError.invalid("croho", "a CROHO number has five digits, got '\(croho)'")
        }
        var phaseCodes = Set<String>()
        for (index, phase) in phases.enumerated() {
            try CatalogueCode.validate(phase.code)
            guard phaseCodes.insert(phase.code).inserted else {
                throw ErkendError.invalid("phases[\(index)].code", "phase \(phase.code) appears twice")
            }
            if let months = phase.durationMonths, !(1...120).contains(months) {
                throw ErkendError.invalid("phases[\(index)].durationMonths", "must be 1 to 120, got \(months)")
            }
            var epas = Set<String>()
            for (targetIndex, target) in phase.epaTargets.enumerated() where !epas.insert(target.epa.code).inserted {
                throw ErkendError.invalid("phases[\(index)].epaTargets[\(targetIndex)]", "EPA \(target.epa.code) has two targets in phase \(phase.code)")
            }
        }
        var groupCodes = Set<String>()
        for (index, group) in choiceGroups.enumerated() {
            try CatalogueCode.validate(group.code)
            guard groupCodes.insert(group.code).inserted else {
                throw ErkendError.invalid("choiceGroups[\(index)].code", "choice group \(group.code) appears twice")
            }
            guard group.choose >= 1 else {
                throw ErkendError.invalid("choiceGroups[\(index)].choose", "must be 1 or more, got \(group.choose)")
            }
            if let phase = group.phase, !phaseCodes.contains(phase) {
                throw ErkendError.invalid("choiceGroups[\(index)].phase", "names phase \(phase), which the programme does not have")
            }
        }
    }
}

/// A stage toward independent practice (oriëntatie, verdieping, zelfstandig).
/// A learner completes it with all its units done and every EPA at its target level.
public struct Phase: Hashable, Sendable, Codable {
    public var code: String
    public var title: LocalizedText
    public var description: LocalizedText
    /// The expected length of the phase.
    public var durationMonths: Int?
    /// Units that belong to this phase, all required.
    public var units: [EntityReference]
    public var epaTargets: [EPATarget]

    public init(code: String, title: LocalizedText, description: LocalizedText = LocalizedText(), durationMonths: Int? = nil, units: [EntityReference] = [], epaTargets: [EPATarget] = []) {
        self.code = code
        self.title = title
        self.description = description
        self.durationMonths = durationMonths
        self.units = units
        self.epaTargets = epaTargets
    }
}

/// The entrustment level an EPA must reach by the end of a phase.
public struct EPATarget: Hashable, Sendable, Codable {
    public var epa: EntityReference
    /// A level code of the EPA's scale, e.g. `3` or `3b`.
    public var level: String

    public init(epa: EntityReference, level: String) {
        self.epa = epa
        self.level = level
    }
}

/// Choose `choose` of `units` (keuzedelen, electives).
public struct ChoiceGroup: Hashable, Sendable, Codable {
    public var code: String
    public var title: LocalizedText
    public var choose: Int
    public var units: [EntityReference]
    /// The phase the choice belongs to, if any.
    public var phase: String?

    public init(code: String, title: LocalizedText, choose: Int, units: [EntityReference], phase: String? = nil) {
        self.code = code
        self.title = title
        self.choose = choose
        self.units = units
        self.phase = phase
    }
}

extension Programme {
    /// Fields other than `code` and the main text may be left out; unknown fields are refused.
    public init(from decoder: any Decoder) throws {
        try StrictDecoding.rejectUnknownKeys(decoder, CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        version = try container.decodeIfPresent(Int.self, forKey: .version) ?? 1
        status = try container.decodeIfPresent(LifecycleStatus.self, forKey: .status) ?? .draft
        publishedAt = try container.decodeIfPresent(Date.self, forKey: .publishedAt)
        deprecatedAt = try container.decodeIfPresent(Date.self, forKey: .deprecatedAt)
        replacedBy = try container.decodeIfPresent(EntityReference.self, forKey: .replacedBy)
        title = try container.decode(LocalizedText.self, forKey: .title)
        description = try container.decodeIfPresent(LocalizedText.self, forKey: .description) ?? LocalizedText()
        sector = try container.decodeIfPresent(Sector.self, forKey: .sector) ?? .mbo
        crebo = try container.decodeIfPresent(String.self, forKey: .crebo)
        croho = try container.decodeIfPresent(String.self, forKey: .croho)
        level = try container.decodeIfPresent(QualificationLevel.self, forKey: .level) ?? QualificationLevel()
        phases = try container.decodeIfPresent([Phase].self, forKey: .phases) ?? []
        choiceGroups = try container.decodeIfPresent([ChoiceGroup].self, forKey: .choiceGroups) ?? []
        minimumCredits = try container.decodeIfPresent(Workload.self, forKey: .minimumCredits)
    }
}

extension Phase {
    public init(from decoder: any Decoder) throws {
        try StrictDecoding.rejectUnknownKeys(decoder, CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        title = try container.decodeIfPresent(LocalizedText.self, forKey: .title) ?? LocalizedText()
        description = try container.decodeIfPresent(LocalizedText.self, forKey: .description) ?? LocalizedText()
        durationMonths = try container.decodeIfPresent(Int.self, forKey: .durationMonths)
        units = try container.decodeIfPresent([EntityReference].self, forKey: .units) ?? []
        epaTargets = try container.decodeIfPresent([EPATarget].self, forKey: .epaTargets) ?? []
    }
}

extension EPATarget {
    public init(from decoder: any Decoder) throws {
        try StrictDecoding.rejectUnknownKeys(decoder, CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        epa = try container.decode(EntityReference.self, forKey: .epa)
        level = try container.decode(String.self, forKey: .level)
    }
}

extension ChoiceGroup {
    public init(from decoder: any Decoder) throws {
        try StrictDecoding.rejectUnknownKeys(decoder, CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        title = try container.decodeIfPresent(LocalizedText.self, forKey: .title) ?? LocalizedText()
        choose = try container.decode(Int.self, forKey: .choose)
        units = try container.decodeIfPresent([EntityReference].self, forKey: .units) ?? []
        phase = try container.decodeIfPresent(String.self, forKey: .phase)
    }
}
