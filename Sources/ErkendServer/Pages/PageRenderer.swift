import ErkendCore
import ErkendTemplates
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// Renders the HTML pages from the Mustache templates in `Templates/Pages`,
/// with the security headers every page gets.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    /// Whether people reach Erkend over https, so browsers should never try http again (HSTS).
    let strictTransport: Bool

    init(publicURL: String = "") throws {
        var library = MustacheLibrary()
        for (name, template) in try ErkendTemplates.templates(in: "Pages") {
            try library.register(template, named: name)
        }
        self.library = library
        self.strictTransport = publicURL.lowercased().hasPrefix("https://")
    }

    /// The page as a response. Pages hold secrets in their URL (sign-off links), so they are
    /// never sent as a referrer and allow nothing but our own styles and scripts. Personal pages
    /// are never stored by a cache; public ones are checked with the server before reuse.
    func page(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok, personal: Bool = true) -> Response {
        let html = library.render(values, withTemplate: template) ?? "<!doctype html><title>Erkend</title><p>Page \(template) is missing.</p>"
        var headers = headers(contentType: "text/html; charset=utf-8")
        if !personal { headers[.cacheControl] = "no-cache" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func headers(contentType: String) -> HTTPFields {
        var headers = Self.headers(contentType: contentType)
        if strictTransport { headers[HTTPField.Name("Strict-Transport-Security")!] = "max-age=31536000; includeSubDomains" }
        return headers
    }

    static func headers(contentType: String) -> HTTPFields {
        [
            .contentType: contentType,
            .cacheControl: "no-store",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
            HTTPField.Name("Content-Security-Policy")!: contentSecurityPolicy,
        ]
    }

    /// Our own files only; no inline script or style, no framing, no plugins.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
}
