import ErkendCore
import ErkendInterop
import Foundation
import Testing

@Suite("The demo catalogue")
struct BundleDemoTests {
    @Test func readsWithoutProblems() throws {
        let contents = try CatalogueBundle.read(from: BundleFixtures.demo)

        #expect(contents.metadata?.formatVersion == 1)
        #expect(contents.entities.contains { $0.key == VersionKey(.programme, "SD-25604", 1) })
        #expect(contents.entities.contains { $0.key == VersionKey(.programme, "VP-N4-2026", 1) })
    }

    @Test func validatesWithoutAnyFindingAgainstTheESCOSubset() throws {
        let contents = try CatalogueBundle.read(from: BundleFixtures.demo)
        let skills = try BundleFixtures.escoSkills()

        let report = CatalogueValidator.validate(contents.entities, knownSkills: skills)

        #expect(skills.count > 400)
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.findings.isEmpty, "\(report.findings)")
    }

    @Test func sharesTheDigitalSkillsUnitBetweenBothProgrammes() throws {
        let programmes = try CatalogueBundle.read(from: BundleFixtures.demo).entities.compactMap { entity -> Programme? in
            if case .programme(let programme) = entity { programme } else { nil }
        }

        let users = programmes.filter { $0.allUnits.contains(EntityReference("GEN-DIGI")) }.map(\.code)

        #expect(users.sorted() == ["SD-25604", "VP-N4-2026"])
    }

    @Test func showsADeprecatedUnitReplacedByItsNextVersion() throws {
        let entities = try CatalogueBundle.read(from: BundleFixtures.demo).entities

        let old = entities.first { $0.key == VersionKey(.unit, "GEN-DIGI", 1) }
        let new = entities.first { $0.key == VersionKey(.unit, "GEN-DIGI", 2) }

        #expect(old?.status == .deprecated)
        #expect(old?.entity.replacedBy == EntityReference("GEN-DIGI", version: 2))
        #expect(new?.status == .published)
    }

    @Test func hasANursingEPAWithSubLevels() throws {
        let entities = try CatalogueBundle.read(from: BundleFixtures.demo).entities

        let epa = entities.compactMap { entity -> EPA? in if case .epa(let epa) = entity { epa } else { nil } }
            .first { $0.code == "VP-EPA-VTH" }

        #expect(epa?.scale.levels.map(\.code) == ["1", "2a", "2b", "3a", "3b", "3c", "4", "5"])
    }

    /// Rewrites the demo in the writer's form after it was edited by hand. Runs
    /// only when asked: `ERKEND_CANONICALIZE_DEMO=1 swift test --filter BundleDemoTests`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ERKEND_CANONICALIZE_DEMO"] == "1"))
    func canonicalizeDemoFiles() throws {
        let contents = try CatalogueBundle.read(from: BundleFixtures.demo)

        try CatalogueBundle.write(contents.entities, metadata: contents.metadata, to: BundleFixtures.demo)

        #expect(try CatalogueBundle.read(from: BundleFixtures.demo) == contents)
    }
}
