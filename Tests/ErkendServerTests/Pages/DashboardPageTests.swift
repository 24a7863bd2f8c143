@testable import ErkendServer
import ErkendCore
import ErkendTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The management dashboard, asked for as a browser does: charts inline as SVG, tables, CSV links carrying
/// the filters, a GET form without script, and only for the roles that may read metrics.
@Suite("Dashboard page")
struct DashboardPageTests {
    @Test("the dashboard shows throughput first, then reuse, with inline charts, CSV links and the filters as a plain form")
    func dashboard() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let page = try await client.page(.get, "/dashboard?programme=SD-25604&cohort=2025-2026", headers: app.headers(.coach), language: "en")
            #expect(page.status == .ok)
            let html = page.html
            #expect(html.contains("<h1>Throughput and reuse</h1>"))
            let headings = ["Time to entrustment", "Flow through the phases", "Credits per month", "Evidence from the workplace",
                            "Shared units per programme", "Unit reuse"].map { html.range(of: ">\($0)</h2>")?.lowerBound }
            #expect(headings.allSatisfy { $0 != nil }, "every section is there")
            #expect(headings.compactMap { $0 } == headings.compactMap { $0 }.sorted(), "throughput comes before reuse")
            // The filters go along to the CSV and stay in the form.
            #expect(html.contains(#"href="/api/v1/metrics/unit-reuse?format=csv&amp;programme=SD-25604&amp;cohort=2025-2026""#))
            #expect(html.contains(#"<option value="SD-25604" selected>"#))
            #expect(html.contains(#"name="cohort" value="2025-2026""#))
            #expect(html.contains(#"<form method="get" action="/dashboard""#))
            // Reuse counts catalogue entries and has rows: its chart is inline SVG with ids of its own and a text alternative.
            #expect(html.contains(#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-unit-reuse-title chart-unit-reuse-desc""#))
            #expect(html.contains(#"<desc id="chart-programme-reuse-desc">"#))
            // Two demo learners: time to entrustment shows nothing about them and says why.
            #expect(html.contains("group(s) of fewer than 5 learners left out"))
            #expect(!html.contains("<script>"))

            let dutch = try await client.page(.get, "/dashboard", headers: app.headers(.administrator), language: "nl")
            #expect(dutch.status == .ok)
            #expect(dutch.html.contains("<h1>Doorstroom en hergebruik</h1>"))

            #expect(try await client.page(.get, "/dashboard", headers: app.headers(.learner)).status == .forbidden)
            #expect(try await client.page(.get, "/dashboard", headers: app.headers(.mentor)).status == .forbidden)
            let anonymous = try await client.page(.get, "/dashboard")
            #expect(anonymous.status == .seeOther || anonymous.status == .found || anonymous.status == .unauthorized)
            #expect(try await client.page(.get, "/dashboard?from=gisteren", headers: app.headers(.coach)).status == .badRequest)
        }
    }
}
