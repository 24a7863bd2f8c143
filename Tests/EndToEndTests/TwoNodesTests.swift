import ErkendTestSupport
import Foundation
import Testing

/// Two `erkend serve` processes on different loopback ports in front of one PostgreSQL database: every
/// guarantee of one process holds for both together. They share one folder (as nodes share a mount), so
/// both write mail to the same outbox folder and use the same credential keys.
@Suite("Two nodes on one PostgreSQL database", .serialized)
struct TwoNodesTests {
    /// Node A loads the demo; node B starts on the same database once A is serving.
    static func nodes() throws -> (a: ServerProcess, b: ServerProcess, url: String) {
        let url = try PostgresCluster.shared().makeDatabase()
        let directory = try TemporaryDirectory("erkend-two-nodes")
        let a = try ServerProcess(arguments: ["--demo"], directory: directory, database: url)
        let b = try ServerProcess(arguments: [], directory: directory, database: url)
        return (a, b, url)
    }

    static func observationIDs(_ node: ServerProcess, learner: String, as headers: [String: String]) async throws -> Set<String> {
        let response = try await node.request("GET", "/api/v1/learners/\(learner)/observations", headers: headers)
        let items = try #require(try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]], "\(response.status)")
        return Set(items.compactMap { $0["id"] as? String })
    }

    @Test("a session and a token made on one node work on the other; a link sent to both nodes at the same instant signs once; one audit chain")
    func sharedState() async throws {
        let (a, b, url) = try Self.nodes()
        defer { a.kill(); b.kill() }

        let signIn = try await a.request("POST", "/api/v1/session", body: #"{"username": "coach@demo.erkend.nl", "password": "erkend-demo-2026"}"#)
        #expect(signIn.status == 201)
        let cookie = String(signIn.headers["set-cookie"]?.split(separator: ";").first ?? "")
        #expect(try await b.request("GET", "/api/v1/session", headers: ["Cookie": cookie]).status == 200, "node B knows node A's session")
        #expect(try await b.request("GET", "/api/v1/session", headers: ["Cookie": "erkend_session=forged"]).status == 401)

        // Tokens made on A, used on B.
        let onA = try await RegistryClient.signIn(a)
        let onB = RegistryClient(server: b, coach: onA.coach, assessor: onA.assessor)
        let (learner, mentor) = try await onB.placedLearner("Lotte de Wit")
        let signoff = try #require(await onA.requestSignoff(learner, mentor: mentor))

        let signed = await withTaskGroup(of: Bool.self) { group in
            for attempt in 0..<20 {
                let client = attempt.isMultiple(of: 2) ? onA : onB
                group.addTask { await client.sign(signoff.token) != nil }
            }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(signed == 1, "exactly one of twenty uses on two nodes signs")
        #expect(try await Self.observationIDs(a, learner: learner, as: onA.coach).count == 1)

        // Writes arriving at both nodes at once land in one chain.
        let written = await withTaskGroup(of: Bool.self) { group in
            for attempt in 0..<30 {
                let client = attempt.isMultiple(of: 2) ? onA : onB
                group.addTask { await client.recordObservation(learner) != nil }
            }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(written == 30)
        #expect(try await Self.observationIDs(b, learner: learner, as: onB.coach).count == 31)
        let mails = try FileManager.default.contentsOfDirectory(at: a.outbox, includingPropertiesForKeys: nil)
            .filter { (try? String(contentsOf: $0, encoding: .utf8))?.contains("X-Erkend-About: signoffRequest:\(signoff.id)\r\n") == true }
        #expect(mails.count == 1, "the link is mailed once, though both nodes run a sender over the one outbox")

        #expect(a.stop() == 0 && b.stop() == 0)
        let verified = try ErkendBinary.run(["audit", "verify", "--database", url])
        #expect(verified.status == 0, "\(verified.output) \(verified.error)")
    }

    @Test("failed sign-ins at two nodes count together: after five spread over both, the next attempt waits at either node")
    func signInThrottleAcrossNodes() async throws {
        let (a, b, _) = try Self.nodes()
        defer { a.kill(); b.kill() }
        let wrong = #"{"username": "coach@demo.erkend.nl", "password": "niet-het-goede-wachtwoord"}"#
        for attempt in 0..<5 {
            let node = attempt.isMultiple(of: 2) ? a : b
            #expect(try await node.request("POST", "/api/v1/session", body: wrong).status == 401)
        }
        // Node B saw two of the five failures; it still makes this address wait, even with the right password.
        let right = try await b.request("POST", "/api/v1/session", body: #"{"username": "coach@demo.erkend.nl", "password": "erkend-demo-2026"}"#)
        #expect(right.status == 429, "\(right.status) \(String(decoding: right.body, as: UTF8.self))")
        #expect(try await a.request("POST", "/api/v1/session", body: wrong).status == 429)
    }

    @Test("SIGKILL of a node in the middle of a burst loses no acknowledged write: the other node serves every one")
    func killMidBurst() async throws {
        let (a, b, url) = try Self.nodes()
        defer { a.kill(); b.kill() }
        let onA = try await RegistryClient.signIn(a)
        let onB = RegistryClient(server: b, coach: onA.coach, assessor: onA.assessor)
        let (learner, _) = try await onA.placedLearner("Bram Smit")

        let count = AcknowledgedCount()
        // The kill comes in the middle of the burst: after 40 writes were acknowledged, with more in flight.
        let killer = Task {
            while count.value < 40 { try await Task.sleep(for: .milliseconds(5)) }
            a.kill()
        }
        let perWriter = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var ids: [String] = []
                    // Each writer goes on until node A stops answering.
                    for _ in 0..<500 {
                        guard let id = await onA.recordObservation(learner) else { break }
                        ids.append(id)
                        count.add()
                    }
                    return ids
                }
            }
            return await group.reduce(into: [[String]]()) { $0.append($1) }
        }
        try await killer.value
        #expect(!a.process.isRunning)
        let acknowledged = perWriter.flatMap { $0 }
        #expect(acknowledged.count >= 40 && perWriter.allSatisfy { $0.count < 500 },
                "writes were acknowledged, and every writer was cut off by the kill: \(perWriter.map(\.count))")

        let stored = try await Self.observationIDs(b, learner: learner, as: onB.coach)
        #expect(Set(acknowledged).isSubset(of: stored), "every acknowledged observation is on node B")
        #expect(await onB.recordObservation(learner) != nil, "node B keeps taking writes")
        #expect(b.stop() == 0)
        let verified = try ErkendBinary.run(["audit", "verify", "--database", url])
        #expect(verified.status == 0, "\(verified.output) \(verified.error)")
    }
}

/// Writes acknowledged so far, across the writers of a burst.
final class AcknowledgedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}
