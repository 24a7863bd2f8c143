import ErkendCore
import ErkendInterop
import Foundation
import Testing

/// Reads `Fixtures/bundles/broken`, where every file has a problem, and checks
/// that each is reported with its file, line, field and what is wrong.
@Suite("Reading a broken bundle")
struct BundleReadErrorTests {
    /// The details of the one error reading the broken fixture throws.
    private func details() throws -> [ErkendError.Detail] {
        do {
            _ = try CatalogueBundle.read(from: BundleFixtures.badBundles.appendingPathComponent("broken"))
        } catch let error as ErkendError {
            #expect(error.code == .importFailed)
            return error.details
        }
        Issue.record("reading the broken bundle did not throw")
        return []
    }

    private func detail(at location: String) throws -> String? {
        try details().first { $0.location == location }?.message
    }

    @Test func reportsEveryProblemInOneError() throws {
        let files = Set(try details().map { $0.location.split(separator: ":")[0] })

        #expect(files == ["outcomes/SYNTAX.v1.yaml", "outcomes/TYPO.v1.yaml", "outcomes/LEVEL.v1.yaml", "outcomes/-LU.v1.yaml",
                          "units/WRONGTYPE.v1.yaml", "units/DUP.v1.yaml", "units/DUP-copy.v1.yaml", "programmes/NAMED.v2.yaml"])
    }

    @Test func yamlSyntaxErrorNamesFileAndLine() throws {
        let message = try #require(try details().first { $0.location.hasPrefix("outcomes/SYNTAX.v1.yaml:") })

        #expect(message.message.contains("YAML syntax error"))
    }

    @Test func unknownFieldIsRejectedWithTheLikelyMeaning() throws {
        let message = try detail(at: "outcomes/TYPO.v1.yaml:6")

        #expect(message == "field aligments: is not a known field; did you mean 'alignments'?")
    }

    @Test func wrongTypesAreAllReportedWithTheirLines() throws {
        let status = try detail(at: "units/WRONGTYPE.v1.yaml:3")
        let sbu = try detail(at: "units/WRONGTYPE.v1.yaml:8")
        let languages = try detail(at: "units/WRONGTYPE.v1.yaml:12")

        #expect(status == "field status: must be one of draft, published, deprecated; found 'publish'")
        #expect(sbu == "field workload.sbu: expected a whole number, found 'veel'")
        #expect(languages == "field languages: expected a list, found 'nl'")
    }

    @Test func levelOutsideOneToEightIsRejected() throws {
        let message = try detail(at: "outcomes/LEVEL.v1.yaml:7")

        #expect(message == "field level.eqf: EQF level must be 1 to 8, got 9")
    }

    @Test func invalidCodeIsRejected() throws {
        let message = try #require(try detail(at: "outcomes/-LU.v1.yaml:1"))

        #expect(message.hasPrefix("field code: '-LU' may hold only letters, digits"))
    }

    @Test func duplicateVersionIsReportedInBothFiles() throws {
        let original = try #require(try details().first { $0.location == "units/DUP.v1.yaml" }?.message)
        let copy = try #require(try details().first { $0.location == "units/DUP-copy.v1.yaml" && $0.message.contains("also defined") }?.message)

        #expect(original == "field code: learning unit DUP@1 is also defined in units/DUP-copy.v1.yaml; keep one file per version")
        #expect(copy.contains("also defined in units/DUP.v1.yaml"))
    }

    @Test func fileNameThatDisagreesWithCodeOrVersionIsRejected() throws {
        let code = try detail(at: "units/DUP-copy.v1.yaml:1")
        let version = try detail(at: "programmes/NAMED.v2.yaml:2")

        #expect(code == "field code: is DUP, but the file name says DUP-copy; rename the file to DUP.v1.yaml or correct the code")
        #expect(version == "field version: is 1, but the file name says v2; rename the file to NAMED.v1.yaml or correct the version")
    }

    @Test func missingRequiredFieldIsNamed() throws {
        let folder = try BundleFixtures.bundle(["outcomes/LU-1.v1.yaml": "code: LU-1\nversion: 1\nstatus: draft\n"])
        defer { try? FileManager.default.removeItem(at: folder) }

        let error = try #require(throws: ErkendError.self) { try CatalogueBundle.read(from: folder) }

        #expect(error.details == [ErkendError.Detail(location: "outcomes/LU-1.v1.yaml:1", message: "field statement: a learning outcome needs a statement in Dutch or English")])
    }

    @Test func leftOutLifecycleFieldsMeanAFirstDraft() throws {
        let folder = try BundleFixtures.bundle(["outcomes/LU-1.v1.yaml": "code: LU-1\nstatement:\n  nl: Kan iets.\n"])
        defer { try? FileManager.default.removeItem(at: folder) }

        let contents = try CatalogueBundle.read(from: folder)

        #expect(contents.entities.map(\.status) == [.draft])
        #expect(contents.entities.map(\.key.version) == [1])
    }

    @Test func fileNameInAnotherFormIsRejected() throws {
        let folder = try BundleFixtures.bundle(["outcomes/LU-1.yaml": "code: LU-1\n", "outcomes/LU-2.v1.yml": "code: LU-2\n"])
        defer { try? FileManager.default.removeItem(at: folder) }

        let error = try #require(throws: ErkendError.self) { try CatalogueBundle.read(from: folder) }

        #expect(error.details.map(\.location) == ["outcomes/LU-1.yaml", "outcomes/LU-2.v1.yml"])
        #expect(error.details.first?.message.contains("CODE.vVERSION.yaml") == true)
    }

    @Test func unsupportedFormatVersionIsRejected() throws {
        let folder = try BundleFixtures.bundle(["catalog.yaml": "formatVersion: 2\nname: Toekomst\n"])
        defer { try? FileManager.default.removeItem(at: folder) }

        let error = try #require(throws: ErkendError.self) { try CatalogueBundle.read(from: folder) }

        #expect(error.details == [ErkendError.Detail(location: "catalog.yaml:1", message: "field formatVersion: is 2, but this version of Erkend reads format 1")])
    }
}
