import ErkendTestSupport
import Foundation
import Testing

/// `GET /metrics` of a running `erkend serve`: Prometheus's text format, requests by route template.
@Suite("Metrics for Prometheus", .serialized)
struct MetricsEndpointTests {
    @Test("/metrics counts a request for a learner by its route template, with a latency histogram, and holds no learner id")
    func routeTemplatesOnly() async throws {
        let server = try ServerProcess()
        defer { server.kill() }
        let client = try await RegistryClient.signIn(server)
        let (learner, _) = try await client.placedLearner("Sanne Visser")
        #expect(try await server.request("GET", "/api/v1/learners/\(learner)", headers: client.coach).status == 200)
        _ = await client.recordObservation(learner)
        #expect(try await server.request("GET", "/api/v1/learners/\(learner)-unknown", headers: client.coach).status == 404)

        let response = try await server.request("GET", "/metrics")
        #expect(response.status == 200)
        #expect(response.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains(#"erkend_http_requests_total{route="/api/v1/learners/{learner}",method="GET",status="200"} 1"#), "\(text.prefix(3000))")
        #expect(text.contains(#"erkend_http_requests_total{route="/api/v1/learners/{learner}",method="GET",status="404"} 1"#))
        #expect(text.contains(#"erkend_http_request_duration_seconds_bucket{route="/api/v1/learners/{learner}/observations",method="POST",le="#))
        #expect(text.contains("erkend_group_commit_batch_size_bucket{le=\"1.0\"}") || text.contains("erkend_group_commit_batch_size_bucket{le=\"1\"}"),
                "the SQLite writes went through group commit: \(text.suffix(2000))")
        #expect(!text.contains(learner), "no learner id in any label")
        #expect(!text.contains("Sanne"), "no name in any label")
        // Through a proxy the loopback address is not this machine's own: no metrics without the token.
        #expect(try await server.request("GET", "/metrics", headers: ["X-Forwarded-For": "203.0.113.5"]).status == 404)
    }
}
