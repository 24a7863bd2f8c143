@testable import ErkendServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A page as a browser gets it.
struct PageResponse {
    var status: HTTPResponse.Status
    var html: String
    var headers: HTTPFields

    func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }
    /// Every Set-Cookie header, joined.
    var cookies: String { headers[values: .setCookie].joined(separator: "\n") }
}

extension TestClientProtocol {
    /// Asks for a page as a browser does (Accept: text/html), optionally posting a form.
    func page(_ method: HTTPRequest.Method = .get, _ uri: String, form: String? = nil, headers extra: HTTPFields = [:],
              language: String? = nil) async throws -> PageResponse {
        var headers: HTTPFields = [.accept: "text/html,application/xhtml+xml"]
        if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        if let language { headers[.acceptLanguage] = language }
        headers.append(contentsOf: extra)
        return try await execute(uri: uri, method: method, headers: headers, body: form.map { ByteBuffer(string: $0) }) {
            PageResponse(status: $0.status, html: String(buffer: $0.body), headers: $0.headers)
        }
    }
}

/// `value="…"` of the input named `name` in a page.
func inputValue(_ name: String, in html: String) -> String? {
    guard let range = html.range(of: #"name="\#(name)" value=""#) else { return nil }
    return String(html[range.upperBound...].prefix { $0 != "\"" })
}
