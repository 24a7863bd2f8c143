import ErkendCore
import Foundation
import Hummingbird
import NIOCore
import QRCode

/// The pages a workplace mentor sees on a phone after opening a sign-off link:
/// what to sign, a form to sign or decline, and the result. No account needed;
/// the token in the link is the credential.
struct SignoffPageController: Sendable {
    typealias Context = ErkendRequestContext
    let service: ProgressionService
    let pages: PageRenderer
    let linkLimiter: RateLimiter
    let stylesheet: Data
    let privacy: any PrivacyRepository
    /// Erkend's public address, for the link in the QR code.
    let publicAddress: PublicAddress

    func addRoutes(to router: GuardedRouter) {
        router.get("signoff/:token", .action(.useSignoffLink), use: form)
        router.post("signoff/:token", .action(.useSignoffLink), use: submit)
        router.get("signoff/:token/qr.svg", .action(.useSignoffLink), use: qr)
        router.get("static/erkend.css", .action(.readPublished)) { [stylesheet] _, _ in
            var headers = PageRenderer.headers(contentType: "text/css; charset=utf-8")
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: stylesheet)))
        }
    }

    /// What the forms post.
    struct Form: Decodable {
        var action: String
        var level: String?
        var date: String?
        var department: String?
        var complexity: String?
        var feedback: String?
        var name: String?
        var organisation: String?
        var reason: String?
        var code: String?
    }

    @Sendable func form(_ request: Request, context: Context) async throws -> Response {
        try linkLimiter.take("signoff \(context.clientAddress)", at: service.now())
        return try await render(token: try context.parameters.require("token"), form: nil, problem: nil)
    }

    @Sendable func submit(_ request: Request, context: Context) async throws -> Response {
        try linkLimiter.take("signoff \(context.clientAddress)", at: service.now())
        let token = try context.parameters.require("token")
        let body = try await request.body.collect(upTo: 64 * 1024)
        let form: Form
        do {
            form = try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: body))
        } catch {
            return try await render(token: token, form: nil, problem: "Het formulier was niet compleet; vul het opnieuw in.")
        }
        do {
            if form.action == "confirm" {
                do {
                    _ = try await service.confirm(token: token, code: form.code ?? "")
                } catch let error as ErkendError where error.code == .invalidInput {
                    return try await codePage(token: token, problem: error.message)
                }
                return pages.page("signoff-done", ["title": "Ondertekend", "heading": "Dank u wel",
                                                    "message": "Uw ondertekening is bevestigd en vastgelegd. De lerende en de opleiding zien het direct."])
            }
            if form.action == "decline" {
                _ = try await service.decline(token: token, reason: form.reason ?? "")
                return pages.page("signoff-done", ["title": "Geweigerd", "heading": "Geweigerd",
                                                    "message": "U heeft het aftekenen geweigerd. De lerende ziet uw reden en kan een nieuwe aanvraag doen."])
            }
            var context = ObservationContext(department: form.department?.nonEmpty)
            context.complexity = form.complexity.flatMap(ObservationContext.Complexity.init(rawValue:))
            let submission = SignoffSubmission(name: form.name ?? "", organisation: form.organisation ?? "", level: form.level?.nonEmpty,
                                               date: try form.date?.nonEmpty.map { try Day(parsing: $0) }, feedback: form.feedback, context: context)
            let signed = try await service.sign(token: token, submission)
            if signed.status == .open, signed.heldSince != nil {
                return try await codePage(token: token, problem: nil)
            }
            return pages.page("signoff-done", ["title": "Ondertekend", "heading": "Dank u wel",
                                                "message": "Uw ondertekening is vastgelegd. De lerende en de opleiding zien het direct."])
        } catch let error as ErkendError where error.code != .storage {
            // A page, never a JSON problem: an unknown, used or expired link gets the
            // page that says so, and anything else the form again with the reason.
            return try await render(token: token, form: form, problem: error.message)
        }
    }

    @Sendable func qr(_ request: Request, context: Context) async throws -> Response {
        try linkLimiter.take("signoff \(context.clientAddress)", at: service.now())
        let token = try context.parameters.require("token")
        _ = try await service.signoffView(token: token)
        let url = "\(publicAddress.url)/signoff/\(token)"
        let svg = try QRCode(encoding: url, correction: .medium).svg(moduleSize: 8)
        return Response(status: .ok, headers: PageRenderer.headers(contentType: "image/svg+xml"), body: .init(byteBuffer: ByteBuffer(string: svg)))
    }

    /// After signing on the spot: where the code went, and the field to enter it.
    private func codePage(token: String, problem: String?) async throws -> Response {
        let view = try await service.signoffView(token: token)
        let sentTo = try await service.delivery(of: view.request.id)?.sentTo ?? "uw e-mailadres"
        var values: [String: Any] = ["title": "Bevestigen", "token": token, "learnerName": view.learnerName, "sentTo": sentTo]
        if let problem { values["problem"] = problem }
        return pages.page("signoff-code", values)
    }

    /// The form for the link, or a page saying why the link cannot be used.
    private func render(token: String, form: Form?, problem: String?) async throws -> Response {
        let view: SignoffView
        do {
            view = try await service.signoffView(token: token)
        } catch let error as ErkendError where error.code == .notFound {
            return pages.page("problem", ["title": "Onbekende link", "heading": "Deze link werkt niet",
                                          "message": "Controleer of de hele link is gekopieerd, of vraag de lerende om een nieuwe."], status: .notFound)
        }
        switch view.status {
        case .signed:
            return pages.page("problem", ["title": "Al ondertekend", "heading": "Al ondertekend", "message": "Deze link is al gebruikt om te ondertekenen; hij werkt maar één keer."], status: .gone)
        case .declined:
            return pages.page("problem", ["title": "Geweigerd", "heading": "Al geweigerd", "message": "Deze aanvraag is geweigerd; de link werkt niet meer."], status: .gone)
        case .expired:
            return pages.page("problem", ["title": "Verlopen", "heading": "Deze link is verlopen", "message": "Vraag de lerende om een nieuwe aanvraag."], status: .gone)
        case .open:
            break
        }
        try await privacy.recordAccess(AccessRecord(at: service.now(), learner: view.request.learner, actor: "mentor:\(view.request.mentor)",
                                                    channel: "signoffLink:\(view.request.id)", what: "sign-off page"))
        let expires = view.request.expiresAt.formatted(.dateTime.day().month(.wide).year().locale(Locale(identifier: "nl_NL")))
        var values: [String: Any] = [
            "token": token, "learnerName": view.learnerName, "expires": expires,
            "mentorName": form?.name ?? view.mentor.name, "mentorOrganisation": form?.organisation ?? view.mentor.organisation,
        ]
        // Only when there is one: an absent value must not reach the alert box as the word "nil".
        if let problem { values["problem"] = problem }
        if let statement = view.statement {
            values["title"] = "Praktijkverklaring"
            values["periodStart"] = statement.periodStart.description
            values["periodEnd"] = statement.periodEnd.description
            values["tasks"] = statement.tasks.map { task -> [String: Any] in
                let reference: String = switch task.reference {
                case .werkproces(let code): code
                case .epa(let epa): epa.description
                }
                var values: [String: Any] = ["reference": reference, "description": task.description]
                values["frequency"] = task.frequency
                return values
            }
            return pages.page("signoff-statement", values)
        }
        guard let epa = view.epa else { throw ErkendError.notFound("the EPA of this request") }
        values["title"] = "Aftekenen"
        values["epaTitle"] = epa.title.best() ?? epa.code
        values["epaDescription"] = epa.description.best()
        values["levels"] = epa.scale.levels.map { level -> [String: Any] in
            var values: [String: Any] = ["code": level.code, "label": level.label.best() ?? level.code, "checked": form?.level == level.code]
            values["description"] = level.description.best()
            return values
        }
        values["date"] = form?.date ?? service.today.description
        values["today"] = service.today.description
        values["department"] = form?.department ?? ""
        values["feedback"] = form?.feedback ?? ""
        return pages.page("signoff", values)
    }
}

extension String {
    var nonEmpty: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
