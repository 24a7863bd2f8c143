import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird

/// What every page shares: the layout (header with navigation, sign-in or sign-out, the
/// language switch), the language of the visitor and its translation table, and the
/// security headers of `PageRenderer`. Controllers hand it a template and their values.
struct Pages: Sendable {
    let renderer: PageRenderer
    let translations: Translations

    static let languageCookie = "erkend_lang"

    init(publicURL: String) throws {
        self.renderer = try PageRenderer(publicURL: publicURL)
        self.translations = try Translations()
    }

    /// The language of this request (`?lang=`, cookie, Accept-Language, Dutch).
    func language(_ request: Request) -> String {
        translations.language(query: QueryParameters(request: request).string("lang"), cookie: request.cookies[Self.languageCookie]?.value,
                              acceptLanguage: request.headers[.acceptLanguage])
    }

    /// The text of `key` in the request's language.
    func text(_ key: String, _ request: Request, _ values: [String: String] = [:]) -> String {
        translations.text(key, language(request), values)
    }

    /// Renders `template` inside the layout. `title` is a translation key, or the text itself when
    /// there is no such key. Asking for a language with `?lang=` remembers it in a cookie.
    /// Without `layout` the page has only the name and the language switch: the mentor's
    /// sign-off screens, which have nothing to navigate to and must stay light on a phone.
    func render(_ template: String, title: String, _ values: [String: Any] = [:], request: Request, context: ErkendRequestContext,
                status: HTTPResponse.Status = .ok, personal: Bool? = nil, layout: Bool = true) -> Response {
        let language = language(request)
        let table = translations.table(language)
        var all = values
        all["layout"] = layout
        all["slim"] = !layout
        all["lang"] = language
        all["t"] = Self.nested(table)
        all["title"] = table[title] ?? title
        if layout { all["nav"] = navigation(context.principal, path: request.uri.path, table: table) }
        all["languages"] = translations.languages.map { code in
            ["code": code, "name": translations.table(code)["languageName"] ?? code, "current": code == language,
             "href": "\(request.uri.path)?lang=\(code)"] as [String: Any]
        }
        if layout, context.principal.isAuthenticated {
            all["user"] = context.principal.displayName ?? table["signedInAs"] ?? ""
            all["csrf"] = context.session?.csrfToken ?? ""
        }
        var response = renderer.page(template, all, status: status, personal: personal ?? context.principal.isAuthenticated)
        if let asked = QueryParameters(request: request).string("lang"), asked == language {
            response.setCookie(Cookie(name: Self.languageCookie, value: language, maxAge: 365 * 86400, path: "/", httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// The table as templates read it: `{{t.key}}`, and for a key with an area prefix such as
    /// `signoff.sign` also `{{t.signoff.sign}}` (Mustache reads a dot as a step into a table).
    static func nested(_ table: [String: String]) -> [String: Any] {
        var all: [String: Any] = table
        var areas: [String: [String: String]] = [:]
        for (key, text) in table {
            guard let dot = key.firstIndex(of: "."), table[String(key[..<dot])] == nil else { continue }
            areas[String(key[..<dot]), default: [:]][String(key[key.index(after: dot)...])] = text
        }
        for (area, texts) in areas { all[area] = texts }
        return all
    }

    /// What went wrong with a form, for the page: the core's messages are written in English, so
    /// an English page shows them as they are, and any other language gets its own text — for the
    /// field (`AREA.problem.FIELD`), else for the kind of error (`problem.CODE`) naming the field,
    /// never the English sentence on a Dutch page.
    func problem(_ error: ErkendError, _ request: Request, area: String) -> String {
        let language = language(request)
        if language == "en" { return error.message }
        let table = translations.table(language)
        let field = error.details.first?.location
        if let field, let text = table["\(area).problem.\(field)"] { return text }
        if let text = table["\(area).problem.\(error.code.rawValue)"] { return text }
        if let field, let name = table["\(area).field.\(field)"] ?? table["field.\(field)"],
           let text = table["problem.\(error.code.rawValue)-field"] {
            return text.replacingOccurrences(of: "{field}", with: name)
        }
        if let text = table["problem.\(error.code.rawValue)"] { return text }
        return table["problem.other"] ?? error.message
    }

    /// The friendly page for an error status, in the visitor's language, without internals.
    func error(_ status: HTTPResponse.Status, request: Request, context: ErkendRequestContext) -> Response {
        let known: Set<Int> = [400, 403, 404, 409, 429, 500]
        let code = known.contains(status.code) ? status.code : (status.code >= 500 ? 500 : 400)
        let language = language(request)
        return render("problem", title: "error\(code)Title",
                      ["heading": translations.text("error\(code)Title", language), "message": translations.text("error\(code)Text", language),
                       "back": true],
                      request: request, context: context, status: status, personal: true)
    }

    /// A redirect after a form post (303, so the browser follows with GET).
    static func redirect(_ location: String) -> Response {
        var headers = PageRenderer.headers(contentType: "text/plain; charset=utf-8")
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    /// Where the navigation leads this principal; the access policy decides, never a template.
    func navigation(_ principal: Principal, path: String, table: [String: String]) -> [[String: Any]] {
        var items: [(String, String)] = [("/", "navCatalogue")]
        if let learner = principal.learner, AccessPolicy.decide(principal, .readLearner(learner)) == .allowed {
            items.append(("/learners/\(learner)", "navMyProgress"))
            if AccessPolicy.decide(principal, .collectAward(learner)) == .allowed {
                items.append(("/learners/\(learner)/credentials", "navMyCredentials"))
            }
        }
        if AccessPolicy.decide(principal, .listLearners) == .allowed, principal.roles.contains(where: { $0 != .learner }) {
            items.append(("/learners", "navLearners"))
        }
        if AccessPolicy.decide(principal, .reviewEntrustments) == .allowed { items.append(("/reentrustments", "navReentrustments")) }
        if AccessPolicy.decide(principal, .editCatalogue) == .allowed { items.append(("/design", "navDesign")) }
        if AccessPolicy.decide(principal, .readMetrics) == .allowed { items.append(("/dashboard", "navDashboard")) }
        items.append(("/verify", "navVerify"))
        // The item whose address is the longest prefix of the path is the current one.
        let matches = items.map(\.0).filter { $0 == "/" ? path == "/" : (path == $0 || path.hasPrefix($0 + "/")) }
        let current = matches.max { $0.count < $1.count }
        return items.map { href, key in
            ["href": href, "label": table[key] ?? key, "current": href == current]
        }
    }

    /// Refuses a form post whose CSRF field is not the session's token. Requests without a
    /// session cookie (API tokens) carry no ambient authority and need none.
    static func checkCSRF(_ sent: String?, _ context: ErkendRequestContext) throws {
        guard let session = context.session else { return }
        guard Secrets.constantTimeEquals(sent ?? "", session.csrfToken) else {
            throw ErkendError(.forbidden, "the form is out of date; reload the page and send it again")
        }
    }

    /// Reads an HTML form post into `T`.
    static func form<T: Decodable>(_ type: T.Type, _ request: Request, context: ErkendRequestContext) async throws -> T {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: body))
        } catch {
            throw ErkendError.invalid("form", "the form was incomplete; fill it in again")
        }
    }

    /// A local path to go back to after signing in, or `/` when `next` is not one of ours.
    static func localPath(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains("://") else { return "/" }
        return next
    }
}
