import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import QRCode

/// The pages a workplace mentor sees on a phone after opening a sign-off link:
/// what to sign, a form to sign or decline, and the result. No account needed;
/// the token in the link is the credential.
struct SignoffPageController: Sendable {
    typealias Context = ErkendRequestContext
    let service: ProgressionService
    let pages: Pages
    let linkLimiter: GuessLimiter
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
        try await linkLimiter.take("signoff \(context.clientAddress)", at: service.now())
        return try await render(request, context, token: try context.parameters.require("token"), form: nil, problem: nil)
    }

    @Sendable func submit(_ request: Request, context: Context) async throws -> Response {
        try await linkLimiter.take("signoff \(context.clientAddress)", at: service.now())
        let token = try context.parameters.require("token")
        let body = try await request.body.collect(upTo: 64 * 1024)
        let form: Form
        do {
            form = try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: body))
        } catch {
            return try await render(request, context, token: token, form: nil, problem: pages.text("signoff.incomplete", request))
        }
        do {
            if form.action == "confirm" {
                do {
                    _ = try await service.confirm(token: token, code: form.code ?? "")
                } catch let error as ErkendError where error.code == .invalidInput {
                    return try await codePage(request, context, token: token, problem: pages.problem(error, request, area: "signoff"))
                }
                return done(request, context, title: "signoff.signedTitle", heading: "signoff.thanks", message: "signoff.confirmedText")
            }
            if form.action == "decline" {
                _ = try await service.decline(token: token, reason: form.reason ?? "")
                return done(request, context, title: "signoff.declinedTitle", heading: "signoff.declinedTitle", message: "signoff.declinedText")
            }
            var observed = ObservationContext(department: form.department?.nonEmpty)
            observed.complexity = form.complexity.flatMap(ObservationContext.Complexity.init(rawValue:))
            let submission = SignoffSubmission(name: form.name ?? "", organisation: form.organisation ?? "", level: form.level?.nonEmpty,
                                               date: try form.date?.nonEmpty.map { try Day(parsing: $0) }, feedback: form.feedback, context: observed)
            let signed = try await service.sign(token: token, submission)
            if signed.status == .open, signed.heldSince != nil {
                return try await codePage(request, context, token: token, problem: nil)
            }
            return done(request, context, title: "signoff.signedTitle", heading: "signoff.thanks", message: "signoff.signedText")
        } catch let error as ErkendError where error.code != .storage {
            // A page, never a JSON problem: an unknown, used or expired link gets the
            // page that says so, and anything else the form again with the reason.
            return try await render(request, context, token: token, form: form, problem: pages.problem(error, request, area: "signoff"))
        }
    }

    @Sendable func qr(_ request: Request, context: Context) async throws -> Response {
        try await linkLimiter.take("signoff \(context.clientAddress)", at: service.now())
        let token = try context.parameters.require("token")
        _ = try await service.signoffView(token: token)
        let url = "\(publicAddress.url)/signoff/\(token)"
        let svg = try QRCode(encoding: url, correction: .medium).svg(moduleSize: 8)
        return Response(status: .ok, headers: PageRenderer.headers(contentType: "image/svg+xml"), body: .init(byteBuffer: ByteBuffer(string: svg)))
    }

    /// The last screen: signed, confirmed or declined.
    private func done(_ request: Request, _ context: Context, title: String, heading: String, message: String) -> Response {
        pages.render("signoff-done", title: title, ["heading": pages.text(heading, request), "message": pages.text(message, request)],
                     request: request, context: context, personal: true, layout: false)
    }

    /// A page saying why the link cannot be used.
    private func unusable(_ request: Request, _ context: Context, _ key: String, status: HTTPResponse.Status) -> Response {
        pages.render("problem", title: "signoff.\(key)Title", ["heading": pages.text("signoff.\(key)Heading", request), "message": pages.text("signoff.\(key)Text", request)],
                     request: request, context: context, status: status, personal: true, layout: false)
    }

    /// After signing on the spot: where the code went, and the field to enter it.
    private func codePage(_ request: Request, _ context: Context, token: String, problem: String?) async throws -> Response {
        let view = try await service.signoffView(token: token)
        let sentTo = try await service.delivery(of: view.request.id)?.sentTo ?? pages.text("signoff.yourAddress", request)
        var values: [String: Any] = ["token": token, "lead": pages.text("signoff.codeLead", request, ["learner": view.learnerName, "sentTo": sentTo])]
        if let problem { values["problem"] = problem }
        return pages.render("signoff-code", title: "signoff.codeTitle", values, request: request, context: context, personal: true, layout: false)
    }

    /// The form for the link, or a page saying why the link cannot be used.
    private func render(_ request: Request, _ context: Context, token: String, form: Form?, problem: String?) async throws -> Response {
        let view: SignoffView
        do {
            view = try await service.signoffView(token: token)
        } catch let error as ErkendError where error.code == .notFound {
            return unusable(request, context, "unknown", status: .notFound)
        }
        switch view.status {
        case .signed: return unusable(request, context, "used", status: .gone)
        case .declined: return unusable(request, context, "declinedUsed", status: .gone)
        case .expired: return unusable(request, context, "expired", status: .gone)
        case .withdrawn: return unusable(request, context, "withdrawn", status: .gone)
        case .open: break
        }
        let language = pages.language(request)
        try await privacy.recordAccess(AccessRecord(at: service.now(), learner: view.request.learner, actor: "mentor:\(view.request.mentor)",
                                                    channel: "signoffLink:\(view.request.id)", what: "sign-off page"))
        let expires = view.request.expiresAt.formatted(.dateTime.day().month(.wide).year().locale(Locale(identifier: language)))
        var values: [String: Any] = [
            "token": token, "learnerName": view.learnerName, "expires": expires,
            "mentorName": form?.name ?? view.mentor.name, "mentorOrganisation": form?.organisation ?? view.mentor.organisation,
        ]
        // Only when there is one: an absent value must not reach the alert box as the word "nil".
        if let problem { values["problem"] = problem }
        if let statement = view.statement {
            values["periodStart"] = statement.periodStart.description
            values["periodEnd"] = statement.periodEnd.description
            values["heading"] = pages.text("signoff.statementHeading", request, ["learner": view.learnerName])
            values["lead"] = pages.text("signoff.statementLead", request, ["learner": view.learnerName, "expires": expires,
                                                                             "start": statement.periodStart.description, "end": statement.periodEnd.description])
            values["tasks"] = statement.tasks.map { task -> [String: Any] in
                let reference: String = switch task.reference {
                case .werkproces(let code): code
                case .epa(let epa): epa.description
                }
                var values: [String: Any] = ["reference": reference, "description": task.description]
                values["frequency"] = task.frequency
                return values
            }
            return pages.render("signoff-statement", title: "signoff.statementTitle", values, request: request, context: context, personal: true, layout: false)
        }
        guard let epa = view.epa else { throw ErkendError.notFound("the EPA of this request") }
        values["epaTitle"] = PageValues.text(epa.title, language) ?? epa.code
        values["heading"] = pages.text("signoff.heading", request, ["epa": PageValues.text(epa.title, language) ?? epa.code])
        values["lead"] = pages.text("signoff.lead", request, ["learner": view.learnerName, "expires": expires])
        values["levelLegend"] = pages.text("signoff.levelLegend", request, ["learner": view.learnerName])
        values["epaDescription"] = PageValues.text(epa.description, language)
        values["levels"] = epa.scale.levels.map { level -> [String: Any] in
            var values: [String: Any] = ["code": level.code, "label": PageValues.text(level.label, language) ?? level.code, "checked": form?.level == level.code]
            values["description"] = PageValues.text(level.description, language)
            return values
        }
        values["date"] = form?.date ?? service.today.description
        values["today"] = service.today.description
        values["department"] = form?.department ?? ""
        values["feedback"] = form?.feedback ?? ""
        values["complexities"] = ["low", "medium", "high"].map { code -> [String: Any] in
            ["code": code, "label": pages.text("signoff.complexity\(code.prefix(1).uppercased() + code.dropFirst())", request), "selected": form?.complexity == code]
        }
        return pages.render("signoff", title: "signoff.title", values, request: request, context: context, personal: true, layout: false)
    }
}

extension String {
    var nonEmpty: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
