import ErkendCore
import ErkendInterop
import Foundation
import Testing

/// The importer against the subset Erkend ships (`Catalogs/esco-subset-v1.1.1`),
/// whose counts are documented in its NOTICE and in shared/data/README.md.
@Suite("ESCO importer on the shipped subset")
struct ESCOImporterTests {
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let subsetFolder: URL = repository.appendingPathComponent("Catalogs/esco-subset-v1.1.1")
    /// The full ESCO files kept beside the project for speed tests; absent elsewhere.
    static let fullSkillsFile: URL = repository.deletingLastPathComponent()
        .appendingPathComponent("shared/data/esco/full-v1.1.1/skills_en.csv")

    /// Read once: every test looks at the same batch.
    static let subset: Result<TaxonomyBatch, any Error> = Result { try ESCOImporter.read(folder: subsetFolder) }

    private func batch() throws -> TaxonomyBatch { try Self.subset.get() }

    private func uris(_ batch: TaxonomyBatch, kind: ConceptKind, language: String? = nil) -> Set<ConceptURI> {
        Set(batch.statements.filter { $0.kind == kind && (language == nil || $0.language == language) }.map(\.uri))
    }

    @Test("Concepts of every kind are read: 437 skills, 244 skill groups, 11 occupations, 17 ISCO groups")
    func conceptCounts() throws {
        let batch = try batch()

        #expect(uris(batch, kind: .skill).count == 437)
        #expect(uris(batch, kind: .skillGroup).count == 244)
        #expect(uris(batch, kind: .occupation).count == 11)
        #expect(uris(batch, kind: .iscoGroup).count == 17)
        #expect(batch.completeKinds == [.skill, .skillGroup, .occupation, .iscoGroup])
        #expect(batch.warnings.isEmpty)
    }

    @Test("Relations are read: 757 occupation–skill, 902 + 25 broader, 51 skill–skill")
    func relationCounts() throws {
        let batch = try batch()

        let skillPillar = batch.broader.filter { $0.source.hasPrefix("broaderRelationsSkillPillar.csv:") }
        let occupationPillar = batch.broader.filter { $0.source.hasPrefix("broaderRelationsOccPillar.csv:") }
        #expect(batch.occupationSkills.count == 757)
        #expect(batch.occupationSkills.filter { $0.value.requirement == .essential }.count == 355)
        #expect(skillPillar.count == 902)
        #expect(occupationPillar.count == 25)
        #expect(batch.broader.count == 927)
        #expect(batch.skillSkills.count == 51)
    }

    @Test("The hierarchy is a DAG: 181 concepts have several broader concepts")
    func severalBroader() throws {
        let batch = try batch()

        let counts = Dictionary(grouping: batch.broader, by: \.value.narrower).mapValues(\.count)

        #expect(counts.values.filter { $0 > 1 }.count == 181)
        #expect(BroaderGraph.findCycle(in: batch.broader.map(\.value)) == nil)
    }

    @Test("Dutch labels are read for all 11 occupations and for 38 skills (46 rows in two collection files)")
    func dutchLabels() throws {
        let batch = try batch()

        let dutchSkillRows = batch.statements.filter { $0.kind == .skill && $0.language == "nl" && $0.preferredLabel != nil }
        let nurse = batch.statements.first {
            $0.uri.rawValue == "http://data.europa.eu/esco/occupation/18e14e61-495b-44cc-a7c6-df4c625934ba" && $0.language == "nl"
        }
        #expect(uris(batch, kind: .occupation, language: "nl").count == 11)
        #expect(batch.statements.filter { $0.kind == .occupation && $0.language == "nl" }.allSatisfy { $0.preferredLabel != nil })
        #expect(dutchSkillRows.count == 46)
        #expect(Set(dutchSkillRows.map(\.uri)).count == 38)
        #expect(nurse?.preferredLabel == "gespecialiseerd verpleegkundige")
        #expect(nurse?.source == "nl/occupations_nl.csv:2")
        #expect(uris(batch, kind: .skillGroup, language: "nl").count == 244)
        #expect(uris(batch, kind: .iscoGroup, language: "nl").count == 17)
    }

    @Test("The 5 DigComp competence areas with empty skill type and reuse level are accepted")
    func digCompAreas() throws {
        let batch = try batch()

        let untyped = batch.statements.filter { $0.source.hasPrefix("skills_en.csv:") && $0.skillType == nil }

        #expect(untyped.count == 5)
        #expect(untyped.allSatisfy { $0.reuseLevel == nil })
        #expect(untyped.contains { $0.preferredLabel == "ICT safety" })
    }

    @Test("A skill row keeps its attributes, list cells split on line breaks, and the line the record starts on")
    func skillRow() throws {
        let batch = try batch()

        let erlang = try #require(batch.statements.first { $0.source == "skills_en.csv:25" })

        #expect(erlang.uri.rawValue == "http://data.europa.eu/esco/skill/034c29fa-c3ba-45ea-b8f3-bf8e3705e386")
        #expect(erlang.preferredLabel == "Erlang")
        #expect(erlang.kind == .skill)
        #expect(erlang.language == "en")
        #expect(erlang.skillType == .knowledge)
        #expect(erlang.isObsolete == false)
        #expect(erlang.modified != nil)
        #expect(erlang.description?.isEmpty == false)
        #expect(erlang.collection == nil)
        #expect(erlang.altLabels?.contains("Erlang") == true)
    }

    @Test("Occupations keep their code and ISCO group; groups keep their code; hidden labels are split too")
    func codes() throws {
        let batch = try batch()

        let occupations = batch.statements.filter { $0.kind == .occupation && $0.language == "en" }
        let nurse = try #require(occupations.first { $0.code == "2221.2" })
        let dutchNurse = try #require(batch.statements.first { $0.uri == nurse.uri && $0.language == "nl" })
        let iscoGroups = batch.statements.filter { $0.kind == .iscoGroup }
        // v1.1.1 leaves the code of its 58 ISCED-F groups empty; empty stays nil.
        let englishSkillGroups = batch.statements.filter { $0.kind == .skillGroup && $0.language == "en" }

        #expect(nurse.iscoGroup == "2221")
        #expect(nurse.preferredLabel == "nurse responsible for general care")
        #expect(occupations.allSatisfy { $0.code != nil && $0.iscoGroup != nil })
        #expect(iscoGroups.allSatisfy { $0.code != nil })
        #expect(englishSkillGroups.filter { $0.code != nil }.count == 186)
        #expect(dutchNurse.hiddenLabels == ["mbo-verpleegkundige"])
    }

    @Test("Collection files give membership and labels in their language, with ` | `-separated lists")
    func collections() throws {
        let batch = try batch()

        let digital = batch.statements.filter { $0.collection == "digital" }
        let dutchTransversal = batch.statements.filter { $0.collection == "transversal" && $0.language == "nl" }
        let citizenship = try #require(dutchTransversal.first {
            $0.uri.rawValue == "http://data.europa.eu/esco/skill/16a00c69-9c74-4c37-96d7-6301d285e5ce"
        })

        #expect(digital.count == 145)
        #expect(Set(batch.statements.compactMap(\.collection)) == ["digital", "digComp", "green", "ict", "research", "transversal"])
        #expect(dutchTransversal.count == 38)
        #expect(citizenship.preferredLabel == "digitale technologie gebruiken voor actief burgerschap")
        #expect(citizenship.altLabels?.count == 4)
        #expect(citizenship.altLabels?.first == "als burger actief zijn via digitale technologieën")
        // Collections come from other ESCO versions; the skills file decides these.
        #expect(dutchTransversal.allSatisfy { $0.skillType == nil && $0.reuseLevel == nil && $0.isObsolete == nil })
    }

    @Test("Every file is listed; the skills hierarchy and the notice are skipped with the reason")
    func files() throws {
        let batch = try batch()

        let byName = Dictionary(uniqueKeysWithValues: batch.files.map { ($0.name, $0) })

        #expect(batch.files.count == 20)
        #expect(byName["skills_en.csv"]?.rows == 437)
        #expect(byName["skills_en.csv"]?.role == "skills (en)")
        #expect(byName["nl/occupations_nl.csv"]?.role == "occupations (nl)")
        #expect(byName["broaderRelationsSkillPillar.csv"]?.rows == 902)
        #expect(byName["skillsHierarchy_en.csv"]?.role == "skipped: derived view of skill groups and broader relations")
        #expect(byName["NOTICE.md"]?.role == "skipped: not a CSV file")
        #expect(batch.files.first?.name == "ISCOGroups_en.csv")
    }

    @Test("Progress reports every file, ends at the total, and never goes back")
    func progress() throws {
        var reports: [ImportProgress] = []

        _ = try ESCOImporter.read(folder: Self.subsetFolder) { reports.append($0) }

        let last = try #require(reports.last)
        #expect(last.bytesDone == last.bytesTotal)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.bytesDone <= $1.bytesDone })
        #expect(Set(reports.map(\.file)).contains("nl/skillGroups_nl.csv"))
        #expect(!Set(reports.map(\.file)).contains("skillsHierarchy_en.csv"))
    }

    @Test("The full ESCO skills file imports: 13,896 skills", .enabled(if: FileManager.default.fileExists(atPath: fullSkillsFile.path)))
    func fullFileImports() throws {
        let folder = try ESCOTestFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(at: Self.fullSkillsFile, to: folder.url.appendingPathComponent("skills_en.csv"))

        let batch = try folder.read()

        #expect(batch.statements.count == 13_896)
        #expect(Set(batch.statements.map(\.uri)).count == 13_896)
        // The full file has one row more without a skill type than the subset.
        #expect(batch.statements.filter { $0.skillType == nil }.count == 6)
        #expect(batch.statements.filter { $0.reuseLevel == nil }.count == 5)
        #expect(batch.completeKinds == [.skill])
    }
}
