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

    init() throws {
        var library = MustacheLibrary()
        for (name, template) in try ErkendTemplates.templates(in: "Pages") {
            try library.register(template, named: name)
        }
        self.library = library
    }

    /// The page as a response. Pages hold secrets in their URL (sign-off links), so they are
    /// never cached, never sent as a referrer, and allow nothing but our own styles.
    func page(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(values, withTemplate: template) ?? "<!doctype html><p>Page \(template) is missing.</p>"
        return Response(status: status, headers: PageRenderer.headers(contentType: "text/html; charset=utf-8"),
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func headers(contentType: String) -> HTTPFields {
        [
            .contentType: contentType,
            .cacheControl: "no-store",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("Content-Security-Policy")!: "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ]
    }
}
