import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Signing in and out in the browser, with the same sessions and CSRF tokens as the API.
struct SessionPagesController: Sendable {
    typealias Context = ErkendRequestContext
    let pages: Pages
    let auth: AuthService
    let limiter: GuessLimiter
    let now: @Sendable () -> Date

    /// A sign-in form carries this cookie's value too, so another site cannot sign a visitor in
    /// to an account of its choosing (login CSRF).
    static let formCookie = "erkend_signin"

    func addRoutes(to router: GuardedRouter) {
        router.get("sign-in", .action(.readPublished), use: form)
        router.post("sign-in", .action(.readPublished), use: signIn)
        router.post("sign-out", .action(.manageOwnAccount), use: signOut)
        router.get("me", .action(.manageOwnAccount), use: home)
    }

    struct SignInForm: Decodable {
        var username: String?
        var password: String?
        var next: String?
        var form: String?
    }

    struct SignOutForm: Decodable {
        var csrf: String?
    }

    @Sendable func form(_ request: Request, context: Context) async throws -> Response {
        render(request, context, next: Pages.localPath(QueryParameters(request: request).string("next")), username: "", problem: nil)
    }

    @Sendable func signIn(_ request: Request, context: Context) async throws -> Response {
        try await limiter.take("page sign-in \(context.clientAddress)", at: now())
        let input = try await Pages.form(SignInForm.self, request, context: context)
        let next = Pages.localPath(input.next)
        guard let sent = input.form, let expected = request.cookies[Self.formCookie]?.value, Secrets.constantTimeEquals(sent, expected) else {
            return render(request, context, next: next, username: input.username ?? "", problem: "signInExpired", status: .badRequest)
        }
        let signedIn: AuthService.SignedIn
        do {
            signedIn = try await auth.signIn(username: input.username ?? "", password: input.password ?? "")
        } catch let error as ErkendError where error.code == .unauthenticated || error.code == .invalidInput || error.code == .forbidden {
            return render(request, context, next: next, username: input.username ?? "", problem: "signInFailed", status: .unauthorized)
        }
        context.logger.info("signed in", metadata: ["account": "\(signedIn.account.id)", "session": "\(signedIn.session.id)"])
        var response = Pages.redirect(next == "/" ? "/me" : next)
        response.setCookie(Cookie(name: AuthService.sessionCookie, value: signedIn.secret, maxAge: Int(SignInPolicy.absoluteTimeout),
                                  path: "/", secure: true, httpOnly: true, sameSite: .strict))
        response.setCookie(Cookie(name: Self.formCookie, value: "", maxAge: 0, path: "/sign-in", secure: true, httpOnly: true, sameSite: .strict))
        return response
    }

    @Sendable func signOut(_ request: Request, context: Context) async throws -> Response {
        let input = try await Pages.form(SignOutForm.self, request, context: context)
        try Pages.checkCSRF(input.csrf, context)
        if let secret = request.cookies[AuthService.sessionCookie]?.value { try await auth.signOut(secret: secret) }
        var response = Pages.redirect("/")
        response.setCookie(Cookie(name: AuthService.sessionCookie, value: "", maxAge: 0, path: "/", secure: true, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Where a signed-in person starts: their own progress, the learners they follow, or the catalogue they design.
    @Sendable func home(_ request: Request, context: Context) async throws -> Response {
        let principal = context.principal
        if let learner = principal.learner, AccessPolicy.decide(principal, .readLearner(learner)) == .allowed {
            return Pages.redirect("/learners/\(learner)")
        }
        if AccessPolicy.decide(principal, .editCatalogue) == .allowed { return Pages.redirect("/design") }
        if AccessPolicy.decide(principal, .listLearners) == .allowed { return Pages.redirect("/learners") }
        return Pages.redirect("/")
    }

    private func render(_ request: Request, _ context: Context, next: String, username: String, problem: String?,
                        status: HTTPResponse.Status = .ok) -> Response {
        let token = Secrets.make()
        var values: [String: Any] = ["next": next, "username": username, "form": token]
        if let problem { values["problem"] = pages.text(problem, request) }
        var response = pages.render("sign-in", title: "signInTitle", values, request: request, context: context, status: status, personal: true)
        response.setCookie(Cookie(name: Self.formCookie, value: token, maxAge: 3600, path: "/sign-in", secure: true, httpOnly: true, sameSite: .strict))
        return response
    }
}
