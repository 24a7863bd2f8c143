import ErkendCore
import ErkendServer
import ErkendStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Metrics API")
struct MetricsAPITests {
    @Test("metrics are listed, served as JSON and as CSV, and only to management and staff roles")
    func metricsOverHTTP() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let list = try await client.json(.get, "/api/v1/metrics", headers: app.headers(.coach))
            #expect(list.status == .ok)
            let names = (list.body as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == MetricName.allCases.map(\.rawValue))

            let reuse = try await client.json(.get, "/api/v1/metrics/unit-reuse?programme=SD-25604", headers: app.headers(.designer))
            #expect(reuse.status == .ok)
            let rows = try #require(reuse.body["rows"] as? [[String: Any]])
            #expect(rows.contains { $0["unit"] as? String == "SD-B1-K1-W1" && ($0["programmeCodes"] as? String)?.contains("SD-25604") == true })
            #expect(reuse.body["columns"] as? [String] == ["unit", "programmes", "programmeCodes"])

            let csv = try await client.execute(uri: "/api/v1/metrics/unit-reuse?programme=SD-25604", method: .get,
                                               headers: app.headers(.administrator) + [.accept: "text/csv"]) { response in
                (response.headers[.contentType], String(buffer: response.body))
            }
            #expect(csv.0?.hasPrefix("text/csv") == true)
            let lines = csv.1.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == "unit,programmes,programmeCodes")
            #expect(lines.count == rows.count + 1)
            let forced = try await client.execute(uri: "/api/v1/metrics/unit-reuse?format=csv", method: .get, headers: app.headers(.coach)) { $0.headers[.contentType] }
            #expect(forced?.hasPrefix("text/csv") == true)

            // Two learners in the demo: every time-to-entrustment group is too small to show.
            let time = try await client.json(.get, "/api/v1/metrics/time-to-entrustment", headers: app.headers(.assessor))
            #expect(time.status == .ok)
            #expect((time.body["rows"] as? [Any])?.isEmpty == true)
            #expect((time.body["suppressedGroups"] as? Int ?? 0) > 0)
            #expect(time.body["smallGroupMinimum"] as? Int == 5)

            let chart = try await client.execute(uri: "/api/v1/metrics/unit-reuse?format=svg", method: .get, headers: app.headers(.coach)) { response in
                (response.status, response.headers[.contentType], String(buffer: response.body))
            }
            #expect(chart.0 == .ok && chart.1?.hasPrefix("image/svg+xml") == true)
            #expect(chart.2.hasPrefix("<svg") && chart.2.contains("<title") && chart.2.contains("<desc"))
            // No rows (every group suppressed), nothing to draw.
            #expect(try await client.json(.get, "/api/v1/metrics/time-to-entrustment?format=svg", headers: app.headers(.coach)).status == .notFound)

            // Phase flow: the two demo learners are too few to show; a quiet limit below one day is refused.
            let flow = try await client.json(.get, "/api/v1/metrics/phase-flow?noProgressDays=30", headers: app.headers(.coach))
            #expect(flow.status == .ok)
            #expect((flow.body["filter"] as? [String: Any])?["noProgressDays"] as? Int == 30)
            #expect(flow.body["columns"] as? [String] == PhaseFlow.columns)
            #expect(try await client.json(.get, "/api/v1/metrics/phase-flow?noProgressDays=0", headers: app.headers(.coach)).status == .badRequest)
            #expect(try await client.json(.get, "/api/v1/metrics/diploma-count", headers: app.headers(.coach)).status == .notFound)
            #expect(try await client.json(.get, "/api/v1/metrics/awards?from=gisteren", headers: app.headers(.coach)).status == .badRequest)
            #expect(try await client.json(.get, "/api/v1/metrics/awards?from=2026-02-01&to=2026-01-01", headers: app.headers(.coach)).status == .badRequest)
            for role: Role in [.mentor, .learner] {
                #expect(try await client.json(.get, "/api/v1/metrics", headers: app.headers(role)).status == .forbidden)
                #expect(try await client.json(.get, "/api/v1/metrics/unit-reuse", headers: app.headers(role)).status == .forbidden)
            }
            #expect(try await client.json(.get, "/api/v1/metrics").status == .unauthorized)
        }
    }
}

private func + (lhs: HTTPFields, rhs: HTTPFields) -> HTTPFields {
    var fields = lhs
    fields.append(contentsOf: rhs)
    return fields
}

@Suite("Match API")
struct MatchAPITests {
    static let developer = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"
    static let taughtSkill = "http://data.europa.eu/esco/skill/a8d24a95-47b3-4f88-92e7-06600bcd3612"

    @Test("a learner's gap to an ESCO occupation: every essential skill missing at the start, units that give them, for staff and the learner only")
    func matchOverHTTP() async throws {
        let app = try await TestApplication(demo: true)
        let essential = try await app.store.taxonomy.skills(requiredBy: try ConceptURI(Self.developer)).filter { $0.requirement == .essential }
        try await app.test { client in
            let match = try await client.json(.get, "/api/v1/learners/learner-self/match?occupation=\(Self.developer)", headers: app.headers(.coach))
            #expect(match.status == .ok, "\(match.body ?? "")")
            let missing = try #require(match.body["missing"] as? [[String: Any]])
            #expect((match.body["have"] as? [Any])?.isEmpty == true, "nothing passed or decided yet")
            #expect(Set(missing.compactMap { $0["skill"] as? String }) == Set(essential.map(\.concept.uri.rawValue)))
            let units = try #require(match.body["units"] as? [[String: Any]])
            for unit in units {
                let covers = try #require(unit["covers"] as? [String])
                #expect(!covers.isEmpty || unit["prerequisiteOf"] != nil)
            }

            let own = try await client.json(.get, "/api/v1/learners/learner-self/match?skills=\(Self.taughtSkill)", headers: app.headers(.learner))
            #expect(own.status == .ok)
            let suggested = try #require(own.body["units"] as? [[String: Any]])
            #expect(suggested.contains { ($0["covers"] as? [String]) == [Self.taughtSkill] })
            #expect((own.body["uncovered"] as? [String])?.isEmpty == true)

            #expect(try await client.json(.get, "/api/v1/learners/learner-other/match?skills=\(Self.taughtSkill)", headers: app.headers(.learner)).status == .forbidden)
            #expect(try await client.json(.get, "/api/v1/learners/learner-self/match?skills=geen-uri", headers: app.headers(.coach)).status == .badRequest)
            #expect(try await client.json(.get, "/api/v1/learners/learner-self/match", headers: app.headers(.coach)).status == .badRequest)
            #expect(try await client.json(.get, "/api/v1/learners/learner-self/match?occupation=http://data.europa.eu/esco/occupation/00000000-0000-4000-8000-000000000000",
                                          headers: app.headers(.coach)).status == .notFound)
        }
    }

    @Test("a programme against an occupation over HTTP: the essential skills it covers and the gaps, public like the catalogue")
    func programmeCoverage() async throws {
        let app = try await TestApplication(demo: true)
        let essential = try await app.store.taxonomy.skills(requiredBy: try ConceptURI(Self.developer)).filter { $0.requirement == .essential }
        try await app.test { client in
            let coverage = try await client.json(.get, "/api/v1/programmes/SD-25604/coverage?occupation=\(Self.developer)")
            #expect(coverage.status == .ok, "\(coverage.body ?? "")")
            let covered = try #require(coverage.body["covered"] as? [[String: Any]])
            let gaps = try #require(coverage.body["gaps"] as? [[String: Any]])
            // Docs/metrics.md: on the shipped ESCO subset SD-25604 covers 9 of the 24 essential skills.
            #expect(coverage.body["essential"] as? Int == 24 && essential.count == 24)
            #expect(covered.count == 9)
            #expect(Set((covered + gaps).compactMap { $0["skill"] as? String }) == Set(essential.map(\.concept.uri.rawValue)))
            #expect(abs((coverage.body["share"] as? Double ?? 0) - 9.0 / 24) < 1e-9)
            #expect(try await client.json(.get, "/api/v1/programmes/SD-25604/coverage").status == .badRequest)
            #expect(try await client.json(.get, "/api/v1/programmes/SD-25604/coverage?occupation=geen-uri").status == .badRequest)
            #expect(try await client.json(.get, "/api/v1/programmes/GEEN-OPLEIDING/coverage?occupation=\(Self.developer)").status == .notFound)
        }
    }
}
