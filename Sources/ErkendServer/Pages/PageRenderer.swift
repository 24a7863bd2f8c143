import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// Renders the HTML pages from the Mustache templates in the server's
/// resources (`Resources/Templates`), with the security headers every page gets.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw ErkendError(.storage, "the page templates are missing from the server's resources")
        }
        for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) where file.pathExtension == "mustache" {
            try library.register(String(contentsOf: file, encoding: .utf8), named: file.deletingPathExtension().lastPathComponent)
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
