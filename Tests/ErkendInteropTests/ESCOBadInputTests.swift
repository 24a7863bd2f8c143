import ErkendCore
import ErkendInterop
import Foundation
import Testing

/// Files people really produce (re-saved from a spreadsheet, hand-edited, cut
/// short): each is accepted or refused with a message naming file, line and problem.
@Suite("ESCO importer on bad input")
struct ESCOBadInputTests {
    private typealias Rows = ESCORows

    /// Runs `body` with a fresh folder holding `files`, and removes the folder after.
    private func withFolder<T>(_ files: [String: String], _ body: (ESCOTestFolder) throws -> T) throws -> T {
        let folder = try ESCOTestFolder()
        defer { folder.remove() }
        for (path, text) in files { try folder.write(path, text) }
        return try body(folder)
    }

    // MARK: accepted

    @Test("Cells with line breaks are accepted, and statements keep the line their record starts on")
    func lineBreaksInCells() throws {
        let text = Rows.skillsHeader + "\n"
            + "KnowledgeSkillCompetence,\(Rows.uri("a")),knowledge,transversal,first,\"one\n two \n\none\",\"hidden\",released,,,,,\"Line one.\nLine two.\"\n"
            + Rows.skill("b", "second") + "\n"

        let batch = try withFolder(["skills_en.csv": text]) { try $0.read() }

        #expect(batch.statements.map(\.source) == ["skills_en.csv:2", "skills_en.csv:7"])
        #expect(batch.statements.first?.altLabels == ["one", "two"])
        #expect(batch.statements.first?.hiddenLabels == ["hidden"])
        #expect(batch.statements.first?.description == "Line one.\nLine two.")
    }

    @Test("A UTF-8 byte order mark with CRLF line endings is accepted")
    func byteOrderMarkAndCRLF() throws {
        let folder = try ESCOTestFolder()
        defer { folder.remove() }
        let text = [Rows.skillsHeader, Rows.skill("a", "één"), Rows.skill("b", "twee")].joined(separator: "\r\n") + "\r\n"
        try folder.write("skills_nl.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))

        let batch = try folder.read()

        #expect(batch.statements.map(\.preferredLabel) == ["één", "twee"])
        #expect(batch.statements.map(\.source) == ["skills_nl.csv:2", "skills_nl.csv:3"])
        #expect(batch.statements.allSatisfy { $0.language == "nl" && $0.modified == "2023-01-01T00:00:00Z" })
    }

    @Test("Columns in another order are accepted, as in ESCO v1.0.x collection files")
    func columnsInAnotherOrder() throws {
        let skills = "description,preferredLabel,reuseLevel,skillType,conceptUri\nAbout it.,advise,transversal,skill/competence,\(Rows.uri("a"))\n"
        let collection = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description,broaderConceptUri,broaderConceptPT\n"
            + "KnowledgeSkillCompetence,\(Rows.uri("a")),skill/competence,transversal,adviseren,raad geven | advies geven,Beschrijving.,\(Rows.uri("S1")) | \(Rows.uri("S2")),a | b\n"

        let batch = try withFolder(["skills_en.csv": skills, "nl/transversalSkillsCollection_nl.csv": collection]) { try $0.read() }

        let english = try #require(batch.statements.first { $0.language == "en" })
        let dutch = try #require(batch.statements.first { $0.language == "nl" })
        #expect(english.preferredLabel == "advise")
        #expect(english.skillType == .skillCompetence)
        #expect(english.reuseLevel == .transversal)
        #expect(english.description == "About it.")
        #expect(dutch.preferredLabel == "adviseren")
        #expect(dutch.altLabels == ["raad geven", "advies geven"])
        #expect(dutch.collection == "transversal")
        #expect(batch.broader.isEmpty)
    }

    @Test("A header-only file is accepted with a warning, and does not count as a complete list")
    func headerOnly() throws {
        let batch = try withFolder(["skills_en.csv": Rows.skillsHeader + "\n"]) { try $0.read() }

        #expect(batch.statements.isEmpty)
        #expect(batch.files.first?.rows == 0)
        #expect(batch.completeKinds.isEmpty)
        #expect(batch.warnings.count == 1)
        #expect(batch.warnings.first?.location == "skills_en.csv:1")
        #expect(batch.warnings.first?.message.contains("header but no rows") == true)
    }

    // MARK: refused: encoding and layout

    @Test("A Windows-1252 file is refused, naming the line")
    func windows1252() throws {
        let folder = try ESCOTestFolder()
        defer { folder.remove() }
        let text = Rows.skillsHeader + "\n" + Rows.skill("a", "first") + "\n" + Rows.skill("b", "caf\u{E9}") + "\n"
        try folder.write("skills_en.csv", bytes: text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })

        let error = folder.importFailure()

        #expect(error?.code == .importFailed)
        #expect(error?.message.hasPrefix("skills_en.csv, line 3:") == true)
        #expect(error?.message.contains("not valid UTF-8") == true)
        #expect(error?.message.contains("Windows-1252") == true)
    }

    @Test("A UTF-16 file is refused")
    func utf16() throws {
        let folder = try ESCOTestFolder()
        defer { folder.remove() }
        let text = Rows.skillsHeader + "\r\n" + Rows.skill("a", "first") + "\r\n"
        try folder.write("skills_en.csv", bytes: [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })

        let error = folder.importFailure()

        #expect(error?.message.hasPrefix("skills_en.csv:") == true)
        #expect(error?.message.contains("UTF-16") == true)
        #expect(error?.message.contains("Save it as UTF-8") == true)
    }

    @Test("A semicolon-separated file is refused with the hint that ESCO files use commas")
    func semicolons() throws {
        let text = Rows.skillsHeader.replacingOccurrences(of: ",", with: ";") + "\n"
            + Rows.skill("a", "first").replacingOccurrences(of: ",", with: ";") + "\n"

        let error = try withFolder(["skills_en.csv": text]) { $0.importFailure() }

        #expect(error?.message.hasPrefix("skills_en.csv, line 1:") == true)
        #expect(error?.message.contains("required column 'conceptUri' is missing") == true)
        #expect(error?.message.contains("semicolons") == true)
        #expect(error?.message.contains("comma-separated") == true)
    }

    @Test("A missing required column is refused, naming it and the columns found")
    func missingColumn() throws {
        let text = "conceptType,conceptUri,skillType\nKnowledgeSkillCompetence,\(Rows.uri("a")),knowledge\n"

        let error = try withFolder(["skills_en.csv": text]) { $0.importFailure() }

        #expect(error?.message.hasPrefix("skills_en.csv, line 1:") == true)
        #expect(error?.message.contains("required column 'preferredLabel' is missing") == true)
        #expect(error?.message.contains("Columns found: 'conceptType', 'conceptUri', 'skillType'") == true)
        #expect(error?.message.contains("semicolon") == false)
    }

    @Test("An unterminated quote is refused, naming the line where the quoted cell began")
    func unterminatedQuote() throws {
        let text = Rows.skillsHeader + "\n" + Rows.skill("a", "first") + "\n"
            + "KnowledgeSkillCompetence,\(Rows.uri("b")),knowledge,transversal,second,\"never closed\n" + Rows.skill("c", "third") + "\n"

        let error = try withFolder(["skills_en.csv": text]) { $0.importFailure() }

        #expect(error?.message.hasPrefix("skills_en.csv, line 3:") == true)
        #expect(error?.message.contains("closing quote is missing") == true)
    }

    @Test("An empty file is refused")
    func emptyFile() throws {
        let error = try withFolder(["occupations_en.csv": ""]) { $0.importFailure() }

        #expect(error?.message == "occupations_en.csv: the file is empty. A CSV file needs at least a header line with the column names.")
    }

    @Test("A cell of 5 MB is refused with its size, line and column")
    func hugeCell() throws {
        let description = String(repeating: "x", count: 5 << 20)
        let text = Rows.skillsHeader + "\n" + Rows.skill("a", "first") + "\n"
            + "KnowledgeSkillCompetence,\(Rows.uri("b")),knowledge,transversal,second,,,released,,,,,\"\(description)\"\n"

        let error = try withFolder(["skills_en.csv": text]) { $0.importFailure() }

        #expect(error?.message.hasPrefix("skills_en.csv, line 3, column description:") == true)
        #expect(error?.message.contains("5.0 MiB (5242880 bytes), over the limit of 1.0 MiB (1048576 bytes)") == true)
    }

    // MARK: refused: rows

    @Test("The same URI twice in one file is refused, naming both lines")
    func duplicateURI() throws {
        let text = [Rows.skillsHeader, Rows.skill("a", "first"), Rows.skill("b", "second"), Rows.skill("a", "again")]
            .joined(separator: "\n")

        let error = try withFolder(["skills_en.csv": text]) { $0.importFailure() }

        #expect(error?.message.hasPrefix("skills_en.csv, line 4, column conceptUri:") == true)
        #expect(error?.message.contains("appears twice in this file, on line 2 and on line 4") == true)
    }

    @Test("An invalid URI is refused", arguments: ["not a uri", "skill/123", "http://", "ftp://data.europa.eu/x", ""])
    func invalidURI(uri: String) throws {
        let text = Rows.skillsHeader + "\n" + Rows.skill("a", "first") + "\n"
            + "KnowledgeSkillCompetence,\(uri),knowledge,transversal,second,,,released,,,,,\n"

        let error = try withFolder(["skills_en.csv": text]) { $0.importFailure() }

        #expect(error?.message.hasPrefix("skills_en.csv, line 3, column conceptUri:") == true)
        let problem = uri.isEmpty ? "the cell is empty" : "'\(uri)' is not a valid concept URI"
        #expect(error?.message.contains(problem) == true)
    }

    @Test("An invalid skill type or reuse level is refused, naming the value and the allowed ones")
    func invalidSkillEnums() throws {
        let badType = Rows.skillsHeader + "\n" + Rows.skill("a", "first", type: "skill") + "\n"
        let badReuse = Rows.skillsHeader + "\n" + Rows.skill("a", "first") + "\n" + Rows.skill("b", "second", reuse: "cross sector") + "\n"

        let typeError = try withFolder(["skills_en.csv": badType]) { $0.importFailure() }
        let reuseError = try withFolder(["skills_en.csv": badReuse]) { $0.importFailure() }

        #expect(typeError?.message.hasPrefix("skills_en.csv, line 2, column skillType:") == true)
        #expect(typeError?.message.contains("'skill' is not an ESCO skill type. Allowed values: 'skill/competence', 'knowledge', or an empty cell.") == true)
        #expect(reuseError?.message.hasPrefix("skills_en.csv, line 3, column reuseLevel:") == true)
        #expect(reuseError?.message.contains("'cross sector' is not an ESCO reuse level") == true)
        #expect(reuseError?.message.contains("'cross-sector'") == true)
    }

    @Test("An invalid relation type or concept type in a relations file is refused")
    func invalidRelationEnums() throws {
        let occupationSkills = "occupationUri,relationType,skillType,skillUri\n"
            + "http://data.europa.eu/esco/occupation/o1,essential,knowledge,\(Rows.uri("a"))\n"
            + "http://data.europa.eu/esco/occupation/o1,mandatory,knowledge,\(Rows.uri("b"))\n"
        let broader = Rows.broaderHeader + "\nSkill,\(Rows.uri("a")),SkillGroup,\(Rows.uri("S1"))\n"

        let relationError = try withFolder(["occupationSkillRelations.csv": occupationSkills]) { $0.importFailure() }
        let typeError = try withFolder(["broaderRelationsSkillPillar.csv": broader]) { $0.importFailure() }

        #expect(relationError?.message.hasPrefix("occupationSkillRelations.csv, line 3, column relationType:") == true)
        #expect(relationError?.message.contains("'mandatory' is not an ESCO relation type. Allowed values: 'essential', 'optional'") == true)
        #expect(typeError?.message.hasPrefix("broaderRelationsSkillPillar.csv, line 2, column conceptType:") == true)
        #expect(typeError?.message.contains("'Skill' is not an ESCO concept type") == true)
        #expect(typeError?.message.contains("'KnowledgeSkillCompetence'") == true)
    }

    @Test("A concept type that does not fit the file is refused")
    func conceptTypeOfAnotherFile() throws {
        let text = Rows.skillsHeader + "\n" + Rows.skill("a", "first").replacingOccurrences(of: "KnowledgeSkillCompetence", with: "Occupation")

        let error = try withFolder(["skills_en.csv": text]) { $0.importFailure() }

        #expect(error?.message.hasPrefix("skills_en.csv, line 2, column conceptType:") == true)
        #expect(error?.message.contains("holds 'KnowledgeSkillCompetence' concepts only") == true)
    }

    @Test("One URI used for two kinds of concept is refused")
    func uriOfTwoKinds() throws {
        let groups = "conceptType,conceptUri,preferredLabel,code\nSkillGroup,\(Rows.uri("a")),a group,S1\n"

        let error = try withFolder(["skills_en.csv": Rows.skillsHeader + "\n" + Rows.skill("a", "first"), "skillGroups_en.csv": groups]) {
            $0.importFailure()
        }

        #expect(error?.message.hasPrefix("skills_en.csv, line 2, column conceptUri:") == true)
        #expect(error?.message.contains("is a skill here, but a skill group in skillGroups_en.csv:2") == true)
    }

    @Test("A relation repeated is a warning; the same pair with the other relation type is refused")
    func repeatedRelations() throws {
        let row = "http://data.europa.eu/esco/occupation/o1,essential,knowledge,\(Rows.uri("a"))"
        let header = "occupationUri,relationType,skillType,skillUri\n"

        let batch = try withFolder(["occupationSkillRelations.csv": header + row + "\n" + row + "\n"]) { try $0.read() }
        let conflicting = row.replacingOccurrences(of: "essential", with: "optional")
        let error = try withFolder(["occupationSkillRelations.csv": header + row + "\n" + conflicting + "\n"]) { $0.importFailure() }

        #expect(batch.occupationSkills.count == 1)
        #expect(batch.warnings.map(\.location) == ["occupationSkillRelations.csv:3"])
        #expect(error?.message.hasPrefix("occupationSkillRelations.csv, line 3, column relationType:") == true)
        #expect(error?.message.contains("is 'optional' here but 'essential' at occupationSkillRelations.csv:2") == true)
    }

    // MARK: refused: hierarchy

    @Test("A concept that is its own broader concept is refused")
    func selfLoop() throws {
        let text = Rows.broaderHeader + "\n" + Rows.broader("a", "b") + "\n" + Rows.broader("c", "c") + "\n"

        let error = try withFolder(["broaderRelationsSkillPillar.csv": text]) { $0.importFailure() }

        #expect(error?.message.hasPrefix("broaderRelationsSkillPillar.csv, line 3, column broaderUri:") == true)
        #expect(error?.message.contains("\(Rows.uri("c")) is given as its own broader concept") == true)
    }

    @Test("A cycle in the broader relations is refused, naming the concepts on it and the rows")
    func cycle() throws {
        let skillPillar = Rows.broaderHeader + "\n" + Rows.broader("a", "b") + "\n" + Rows.broader("b", "c") + "\n" + Rows.broader("x", "y") + "\n"
        let laterFile = Rows.broaderHeader + "\n" + Rows.broader("c", "a") + "\n"

        let error = try withFolder(["broaderRelationsSkillPillar.csv": skillPillar, "more/broaderRelationsSkillPillar.csv": laterFile]) {
            $0.importFailure()
        }

        let message = error?.message ?? ""
        #expect(message.hasPrefix("broaderRelationsSkillPillar.csv, line 2:"))
        #expect(message.contains("form a cycle: \(Rows.uri("a")) → \(Rows.uri("b")) → \(Rows.uri("c")) → \(Rows.uri("a"))"))
        #expect(message.contains("broaderRelationsSkillPillar.csv:2, broaderRelationsSkillPillar.csv:3, more/broaderRelationsSkillPillar.csv:2"))
    }

    // MARK: folders

    @Test("A folder without any ESCO file is refused", arguments: [[:], ["README.md": "notes", "skillsHierarchy_en.csv": "x"]])
    func noESCOFile(files: [String: String]) throws {
        let error = try withFolder(files) { $0.importFailure() }

        #expect(error?.message.contains("no ESCO CSV file found") == true)
        #expect(error?.message.contains("skills_en.csv") == true)
    }

    @Test("A folder that does not exist is refused")
    func missingFolder() throws {
        let folder = try ESCOTestFolder()
        folder.remove()

        let error = folder.importFailure()

        #expect(error?.message.contains("this is not a folder") == true)
    }
}
