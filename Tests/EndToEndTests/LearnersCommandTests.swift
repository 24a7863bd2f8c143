import ErkendTestSupport
import Foundation
import Testing

/// `erkend learners import` and `list` as a person runs them: the shipped
/// taxonomy, catalogue and example learners on a real database file.
@Suite("Learners on the command line")
struct LearnersCommandTests {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.path("erkend.sqlite")
    }

    @discardableResult
    private func erkend(_ arguments: String...) throws -> ErkendBinary.Result {
        try ErkendBinary.run(arguments + ["--database", database])
    }

    /// The ESCO subset and the demo catalogue, which the learners' programmes need.
    private func importCatalogue() throws {
        let taxonomy = try erkend("taxonomy", "import", "esco", RepositoryRoot.path("Catalogs/esco-subset-v1.1.1").path)
        let catalogue = try erkend("catalog", "import", RepositoryRoot.path("Catalogs/demo").path)
        try #require(taxonomy.status == 0 && catalogue.status == 0, "\(taxonomy.error)\(catalogue.error)")
    }

    /// `learners list --json` as an array of objects.
    private func listed() throws -> [[String: Any]] {
        let result = try erkend("learners", "list", "--json")
        try #require(result.status == 0, "\(result.error)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
    }

    @Test("The example learners import, and list --json has every learner with id, name and enrolments")
    func importAndList() throws {
        try importCatalogue()

        let imported = try erkend("learners", "import", RepositoryRoot.path("Catalogs/demo-learners.csv").path)
        let learners = try listed()

        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.output.contains("learners: 14 added, 0 updated (14 rows)"))
        #expect(imported.output.contains("enrolments: 14, placements: 10, mentors: 13"))
        #expect(learners.count == 14)
        #expect(learners.allSatisfy { ($0["id"] as? String)?.isEmpty == false && ($0["name"] as? String)?.isEmpty == false })
        let daan = try #require(learners.first { $0["id"] as? String == "250101" })
        #expect(daan["name"] as? String == "Daan Bitterkoek")
        #expect(daan["studentNumber"] as? String == "250101")
        let enrolment = try #require((daan["enrolments"] as? [[String: Any]])?.first)
        #expect(enrolment["programme"] as? String == "SD-25604@1")
        #expect(enrolment["cohort"] as? String == "2025-2026")
        #expect(enrolment["startDate"] as? String == "2025-09-01")
        #expect(enrolment["status"] as? String == "active")
    }

    @Test("learners due says when no entrustment is due, and --json gives the API's list")
    func dueWithoutDecisions() throws {
        try importCatalogue()
        try erkend("learners", "import", RepositoryRoot.path("Catalogs/demo-learners.csv").path)

        let text = try erkend("learners", "due")
        let json = try erkend("learners", "due", "--json", "--programme", "SD-25604")

        #expect(text.status == 0, "\(text.error)")
        #expect(text.output.contains("no entrustments due among 0 learners with decisions"))
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect((list["learners"] as? [Any])?.isEmpty == true)
        #expect(list["total"] as? Int == 0)
    }

    @Test("Importing the same file twice updates and does not duplicate")
    func importTwice() throws {
        try importCatalogue()
        let file = RepositoryRoot.path("Catalogs/demo-learners.csv").path
        try erkend("learners", "import", file)

        let again = try erkend("learners", "import", file)
        let learners = try listed()

        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.contains("learners: 0 added, 14 updated"))
        #expect(learners.count == 14)
        #expect(learners.allSatisfy { ($0["enrolments"] as? [Any])?.count == 1 })
    }

    @Test("A file with a bad row exits non-zero, names the file, line and column, and stores none of its rows")
    func badRowStoresNothing() throws {
        try importCatalogue()
        try erkend("learners", "import", RepositoryRoot.path("Catalogs/demo-learners.csv").path)
        try directory.write("nieuw.csv", """
            studentnummer,naam,opleiding,cohort,startdatum,leerbedrijf,bpv_start,bpv_eind
            990001,Nieuwe Leerling,SD-25604,2025-2026,2025-09-01,Acme,2026-02-02,2026-06-26
            990002,Tweede Leerling,SD-25604,2025-2026,2025-09-01,Acme,2026-02-02,2026-01-30

            """)

        let result = try erkend("learners", "import", directory.path("nieuw.csv"))
        let learners = try listed()

        #expect(result.status != 0)
        #expect(result.error.contains("nieuw.csv, line 3, column bpv_eind: the placement ends (2026-01-30) before it starts (2026-02-02)"))
        #expect(result.error.split(separator: "\n").count == 1, "one line: \(result.error)")
        #expect(learners.count == 14)
        #expect(!learners.contains { $0["id"] as? String == "990001" })
    }

    @Test("A file with many problems lists every one of them before the one-line reason")
    func manyProblemsListed() throws {
        try importCatalogue()
        let rows = (1...7).map { "99000\($0),,SD-25604,2025-2026,2025-09-01" }
        try directory.write("leeg.csv", (["studentnummer,naam,opleiding,cohort,startdatum"] + rows).joined(separator: "\n") + "\n")

        let result = try erkend("learners", "import", directory.path("leeg.csv"))

        #expect(result.status != 0)
        let lines = result.error.split(separator: "\n")
        #expect(lines.count == 8, "\(result.error)")
        #expect(lines.filter { $0.contains("column naam: the name is empty") }.count == 7)
        #expect(lines.last?.contains("leeg.csv has 7 problems; nothing was imported") == true)
    }

    @Test("A programme missing from the catalogue is named as the reason")
    func programmeNotInCatalogue() throws {
        try directory.write("l.csv", "studentnummer,naam,opleiding,cohort,startdatum\n1,A,SD-25604,2025-2026,2025-09-01\n")

        let result = try erkend("learners", "import", directory.path("l.csv"))

        #expect(result.status != 0)
        #expect(result.error.contains("l.csv, line 2, column opleiding: programme SD-25604 is not in the catalogue"))
    }

    @Test("The list filters by cohort, programme and text, and prints one learner per line")
    func listFilters() throws {
        try importCatalogue()
        try erkend("learners", "import", RepositoryRoot.path("Catalogs/demo-learners.csv").path)

        let cohort = try erkend("learners", "list", "--cohort", "2024-2025")
        let programme = try erkend("learners", "list", "--programme", "VP-N4-2026", "--json")
        let query = try erkend("learners", "list", "--query", "Kodewijk")
        let none = try erkend("learners", "list", "--query", "niemand-heet-zo")

        #expect(cohort.output.split(separator: "\n").count == 3)
        #expect(cohort.output.contains("240117\tLotte Veldsleutel\t240117\t2024-2025 SD-25604@1"))
        let nurses = try #require(try JSONSerialization.jsonObject(with: Data(programme.output.utf8)) as? [[String: Any]])
        #expect(nurses.count == 6)
        #expect(query.output == "250103\tMilan Kodewijk\t250103\t2025-2026 SD-25604@1\n")
        #expect(none.status == 0 && none.output == "no learners\n")
    }

    @Test("learners import and list explain themselves with --help and an example")
    func help() throws {
        for command in [["learners"], ["learners", "import"], ["learners", "list"]] {
            let result = try ErkendBinary.run(command + ["--help"])
            #expect(result.status == 0, "\(command)")
            #expect(result.output.contains("erkend learners"), "\(command)")
        }
        #expect(try ErkendBinary.run(["learners", "import", "--help"]).output.contains("Example: erkend learners import Catalogs/demo-learners.csv"))
    }
}
