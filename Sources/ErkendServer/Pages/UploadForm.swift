import ErkendCore
import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A `multipart/form-data` form post (a file upload), read strictly: multipart-kit splits the
/// parts; this checks what it lets pass. The body must end with the closing boundary (a cut-off
/// upload is refused, not half read), every part must be `form-data` with a name, there are at
/// most `maximumParts` parts with at most `maximumHeaders` headers each, and the whole body is
/// at most the server's upload limit. Every refusal is an `ErkendError` with words a person can act on.
struct UploadForm {
    struct Part {
        var name: String
        var filename: String?
        var body: ByteBuffer

        var text: String? { body.getString(at: body.readerIndex, length: body.readableBytes) }
    }

    private(set) var parts: [Part] = []

    static let maximumParts = 8
    static let maximumHeaders = 8

    static func read(_ request: Request, context: ErkendRequestContext) async throws -> UploadForm {
        let boundary = try boundary(request.headers[.contentType])
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw ErkendError(.tooLarge, "the file is larger than \(context.maxUploadSize / 1024) KiB")
        }
        return try UploadForm(body: body, boundary: boundary)
    }

    /// The boundary of a `multipart/form-data` content type (RFC 2046: 1 to 70 characters).
    static func boundary(_ contentType: String?) throws -> String {
        guard let contentType else { throw ErkendError.invalid("form", "the form was sent without a content type; send it from the page") }
        let parameters = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parameters.first?.lowercased() == "multipart/form-data" else {
            throw ErkendError(.unsupportedMediaType, "a file is sent as multipart/form-data, the way the page's form sends it")
        }
        for parameter in parameters.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            let allowed = CharacterSet(charactersIn: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ")
            guard (1...70).contains(value.count), value.unicodeScalars.allSatisfy(allowed.contains), !value.hasSuffix(" ") else {
                throw ErkendError.invalid("form", "the form's boundary is not valid multipart/form-data")
            }
            return value
        }
        throw ErkendError.invalid("form", "the form's content type names no boundary")
    }

    init(body: ByteBuffer, boundary: String) throws {
        let closing = Array("--\(boundary)--".utf8)
        let bytes = body.readableBytesView
        // Trailing white space after the closing boundary is allowed; nothing else is read there.
        guard let end = bytes.lastIndex(where: { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: " ") }),
              end - bytes.startIndex + 1 >= closing.count,
              Array(bytes[(end - closing.count + 1)...end]) == closing else {
            throw ErkendError.invalid("form", "the upload was cut off before its end; send the file again")
        }
        let parser = MultipartParser(boundary: boundary)
        var headers: [(String, String)] = []
        var partBody = ByteBuffer()
        var collected: [Part] = []
        var problem: ErkendError?
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { chunk in partBody.writeBuffer(&chunk) }
        parser.onPartComplete = {
            defer { headers = []; partBody = ByteBuffer() }
            guard problem == nil else { return }
            do {
                guard collected.count < Self.maximumParts else {
                    throw ErkendError.invalid("form", "the form has more than \(Self.maximumParts) parts")
                }
                guard headers.count <= Self.maximumHeaders else {
                    throw ErkendError.invalid("form", "a part of the form has more than \(Self.maximumHeaders) headers")
                }
                let disposition = headers.first { $0.0.lowercased() == "content-disposition" }?.1
                let (name, filename) = try Self.disposition(disposition)
                collected.append(Part(name: name, filename: filename, body: partBody))
            } catch let error as ErkendError {
                problem = error
            } catch {
                problem = ErkendError.invalid("form", "the form is not valid multipart/form-data")
            }
        }
        do {
            try parser.execute(body)
        } catch {
            throw ErkendError.invalid("form", "the form is not valid multipart/form-data; send it from the page")
        }
        if let problem { throw problem }
        parts = collected
    }

    /// The name and file name of `Content-Disposition: form-data; name="…"; filename="…"`.
    static func disposition(_ value: String?) throws -> (name: String, filename: String?) {
        guard let value else { throw ErkendError.invalid("form", "a part of the form has no Content-Disposition") }
        var rest = Substring(value)
        let kind = rest.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
        guard kind.lowercased() == "form-data" else { throw ErkendError.invalid("form", "a part of the form is not form-data") }
        rest = rest.dropFirst(rest.prefix { $0 != ";" }.count)
        var parameters: [String: String] = [:]
        while rest.first == ";" {
            rest = rest.dropFirst().drop { $0 == " " }
            let key = rest.prefix { $0 != "=" && $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest.dropFirst(rest.prefix { $0 != "=" && $0 != ";" }.count)
            guard rest.first == "=" else { throw ErkendError.invalid("form", "a part's Content-Disposition is malformed") }
            rest = rest.dropFirst()
            var text = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var closed = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if character == "\\", let next = rest.first { text.append(next); rest = rest.dropFirst(); continue }
                    if character == "\"" { closed = true; break }
                    text.append(character)
                }
                guard closed else { throw ErkendError.invalid("form", "a part's Content-Disposition has an unclosed quote") }
                rest = rest.drop { $0 == " " }
            } else {
                text = rest.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
                rest = rest.dropFirst(rest.prefix { $0 != ";" }.count)
            }
            guard !key.isEmpty, parameters[key] == nil else { throw ErkendError.invalid("form", "a part's Content-Disposition repeats or lacks a parameter name") }
            parameters[key] = text
        }
        guard rest.isEmpty else { throw ErkendError.invalid("form", "a part's Content-Disposition is malformed") }
        guard let name = parameters["name"], !name.isEmpty, name.count <= 100 else { throw ErkendError.invalid("form", "a part of the form has no name") }
        // Only the last path component of a file name: some browsers send the whole path.
        let filename = parameters["filename"].map { String($0.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "") }
        return (name, filename.map { String($0.prefix(200)) })
    }

    /// The first part of this name.
    func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// The text of a plain field.
    func field(_ name: String) -> String? { part(name)?.text }
}
