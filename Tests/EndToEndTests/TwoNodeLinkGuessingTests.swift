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
        let started = ContinuousClock.now
        for attempt in 0..<200 {
            let node = attempt.isMultiple(of: 2) ? a : b
            let guess = "guess\(attempt)-" + String(repeating: "x", count: 40)
            statuses.append(try await node.request("GET", "/api/v1/signoff/\(guess)").status)
            if statuses.last == 429 { break }
        }
        let elapsed = ContinuousClock.now - started
        let firstRefusal = try #require(statuses.firstIndex(of: 429), "no guess refused in \(statuses.count): \(statuses)")
        // Each node alone would allow 30 (60 together); the shared bucket of 30 refills one every 2 seconds, so
        // the first refusal comes after 30 guesses plus what refilled meanwhile (a loaded machine is slow).
        let refilled = Int(elapsed / .seconds(2)) + 1
        #expect(firstRefusal >= 30 && firstRefusal <= 30 + refilled, "refused after \(firstRefusal) guesses in \(elapsed): \(statuses)")
        #expect(statuses[..<firstRefusal].allSatisfy { $0 == 404 })
        // Right after the refusal both nodes refuse; a guess gets through only if the bucket refilled meanwhile
        // (one per 2 seconds; a loaded CI run once took longer than that between two requests).
        let refusedAt = ContinuousClock.now
        let atA = try await a.request("GET", "/api/v1/signoff/" + String(repeating: "y", count: 43))
        let atB = try await b.request("GET", "/api/v1/signoff/" + String(repeating: "z", count: 43))
        let refilledSince = Int(((ContinuousClock.now - refusedAt) / .seconds(2)).rounded(.up))
        let through = [atA.status, atB.status].filter { $0 != 429 }.count
        #expect(through <= refilledSince, "\(atA.status) \(atB.status) within \(ContinuousClock.now - refusedAt)")
        if atB.status == 429 { #expect(Int(atB.headers["retry-after"] ?? "") ?? 0 >= 1) }
    }
}
