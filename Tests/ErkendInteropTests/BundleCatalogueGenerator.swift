import ErkendCore
import Foundation

/// Random but reproducible catalogues for round-trip tests: every field of the
/// model gets a value now and then, including texts YAML would misread if they
/// were written unquoted (`true`, `1.5`, `null`, `- x`, line breaks).
struct CatalogueGenerator {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15)
    }

    private mutating func next() -> UInt64 { random.next() }

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    private mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    private mutating func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }

    private static let awkward = [
        "true", "no", "null", "~", "1.5", "007", "2025-01-01", "- item", "key: value", "# not a comment",
        "'quoted'", "\"double\"", "Oriëntatie op ondernemerschap", "line one\nline two", "trailing space ",
        "ends with newline\n", "@at", "%percent", "&anchor", "*alias", "!tag", "{brace}", "[bracket]", "a: b: c",
    ]

    private mutating func text() -> String {
        chance(30) ? pick(Self.awkward) : "Tekst \(int(1...9999)) met woorden"
    }

    private mutating func localized() -> LocalizedText {
        var values: [String: String] = [:]
        if chance(80) { values["nl"] = text() }
        if chance(60) { values["en"] = text() }
        if chance(10) { values["de"] = text() }
        return LocalizedText(values)
    }

    /// Titles and statements are required: at least Dutch or English.
    private mutating func title() -> LocalizedText {
        var text = localized()
        if text["nl"] == nil && text["en"] == nil { text["nl"] = self.text() }
        return text
    }

    private mutating func code(_ prefix: String) -> String { "\(prefix)-\(int(1...40))" }

    private mutating func reference(_ prefix: String) -> EntityReference {
        EntityReference(code(prefix), version: chance(40) ? int(1...3) : nil)
    }

    private mutating func references(_ prefix: String) -> [EntityReference] {
        (0..<int(0...3)).map { _ in reference(prefix) }
    }

    private mutating func date() -> Date? {
        chance(50) ? Date(timeIntervalSince1970: TimeInterval(int(1_500_000_000...1_900_000_000))) : nil
    }

    private mutating func level() -> QualificationLevel {
        QualificationLevel(eqf: chance(70) ? int(1...8) : nil, nlqf: chance(70) ? int(1...8) : nil)
    }

    private mutating func alignments() -> [SkillAlignment] {
        (0..<int(0...3)).map { index in
            SkillAlignment(skill: ConceptURI(trusted: "http://data.europa.eu/esco/skill/generated-\(index)-\(int(1...99))"),
                           relation: pick(AlignmentRelation.allCases))
        }
    }

    private mutating func lifecycle(_ entity: inout some CatalogueEntity) {
        entity.version = int(1...3)
        entity.status = pick(LifecycleStatus.allCases)
        entity.publishedAt = date()
        entity.deprecatedAt = date()
        entity.replacedBy = chance(20) ? reference("R") : nil
    }

    mutating func outcome() -> AnyCatalogueEntity {
        var outcome = LearningOutcome(code: code("LU"), statement: title(), level: level(), alignments: alignments())
        lifecycle(&outcome)
        return .outcome(outcome)
    }

    mutating func unit() -> AnyCatalogueEntity {
        var unit = LearningUnit(
            code: code("U"), unitKind: pick(LearningUnit.UnitKind.allCases), title: title(), description: localized(),
            outcomes: references("LU"), workload: Workload(ects: chance(40) ? Double(int(1...120)) / 4 : nil, sbu: chance(50) ? int(1...2000) : nil),
            level: level(),
            assessment: Assessment(method: pick(Assessment.Method.allCases), description: localized(),
                                   supervision: chance(50) ? pick(Assessment.Supervision.allCases) : nil, grading: chance(50) ? text() : nil),
            participation: pick(LearningUnit.Participation.allCases), qualityAssurance: localized(),
            languages: chance(80) ? ["nl", "en"].filter { _ in chance(70) } : [], prerequisites: references("V"),
            stackability: pick(LearningUnit.StackabilityOption.allCases), stackableToward: references("P"),
            validityMonths: chance(30) ? int(1...600) : nil, skillHalfLifeYears: chance(30) ? Double(int(1...80)) / 8 : nil,
            furtherInformation: chance(30) ? "https://example.org/\(int(1...99))" : nil)
        lifecycle(&unit)
        return .unit(unit)
    }

    mutating func epa() -> AnyCatalogueEntity {
        let scale = chance(50) ? EntrustmentScale.standard : EntrustmentScale(
            id: "scale-\(int(1...9))", title: localized(),
            levels: [EntrustmentScale.Level(code: "1", supervision: 1, label: LocalizedText(nl: "Kijkt mee")),
                     EntrustmentScale.Level(code: "2a", supervision: 2, label: localized().isEmpty ? LocalizedText(en: "Together") : localized(), description: localized())])
        var epa = EPA(
            code: code("E"), title: title(), description: localized(), limitations: localized(), outcomes: references("LU"),
            skills: alignments(), assessmentSources: (0..<int(0...2)).map { _ in text() }, level: level(), scale: scale,
            decisionRule: DecisionRule(minimumObservations: int(1...10), minimumObservers: int(1...4), windowMonths: chance(70) ? int(1...24) : nil),
            skillHalfLifeYears: chance(30) ? 2.5 : nil)
        lifecycle(&epa)
        return .epa(epa)
    }

    mutating func programme() -> AnyCatalogueEntity {
        let phases = (0..<int(0...3)).map { index in
            Phase(code: "fase-\(index)", title: localized(), description: localized(), durationMonths: chance(60) ? int(1...24) : nil,
                  units: references("U"), epaTargets: (0..<int(0...2)).map { index in EPATarget(epa: EntityReference("E-\(index)"), level: pick(["1", "2", "3b", "4"])) })
        }
        let groups = (0..<int(0...2)).map { index in
            ChoiceGroup(code: "keuze-\(index)", title: localized(), choose: int(1...3), units: references("U"),
                        phase: chance(30) && !phases.isEmpty ? phases[0].code : nil)
        }
        var programme = Programme(
            code: code("P"), title: title(), description: localized(), sector: pick(Programme.Sector.allCases),
            crebo: chance(40) ? String(int(10000...99999)) : nil, croho: chance(20) ? String(int(10000...99999)) : nil,
            level: level(), phases: phases, choiceGroups: groups,
            minimumCredits: chance(40) ? Workload(ects: chance(50) ? 60 : nil, sbu: 1600) : nil)
        lifecycle(&programme)
        return .programme(programme)
    }

    /// Up to a dozen entities, one version per key.
    mutating func catalogue() -> [AnyCatalogueEntity] {
        var byKey: [VersionKey: AnyCatalogueEntity] = [:]
        for _ in 0..<int(1...12) {
            let entity = switch int(0...3) {
            case 0: outcome()
            case 1: unit()
            case 2: epa()
            default: programme()
            }
            byKey[entity.key] = entity
        }
        return Array(byKey.values)
    }
}
