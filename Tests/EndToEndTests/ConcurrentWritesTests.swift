import ErkendTestSupport
import Foundation
import Testing

/// Many people writing about one learner at the same moment, over HTTP against
/// a real `erkend serve`: mentors signing through links (some links opened
/// twice at once), a coach recording observations and a committee deciding.
/// Every write the server acknowledged must be there afterwards, each
/// single-use link must have been used exactly once, and the audit chain must
/// still verify.
@Suite("Concurrent writes over HTTP", .serialized)
struct ConcurrentWritesTests {
    /// What a client saw of one attempt to use a sign-off link.
    struct LinkUse: Sendable {
        var link: String
        var status: Int
        var body: String

        /// The request's status after an accepted use: `signed` or `declined`.
        var outcome: String? {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["status"] as? String
        }
    }

    @Test("Parallel sign-offs, observations and decisions on one learner lose nothing, and each link is used exactly once")
    func parallelWritesOnOneLearner() async throws {
        // Setup: one learner with one mentor, and sign-off links for that mentor.
        let directory = try TemporaryDirectory("erkend-concurrent")
        let server = try ServerProcess(directory: directory)
        defer { server.kill() }
        let client = try await RegistryClient.signIn(server)
        let (learner, mentor) = try await client.placedLearner("Sanne de Vries")
        // The link endpoints allow 30 uses a minute per address: 12 links used twice stay within that.
        let linkCount = 12, observationCount = 24, decisionCount = 12
        let links = try await withThrowingTaskGroup(of: (id: String, token: String)?.self) { group in
            for _ in 0..<linkCount { group.addTask { await client.requestSignoff(learner, mentor: mentor) } }
            return try await group.reduce(into: [(id: String, token: String)]()) { if let link = $1 { $0.append(link) } }
        }
        try #require(links.count == linkCount, "sign-off requests made in parallel: \(links.count) of \(linkCount)")

        // Act: every write at once. Each link gets two uses racing each other: two signatures,
        // or a signature and a decline.
        let acknowledged = Acknowledged()
        let uses = await withTaskGroup(of: LinkUse?.self) { group in
            for (index, link) in links.enumerated() {
                group.addTask { await Self.sign(server, link) }
                group.addTask { index % 3 == 0 ? await Self.decline(server, link) : await Self.sign(server, link) }
            }
            for _ in 0..<observationCount {
                group.addTask {
                    await acknowledged.record(.observation, await client.recordObservation(learner, level: 2))
                    return nil
                }
            }
            for _ in 0..<decisionCount {
                group.addTask {
                    await acknowledged.record(.decision, await client.decide(learner))
                    return nil
                }
            }
            return await group.reduce(into: [LinkUse]()) { if let use = $1 { $0.append(use) } }
        }

        // Check over HTTP, while serving.
        let observations = try await Self.list(server, "/api/v1/learners/\(learner)/observations", as: client.coach)
        let decisions = try await Self.list(server, "/api/v1/learners/\(learner)/decisions", as: client.assessor)
        let ids = await acknowledged.snapshot()
        let recordedObservations = ids[.observation] ?? [], recordedDecisions = ids[.decision] ?? []
        let byLink = Dictionary(grouping: uses, by: \.link)
        let accepted = uses.filter { (200..<300).contains($0.status) }
        let signed = accepted.filter { $0.outcome == "signed" }
        let refused = uses.filter { !(200..<300).contains($0.status) }

        #expect(recordedObservations.count == observationCount, "observations acknowledged: \(recordedObservations.count) of \(observationCount)")
        #expect(recordedDecisions.count == decisionCount, "decisions acknowledged: \(recordedDecisions.count) of \(decisionCount)")
        for (link, attempts) in byLink {
            #expect(attempts.filter { (200..<300).contains($0.status) }.count == 1,
                    "link \(link.prefix(8))… used twice at once: \(attempts.map { "\($0.status) \($0.body.prefix(200))" })")
        }
        #expect(refused.allSatisfy { $0.status == 409 || $0.status == 410 }, "refusals: \(refused.map { "\($0.status) \($0.body.prefix(200))" })")
        #expect(Set(recordedObservations).isSubset(of: Set(observations.compactMap { $0["id"] as? String })))
        #expect(observations.count == observationCount + signed.count,
                "observations stored: \(observations.count); acknowledged: \(observationCount) recorded + \(signed.count) signed through links")
        #expect(Set(recordedDecisions) == Set(decisions.compactMap { $0["id"] as? String }))

        // Check the database itself and the audit chain, after a clean stop.
        #expect(server.stop() == 0, "\(server.log.suffix(1000))")
        let inspection = try DatabaseInspection(server.database)
        let signedRequests = links.filter { link in signed.contains { $0.link == link.token } }.map(\.id)
        let missing = try inspection.missing([.observation: recordedObservations, .decision: recordedDecisions, .signoff: signedRequests])
        let halfWritten = try inspection.halfWritten()
        let soundness = try inspection.soundnessProblems()
        try inspection.close()
        let audit = try await ErkendBinary.runAsync(["audit", "verify", "--database", server.database])

        #expect(missing.isEmpty, "acknowledged but not stored: \(missing)")
        #expect(halfWritten.isEmpty, "\(halfWritten)")
        #expect(soundness.isEmpty, "\(soundness)")
        #expect(audit.status == 0, "\(audit.output) \(audit.error)")
        #expect(!server.log.contains("unexpected error"), "\(server.log.suffix(2000))")
        print("concurrent writes on one learner: \(observationCount) observations and \(decisionCount) decisions acknowledged, "
              + "\(linkCount) links used twice at once: \(signed.count) signed, \(accepted.count - signed.count) declined, "
              + "\(refused.count) refused (\(Set(refused.map(\.status)).sorted())); \(audit.output.trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    // MARK: - Helpers

    static func sign(_ server: ServerProcess, _ link: (id: String, token: String)) async -> LinkUse {
        await use(server, link, "sign",
                  #"{"name": "Fatima el Amrani", "organisation": "Bits & Bytes BV", "level": "3", "date": "2026-10-02", "feedback": "Zelfstandig."}"#)
    }

    static func decline(_ server: ServerProcess, _ link: (id: String, token: String)) async -> LinkUse {
        await use(server, link, "decline", #"{"reason": "Niet gezien op deze dag"}"#)
    }

    static func use(_ server: ServerProcess, _ link: (id: String, token: String), _ action: String, _ body: String) async -> LinkUse {
        do {
            let response = try await server.request("POST", "/api/v1/signoff/\(link.token)/\(action)", body: body)
            return LinkUse(link: link.token, status: response.status, body: String(decoding: response.body, as: UTF8.self))
        } catch {
            return LinkUse(link: link.token, status: 0, body: "\(error)")
        }
    }

    /// A GET of a JSON array.
    static func list(_ server: ServerProcess, _ path: String, as headers: [String: String]) async throws -> [[String: Any]] {
        let response = try await server.request("GET", path, headers: headers)
        try #require(response.status == 200, "\(path): \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        return try #require(try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]], "\(path) is not a JSON array")
    }
}
