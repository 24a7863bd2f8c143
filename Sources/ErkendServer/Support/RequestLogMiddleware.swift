import Foundation
import Hummingbird
import Logging

/// Logs every request at debug level: method, route, the learner it is about,
/// status and duration. The route is the pattern that matched
/// (`/api/v1/signoff/:token`), never the path that was asked for: paths carry
/// sign-off tokens and query strings carry search terms, which may be names.
/// Headers and bodies (passwords, cookies, tokens) are never logged.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context, status: Int(response.status.code), since: started)
            return response
        } catch {
            log(request, context, status: Int((error as? any HTTPResponseError)?.status.code ?? 500), since: started)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, status: Int, since started: ContinuousClock.Instant) {
        guard context.logger.logLevel <= .debug else { return }
        let elapsed = ContinuousClock.now - started
        var metadata: Logger.Metadata = [
            "method": "\(request.method)",
            "route": "\(context.endpointPath ?? "unmatched")",
            "status": "\(status)",
            "ms": "\(String(format: "%.1f", Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000))",
        ]
        // A learner's id is an identifier, not personal data; it tells whose data a request touched.
        if let learner = context.parameters.get("learner") { metadata["learner"] = "\(learner)" }
        context.logger.debug("request", metadata: metadata)
    }
}
