import ErkendCore
import ErkendServer
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
