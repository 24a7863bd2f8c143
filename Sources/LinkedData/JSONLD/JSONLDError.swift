/// A JSON-LD processing error.
///
/// `code` is the error code string of the JSON-LD 1.1 API specification
/// (`"protected term redefinition"`, `"invalid context entry"`, …) or one of
/// the few codes this module adds (safe mode, nesting limit); `path` says where
/// in the input document the problem is.
public struct JSONLDError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A JSON-LD error code; compare with the static members.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let collidingKeywords = Code("colliding keywords")
        public static let conflictingIndexes = Code("conflicting indexes")
        public static let contextOverflow = Code("context overflow")
        public static let cyclicIRIMapping = Code("cyclic IRI mapping")
        public static let invalidIdValue = Code("invalid @id value")
        public static let invalidImportValue = Code("invalid @import value")
        public static let invalidIncludedValue = Code("invalid @included value")
        public static let invalidIndexValue = Code("invalid @index value")
        public static let invalidNestValue = Code("invalid @nest value")
        public static let invalidPrefixValue = Code("invalid @prefix value")
        public static let invalidPropagateValue = Code("invalid @propagate value")
        public static let invalidProtectedValue = Code("invalid @protected value")
        public static let invalidReverseValue = Code("invalid @reverse value")
        public static let invalidVersionValue = Code("invalid @version value")
        public static let invalidBaseDirection = Code("invalid base direction")
        public static let invalidBaseIRI = Code("invalid base IRI")
        public static let invalidContainerMapping = Code("invalid container mapping")
        public static let invalidContextEntry = Code("invalid context entry")
        public static let invalidContextNullification = Code("invalid context nullification")
        public static let invalidDefaultLanguage = Code("invalid default language")
        public static let invalidIRIMapping = Code("invalid IRI mapping")
        public static let invalidJSONLiteral = Code("invalid JSON literal")
        public static let invalidKeywordAlias = Code("invalid keyword alias")
        public static let invalidLanguageMapValue = Code("invalid language map value")
        public static let invalidLanguageMapping = Code("invalid language mapping")
        public static let invalidLanguageTaggedString = Code("invalid language-tagged string")
        public static let invalidLanguageTaggedValue = Code("invalid language-tagged value")
        public static let invalidLocalContext = Code("invalid local context")
        public static let invalidRemoteContext = Code("invalid remote context")
        public static let invalidReverseProperty = Code("invalid reverse property")
        public static let invalidReversePropertyMap = Code("invalid reverse property map")
        public static let invalidReversePropertyValue = Code("invalid reverse property value")
        public static let invalidScopedContext = Code("invalid scoped context")
        public static let invalidSetOrListObject = Code("invalid set or list object")
        public static let invalidTermDefinition = Code("invalid term definition")
        public static let invalidTypeMapping = Code("invalid type mapping")
        public static let invalidTypeValue = Code("invalid type value")
        public static let invalidTypedValue = Code("invalid typed value")
        public static let invalidValueObject = Code("invalid value object")
        public static let invalidValueObjectValue = Code("invalid value object value")
        public static let invalidVocabMapping = Code("invalid vocab mapping")
        public static let iriConfusedWithPrefix = Code("IRI confused with prefix")
        public static let keywordRedefinition = Code("keyword redefinition")
        public static let loadingDocumentFailed = Code("loading document failed")
        public static let loadingRemoteContextFailed = Code("loading remote context failed")
        public static let processingModeConflict = Code("processing mode conflict")
        public static let protectedTermRedefinition = Code("protected term redefinition")
        /// JSON-LD 1.0 only: 1.1 allows lists of lists.
        public static let listOfLists = Code("list of lists")

        /// Safe mode found input that expansion would drop (see `SafeModeViolation`).
        public static let safeModeViolation = Code("safe mode violation")
        /// The document nests deeper than `JSONLD.Options.maxDepth`.
        public static let nestingTooDeep = Code("nesting too deep")
    }

    public let code: Code
    /// What went wrong, naming the term, IRI or value involved.
    public let message: String
    /// Where in the input: a JSONPath such as `$.credentialSubject.achievement`
    /// (`nil` when the problem is not tied to one place).
    public let path: String?
    /// For `.safeModeViolation`: everything that would have been dropped.
    public let violations: [SafeModeViolation]

    public init(_ code: Code, _ message: String, path: String? = nil, violations: [SafeModeViolation] = []) {
        self.code = code
        self.message = message
        self.path = path
        self.violations = violations
    }

    public var description: String {
        if let path { return "\(code.rawValue) at \(path): \(message)" }
        return "\(code.rawValue): \(message)"
    }
}
