import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Turns errors of page requests (a browser asking for HTML, outside `/api/`) into friendly
/// pages in the visitor's language; a page that needs a signed-in visitor sends them to
/// sign in first. API clients keep getting problem documents from `ProblemMiddleware`.
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = ErkendRequestContext
    let pages: Pages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            guard Self.wantsPage(request) else { throw error }
            let status: HTTPResponse.Status
            switch error {
            case let error as ErkendError: status = ProblemDetails.status(for: error.code)
            case let error as any HTTPResponseError: status = error.status
            case is NIOTooManyBytesError: status = .contentTooLarge
            default: status = .internalServerError
            }
            if status == .unauthorized, request.method == .get {
                return Pages.redirect("/sign-in?next=\(Self.encode(request.uri.path))")
            }
            if status.code >= 500 {
                context.logger.error("page failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            }
            return pages.error(status, request: request, context: context)
        }
    }

    /// A browser's page request: it accepts HTML and is not for the API or a file.
    static func wantsPage(_ request: Request) -> Bool {
        let path = request.uri.path
        if path.hasPrefix("/api/") || path.hasPrefix("/static/") || path == "/openapi.json" || path == "/health" { return false }
        return request.headers[.accept]?.contains("text/html") == true || request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true
    }

    static func encode(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_.~"))) ?? "/"
    }
}
