import ErkendCore
import ErkendPostgres
import ErkendTestSupport
import Foundation
import Testing

/// The guessing limit on passwords counts every failed sign-in once, whichever node receives it.
@Suite("Sign-in counter across nodes")
struct SignInCounterAcrossNodesTests {
    @Test("Thirty failed sign-ins spread over three nodes at once count to thirty, each answer a different count")
    func failedSignInsCountOnce() async throws {
        let url = try PostgresCluster.shared().makeDatabase()
        var nodes: [PostgresStore] = []
        for _ in 0..<3 { nodes.append(try await PostgresStore.open(url: url, connections: 4)) }
        defer { let all = nodes; Task { for node in all { await node.close() } } }
        let account = Account(id: "acc-1", username: "coach@roc.nl", displayName: "Coach", roles: [.coach], createdAt: Date(timeIntervalSince1970: 1_790_000_000))
        try await nodes[0].accounts.create(account, passwordHash: "h", audit: nil)

        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<30 {
                let node = nodes[index % nodes.count]
                group.addTask { try await node.accounts.recordFailedSignIn(account.id, audit: nil) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }

        #expect(counts.sorted() == Array(1...30), "no attempt lost, none counted twice")
        #expect(try await nodes[1].accounts.account(username: "coach@roc.nl")?.password.failedAttempts == 30)
    }
}
