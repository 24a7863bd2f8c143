import ErkendTestSupport
import Foundation
import Testing

/// The guessing limit on sign-off links is one limit for all nodes on one PostgreSQL database.
@Suite("Guessing sign-off links at two nodes", .serialized)
struct TwoNodeLinkGuessingTests {
    @Test("guesses at sign-off links alternating between two nodes are refused after one node's thirty, then at either node")
    func linkGuessingAcrossNodes() async throws {
        let (a, b, _) = try TwoNodesTests.nodes()
        defer { a.kill(); b.kill() }
        var statuses: [Int] = []
        for attempt in 0..<60 {
            let node = attempt.isMultiple(of: 2) ? a : b
            let guess = "guess\(attempt)-" + String(repeating: "x", count: 40)
            statuses.append(try await node.request("GET", "/api/v1/signoff/\(guess)").status)
            if statuses.last == 429 { break }
        }
        let firstRefusal = try #require(statuses.firstIndex(of: 429), "no guess refused in 60: \(statuses)")
        // Each node alone would allow 30 (60 together); the shared bucket of 30 refills one every 2 seconds.
        #expect((30...34).contains(firstRefusal), "refused after \(firstRefusal) guesses: \(statuses)")
        #expect(statuses[..<firstRefusal].allSatisfy { $0 == 404 })
        let atA = try await a.request("GET", "/api/v1/signoff/" + String(repeating: "y", count: 43))
        let atB = try await b.request("GET", "/api/v1/signoff/" + String(repeating: "z", count: 43))
        #expect(atA.status == 429 && atB.status == 429, "\(atA.status) \(atB.status)")
        #expect(Int(atB.headers["retry-after"] ?? "") ?? 0 >= 1)
    }
}
