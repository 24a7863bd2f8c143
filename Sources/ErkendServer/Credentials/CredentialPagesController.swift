import ErkendCore
import ErkendCredentials
import Foundation
import HTTPTypes
import Hummingbird
import QRCode

/// The learner's "Mijn credentials" page (her awards, their status, the downloads, and "add to my
/// wallet" with the offer's QR code) and the public verification page (paste a credential, read the
/// result in words).
struct CredentialPagesController: Sendable {
    typealias Context = ErkendRequestContext
    let pages: Pages
    let publisher: CredentialPublisher
    let storage: ErkendStorage
    let limiter: RateLimiter
    /// Counts verifications per day for the credential-use metric (never who).
    var credentialUse: CredentialUseRecorder?

    struct OfferForm: Decodable { var csrf: String? }
    struct VerifyForm: Decodable { var credential: String? }

    func addRoutes(to router: GuardedRouter) {
        router.get("learners/:learner/credentials", .learner(Action.collectAward), use: list)
        router.post("learners/:learner/credentials/:award/offer", .learner(Action.collectAward), use: offer)
        router.get("verify", .action(.readPublished), use: verifyForm)
        router.post("verify", .action(.readPublished), use: verify)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let learner = try learnerID(context)
        let awards = try await storage.awards.awards(learner: learner)
        let rows: [[String: Any]] = awards.map { award in
            let base = "/api/v1/learners/\(learner)/awards/\(award.id)"
            return ["id": award.id.rawValue, "kind": pages.text("credentials.kind.\(award.kind.rawValue)", request),
                    "certifies": award.certifies.description, "day": award.issuedOn.description,
                    "status": pages.text("credentials.status.\(award.status.rawValue)", request),
                    "active": award.status != .revoked, "ob3": base + "/ob3", "jwt": base + "/vc-jwt",
                    "clr": award.kind == .phaseCompleted || award.kind == .programmeCompleted ? (base + "/clr") as Any : false as Any,
                    "offer": "/learners/\(learner)/credentials/\(award.id)/offer",
                    "wallet": award.status != .revoked && !OpenID4VCI.Configuration.offered(for: award.kind).isEmpty]
        }
        return pages.render("credentials", title: "credentials.title", ["rows": rows, "none": rows.isEmpty], request: request, context: context)
    }

    @Sendable func offer(_ request: Request, context: Context) async throws -> Response {
        let input = try await Pages.form(OfferForm.self, request, context: context)
        try Pages.checkCSRF(input.csrf, context)
        let learner = try learnerID(context)
        let id = try Award.ID(validating: try context.parameters.require("award"))
        guard let award = try await storage.awards.award(id), award.learner == learner else { throw ErkendError.notFound("award \(id)") }
        let made = try await CredentialOffers(awards: storage.awards, now: publisher.now)
            .make(award, identity: try publisher.identity(), transactionCode: false, actor: context.principal.auditActor,
                  channel: context.principal.auditChannel)
        let qr = (try? QRCode(encoding: made.link, correction: .low).svg(moduleSize: 5)) ?? ""
        return pages.render("credentials-offer", title: "credentials.offerTitle",
                            ["qr": qr, "link": made.link, "expires": ISO8601DateFormatter().string(from: made.expiresAt),
                             "certifies": award.certifies.description, "back": "/learners/\(learner)/credentials"],
                            request: request, context: context)
    }

    @Sendable func verifyForm(_ request: Request, context: Context) async throws -> Response {
        pages.render("verify", title: "credentials.verifyTitle", [:], request: request, context: context, personal: false)
    }

    /// The largest credential file the page takes: a CLR with dozens of credentials inside is well under it.
    static let maximumFile = 512 * 1024

    /// The credential sent: pasted (`credential`), or as a file (`file`, multipart) that wins when it is not empty.
    func submitted(_ request: Request, context: Context) async throws -> String {
        guard request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true else {
            return try await Pages.form(VerifyForm.self, request, context: context).credential ?? ""
        }
        let form = try await UploadForm.read(request, context: context)
        if let file = form.part("file"), file.body.readableBytes > 0 {
            guard file.body.readableBytes <= Self.maximumFile else {
                throw ErkendError(.tooLarge, "the file is larger than \(Self.maximumFile / 1024) KiB; a credential is much smaller")
            }
            guard let text = file.body.getString(at: file.body.readerIndex, length: file.body.readableBytes),
                  text.utf8.count == file.body.readableBytes, !text.contains("\u{FFFD}") else {
                throw ErkendError.invalid("file", "the file is not text (UTF-8); choose the credential's .json or .jwt file")
            }
            return text
        }
        return form.field("credential") ?? ""
    }

    @Sendable func verify(_ request: Request, context: Context) async throws -> Response {
        try limiter.take("verify \(context.clientAddress)", at: publisher.now())
        var values: [String: Any] = [:]
        let credential: String
        do {
            credential = try await submitted(request, context: context)
        } catch let error as ErkendError where error.code == .invalidInput {
            values["malformed"] = error.message
            return pages.render("verify", title: "credentials.verifyTitle", values, request: request, context: context, personal: false)
        }
        values["credential"] = credential
        do {
            let result = try await CredentialChecker(publisher: publisher).check(credential)
            credentialUse?.record(.verification)
            values["checked"] = true
            values["valid"] = result.valid
            values["format"] = result.format
            values["issuer"] = result.issuer ?? "—"
            values["status"] = pages.text("credentials.verify.status.\(result.status == "not checked" ? "unchecked" : result.status)", request)
            values["problem"] = result.problem ?? ""
            values["achievement"] = result.achievement ?? ""
        } catch let error as ErkendError where error.code == .invalidInput {
            values["malformed"] = error.message
        }
        return pages.render("verify", title: "credentials.verifyTitle", values, request: request, context: context, personal: false)
    }
}
