import ErkendCore
import PropertyBased
import Testing

@Suite("Catalogue validation")
struct CatalogueValidationTests {
    private func validate(_ entities: [AnyCatalogueEntity]) -> ValidationReport {
        CatalogueValidator.validate(entities, knownSkills: PlantedCatalogue.knownSkills, obsoleteSkills: PlantedCatalogue.obsoleteSkills)
    }

    @Test func everyRuleHasAPlantedDefect() {
        let planted = Set(PlantedCatalogue.expected.map(\.0))

        #expect(planted == Set(ValidationRule.allCases))
    }

    @Test(arguments: PlantedCatalogue.expected.indices)
    func plantedDefectIsReportedOnItsEntity(index: Int) {
        let (rule, entity) = PlantedCatalogue.expected[index]

        let report = validate(PlantedCatalogue.all)

        let found = report.findings.filter { $0.rule == rule && $0.entity == entity }
        #expect(!found.isEmpty, "\(rule.rawValue) not reported on \(entity)")
        #expect(found.allSatisfy { $0.severity == rule.severity && !$0.message.isEmpty && !$0.fix.isEmpty })
    }

    @Test func soundEntitiesHaveNoFindings() {
        let report = validate(PlantedCatalogue.all)

        let sound = Set(PlantedCatalogue.sound.map(\.key))
        #expect(report.findings.filter { sound.contains($0.entity) }.isEmpty)
        #expect(validate(PlantedCatalogue.sound).findings.isEmpty)
    }

    @Test func danglingReferenceNamesTheMissingCodeAndTheMissingVersion() {
        let report = validate(PlantedCatalogue.all)

        let dangling = report.findings(for: VersionKey(.unit, "U-DANGLING", 1)).filter { $0.rule == .danglingReference }
        #expect(dangling.map(\.path) == ["outcomes[0]", "prerequisites[0]"])
        #expect(dangling[0].message.contains("O-MISSING"))
        #expect(dangling[1].message.contains("U-OK@7") && dangling[1].message.contains("version(s) 1"))
    }

    @Test func deprecatedReferenceNamesTheReplacement() {
        let report = validate(PlantedCatalogue.all)

        let finding = report.findings.first { $0.rule == .deprecatedReference }
        #expect(finding?.message.contains("replaced by learning outcome O-OK") == true)
        #expect(finding?.fix.contains("Refer to O-OK instead in a new version U-DEPREF@2") == true)
    }

    @Test func prerequisiteCycleNamesTheWholeCycle() {
        let report = validate(PlantedCatalogue.all)

        let cycles = report.findings.filter { $0.rule == .prerequisiteCycle }
        #expect(cycles.count == 1)
        #expect(cycles.first?.message.contains("U-CYCLE-A → U-CYCLE-B → U-CYCLE-C → U-CYCLE-A") == true)
    }

    @Test func creditsShortSaysByHowMuch() {
        let report = validate(PlantedCatalogue.all)

        let finding = report.findings.first { $0.rule == .creditsShort }
        #expect(finding?.message.contains("give 100 hours, short of the minimum of 500 hours by 400 hours") == true)
    }

    @Test func draftMayReferToDraftsButPublishedMayNot() {
        let draftUnit = PlantedCatalogue.unit("U-NEW", status: .draft, outcomes: [EntityReference("O-DRAFT")])

        let report = validate([PlantedCatalogue.outcome("O-DRAFT", status: .draft), draftUnit])

        #expect(report.findings.filter { $0.rule == .referenceToDraft }.isEmpty)
    }

    @Test func deprecatedVersionsAreOnlyCheckedForDanglingReferences() {
        let retired = PlantedCatalogue.unit("U-OLD", status: .deprecated, outcomes: [])

        let report = validate([retired])

        #expect(report.findings.isEmpty)
    }

    @Test func findingsComeOutInEntityThenPathOrder() {
        let report = validate(PlantedCatalogue.all)

        let order = report.findings.map { ($0.entity, $0.path) }
        #expect(zip(order, order.dropFirst()).allSatisfy { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 <= $1.1) })
    }

    @Test func reportDoesNotDependOnTheOrderOfTheInput() async {
        let expected = validate(PlantedCatalogue.all)

        await propertyCheck(input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var generator = SplitMix64(seed: UInt64(seed))
            let shuffled = PlantedCatalogue.all.shuffled(using: &generator)
            #expect(validate(shuffled) == expected)
        }
    }
}
