import ErkendCore
import Foundation
import Hummingbird

/// The fields of an HTML form post (`application/x-www-form-urlencoded`) by name, for forms
/// whose rows are numbered (`phase-0-code`, `phase-1-code`, …) and so have no fixed shape.
struct FormFields: Sendable {
    private(set) var values: [String: String] = [:]

    /// At most this many fields: a form of ours has a few hundred at most.
    static let maximumFields = 2000

    init(_ values: [String: String]) {
        self.values = values
    }

    /// Reads an encoded body. The first value of a repeated name counts.
    init(encoded body: String) throws {
        var count = 0
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            count += 1
            guard count <= Self.maximumFields else { throw ErkendError.invalid("form", "the form has more than \(Self.maximumFields) fields") }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw ErkendError.invalid("form", "the form was incomplete; fill it in again")
            }
            if values[name] == nil { values[name] = value }
        }
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    static func read(_ request: Request, context: ErkendRequestContext) async throws -> FormFields {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        return try FormFields(encoded: String(buffer: body))
    }

    subscript(_ name: String) -> String? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// The field's text without surrounding white space, or `nil` when it is empty.
    func text(_ name: String) -> String? { values[name]?.nonBlank }

    /// How many numbered rows of `prefix` the form has: one more than the highest `PREFIX-N-…`.
    func rowCount(_ prefix: String) -> Int {
        var highest = -1
        for name in values.keys where name.hasPrefix(prefix + "-") {
            let rest = name.dropFirst(prefix.count + 1)
            if let dash = rest.firstIndex(of: "-"), let number = Int(rest[..<dash]), number >= 0, number < 200 {
                highest = max(highest, number)
            }
        }
        return highest + 1
    }

    func int(_ name: String) throws -> Int? {
        guard let text = text(name) else { return nil }
        guard let value = Int(text) else { throw ErkendError.invalid(name, "must be a whole number") }
        return value
    }

    func decimal(_ name: String) throws -> Double? {
        guard let text = text(name) else { return nil }
        guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite else { throw ErkendError.invalid(name, "must be a number") }
        return value
    }
}
