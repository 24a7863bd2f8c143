import ErkendCore
import ErkendInterop
import Foundation
import Testing

@Suite("Bundle round trip")
struct BundleRoundTripTests {
    @Test func demoFilesAreAlreadyInTheFormTheWriterProduces() throws {
        let contents = try CatalogueBundle.read(from: BundleFixtures.demo)
        let folder = try BundleFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        try CatalogueBundle.write(contents.entities, metadata: contents.metadata, to: folder)

        let written = try BundleFixtures.files(in: folder)
        let shipped = try BundleFixtures.files(in: BundleFixtures.demo).filter { $0.key.hasSuffix(".yaml") }
        #expect(written.keys.sorted() == shipped.keys.sorted())
        for (path, data) in shipped {
            #expect(written[path] == data, "\(path) differs from what the writer produces")
        }
    }

    @Test func demoReadsBackAsEqualValues() throws {
        let contents = try CatalogueBundle.read(from: BundleFixtures.demo)
        let folder = try BundleFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        try CatalogueBundle.write(contents.entities, metadata: contents.metadata, to: folder)
        let again = try CatalogueBundle.read(from: folder)

        #expect(again.entities == contents.entities)
        #expect(again.metadata == contents.metadata)
    }

    @Test(arguments: 0..<40)
    func generatedCatalogueSurvivesWriteReadWrite(seed: UInt64) throws {
        var generator = CatalogueGenerator(seed: seed)
        let entities = generator.catalogue()
        let first = try BundleFixtures.temporaryFolder()
        let second = try BundleFixtures.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }

        try CatalogueBundle.write(entities, to: first)
        let read = try CatalogueBundle.read(from: first)
        try CatalogueBundle.write(read.entities, to: second)

        #expect(read.entities == entities.sorted { $0.key < $1.key })
        #expect(try BundleFixtures.files(in: first) == BundleFixtures.files(in: second))
    }

    @Test func writingRemovesStaleEntityFilesButNothingElse() throws {
        let folder = try BundleFixtures.bundle([
            "units/OLD.v1.yaml": "code: OLD\n",
            "units/notes.txt": "keep me\n",
            "README.md": "keep me too\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = AnyCatalogueEntity.outcome(LearningOutcome(code: "LU-1", statement: LocalizedText(nl: "Kan iets.")))

        try CatalogueBundle.write([outcome], to: folder)

        let files = try BundleFixtures.files(in: folder).keys.sorted()
        #expect(files == ["README.md", "outcomes/LU-1.v1.yaml", "units/notes.txt"])
    }

    @Test func writtenFilesPutLifecycleFirstAndLeaveEmptyFieldsOut() throws {
        let folder = try BundleFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = LearningOutcome(
            code: "LU-1", version: 2, status: .published, statement: LocalizedText(nl: "Kan iets.", en: "Can do something."),
            level: QualificationLevel(eqf: 4, nlqf: 4), publishedAt: Date(timeIntervalSince1970: 1_756_684_800.75))

        try CatalogueBundle.write([.outcome(outcome)], to: folder)

        let text = try String(contentsOf: folder.appendingPathComponent("outcomes/LU-1.v2.yaml"), encoding: .utf8)
        #expect(text == """
            code: LU-1
            version: 2
            status: published
            publishedAt: 2025-09-01T00:00:00Z
            statement:
              nl: Kan iets.
              en: Can do something.
            level:
              eqf: 4
              nlqf: 4

            """)
    }
}
