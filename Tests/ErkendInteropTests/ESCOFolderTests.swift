import ErkendCore
import ErkendInterop
import Foundation
import Testing

/// Which files of a folder are read, as what, and what a partial folder gives.
@Suite("ESCO importer on folders")
struct ESCOFolderTests {
    private typealias Rows = ESCORows

    @Test("A folder holding only skills_en.csv is a valid import")
    func onlySkills() throws {
        let folder = try ESCOTestFolder()
        defer { folder.remove() }
        try folder.write("skills_en.csv", [Rows.skillsHeader, Rows.skill("a", "first"), Rows.skill("b", "second")].joined(separator: "\n"))

        let batch = try folder.read()

        #expect(batch.statements.count == 2)
        #expect(batch.completeKinds == [.skill])
        #expect(batch.files == [ImportedFile(name: "skills_en.csv", rows: 2, role: "skills (en)")])
        #expect(batch.broader.isEmpty && batch.occupationSkills.isEmpty && batch.skillSkills.isEmpty)
    }

    @Test("Relations may name concepts that are not in the batch; nothing is made up for them")
    func relationsWithoutConcepts() throws {
        let folder = try ESCOTestFolder()
        defer { folder.remove() }
        try folder.write("broaderRelationsSkillPillar.csv", Rows.broaderHeader + "\n" + Rows.broader("a", "b") + "\n")
        try folder.write(
            "skillSkillRelations.csv",
            "originalSkillUri,originalSkillType,relationType,relatedSkillType,relatedSkillUri\n"
                + "\(Rows.uri("a")),knowledge,optional,knowledge,\(Rows.uri("c"))\n")

        let batch = try folder.read()

        #expect(batch.statements.isEmpty)
        #expect(batch.completeKinds.isEmpty)
        #expect(batch.broader.map(\.value) == [
            BroaderRelation(narrower: try ConceptURI(Rows.uri("a")), broader: try ConceptURI(Rows.uri("b"))),
        ])
        #expect(batch.broader.first?.source == "broaderRelationsSkillPillar.csv:2")
        #expect(batch.skillSkills.first?.value.requirement == .optional)
        #expect(batch.skillSkills.first?.source == "skillSkillRelations.csv:2")
    }

    @Test("Skipped files are listed with the reason and never fail the import, whatever they hold")
    func skippedFiles() throws {
        let folder = try ESCOTestFolder()
        defer { folder.remove() }
        try folder.write("skills_en.csv", Rows.skillsHeader + "\n" + Rows.skill("a", "first") + "\n")
        try folder.write("skillsHierarchy_en.csv", bytes: [0xFF, 0xFE, 0x00, 0x41])
        try folder.write("conceptSchemes_en.csv", "\"broken")
        try folder.write("greenShareOcc_en.csv", "anything")
        try folder.write(".hidden/skills_en.csv", "not read at all")

        let batch = try folder.read()

        #expect(batch.files.map(\.name) == ["skills_en.csv", "conceptSchemes_en.csv", "greenShareOcc_en.csv", "skillsHierarchy_en.csv"])
        #expect(batch.files[1].role == "skipped: concept schemes are not stored")
        #expect(batch.files[2].role == "skipped: not an ESCO file Erkend reads")
        #expect(batch.files[3].role == "skipped: derived view of skill groups and broader relations")
        #expect(batch.files.dropFirst().allSatisfy { $0.rows == 0 })
    }

    @Test("The language comes from the file name, also with a version after it", arguments: [
        ("skills_nl_v1.2.0.csv", "nl"), ("skills_en.csv", "en"), ("ictSkillsCollection_pt-PT.csv", "pt-PT"), ("Skills_EN.csv", "en"),
    ])
    func languageFromName(name: String, language: String) throws {
        let folder = try ESCOTestFolder()
        defer { folder.remove() }
        try folder.write(name, Rows.skillsHeader + "\n" + Rows.skill("a", "label") + "\n")

        let batch = try folder.read()

        #expect(batch.statements.first?.language == language)
    }

    @Test("A concept file whose name gives no language is refused")
    func noLanguage() throws {
        let folder = try ESCOTestFolder()
        defer { folder.remove() }
        try folder.write("skills_latest.csv", Rows.skillsHeader + "\n" + Rows.skill("a", "label") + "\n")

        let error = folder.importFailure()

        #expect(error?.message.hasPrefix("skills_latest.csv:") == true)
        #expect(error?.message.contains("does not say which language") == true)
    }

    @Test("The collection is named after the file's prefix, in its own spelling")
    func collectionNames() throws {
        let folder = try ESCOTestFolder()
        defer { folder.remove() }
        let header = "conceptType,conceptUri,preferredLabel,status,skillType,reuseLevel,altLabels,description,broaderConceptUri,broaderConceptPT\n"
        try folder.write("digCompSkillsCollection_en.csv", header + "KnowledgeSkillCompetence,\(Rows.uri("a")),ICT safety,released,,,,,,\n")

        let batch = try folder.read()

        #expect(batch.statements.first?.collection == "digComp")
        #expect(batch.statements.first?.skillType == nil)
        #expect(batch.completeKinds.isEmpty)
        #expect(batch.files.first?.role == "digComp skills collection (en)")
    }

    @Test("Status 'released' is current, 'obsolete' and 'deprecated' are obsolete, anything else warns")
    func statuses() throws {
        let folder = try ESCOTestFolder()
        defer { folder.remove() }
        let rows = [("a", "released"), ("b", "obsolete"), ("c", "Deprecated"), ("d", ""), ("e", "draft")].map { key, status in
            Rows.skill(key, key).replacingOccurrences(of: ",released,", with: ",\(status),")
        }
        try folder.write("skills_en.csv", ([Rows.skillsHeader] + rows).joined(separator: "\n"))

        let batch = try folder.read()

        #expect(batch.statements.map(\.isObsolete) == [false, true, true, nil, nil])
        #expect(batch.warnings.map(\.location) == ["skills_en.csv:6"])
        #expect(batch.warnings.first?.message.contains("column status: the status 'draft'") == true)
    }
}
