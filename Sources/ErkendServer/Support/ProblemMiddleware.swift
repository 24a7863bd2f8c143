import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Turns every error a route throws into a problem details response, so that
/// clients always get a status and a message they can act on, and nothing but
/// storage failures is ever a 500.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ErkendError {
            let status = ProblemDetails.status(for: error.code)
            if status == .internalServerError {
                context.logger.error("request failed", metadata: ["code": "\(error.code)", "cause": "\(error.cause ?? error.message)"])
            }
            var headers: HTTPFields = [:]
            if let seconds = error.retryAfter { headers[.retryAfter] = String(max(1, seconds)) }
            return ProblemDetails(status: status, code: error.code.rawValue, detail: error.message, instance: request.uri.path, errors: error.details)
                .response(extraHeaders: headers)
        } catch let error as any HTTPResponseError {
            let message = (error as? HTTPError)?.body ?? error.status.reasonPhrase
            let code = error.status == .notFound ? "not-found" : error.status == .contentTooLarge ? "too-large" : "http-\(error.status.code)"
            let detail = error.status == .notFound && message == error.status.reasonPhrase ? "no such route: \(request.method) \(request.uri.path)" : message
            var headers: HTTPFields = [:]
            if let httpError = error as? HTTPError { headers = httpError.headers }
            headers[.contentType] = nil
            headers[.contentLength] = nil
            return ProblemDetails(status: error.status, code: code, detail: detail, instance: request.uri.path).response(extraHeaders: headers)
        } catch is NIOTooManyBytesError {
            return ProblemDetails(status: .contentTooLarge, code: "too-large", detail: "the request body is larger than \(context.maxUploadSize / 1024) KiB", instance: request.uri.path).response()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return ProblemDetails(status: .internalServerError, code: "internal", detail: "something went wrong on our side; it has been logged", instance: request.uri.path).response()
        }
    }
}
