import ErkendCore
import ErkendInterop
import Foundation
import Testing

/// Files with far more rows than their size suggests, so the tables the
/// importer sizes from the file size must grow while reading.
@Suite("ESCO importer on many short rows")
struct ESCOManyRowsTests {
    private typealias Rows = ESCORows

    private func shortRows(_ count: Int) -> [String] {
        (0..<count).map { "KnowledgeSkillCompetence,\(Rows.uri("s\($0)")),s\($0)" }
    }

    @Test("20,000 short rows are all read, in order")
    func allRead() throws {
        let folder = try ESCOTestFolder()
        defer { folder.remove() }
        try folder.write("skills_en.csv", (["conceptType,conceptUri,preferredLabel"] + shortRows(20_000)).joined(separator: "\n"))

        let batch = try folder.read()

        #expect(batch.statements.count == 20_000)
        #expect(batch.statements.map(\.preferredLabel) == (0..<20_000).map { "s\($0)" })
        #expect(batch.statements.last?.source == "skills_en.csv:20001")
    }

    @Test("A URI repeated 19,000 rows later is still found", arguments: [1, 7_777, 19_999])
    func repeatFound(first: Int) throws {
        let folder = try ESCOTestFolder()
        defer { folder.remove() }
        let rows = shortRows(20_000) + ["KnowledgeSkillCompetence,\(Rows.uri("s\(first)")),again"]
        try folder.write("skills_en.csv", (["conceptType,conceptUri,preferredLabel"] + rows).joined(separator: "\n"))

        let error = folder.importFailure()

        #expect(error?.message.hasPrefix("skills_en.csv, line 20002, column conceptUri:") == true)
        #expect(error?.message.contains("appears twice in this file, on line \(first + 2) and on line 20002") == true)
    }

    @Test("A URI of a skill group stated among 20,000 skills in another file is refused")
    func kindAcrossGrownTable() throws {
        let folder = try ESCOTestFolder()
        defer { folder.remove() }
        try folder.write("skills_en.csv", (["conceptType,conceptUri,preferredLabel"] + shortRows(20_000)).joined(separator: "\n"))
        try folder.write("nl/skillGroups_nl.csv", "conceptType,conceptUri,preferredLabel\nSkillGroup,\(Rows.uri("g")),g\nSkillGroup,\(Rows.uri("s12345")),x\n")

        let error = folder.importFailure()

        #expect(error?.message.hasPrefix("nl/skillGroups_nl.csv, line 3, column conceptUri:") == true)
        #expect(error?.message.contains("is a skill group here, but a skill in skills_en.csv:12347") == true)
    }
}
