import CoreMetrics
import Foundation
import Hummingbird
public import Prometheus

/// The metrics `GET /metrics` shows, in Prometheus's text format, through swift-metrics and
/// swift-prometheus. One registry per process: `erkend serve` also makes it swift-metrics' global
/// factory, so what libraries record lands here too.
///
/// No label ever holds personal data: requests are counted by the route's template
/// (`/api/v1/learners/{learner}`), never by the path that was asked for, and by method and status.
public final class ServerMetrics: Sendable {
    public static let shared = ServerMetrics()

    public let registry: PrometheusCollectorRegistry
    public let factory: PrometheusMetricsFactory

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                                                   .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                                                   .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10)]
        factory.valueHistogramBuckets["erkend_group_commit_batch_size"] = [1, 2, 4, 8, 16, 32, 64, 128, 256]
        self.factory = factory
    }

    /// One answered request: `route` is the template the router matched, or `unmatched`.
    func request(route: String, method: String, status: Int, nanoseconds: UInt64) {
        let dimensions = [("route", route), ("method", method), ("status", String(status))]
        Counter(label: "erkend_http_requests_total", dimensions: dimensions, factory: factory).increment()
        Timer(label: "erkend_http_request_duration_seconds", dimensions: [("route", route), ("method", method)], factory: factory)
            .recordNanoseconds(Int64(clamping: nanoseconds))
    }

    /// Everything in Prometheus's text format.
    func exposition() -> String {
        var bytes: [UInt8] = []
        registry.emit(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Counts every request by route template, method and status, with its latency.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let method = request.method.rawValue
        do {
            let response = try await next(request, context)
            metrics.request(route: Self.route(context), method: method, status: response.status.code,
                            nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.request(route: Self.route(context), method: method, status: status, nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
            throw error
        }
    }

    /// The matched route's template as Hummingbird writes it (`/api/v1/learners/{learner}`): it holds
    /// the parameter names, never their values.
    static func route(_ context: Context) -> String {
        context.endpointPath ?? "unmatched"
    }
}
