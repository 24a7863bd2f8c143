import ErkendTestSupport
import Foundation
import Testing

/// `erkend metrics` on generated demo data, through the real executable and a real SQLite file.
@Suite("Metrics command")
struct MetricsCommandTests {
    @Test("erkend metrics lists the metrics and prints time-to-entrustment and unit-reuse as a table, CSV and JSON that agree")
    func metrics() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("erkend.sqlite")
        let generated = try ErkendBinary.run(["demo", "generate", "--learners", "60", "--observations-per-learner", "20", "--seed", "3",
                                              "--catalogs", RepositoryRoot.path("Catalogs").path, "--database", database])
        #expect(generated.status == 0, "\(generated.error)")

        let list = try ErkendBinary.run(["metrics", "--database", database])
        #expect(list.status == 0, "\(list.error)")
        #expect(list.output.contains("time-to-entrustment") && list.output.contains("unit-reuse"))

        let csv = try ErkendBinary.run(["metrics", "time-to-entrustment", "--csv", "--database", database])
        #expect(csv.status == 0, "\(csv.error)")
        let lines = csv.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "epa,level,learners,reached,median,q1,q3,atRiskAtMedian")
        #expect(lines.count > 1, "60 learners make groups large enough to show")

        let json = try ErkendBinary.run(["metrics", "time-to-entrustment", "--json", "--database", database])
        let table = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let rows = try #require(table["rows"] as? [[String: Any]])
        #expect(rows.count == lines.count - 1)
        for row in rows {
            let learners = try #require(row["learners"] as? Int), reached = try #require(row["reached"] as? Int)
            #expect(learners >= 5 && reached <= learners)
            if let q1 = row["q1"] as? Int, let median = row["median"] as? Int { #expect(q1 <= median) }
        }

        let text = try ErkendBinary.run(["metrics", "unit-reuse", "--database", database])
        #expect(text.status == 0, "\(text.error)")
        #expect(text.output.hasPrefix("unit"))
        #expect(text.output.contains("as of"))

        let unknown = try ErkendBinary.run(["metrics", "diploma-count", "--database", database])
        #expect(unknown.status != 0)
        #expect(unknown.error.contains("no metric 'diploma-count'"))
        let badDay = try ErkendBinary.run(["metrics", "awards", "--from", "gisteren", "--database", database])
        #expect(badDay.status != 0 && badDay.error.contains("--from"))

        // From vacancy to skill: a generated learner and the software developer occupation of the ESCO subset.
        let developer = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"
        let match = try ErkendBinary.run(["match", "g3-L1", "--occupation", developer, "--json", "--database", database])
        #expect(match.status == 0, "\(match.error)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(match.output.utf8)) as? [String: Any])
        let sections = ["have", "fading", "missing"].map { (result[$0] as? [Any])?.count ?? -1 }
        #expect(sections.allSatisfy { $0 >= 0 } && sections.reduce(0, +) > 0)
        let matchCSV = try ErkendBinary.run(["match", "g3-L1", "--occupation", developer, "--csv", "--database", database])
        let matchLines = matchCSV.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(matchLines.first == "section,code,label,detail")
        #expect(matchLines.count == 1 + sections.reduce(0, +) + ((result["units"] as? [Any])?.count ?? 0))
        let noTarget = try ErkendBinary.run(["match", "g3-L1", "--database", database])
        #expect(noTarget.status != 0 && noTarget.error.contains("name a target"))
    }

    @Test("the dashboard over a real server: a coach's page carries inline charts and CSV links, a learner is refused")
    func dashboardOverHTTP() async throws {
        let server = try ServerProcess()
        defer { _ = server.stop() }
        let coach = try await RegistryClient.bearer(server, "coach@demo.erkend.nl")
        let page = try await server.request("GET", "/dashboard?programme=SD-25604", headers: coach.merging(["Accept": "text/html", "Accept-Language": "nl"]) { $1 })
        #expect(page.status == 200)
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(html.contains("<h1>Doorstroom en hergebruik</h1>"))
        #expect(html.contains(#"aria-labelledby="chart-unit-reuse-title chart-unit-reuse-desc""#))
        #expect(html.contains(#"href="/api/v1/metrics/phase-flow?format=csv&amp;programme=SD-25604""#))
        let csv = try await server.request("GET", "/api/v1/metrics/phase-flow?format=csv&programme=SD-25604", headers: coach)
        #expect(csv.status == 200)
        #expect(String(decoding: csv.body, as: UTF8.self).hasPrefix("programme,phase,learners,entered,movedOn,droppedOut,medianDaysInPhase,inPhase,noProgress\r\n"))
        let learner = try await RegistryClient.bearer(server, "leerling@demo.erkend.nl")
        #expect(try await server.request("GET", "/dashboard", headers: learner.merging(["Accept": "text/html"]) { $1 }).status == 403)
    }
}
