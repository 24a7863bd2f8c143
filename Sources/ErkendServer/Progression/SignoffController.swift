import ErkendCore
import Foundation
import Hummingbird
import QRCode

/// Mentor sign-off by single-use link: learners and staff ask for it; the mentor
/// opens the link (no account needed), signs or declines. The token in the link
/// is the credential, so the link routes are open to anyone who holds one and
/// rate limited against guessing.
struct SignoffController: Sendable {
    typealias Context = ErkendRequestContext
    let service: ProgressionService
    let linkLimiter: RateLimiter
    /// Where links point: `https://erkend.example.nl`, without a trailing slash.
    let publicURL: String
    let privacy: any PrivacyRepository

    func addRoutes(to router: GuardedRouter) {
        router.post("api/v1/learners/:learner/signoff-requests", .learner(Action.requestSignoff), use: requestSignoff)
        router.get("api/v1/mentor/requests", .action(.manageOwnAccount), use: openRequests)
        router.get("api/v1/signoff/:token", .action(.useSignoffLink), use: view)
        router.post("api/v1/signoff/:token/sign", .action(.useSignoffLink), use: sign)
        router.post("api/v1/signoff/:token/decline", .action(.useSignoffLink), use: decline)
    }

    /// A created request with its link; the link is shown once.
    struct CreatedRequest: Encodable {
        var request: SignoffRequest
        /// The single-use link for the mentor. Erkend keeps only a hash of its secret part.
        var link: String
        /// The link as a QR code (SVG), for signing on the spot from the learner's screen.
        var qr: String
    }

    struct Decline: Decodable { var reason: String }

    @Sendable func requestSignoff(_ request: Request, context: Context) async throws -> Response {
        let input = try await JSONIO.decode(NewSignoffRequest.self, from: request, context: context)
        let (created, token) = try await service.requestSignoff(try learnerID(context), input, by: context.principal)
        let link = "\(publicURL)/signoff/\(token)"
        return try JSONIO.response(CreatedRequest(request: created, link: link, qr: try QRCode(encoding: link, correction: .medium).svg(moduleSize: 8)), status: .created)
    }

    @Sendable func openRequests(_ request: Request, context: Context) async throws -> Response {
        guard let mentor = context.principal.mentor else {
            throw ErkendError(.forbidden, "only a mentor's account has open sign-off requests")
        }
        return try JSONIO.response(try await service.openRequests(mentor: mentor))
    }

    @Sendable func view(_ request: Request, context: Context) async throws -> Response {
        try linkLimiter.take("signoff \(context.clientAddress)", at: service.now())
        let view = try await service.signoffView(token: try token(context))
        // Opening a link shows the mentor the learner's name: the learner can see that it happened.
        try await privacy.recordAccess(AccessRecord(at: service.now(), learner: view.request.learner, actor: "mentor:\(view.request.mentor)",
                                                    channel: "signoffLink:\(view.request.id)", what: "sign-off link"))
        return try JSONIO.response(view)
    }

    @Sendable func sign(_ request: Request, context: Context) async throws -> Response {
        try linkLimiter.take("signoff \(context.clientAddress)", at: service.now())
        let input = try await JSONIO.decode(SignoffSubmission.self, from: request, context: context)
        return try JSONIO.response(try await service.sign(token: try token(context), input))
    }

    @Sendable func decline(_ request: Request, context: Context) async throws -> Response {
        try linkLimiter.take("signoff \(context.clientAddress)", at: service.now())
        let input = try await JSONIO.decode(Decline.self, from: request, context: context)
        return try JSONIO.response(try await service.decline(token: try token(context), reason: input.reason))
    }

    private func token(_ context: Context) throws -> String {
        let token = try context.parameters.require("token")
        // Real tokens are 43 base64url characters; anything else cannot be one, and need not reach the store.
        guard (32...128).contains(token.count), token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw ErkendError.notFound("this sign-off link (check that it was copied whole)")
        }
        return token
    }
}
