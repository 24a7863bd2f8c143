import ErkendCore
import Foundation
import Hummingbird

/// Throughput and reuse metrics over HTTP: the list, and one metric as JSON
/// or CSV (`Accept: text/csv` or `?format=csv`). Access: `readMetrics`.
struct MetricsController: Sendable {
    typealias Context = ErkendRequestContext
    let service: MetricsService

    /// One entry of the list.
    struct Entry: Encodable {
        var name: String
        var summary: String
        var href: String
    }

    func addRoutes(to router: GuardedRouter) {
        router.get("api/v1/metrics", .action(.readMetrics), use: list)
        router.get("api/v1/metrics/:name", .action(.readMetrics), use: metric)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        try JSONIO.response(MetricName.allCases.map { Entry(name: $0.rawValue, summary: $0.summary, href: "/api/v1/metrics/\($0.rawValue)") })
    }

    @Sendable func metric(_ request: Request, context: Context) async throws -> Response {
        let text = try context.parameters.require("name")
        guard let name = MetricName(rawValue: text) else { throw ErkendError.notFound("metric '\(text.prefix(60))'") }
        let query = QueryParameters(request: request)
        let filter = try Self.filter(query)
        let origin = try query.enumeration("origin", as: TimeToEntrustment.Origin.self) ?? .enrolment
        let table = try await service.table(name, filter: filter, origin: origin)
        switch try Self.format(request, query) {
        case .csv:
            let fields: HTTPFields = [.contentType: "text/csv; charset=utf-8; header=present",
                                      .contentDisposition: "attachment; filename=\"\(name.rawValue).csv\""]
            return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: table.csv())))
        case .json:
            return try JSONIO.response(table)
        case .svg:
            guard let chart = MetricCharts.chart(table) else {
                throw ErkendError.notFound("a chart of \(name.rawValue) for this filter (no rows to draw)")
            }
            return Response(status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: chart)))
        }
    }

    enum Format: String, CaseIterable { case json, csv, svg }

    /// `?format=` wins; else CSV when the client accepts text/csv and not JSON first.
    static func format(_ request: Request, _ query: QueryParameters) throws -> Format {
        if let format = try query.enumeration("format", as: Format.self) { return format }
        let accept = request.headers[.accept]?.lowercased() ?? ""
        if accept.hasPrefix("image/svg+xml") { return .svg }
        guard let csv = accept.range(of: "text/csv") else { return .json }
        if let json = accept.range(of: "application/json"), json.lowerBound < csv.lowerBound { return .json }
        return .csv
    }

    /// The filter from `programme`, `cohort`, `from`, `to`, `epa`, `workplace`.
    static func filter(_ query: QueryParameters) throws -> MetricsFilter {
        func day(_ name: String) throws -> Day? {
            guard let text = query.string(name) else { return nil }
            do { return try Day(parsing: text) } catch { throw ErkendError.invalid(name, "expected a day as YYYY-MM-DD, got '\(text.prefix(40))'") }
        }
        var noProgressDays: Int?
        if let text = query.string("noProgressDays") {
            guard let days = Int(text), days >= 1, days <= 36_500 else {
                throw ErkendError.invalid("noProgressDays", "expected a whole number of days from 1 to 36500, got '\(text.prefix(40))'")
            }
            noProgressDays = days
        }
        return MetricsFilter(programme: query.string("programme"), cohort: query.string("cohort"), from: try day("from"), to: try day("to"),
                             epa: query.string("epa"), workplace: query.string("workplace"), noProgressDays: noProgressDays)
    }
}
