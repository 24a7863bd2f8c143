import ErkendCore
import Foundation
import Hummingbird

/// Typed access to query parameters with clear errors for bad values.
struct QueryParameters {
    let request: Request

    /// The first value of `name`, decoded as HTML forms encode it (`+` is a space, `%2B` a plus sign),
    /// or `nil` when it is missing or empty.
    func string(_ name: String) -> String? {
        if let query = request.uri.query {
            for pair in query.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard Self.decode(parts[0]) == name else { continue }
                guard let value = Self.decode(parts.count > 1 ? parts[1] : "") else { break }
                return value.isEmpty ? nil : value
            }
        }
        return request.uri.queryParameters[name[...]].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    func int(_ name: String) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text) else { throw ErkendError.invalid(name, "expected a whole number, got '\(text.prefix(40))'") }
        return value
    }

    func bool(_ name: String) throws -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw ErkendError.invalid(name, "expected true or false, got '\(text.prefix(40))'")
        }
    }

    func enumeration<T: RawRepresentable & CaseIterable>(_ name: String, as type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = T(rawValue: text) else {
            throw ErkendError.invalid(name, "'\(text.prefix(40))' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    func page() throws -> PageRequest {
        try PageRequest(page: try int("page") ?? 1, size: try int("pageSize") ?? PageRequest.defaultSize)
    }
}
