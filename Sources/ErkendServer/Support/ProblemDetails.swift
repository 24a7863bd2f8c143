import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird

/// An RFC 9457 problem details document: what went wrong, for people and programs.
struct ProblemDetails: Codable, Sendable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var instance: String?
    /// The individual problems, each with where it is.
    var errors: [ErkendError.Detail]?

    static let typeBase = "https://erkend.nl/problems/"

    init(status: HTTPResponse.Status, code: String, detail: String, instance: String?, errors: [ErkendError.Detail]? = nil) {
        self.type = ProblemDetails.typeBase + code
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.instance = instance
        self.errors = errors?.isEmpty == true ? nil : errors
    }

    func response(extraHeaders: HTTPFields = [:]) -> Response {
        let data = (try? ErkendJSON.encoder().encode(self)) ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if status == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"erkend\"" }
        headers.append(contentsOf: extraHeaders)
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func status(for code: ErkendError.Code) -> HTTPResponse.Status {
        switch code {
        case .invalidInput, .importFailed: .badRequest
        case .notFound: .notFound
        case .conflict: .conflict
        case .ruleViolation: .unprocessableContent
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .limitExceeded: .tooManyRequests
        case .tooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .unavailable: .serviceUnavailable
        default: .internalServerError
        }
    }
}
