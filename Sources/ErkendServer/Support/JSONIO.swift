import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Reading request bodies and writing JSON responses the same way everywhere.
enum JSONIO {
    static let encoder = ErkendJSON.encoder()

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let data = try encoder.encode(value)
        return raw(data, status: status, headers: headers)
    }

    static func raw(_ data: Data, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        fields.append(contentsOf: headers)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes the body as `T`, turning every decoding failure into an `ErkendError`
    /// that names the JSON path and what was expected there. A body over `limit`
    /// (the context's upload size unless a route needs more) is refused with 413.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext, limit: Int? = nil) async throws -> T {
        let limit = limit ?? context.maxUploadSize
        guard isJSON(request.headers[.contentType] ?? "") else {
            throw ErkendError(.unsupportedMediaType, "the API reads JSON: send the body as Content-Type: application/json")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw ErkendError(.tooLarge, "the request body is larger than \(limit / 1024) KiB")
        }
        guard buffer.readableBytes > 0 else { throw ErkendError(.invalidInput, "the request needs a JSON body") }
        return try decode(type, from: Data(buffer.readableBytesView))
    }

    /// `application/json` or a JSON type such as `application/merge-patch+json`, with parameters (charset) allowed.
    static func isJSON(_ contentType: String) -> Bool {
        let type = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try ErkendJSON.decoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw ErkendError(.invalidInput, describe(error), details: [.init(location: pointer(of: error), message: describe(error))])
        } catch let error as ErkendError {
            throw error
        } catch {
            throw ErkendError(.invalidInput, "the body is not valid JSON")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        "/" + keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
    }

    static func pointer(of error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context): path(context.codingPath + [key])
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path(context.codingPath)
        @unknown default: "/"
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            "\(path(context.codingPath + [key])): required field '\(key.stringValue)' is missing"
        case .typeMismatch(let type, let context):
            "\(path(context.codingPath)): expected \(typeName(type))"
        case .valueNotFound(let type, let context):
            "\(path(context.codingPath)): expected \(typeName(type)), found null"
        case .dataCorrupted(let context):
            context.codingPath.isEmpty
                ? "the body is not valid JSON"
                : "\(path(context.codingPath)): \(words(context.debugDescription))"
        @unknown default:
            "the body could not be read"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is UInt8.Type: return "a whole number"
        case is Double.Type, is Float.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            // Never a Swift type name: the decoder reports lists as Array<Any> and objects as Dictionary<String, Any>.
            let name = String(describing: type)
            if name.hasPrefix("Array") || name.hasPrefix("Set") || name.hasPrefix("[") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a different kind of value"
        }
    }

    /// The decoder's own explanation in words: Foundation's "Cannot initialize Role from invalid
    /// String value admin2" names a Swift type, which means nothing to the sender.
    static func words(_ debugDescription: String) -> String {
        if let range = debugDescription.range(of: " from invalid "), debugDescription.hasPrefix("Cannot initialize ") {
            let rest = debugDescription[range.upperBound...]
            let value = rest.split(separator: " ", maxSplits: 2).dropFirst(2).first.map(String.init) ?? ""
            return value.isEmpty ? "the value is not one of the allowed values" : "'\(value.prefix(60))' is not one of the allowed values"
        }
        if debugDescription.contains("Swift.") || debugDescription.range(of: #"[A-Z][a-z]+<"#, options: .regularExpression) != nil {
            return "the value is not valid here"
        }
        return debugDescription
    }
}
