import ErkendCore
import HTTPTypes
import Hummingbird

/// Headers every response gets, whatever route or error produced it, pages included:
/// `X-Content-Type-Options: nosniff` everywhere, and `Cache-Control: no-store` on
/// the paths that carry personal data or secrets (learner records and exports, the
/// session with its CSRF token, new API tokens, accounts, mentors, sign-off views).
/// It is the outermost middleware, so problem documents get the headers too.
struct ResponseHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Path prefixes whose answers must not be stored by browsers or proxies.
    static var privatePrefixes: [String] {
        ["/api/v1/learners", "/api/v1/session", "/api/v1/tokens", "/api/v1/account", "/api/v1/mentors",
         "/api/v1/signoff", "/signoff", "/api/v1/reentrustment-due", "/api/v1/audit"]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        if Self.isPrivate(request.uri.path) { response.headers[.cacheControl] = "no-store" }
        return response
    }

    static func isPrivate(_ path: String) -> Bool {
        privatePrefixes.contains { path == $0 || path.hasPrefix($0 + "/") } || path == "/api/v1/accounts" || path.hasPrefix("/api/v1/accounts/")
    }
}

/// Refuses what no JSON route of the API can use, before any route reads it:
/// a query parameter longer than `maximumQueryValue` (400, never a 500 from the
/// database) and an API body that is not JSON (415; a `text/plain` sign-in from
/// another site must not set a cookie).
struct RequestShapeMiddleware<Context: RequestContext>: RouterMiddleware {
    static var maximumQueryValue: Int { 200 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        for (name, value) in request.uri.queryParameters where value.count > Self.maximumQueryValue || name.count > Self.maximumQueryValue {
            throw ErkendError.invalid(String(name.prefix(40)), "a query parameter may be at most \(Self.maximumQueryValue) characters")
        }
        if request.uri.path.hasPrefix("/api/"), !AuthenticationMiddleware.isSafe(request.method),
           let type = request.headers[.contentType], !JSONIO.isJSON(type) {
            throw ErkendError(.unsupportedMediaType, "the API reads JSON: send the body as Content-Type: application/json (got \(type.prefix(60)))")
        }
        return try await next(request, context)
    }
}
