import ErkendCore
import ErkendPostgres
import ErkendTestSupport
import Foundation
import Testing

/// The guess limits on secrets count every try once, whichever node receives it.
@Suite("Guess limits across nodes")
struct TwoNodeGuessLimitTests {
    @Test("Thirty guesses spread over two nodes at once use up one bucket of thirty: the next is refused at either node")
    func guessesCountTogether() async throws {
        let url = try PostgresCluster.shared().makeDatabase()
        let a = try await PostgresStore.open(url: url, connections: 4)
        let b = try await PostgresStore.open(url: url, connections: 4)
        defer { Task { await a.close(); await b.close() } }
        let nodes = [a.storage.guessLimits, b.storage.guessLimits]
        let limit = GuessLimit(capacity: 30, perMinute: 30)
        let at = Date(timeIntervalSince1970: 1_790_000_000)

        let allowed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<30 {
                let node = nodes[index % 2]
                group.addTask { try await node.take("signoff 203.0.113.9", limit: limit, at: at) == nil }
            }
            return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(allowed == 30)
        #expect(try await nodes[0].take("signoff 203.0.113.9", limit: limit, at: at) != nil)
        #expect(try await nodes[1].take("signoff 203.0.113.9", limit: limit, at: at) != nil)
        #expect(try await nodes[1].take("signoff 203.0.113.10", limit: limit, at: at) == nil, "another address guesses on")
    }

    @Test("The database keeps only hashes of the keys: no client address in the table")
    func onlyHashes() async throws {
        let url = try PostgresCluster.shared().makeDatabase()
        let store = try await PostgresStore.open(url: url, connections: 2)
        defer { Task { await store.close() } }
        _ = try await store.storage.guessLimits.take("signoff 203.0.113.9", limit: GuessLimit(capacity: 3, perMinute: 3), at: Date())
        let cluster = try PostgresCluster.shared()
        let dump = try cluster.run("psql", ["-h", "127.0.0.1", "-p", "\(cluster.port)", "-U", cluster.user, "-At",
                                            "-d", String(url.split(separator: "/").last ?? ""), "-c", "SELECT key FROM guess_bucket"])
        #expect(!dump.contains("203.0.113.9") && dump.count >= 64, "\(dump)")
    }
}
