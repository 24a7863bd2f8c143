/// The identity of a stored record, typed by what it identifies so that a
/// learner's id can never be passed where a placement's is expected.
/// `Tag` is only a marker; the value is an opaque, non-empty string chosen by
/// the store (a UUID, a number, a code) and written as that plain string in JSON.
public struct Identifier<Tag>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    /// Accepts any non-empty string of at most 128 characters without control characters.
    public init(validating rawValue: String) throws {
        guard Identifier.isValid(rawValue) else {
            throw ErkendError.invalid("id", "'\(rawValue.prefix(40))' is not an id: use 1 to 128 characters without spaces or control characters")
        }
        self.rawValue = rawValue
    }

    /// For values known to be valid (read back from storage, literals in code).
    public init(trusted rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.init(trusted: value)
    }

    public static func isValid(_ value: String) -> Bool {
        (1...128).contains(value.unicodeScalars.count)
            && value.unicodeScalars.allSatisfy { !$0.properties.isWhitespace && $0.properties.generalCategory != .control }
    }

    public var description: String { rawValue }

    public static func < (lhs: Identifier, rhs: Identifier) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(String.self)
        guard Identifier.isValid(value) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(value.prefix(40))' is not an id: use 1 to 128 characters without spaces or control characters")
        }
        rawValue = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
