import ErkendTestSupport
import Foundation
import Testing

/// `GET /ready` of a node on PostgreSQL follows the database: 503 while it is stopped, 200 once it is back.
@Suite("Readiness on PostgreSQL", .serialized)
struct ReadinessPostgresTests {
    @Test("/ready is 200, then 503 with a problem document while PostgreSQL is stopped, then 200 again after it restarts")
    func followsTheDatabase() async throws {
        let cluster = try PostgresCluster.ownCluster()
        defer { cluster.stop() }
        let url = try cluster.makeDatabase()
        let node = try ServerProcess(arguments: [], directory: try TemporaryDirectory("erkend-ready"), database: url)
        defer { node.kill() }
        #expect(try await node.request("GET", "/ready").status == 200)

        try cluster.pause()
        let down = try await node.request("GET", "/ready")
        #expect(down.status == 503)
        #expect(down.headers["content-type"] == "application/problem+json")
        let problem = try JSONSerialization.jsonObject(with: down.body) as? [String: Any]
        #expect((problem?["detail"] as? String)?.contains("database does not answer") == true, "\(String(describing: problem))")
        #expect(!String(decoding: down.body, as: UTF8.self).contains("\(cluster.port)"), "the answer does not name the database server")
        #expect(try await node.request("GET", "/health").status == 200, "the process is alive all the same")

        try cluster.resume()
        var status = 0
        let deadline = Date().addingTimeInterval(30)
        while status != 200 && Date() < deadline {
            status = try await node.request("GET", "/ready").status
            if status != 200 { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(status == 200, "ready again within 30 seconds of the restart")
    }
}
