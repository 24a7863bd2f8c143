import ErkendCore
import ErkendInterop
import Foundation
import Testing

/// The rules for reading cells hold for text beyond ASCII too: white space as
/// Unicode defines it, values and labels compared as Unicode text. The importer
/// reads ASCII cells as bytes for speed; these pin what it must still do.
@Suite("ESCO cell rules beyond ASCII")
struct ESCOCellRulesTests {
    private typealias Rows = ESCORows

    private func withFolder<T>(_ files: [String: [UInt8]], _ body: (ESCOTestFolder) throws -> T) throws -> T {
        let folder = try ESCOTestFolder()
        defer { folder.remove() }
        for (path, bytes) in files { try folder.write(path, bytes: bytes) }
        return try body(folder)
    }

    private func skills(_ rows: String...) -> [String: [UInt8]] {
        ["skills_en.csv": Array(([Rows.skillsHeader] + rows).joined(separator: "\n").utf8)]
    }

    /// A skill row with the given cells; the others as `Rows.skill` writes them.
    private func row(
        type: String = "KnowledgeSkillCompetence", uri: String = Rows.uri("a"), label: String = "first",
        altLabels: String = "", status: String = "released", scopeNote: String = ""
    ) -> String {
        "\(type),\(uri),knowledge,cross-sector,\(label),\(altLabels),,\(status),2023-01-01T00:00:00Z,\(scopeNote),,,About it."
    }

    @Test("Cells are trimmed of Unicode white space (no-break space, line separator, ideographic space), not of other letters")
    func unicodeWhiteSpace() throws {
        let text = row(uri: "\u{A0}\(Rows.uri("a"))\u{3000}", label: "\"\u{2028} café\u{A0}\u{85}\"", altLabels: "\"\u{A0}één\u{A0}\ntwee\u{3000}\"")

        let batch = try withFolder(skills(text)) { try $0.read() }

        #expect(batch.statements.first?.uri.rawValue == Rows.uri("a"))
        #expect(batch.statements.first?.preferredLabel == "café")
        #expect(batch.statements.first?.altLabels == ["één", "twee"])
    }

    @Test("Labels that are the same Unicode text count once, whichever way an accent is written")
    func canonicallyEquivalentLabels() throws {
        let text = row(altLabels: "\"caf\u{E9}\ncafe\u{301}\ncafe\nCafe\ncafe\"")

        let batch = try withFolder(skills(text)) { try $0.read() }

        #expect(batch.statements.first?.altLabels == ["caf\u{E9}", "cafe", "Cafe"])
    }

    @Test("Collections split lists on ` | ` only: a bar without spaces, or leading a piece, is part of the label")
    func barsInCollections() throws {
        let header = "conceptType,conceptUri,preferredLabel,altLabels,description\n"
        let text = header + "KnowledgeSkillCompetence,\(Rows.uri("a")),x,a | b|c | | d ||  | e |  f |,Desc.\n"

        let batch = try withFolder(["digitalSkillsCollection_en.csv": Array(text.utf8)]) { try $0.read() }

        #expect(batch.statements.first?.altLabels == ["a", "b|c", "| d ||", "e", "f |"])
    }

    @Test("Quotes doubled inside quoted label and description cells come out single")
    func doubledQuotes() throws {
        let text = "KnowledgeSkillCompetence,\(Rows.uri("a")),knowledge,cross-sector,\"say \"\"hi\"\"\",\"\"\"one\"\"\ntwo\",,released,,,,,\"A \"\"quoted\"\" word.\""

        let batch = try withFolder(skills(text)) { try $0.read() }

        #expect(batch.statements.first?.preferredLabel == "say \"hi\"")
        #expect(batch.statements.first?.altLabels == ["\"one\"", "two"])
        #expect(batch.statements.first?.description == "A \"quoted\" word.")
    }

    @Test("A concept type written with a canonically equivalent letter (Kelvin sign for K) is that type")
    func canonicallyEquivalentType() throws {
        let batch = try withFolder(skills(row(type: "\u{212A}nowledgeSkillCompetence"))) { try $0.read() }

        #expect(batch.statements.count == 1)
    }

    @Test("Status is compared without regard to case; an accent makes it another word", arguments: [
        ("Released", false as Bool?), (" RELEASED ", false), ("Obsolete concept", true), ("was DEPRECATED", true),
        ("r\u{E9}leased", nil), ("released\u{301}", nil), ("\u{A0}obsolete", true),
    ])
    func statusCase(status: String, obsolete: Bool?) throws {
        let batch = try withFolder(skills(row(status: status))) { try $0.read() }

        #expect(batch.statements.first?.isObsolete == obsolete)
        #expect(batch.warnings.count == (obsolete == nil ? 1 : 0))
    }

    @Test("Invalid UTF-8 in a column the importer does not keep is refused, naming the physical line of the byte")
    func invalidUTF8InUnusedColumn() throws {
        var bytes = Array((Rows.skillsHeader + "\n" + row() + "\n").utf8)
        bytes += Array("KnowledgeSkillCompetence,\(Rows.uri("b")),knowledge,cross-sector,second,,,released,,\"line one\nline two ".utf8)
        bytes += [0xE9] + Array("\",,,About it.\n".utf8)

        let error = try withFolder(["skills_en.csv": bytes]) { $0.importFailure() }

        #expect(error?.message.hasPrefix("skills_en.csv, line 4:") == true)
        #expect(error?.message.contains("not valid UTF-8 (byte 0xE9)") == true)
    }

    @Test("The first problem in file order is reported: a short record before invalid UTF-8")
    func firstProblemWins() throws {
        var bytes = Array((Rows.skillsHeader + "\n" + row() + "\nKnowledgeSkillCompetence,\(Rows.uri("b"))\n").utf8)
        bytes += Array(row(uri: Rows.uri("c"), label: "caf").utf8) + [0xE9, 0x0A]

        let error = try withFolder(["skills_en.csv": bytes]) { $0.importFailure() }

        #expect(error?.message.hasPrefix("skills_en.csv, line 3:") == true)
        #expect(error?.message.contains("this record has 2 cells but the header has 13 columns") == true)
    }

    @Test("A URI repeated in another file of the same kind is no error; in the same file it is, naming both lines")
    func repeatedAcrossFiles() throws {
        let english = [Rows.skillsHeader, row(), row(uri: Rows.uri("b"))].joined(separator: "\n")
        let dutch = [Rows.skillsHeader, row(uri: Rows.uri("b")), row(), row(uri: Rows.uri("b"))].joined(separator: "\n")

        let accepted = try withFolder(["skills_en.csv": Array(english.utf8), "nl/skills_nl.csv": Array(english.utf8)]) { try $0.read() }
        let error = try withFolder(["skills_en.csv": Array(english.utf8), "nl/skills_nl.csv": Array(dutch.utf8)]) { $0.importFailure() }

        #expect(accepted.statements.map(\.source) == ["skills_en.csv:2", "skills_en.csv:3", "nl/skills_nl.csv:2", "nl/skills_nl.csv:3"])
        #expect(error?.message.hasPrefix("nl/skills_nl.csv, line 4, column conceptUri:") == true)
        #expect(error?.message.contains("appears twice in this file, on line 2 and on line 4") == true)
    }

    @Test("A URI of a skill that is a skill group in an earlier file is refused, naming where it was first stated")
    func kindOfFirstStatement() throws {
        let groups = "conceptType,conceptUri,preferredLabel,code\nSkillGroup,\(Rows.uri("x")),g,S1\nSkillGroup,\(Rows.uri("a")),a group,S2\n"
        let skills = [Rows.skillsHeader, row(uri: Rows.uri("b")), row()].joined(separator: "\n")

        let error = try withFolder(["skillGroups_en.csv": Array(groups.utf8), "nl/skills_nl.csv": Array(skills.utf8)]) { $0.importFailure() }

        #expect(error?.message.hasPrefix("nl/skills_nl.csv, line 3, column conceptUri:") == true)
        #expect(error?.message.contains("is a skill here, but a skill group in skillGroups_en.csv:3") == true)
    }
}
