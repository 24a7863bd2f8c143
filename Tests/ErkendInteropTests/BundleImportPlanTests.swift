import ErkendCore
import ErkendInterop
import Foundation
import Testing

@Suite("Planning a bundle import")
struct BundleImportPlanTests {
    @Test func demoImportsIntoAnEmptyCatalogueAsInserts() throws {
        let contents = try CatalogueBundle.read(from: BundleFixtures.demo)

        let plan = try contents.importPlan(existing: [], knownSkills: BundleFixtures.escoSkills())

        #expect(plan.changes.count == contents.entities.count)
        #expect(plan.summary.total.added == contents.entities.count)
        #expect(plan.report.findings.isEmpty)
    }

    @Test func demoImportedTwiceChangesNothing() throws {
        let contents = try CatalogueBundle.read(from: BundleFixtures.demo)

        let plan = try contents.importPlan(existing: contents.entities)

        #expect(plan.changes.isEmpty)
        #expect(plan.summary.total.unchanged == contents.entities.count)
    }

    @Test func changedPublishedVersionIsRefusedNamingTheFile() throws {
        let stored = AnyCatalogueEntity.outcome(LearningOutcome(
            code: "LU-1", status: .published, statement: LocalizedText(nl: "Kan iets."), publishedAt: Date(timeIntervalSince1970: 1_754_006_400)))
        let folder = try BundleFixtures.bundle([
            "outcomes/LU-1.v1.yaml": "code: LU-1\nversion: 1\nstatus: published\npublishedAt: 2025-08-01T00:00:00Z\nstatement:\n  nl: Kan iets anders.\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let contents = try CatalogueBundle.read(from: folder)

        let error = try #require(throws: ErkendError.self) { try contents.importPlan(existing: [stored]) }

        #expect(error.code == .conflict)
        #expect(error.details.first?.location == "outcomes/LU-1.v1.yaml")
        #expect(error.details.first?.message.contains("published and never changes, but the import differs in statement; to change it, add version 2") == true)
    }

    @Test func copiedFileWithBumpedVersionBecomesANewDraft() throws {
        let folder = try BundleFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let existing = try CatalogueBundle.read(from: BundleFixtures.demo).entities
        try CatalogueBundle.write(existing, to: folder)
        let original = try String(contentsOf: folder.appendingPathComponent("units/SD-B1-K1-W5.v1.yaml"), encoding: .utf8)
        let copy = original.replacingOccurrences(of: "version: 1\nstatus: published\npublishedAt: 2025-08-01T00:00:00Z\n", with: "version: 2\nstatus: draft\n")
            .replacingOccurrences(of: "workload:\n  sbu: 80", with: "workload:\n  sbu: 100")
        try Data(copy.utf8).write(to: folder.appendingPathComponent("units/SD-B1-K1-W5.v2.yaml"))

        let plan = try CatalogueBundle.read(from: folder).importPlan(existing: existing)

        #expect(plan.summary.units.added == 1)
        #expect(plan.summary.total.added == 1)
        if case .insert(.unit(let unit)) = plan.changes.first {
            #expect(unit.version == 2 && unit.status == .draft && unit.workload.sbu == 100)
        } else {
            Issue.record("expected the new version to be inserted, got \(plan.changes)")
        }
    }
}
