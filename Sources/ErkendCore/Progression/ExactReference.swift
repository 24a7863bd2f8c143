/// A reference to exactly one version of a catalogue entity: what a learner
/// was observed in, decided on, or passed is always a version, never "the
/// latest". Written `CODE@N` in JSON, like a pinned `EntityReference`.
public struct ExactReference: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var code: String
    public var version: Int

    public init(_ code: String, version: Int) {
        self.code = code
        self.version = version
    }

    public init(_ entity: some CatalogueEntity) {
        self.init(entity.code, version: entity.version)
    }

    /// Parses `CODE@N`; a reference without a version is refused.
    public init(parsing text: String) throws {
        let reference = try EntityReference(parsing: text)
        guard let version = reference.version else {
            throw ErkendError.invalid(text, "name an exact version, as CODE@VERSION")
        }
        self.init(reference.code, version: version)
    }

    /// For literals in code; a literal that is not `CODE@N` is a programming error.
    public init(stringLiteral value: String) {
        do { try self.init(parsing: value) } catch { preconditionFailure("\(value) is not CODE@VERSION: \(error)") }
    }

    public var reference: EntityReference { EntityReference(code, version: version) }

    public func key(_ kind: CatalogueKind) -> VersionKey { VersionKey(kind, code, version) }

    /// Whether this version is what `reference` asks for: the same code, and
    /// the same version when the reference pins one.
    public func satisfies(_ reference: EntityReference) -> Bool {
        reference.code == code && (reference.version == nil || reference.version == version)
    }

    /// Whether this is exactly the version of `entity`.
    public func identifies(_ entity: some CatalogueEntity) -> Bool {
        entity.code == code && entity.version == version
    }

    public var description: String { "\(code)@\(version)" }

    public static func < (lhs: ExactReference, rhs: ExactReference) -> Bool {
        (lhs.code, lhs.version) < (rhs.code, rhs.version)
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
