import ErkendCore
import ErkendPostgres
import ErkendTestSupport
import Foundation
import Testing

/// Publishing on PostgreSQL when several nodes try the same thing at the same moment.
@Suite("Catalogue publishing across nodes")
struct CataloguePublishingAcrossNodesTests {
    @Test("Ten publishers on three nodes publish one draft at once: exactly one wins, the rest get a conflict")
    func onePublisherWins() async throws {
        let url = try PostgresCluster.shared().makeDatabase()
        var nodes: [PostgresStore] = []
        for _ in 0..<3 { nodes.append(try await PostgresStore.open(url: url, connections: 4)) }
        defer { let all = nodes; Task { for node in all { await node.close() } } }
        try await nodes[0].catalogue.write([.insert(.unit(Samples.unit()))])

        let outcomes = await withTaskGroup(of: ErkendError.Code?.self) { group in
            for index in 0..<10 {
                let node = nodes[index % nodes.count]
                group.addTask {
                    do {
                        try await node.catalogue.write([.replace(.unit(Samples.unit(sbu: 100 + index, status: .published)), expecting: .draft)])
                        return nil
                    } catch let error as ErkendError {
                        return error.code
                    } catch {
                        return .storage
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }

        #expect(outcomes.filter { $0 == nil }.count == 1, "one publisher wins")
        #expect(outcomes.filter { $0 == .conflict }.count == 9, "every other one is told someone changed it meanwhile")
        #expect(try await nodes[2].catalogue.entity(VersionKey(.unit, "U-1", 1))?.status == .published)
    }
}
