import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird

/// Works out who is asking — a bearer token or a session cookie — and puts the
/// principal in the context. Refuses unsafe requests of a cookie session that do
/// not carry the session's CSRF token. It decides nothing else: routes ask the policy.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ErkendRequestContext
    let auth: AuthService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            // Only `erk_` bearer tokens are Erkend's. Any other Authorization (an OpenID4VCI access token,
            // another scheme) leaves the request unauthenticated: the route it reaches judges it, and a
            // route that needs a signed-in principal answers 401 as for no credentials at all.
            if let secret = Self.erkendBearer(authorization) {
                guard let (principal, account) = try await auth.principal(bearer: secret) else {
                    throw ErkendError(.unauthenticated, "the API token is unknown, revoked or expired")
                }
                context.principal = principal
                context.account = account
            }
        } else if let secret = request.cookies[AuthService.sessionCookie]?.value,
                  let (principal, session, account) = try await auth.principal(sessionSecret: secret) {
            context.principal = principal
            context.session = session
            context.account = account
            if !Self.isSafe(request.method) {
                let sent = request.headers[HTTPField.Name("X-CSRF-Token")!] ?? ""
                guard Secrets.constantTimeEquals(sent, session.csrfToken) || Self.isFormPost(request) else {
                    throw ErkendError(.forbidden, "this request needs the X-CSRF-Token header of your session (GET /api/v1/session gives it)")
                }
            }
        }
        return try await next(request, context)
    }

    /// The secret of an `Authorization: Bearer erk_…` header, or `nil` when the header is anything else.
    static func erkendBearer(_ authorization: String) -> String? {
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let secret = parts[1].trimmingCharacters(in: .whitespaces)
        return secret.hasPrefix(AuthService.tokenPrefix) ? secret : nil
    }

    static func isSafe(_ method: HTTPRequest.Method) -> Bool {
        method == .get || method == .head || method == .options
    }

    /// HTML form posts (fields, or a file upload) carry their CSRF token in the form; the page that
    /// reads the form checks it. The API reads only JSON and refuses these content types.
    static func isFormPost(_ request: Request) -> Bool {
        guard let type = request.headers[.contentType]?.lowercased() else { return false }
        return type.hasPrefix("application/x-www-form-urlencoded") || type.hasPrefix("multipart/form-data")
    }
}
