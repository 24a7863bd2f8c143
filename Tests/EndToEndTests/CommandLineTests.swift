import ErkendTestSupport
import Foundation
import Testing

/// The `erkend` command line as people use it: a real process on a real database file.
@Suite("Command line")
struct CommandLineTests {
    @Test("Importing the shipped ESCO subset reports what it did, and stats count it as JSON")
    func taxonomyImportAndStats() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("erkend.sqlite")

        let imported = try ErkendBinary.run(["taxonomy", "import", "esco", RepositoryRoot.path("Catalogs/esco-subset-v1.1.1").path, "--database", database])
        let again = try ErkendBinary.run(["taxonomy", "import", "esco", RepositoryRoot.path("Catalogs/esco-subset-v1.1.1").path, "--database", database])
        let stats = try ErkendBinary.run(["taxonomy", "stats", "--json", "--database", database])

        #expect(imported.status == 0)
        #expect(imported.output.contains("concepts: 709 added, 0 updated, 0 unchanged, 0 made obsolete"))
        #expect(again.output.contains("concepts: 0 added, 0 updated, 709 unchanged"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.output.utf8)) as? [String: Any])
        #expect(json["skills"] as? Int == 437)
        #expect(json["occupations"] as? Int == 11)
        #expect(json["skillGroups"] as? Int == 244)
        #expect(json["relations"] as? Int == 1735)
        #expect(json["obsolete"] as? Int == 0)
    }

    @Test("A failing import exits non-zero with a one-line reason that names the file and line")
    func failingImport() throws {
        let directory = try TemporaryDirectory()
        try directory.write("esco/skills_en.csv", "conceptType,conceptUri,skillType,reuseLevel,preferredLabel\nKnowledgeSkillCompetence,not a uri,knowledge,transversal,x\n")

        let result = try ErkendBinary.run(["taxonomy", "import", "esco", directory.path("esco"), "--database", directory.path("db.sqlite")])

        #expect(result.status != 0)
        #expect(result.error.contains("skills_en.csv"))
        #expect(result.error.contains("line 2"))
        #expect(result.error.split(separator: "\n").count == 1, "one line: \(result.error)")
    }

    @Test("The demo catalogue imports, validates clean, and export–import–export gives identical files")
    func catalogueRoundTrip() throws {
        let directory = try TemporaryDirectory()
        let first = directory.path("first.sqlite"), second = directory.path("second.sqlite")
        for database in [first, second] {
            try ErkendBinary.run(["taxonomy", "import", "esco", RepositoryRoot.path("Catalogs/esco-subset-v1.1.1").path, "--database", database])
        }

        let imported = try ErkendBinary.run(["catalog", "import", RepositoryRoot.path("Catalogs/demo").path, "--database", first])
        let validated = try ErkendBinary.run(["catalog", "validate", "--database", first])
        try ErkendBinary.run(["catalog", "export", directory.path("export-1"), "--database", first])
        try ErkendBinary.run(["catalog", "import", directory.path("export-1"), "--database", second])
        try ErkendBinary.run(["catalog", "export", directory.path("export-2"), "--database", second])
        let diff = try Process.run(URL(fileURLWithPath: "/usr/bin/diff"), arguments: ["-r", directory.path("export-1"), directory.path("export-2")])
        diff.waitUntilExit()

        #expect(imported.status == 0)
        #expect(validated.status == 0)
        #expect(validated.output.contains("no findings"))
        #expect(diff.terminationStatus == 0)
    }

    @Test("Validation exits 1 and lists the findings when the catalogue has errors")
    func validationFails() throws {
        let directory = try TemporaryDirectory()
        try directory.write("bundle/units/BROKEN.v1.yaml", "code: BROKEN\nversion: 1\nstatus: draft\ntitle:\n  nl: Kapot\nprerequisites:\n- MISSING\n")
        let database = directory.path("db.sqlite")
        try ErkendBinary.run(["catalog", "import", directory.path("bundle"), "--database", database])

        let result = try ErkendBinary.run(["catalog", "validate", "--database", database])

        #expect(result.status == 1)
        #expect(result.output.contains("dangling-reference") || result.output.contains("MISSING"))
    }

    @Test("Every command explains itself with --help")
    func help() throws {
        for command in [[], ["serve"], ["taxonomy", "import", "esco"], ["taxonomy", "stats"], ["catalog", "import"], ["catalog", "export"], ["catalog", "validate"], ["accounts", "create"], ["rdf", "canonicalize"]] {
            let result = try ErkendBinary.run(command + ["--help"])
            #expect(result.status == 0, "\(command)")
            #expect(result.output.contains("USAGE"), "\(command)")
        }
    }
}
