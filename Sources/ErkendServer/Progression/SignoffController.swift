import ErkendCore
import Foundation
import Hummingbird
import QRCode

/// Mentor sign-off by single-use link: learners and staff ask for it, and
/// Erkend e-mails the link to the mentor's registered address — the link is in
/// no response, so nobody but the mentor can sign. The mentor opens the link
/// (no account needed), signs or declines. The token in the link is the
/// credential, so the link routes are open to anyone who holds one and rate
/// limited against guessing; asking and resending are rate limited per user.
struct SignoffController: Sendable {
    typealias Context = ErkendRequestContext
    let service: ProgressionService
    let linkLimiter: GuessLimiter
    /// Asking for sign-off and resending, per user: each writes an audit entry and an e-mail.
    let requestLimiter: RateLimiter
    let privacy: any PrivacyRepository
    /// Erkend's public address, for the link of a request made for signing on the spot.
    let publicAddress: PublicAddress

    func addRoutes(to router: GuardedRouter) {
        router.post("api/v1/learners/:learner/signoff-requests", .learner(Action.requestSignoff), use: requestSignoff)
        router.get("api/v1/learners/:learner/signoff-requests/:request", .learner(Action.requestSignoff), use: requestStatus)
        router.post("api/v1/learners/:learner/signoff-requests/:request/resend", .learner(Action.requestSignoff), use: resend)
        router.get("api/v1/mentor/requests", .action(.listLearners), use: openRequests)
        router.get("api/v1/mentor/records", .action(.listLearners), use: mentorRecords)
        router.get("api/v1/signoff/:token", .action(.useSignoffLink), use: view)
        router.post("api/v1/signoff/:token/sign", .action(.useSignoffLink), use: sign)
        router.post("api/v1/signoff/:token/decline", .action(.useSignoffLink), use: decline)
        router.post("api/v1/signoff/:token/confirm", .action(.useSignoffLink), use: confirm)
    }

    /// A request as the learner and staff see it: where its mail went, never the link.
    struct RequestWithDelivery: Encodable {
        var request: SignoffRequest
        /// The mail with the link: to whom (masked), queued, sent or failed, and why.
        var delivery: SignoffDelivery?
        /// The same in a sentence, for people.
        var message: String
        /// Only for signing on the spot: the link to show the mentor, and as a QR code (SVG).
        /// It signs nothing by itself: the mentor confirms with a code mailed to them.
        var link: String?
        var qr: String?
    }

    /// A signature made on the spot, waiting for the mentor's code.
    struct HeldSignature: Encodable {
        var request: SignoffRequest
        var status = "pending"
        var message: String
    }

    struct Confirmation: Decodable { var code: String }

    struct Decline: Decodable { var reason: String }

    /// What a link that can no longer be used shows.
    struct UsedLink: Encodable {
        var status: SignoffRequest.Status
        var usedAt: Date?
    }

    @Sendable func requestSignoff(_ request: Request, context: Context) async throws -> Response {
        try requestLimiter.take("signoff-request \(requester(context))", at: service.now())
        let input = try await JSONIO.decode(NewSignoffRequest.self, from: request, context: context)
        // The token goes into the mentor's mail only; it is dropped here.
        let (created, token) = try await service.requestSignoff(try learnerID(context), input, by: context.principal)
        var answer = try await withDelivery(created)
        if created.onTheSpot {
            let link = "\(publicAddress.url)/signoff/\(token)"
            answer.link = link
            answer.qr = try QRCode(encoding: link, correction: .medium).svg(moduleSize: 8)
            answer.message = "Show the mentor this QR code; the signature counts once the mentor confirms it with the code Erkend mails to them."
        }
        return try JSONIO.response(answer, status: .created)
    }

    @Sendable func requestStatus(_ request: Request, context: Context) async throws -> Response {
        let learner = try learnerID(context)
        let id = SignoffRequest.ID(trusted: try context.parameters.require("request"))
        guard let found = try await service.storage.signoffs.request(id), found.learner == learner else {
            throw ErkendError.notFound("sign-off request \(id) of learner \(learner)")
        }
        return try JSONIO.response(try await withDelivery(found))
    }

    @Sendable func resend(_ request: Request, context: Context) async throws -> Response {
        try requestLimiter.take("signoff-request \(requester(context))", at: service.now())
        let id = SignoffRequest.ID(trusted: try context.parameters.require("request"))
        let resent = try await service.resendSignoff(try learnerID(context), id, by: context.principal)
        return try JSONIO.response(try await withDelivery(resent), status: .accepted)
    }

    private func withDelivery(_ request: SignoffRequest) async throws -> RequestWithDelivery {
        var current = request
        current.status = request.status(at: service.now())
        let delivery = try await service.delivery(of: request.id)
        var message: String = switch delivery?.status {
        case .queued?: "The link is on its way to \(delivery?.sentTo ?? "the mentor") (attempts so far: \(delivery?.attempts ?? 0))."
        case .sent?: "The link was sent to \(delivery?.sentTo ?? "the mentor")."
        case .cancelled?: "The mail was not sent: \(delivery?.lastError ?? "it was no longer needed")."
        case .failed?: "The link could not be sent to \(delivery?.sentTo ?? "the mentor"): \(delivery?.lastError ?? "unknown reason"); check the address and send it again."
        case nil: "No mail was sent for this request."
        }
        if current.status == .withdrawn {
            message = "The request was withdrawn when the learner's record was erased; its link no longer works."
        }
        return RequestWithDelivery(request: current, delivery: delivery, message: message)
    }

    /// Whom the per-user limit counts: the account, else the client's address.
    private func requester(_ context: Context) -> String {
        context.principal.account.map { "account \($0.rawValue)" } ?? "address \(context.clientAddress)"
    }

    @Sendable func openRequests(_ request: Request, context: Context) async throws -> Response {
        guard let mentor = context.principal.mentor else {
            throw ErkendError(.forbidden, "only a mentor's account has open sign-off requests")
        }
        return try JSONIO.response(try await service.openRequests(mentor: mentor))
    }

    /// What the signed-in mentor recorded, per learner, also after the placement ended.
    @Sendable func mentorRecords(_ request: Request, context: Context) async throws -> Response {
        guard let mentor = context.principal.mentor else {
            throw ErkendError(.forbidden, "only a mentor's account has records of its own to list")
        }
        return try JSONIO.response(MentorRecordList(items: try await service.mentorRecords(mentor: mentor)))
    }

    struct MentorRecordList: Encodable {
        var items: [MentorRecords]
    }

    @Sendable func view(_ request: Request, context: Context) async throws -> Response {
        try await linkLimiter.take("signoff \(context.clientAddress)", at: service.now())
        let view = try await service.signoffView(token: try token(context))
        guard view.status == .open else {
            // A used, declined or expired link says only that: no learner, no mentor, no address.
            return try JSONIO.response(UsedLink(status: view.status, usedAt: view.request.usedAt), status: .gone)
        }
        // Opening a link shows the mentor the learner's name: the learner can see that it happened.
        try await privacy.recordAccess(AccessRecord(at: service.now(), learner: view.request.learner, actor: "mentor:\(view.request.mentor)",
                                                    channel: "signoffLink:\(view.request.id)", what: "sign-off link"))
        return try JSONIO.response(view)
    }

    @Sendable func sign(_ request: Request, context: Context) async throws -> Response {
        try await linkLimiter.take("signoff \(context.clientAddress)", at: service.now())
        let input = try await JSONIO.decode(SignoffSubmission.self, from: request, context: context)
        let result = try await service.sign(token: try token(context), input, by: context.principal)
        if result.status == .open, result.heldSince != nil {
            let sentTo = try await service.delivery(of: result.id)?.sentTo ?? "the mentor's address"
            return try JSONIO.response(HeldSignature(request: result, message: "Not yet recorded: enter the code Erkend sent to \(sentTo) (POST …/confirm)."),
                                       status: .accepted)
        }
        return try JSONIO.response(result)
    }

    @Sendable func confirm(_ request: Request, context: Context) async throws -> Response {
        try await linkLimiter.take("signoff \(context.clientAddress)", at: service.now())
        let input = try await JSONIO.decode(Confirmation.self, from: request, context: context)
        return try JSONIO.response(try await service.confirm(token: try token(context), code: input.code))
    }

    @Sendable func decline(_ request: Request, context: Context) async throws -> Response {
        try await linkLimiter.take("signoff \(context.clientAddress)", at: service.now())
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
