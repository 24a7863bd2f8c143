/// Something in a document that JSON-LD expansion silently drops, so that it
/// would not be covered by an RDF-based signature (Data Integrity calls
/// rejecting such input "safe mode").
public struct SafeModeViolation: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// A property the active context does not define (no term, no prefix, no `@vocab`).
        case undefinedProperty = "undefined property"
        /// A type the active context does not define; it would become a relative IRI.
        case undefinedType = "undefined type"
        /// An `@id` that stays a relative IRI: its node is dropped from the RDF.
        case relativeIdentifier = "relative @id"
        /// A language tag that is not well-formed: the value is dropped from the RDF.
        case invalidLanguageTag = "invalid language tag"
        /// A datatype (`@type` of a value) that is not an absolute IRI: the value is dropped.
        case invalidDatatype = "invalid datatype"
    }

    public let kind: Kind
    /// The term, type, IRI or tag as written in the document.
    public let term: String
    /// Where it is, as a JSONPath.
    public let path: String

    public var description: String { "\(kind.rawValue) \"\(term)\" at \(path)" }
}
