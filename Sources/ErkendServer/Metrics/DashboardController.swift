import ErkendCore
import Foundation
import Hummingbird

/// The management dashboard (`/dashboard`): throughput first — time to entrustment and phase flow — then
/// reuse, each with a chart drawn on the server, its table and a link to the same numbers as CSV. The filters
/// are a plain GET form, so the page needs no script. Access: `readMetrics` (management and staff roles).
struct DashboardController: Sendable {
    typealias Context = ErkendRequestContext
    let pages: Pages
    let service: MetricsService

    /// What the page shows, in order: the headline metrics first.
    static let sections: [MetricName] = [.timeToEntrustment, .phaseFlow, .creditVelocity, .workplaceShare, .programmeReuse, .unitReuse]

    func addRoutes(to router: GuardedRouter) {
        router.get("dashboard", .action(.readMetrics), use: dashboard)
    }

    @Sendable func dashboard(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request: request)
        let filter = try MetricsController.filter(query)
        let table = pages.translations.table(pages.language(request))
        func text(_ key: String) -> String { table["dashboard.\(key)"] ?? key }
        let tables = try await service.tables(Self.sections, filter: filter)
        let published = PublishedCatalogue(try await service.catalogue.all())
        let programmes = published.programmes.values.sorted { $0.code < $1.code }.map { programme -> [String: Any] in
            ["code": programme.code, "title": programme.title.best() ?? programme.code, "selected": programme.code == filter.programme]
        }
        let sections = tables.map { metric -> [String: Any] in
            let name = metric.metric.rawValue
            var section: [String: Any] = [
                "id": name, "heading": text("\(name).heading"), "lead": text("\(name).lead"),
                "columns": metric.columns.map { table["dashboard.column.\($0)"] ?? $0 },
                "rows": metric.rows.prefix(40).map { row in ["cells": row.map { $0.plain.isEmpty ? "–" : $0.plain }] },
                "hasRows": !metric.rows.isEmpty,
                "more": metric.rows.count > 40 ? text("moreRows").replacingOccurrences(of: "{count}", with: String(metric.rows.count - 40)) : "",
                "csv": "/api/v1/metrics/\(name)?" + Self.query(filter, format: "csv"),
            ]
            if let chart = MetricCharts.chart(metric, id: "chart-\(name)") { section["chart"] = chart }
            if metric.suppressedGroups > 0 {
                section["suppressed"] = text("suppressed").replacingOccurrences(of: "{count}", with: String(metric.suppressedGroups))
                    .replacingOccurrences(of: "{minimum}", with: String(SmallGroups.standard.minimum))
            }
            return section
        }
        let values: [String: Any] = [
            "asOf": tables.first?.asOf.description ?? filter.asOf(today: Day(service.now())).description,
            "programmes": programmes, "cohort": filter.cohort ?? "", "from": filter.from?.description ?? "", "to": filter.to?.description ?? "",
            "sections": sections,
        ]
        return pages.render("dashboard", title: "dashboard.title", values, request: request, context: context)
    }

    /// The filter as a query string, for the CSV links.
    static func query(_ filter: MetricsFilter, format: String) -> String {
        var items = [URLQueryItem(name: "format", value: format)]
        if let programme = filter.programme { items.append(URLQueryItem(name: "programme", value: programme)) }
        if let cohort = filter.cohort { items.append(URLQueryItem(name: "cohort", value: cohort)) }
        if let from = filter.from { items.append(URLQueryItem(name: "from", value: from.description)) }
        if let to = filter.to { items.append(URLQueryItem(name: "to", value: to.description)) }
        var components = URLComponents()
        components.queryItems = items
        return components.percentEncodedQuery ?? "format=\(format)"
    }
}
