import ErkendCore
import Foundation
import PropertyBased
import Testing

@Suite("Catalogue import plan")
struct CatalogueImportPlanTests {
    private typealias Fixture = PlantedCatalogue

    private static let published = Date(timeIntervalSince1970: 1_754_006_400)

    private func outcome(_ code: String, version: Int = 1, status: LifecycleStatus = .published, statement: String = "Kan iets.") -> AnyCatalogueEntity {
        .outcome(LearningOutcome(code: code, version: version, status: status, statement: LocalizedText(nl: statement),
                                 alignments: [SkillAlignment(skill: Fixture.skill)],
                                 publishedAt: status == .draft ? nil : Self.published))
    }

    private func kinds(_ changes: [CatalogueChange]) -> [String] {
        changes.map { change in
            switch change {
            case .insert(let entity): "insert \(entity.key)"
            case .replace(let entity, let expecting): "replace \(entity.key) expecting \(expecting.rawValue)"
            case .deleteDraft(let key): "delete \(key)"
            case .describe(let description): "describe \(description.name)"
            case .audit(let record): "audit \(record.action)"
            }
        }
    }

    @Test func newVersionsAreInsertedAndCounted() throws {
        let incoming = [outcome("LU-1"), Fixture.unit("U-1", outcomes: [EntityReference("LU-1")])]

        let plan = try CatalogueImportPlan.make(incoming: incoming, existing: [])

        #expect(kinds(plan.changes) == ["insert outcome LU-1@1", "insert unit U-1@1"])
        #expect(plan.summary.outcomes.added == 1 && plan.summary.units.added == 1 && plan.summary.total.added == 2)
    }

    @Test func storedDraftIsReplacedWhenItDiffersAndLeftWhenIdentical() throws {
        let stored = [outcome("LU-1", status: .draft), outcome("LU-2", status: .draft)]
        let incoming = [outcome("LU-1", status: .draft, statement: "Kan meer."), outcome("LU-2", status: .draft)]

        let plan = try CatalogueImportPlan.make(incoming: incoming, existing: stored)

        #expect(kinds(plan.changes) == ["replace outcome LU-1@1 expecting draft"])
        #expect(plan.summary.outcomes == CatalogueImportSummary.Counts(added: 0, updated: 1, unchanged: 1))
    }

    @Test func identicalPublishedVersionIsUnchanged() throws {
        let stored = [outcome("LU-1")]

        let plan = try CatalogueImportPlan.make(incoming: stored, existing: stored)

        #expect(plan.changes.isEmpty)
        #expect(plan.summary.outcomes.unchanged == 1)
    }

    @Test func changedPublishedVersionIsRefusedWithTheNextVersionNumber() throws {
        let stored = [outcome("LU-1")]
        let incoming = [outcome("LU-1", statement: "Kan iets anders.")]

        let error = try #require(throws: ErkendError.self) { try CatalogueImportPlan.make(incoming: incoming, existing: stored) }

        #expect(error.code == .conflict)
        #expect(error.details.first?.location == "outcome LU-1@1")
        #expect(error.details.first?.message.contains("published and never changes, but the import differs in statement") == true)
        #expect(error.details.first?.message.contains("add version 2") == true)
    }

    @Test func publishedVersionMayBeDeprecatedInTheFile() throws {
        let stored = [outcome("LU-1"), outcome("LU-1", version: 2)]
        let deprecated = outcome("LU-1").withLifecycle {
            $0.status = .deprecated
            $0.deprecatedAt = Self.published.addingTimeInterval(86_400)
            $0.replacedBy = EntityReference("LU-1", version: 2)
        }

        let plan = try CatalogueImportPlan.make(incoming: [deprecated], existing: stored)

        #expect(kinds(plan.changes) == ["replace outcome LU-1@1 expecting published"])
        if case .replace(let entity, _) = plan.changes.first {
            #expect(entity.entity.publishedAt == Self.published)
            #expect(entity.entity.replacedBy == EntityReference("LU-1", version: 2))
        }
    }

    @Test func publishedVersionCannotGoBackToDraft() throws {
        let error = try #require(throws: ErkendError.self) {
            try CatalogueImportPlan.make(incoming: [outcome("LU-1", status: .draft)], existing: [outcome("LU-1")])
        }

        #expect(error.details.first?.message.contains("cannot go back to draft") == true)
    }

    @Test func publishedVersionWithDanglingReferenceIsRefused() throws {
        let unit = Fixture.unit("U-1", outcomes: [EntityReference("LU-NOWHERE")])

        let error = try #require(throws: ErkendError.self) { try CatalogueImportPlan.make(incoming: [unit], existing: []) }

        #expect(error.code == .ruleViolation)
        #expect(error.details.first?.location == "unit U-1@1 outcomes[0]")
        #expect(error.details.first?.message.contains("LU-NOWHERE") == true)
    }

    @Test func publishedVersionMayReferToWhatIsAlreadyStored() throws {
        let unit = Fixture.unit("U-1", outcomes: [EntityReference("LU-1")])

        let plan = try CatalogueImportPlan.make(incoming: [unit], existing: [outcome("LU-1")])

        #expect(kinds(plan.changes) == ["insert unit U-1@1"])
    }

    @Test func draftWithDanglingReferenceIsImportedAndReported() throws {
        let draft = Fixture.unit("U-1", status: .draft, outcomes: [EntityReference("LU-LATER")])

        let plan = try CatalogueImportPlan.make(incoming: [draft], existing: [])

        #expect(kinds(plan.changes) == ["insert unit U-1@1"])
        #expect(plan.report.findings.contains { $0.rule == .danglingReference && $0.entity == VersionKey(.unit, "U-1", 1) })
    }

    @Test func secondDraftOfACodeIsRefused() throws {
        let error = try #require(throws: ErkendError.self) {
            try CatalogueImportPlan.make(incoming: [outcome("LU-1", version: 3, status: .draft)], existing: [outcome("LU-1", version: 2, status: .draft)])
        }

        #expect(error.details.first?.message.contains("at most one draft") == true)
    }

    @Test func invalidShapeIsRefusedBeforeAnythingElse() throws {
        let bad = AnyCatalogueEntity.outcome(LearningOutcome(code: "LU-1", statement: LocalizedText(nl: "Te hoog."), level: QualificationLevel(eqf: 9)))

        let error = try #require(throws: ErkendError.self) { try CatalogueImportPlan.make(incoming: [bad], existing: []) }

        #expect(error.code == .invalidInput)
        #expect(error.details == [ErkendError.Detail(location: "outcome LU-1@1 level.eqf", message: "EQF level must be 1 to 8, got 9")])
    }

    @Test func reimportingWhatIsStoredChangesNothing() async {
        let catalogue = PlantedCatalogue.sound + [outcome("LU-1"), outcome("LU-2", status: .draft)]

        await propertyCheck(input: Gen.int(in: 1...((1 << catalogue.count) - 1))) { mask in
            let incoming = catalogue.indices.filter { mask & (1 << $0) != 0 }.map { catalogue[$0] }
            let plan = try CatalogueImportPlan.make(incoming: incoming, existing: catalogue)
            #expect(plan.changes.isEmpty)
            #expect(plan.summary.total.unchanged == incoming.count)
        }
    }
}
