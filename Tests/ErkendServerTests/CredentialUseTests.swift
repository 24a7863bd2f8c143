import ErkendCore
import ErkendServer
import ErkendStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle
import Testing

/// Credential use counted per day, never who: status lists served over the real router, counts kept in memory and
/// stored in batches (on a flush and when the server shuts down), read back as the `credential-use` metric.
@Suite("Credential use")
struct CredentialUseTests {
    @Test("the tally adds per day and kind and empties when drained; the metric keeps the period's days, oldest first")
    func tallyAndTable() {
        var tally = CredentialUse.Tally()
        tally.add(.statusListFetch, on: "2026-03-02")
        tally.add(.statusListFetch, on: "2026-03-02", count: 4)
        tally.add(.verification, on: "2026-03-01")
        tally.add(.verification, on: "2026-03-02", count: 0)
        let counts = tally.drain()
        #expect(counts == [CredentialUse.Count(day: "2026-03-01", kind: .verification, count: 1),
                           CredentialUse.Count(day: "2026-03-02", kind: .statusListFetch, count: 5)])
        #expect(tally.isEmpty)
        let stored = counts + [CredentialUse.Count(day: "2026-03-02", kind: .verification, count: 2),
                               CredentialUse.Count(day: "2026-02-27", kind: .statusListFetch, count: 7),
                               CredentialUse.Count(day: "2026-03-05", kind: .statusListFetch, count: 9)]
        let table = CredentialUse.table(stored, filter: MetricsFilter(from: "2026-03-01"), asOf: "2026-03-04")
        // 02-27 is before the period, 03-05 after the day of reckoning.
        #expect(table.rows.map { $0.map(\.plain) } == [["2026-03-01", "1", "0"], ["2026-03-02", "2", "5"]])
        #expect(!MetricName.credentialUse.countsLearners)
    }

    @Test("status lists served (200 and 304) are counted once flushed, refusals are not, and verifications add to the same day")
    func statusListFetchesCounted() async throws {
        let app = try await TestApplication(demo: true)
        let today = Day(TestApplication.instant).description
        try await app.test { client in
            let first = try await client.execute(uri: "/status/1", method: .get) { ($0.status, $0.headers[.eTag]) }
            #expect(first.0 == .ok)
            let eTag = try #require(first.1)
            #expect(try await client.execute(uri: "/status/1", method: .get, headers: [.ifNoneMatch: eTag]) { $0.status } == .notModified)
            #expect(try await client.execute(uri: "/status/1/token", method: .get) { $0.status } == .ok)
            #expect(try await client.execute(uri: "/status/0/token", method: .get) { $0.status } == .notFound)
            #expect(try await client.execute(uri: "/status/x", method: .get) { $0.status } == .notFound)

            // Nothing is written per fetch: before a flush the store has no count.
            let before = try await client.json(.get, "/api/v1/metrics/credential-use", headers: app.headers(.coach))
            #expect((before.body["rows"] as? [Any])?.isEmpty == true)

            app.services.credentialUse.record(.verification)
            app.services.credentialUse.record(.verification)
            await app.services.credentialUse.flush()
            let after = try await client.json(.get, "/api/v1/metrics/credential-use", headers: app.headers(.coach))
            let rows = try #require(after.body["rows"] as? [[String: Any]])
            #expect(rows.count == 1)
            #expect(rows.first?["day"] as? String == today)
            #expect(rows.first?["statusListFetches"] as? Int == 3)
            #expect(rows.first?["verifications"] as? Int == 2)
            #expect(after.body["smallGroupMinimum"] == nil)

            // A second flush adds to the stored day instead of replacing it.
            _ = try await client.execute(uri: "/status/1/token", method: .get) { $0.status }
            await app.services.credentialUse.flush()
            let added = try await client.json(.get, "/api/v1/metrics/credential-use?format=csv", headers: app.headers(.coach))
            #expect(added.status == .ok)
            let csv = try await client.execute(uri: "/api/v1/metrics/credential-use?format=csv", method: .get, headers: app.headers(.coach)) {
                String(buffer: $0.body)
            }
            #expect(csv == "day,verifications,statusListFetches\r\n\(today),2,4\r\n")
            #expect(try await client.json(.get, "/api/v1/metrics/credential-use", headers: app.headers(.learner)).status == .forbidden)
        }
    }

    @Test("counts still in memory are stored when the server shuts down gracefully")
    func flushedAtShutdown() async throws {
        let app = try await TestApplication()
        let recorder = CredentialUseRecorder(repository: app.store.metrics, now: { TestApplication.instant }, interval: .seconds(3600))
        let group = ServiceGroup(configuration: .init(services: [recorder], logger: .init(label: "test")))
        let running = Task { try await group.run() }
        for _ in 0..<7 { recorder.record(.statusListFetch) }
        // The interval is an hour: only the shutdown can have stored them.
        try await Task.sleep(for: .milliseconds(100))
        #expect(try await app.store.metrics.credentialUse(MetricsFilter()).isEmpty)
        await group.triggerGracefulShutdown()
        try await running.value
        let stored = try await app.store.metrics.credentialUse(MetricsFilter())
        #expect(stored == [CredentialUse.Count(day: Day(TestApplication.instant), kind: .statusListFetch, count: 7)])
    }
}
