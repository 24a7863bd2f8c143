/// A reference to a catalogue entity by code, optionally pinned to one version:
/// `SD-B1-K1` means the latest published version, `SD-B1-K1@2` exactly version 2.
/// Written as that string in files and JSON.
public struct EntityReference: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var code: String
    public var version: Int?

    public init(_ code: String, version: Int? = nil) {
        self.code = code
        self.version = version
    }

    /// Parses `CODE` or `CODE@N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let code = String(parts[0])
        try CatalogueCode.validate(code)
        var version: Int?
        if parts.count == 2 {
            guard let number = Int(parts[1]), number >= 1 else {
                throw ErkendError.invalid(text, "a reference is CODE or CODE@VERSION with VERSION a whole number from 1")
            }
            version = number
        }
        self.init(code, version: version)
    }

    public var description: String { version.map { "\(code)@\($0)" } ?? code }

    public static func < (lhs: EntityReference, rhs: EntityReference) -> Bool {
        (lhs.code, lhs.version ?? 0) < (rhs.code, rhs.version ?? 0)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { try self.init(parsing: text) } catch let error as ErkendError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The rules for codes of catalogue entities.
public enum CatalogueCode {
    /// Letters, digits, `.`, `_` and `-`, starting with a letter or digit, at most 64 characters:
    /// safe in URLs and file names, and the form codes such as `B1-K1-W1` or `K0080` already have.
    public static func validate(_ code: String) throws {
        let bytes = Array(code.utf8)
        guard (1...64).contains(bytes.count) else {
            throw ErkendError.invalid("code", "'\(code.prefix(80))' must be 1 to 64 characters long")
        }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
        guard isAlphanumeric(bytes[0]), bytes.allSatisfy({ isAlphanumeric($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }) else {
            throw ErkendError.invalid("code", "'\(code)' may hold only letters, digits, '.', '_' and '-', and must start with a letter or digit")
        }
    }
}

/// A reference to an exact version of an entity of a known kind.
public struct VersionKey: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var kind: CatalogueKind
    public var code: String
    public var version: Int

    public init(_ kind: CatalogueKind, _ code: String, _ version: Int) {
        self.kind = kind
        self.code = code
        self.version = version
    }

    public var reference: EntityReference { EntityReference(code, version: version) }
    public var description: String { "\(kind.rawValue) \(code)@\(version)" }

    public static func < (lhs: VersionKey, rhs: VersionKey) -> Bool {
        (lhs.kind, lhs.code, lhs.version) < (rhs.kind, rhs.code, rhs.version)
    }
}
