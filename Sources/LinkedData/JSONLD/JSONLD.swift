/// JSON-LD 1.1 processing: expansion and conversion to RDF (the parts of the
/// JSON-LD 1.1 Processing Algorithms and API that signing needs).
///
/// ```swift
/// let credential = try JSONParser.parse(data)
/// let options = JSONLD.Options(safeMode: true)      // offline, bundled contexts
/// let dataset = try JSONLD.toRDF(credential, options: options)
/// let canonical = try RDFC10.canonicalize(dataset).nquads
/// ```
public enum JSONLD {
    /// Which version of JSON-LD's rules apply.
    public enum ProcessingMode: String, Sendable, Hashable {
        case jsonLD10 = "json-ld-1.0"
        case jsonLD11 = "json-ld-1.1"
    }

    /// How `@direction` reaches RDF (the `rdfDirection` option); `nil` drops it.
    public enum RDFDirection: String, Sendable, Hashable {
        case i18nDatatype = "i18n-datatype"
        case compoundLiteral = "compound-literal"
    }

    /// Options for expansion and conversion to RDF.
    public struct Options: Sendable {
        /// Where remote contexts come from. The default serves the bundled
        /// contexts and refuses everything else.
        public var documentLoader: any DocumentLoader
        /// Base IRI of the document (for relative `@id`s); `nil` leaves them relative.
        public var base: String?
        /// A context applied before the document's own (`expandContext`).
        public var expandContext: JSONValue?
        public var processingMode: ProcessingMode
        /// Fail with `safe mode violation`, listing every property, type, `@id`
        /// and language tag that expansion or conversion would drop.
        public var safeMode: Bool
        public var rdfDirection: RDFDirection?
        /// Deepest nesting of arrays and objects that expansion accepts.
        ///
        /// Expansion recurses once per level and uses a few kilobytes of
        /// stack for each (about 3 KB in debug builds); the default of 100
        /// stays well inside the 512 KB stacks of secondary threads on Apple
        /// platforms while allowing far deeper documents than credentials use.
        public var maxDepth: Int
        /// Most remote contexts one context may pull in (directly or through
        /// others) before processing stops with `context overflow`.
        public var maxRemoteContexts: Int

        public init(
            documentLoader: any DocumentLoader = BundledDocumentLoader(),
            base: String? = nil,
            expandContext: JSONValue? = nil,
            processingMode: ProcessingMode = .jsonLD11,
            safeMode: Bool = false,
            rdfDirection: RDFDirection? = nil,
            maxDepth: Int = 100,
            maxRemoteContexts: Int = 32
        ) {
            self.documentLoader = documentLoader
            self.base = base
            self.expandContext = expandContext
            self.processingMode = processingMode
            self.safeMode = safeMode
            self.rdfDirection = rdfDirection
            self.maxDepth = maxDepth
            self.maxRemoteContexts = maxRemoteContexts
        }
    }

    /// Expands a JSON-LD document: the result is an array of node objects with
    /// every term, compact IRI and relative IRI written out.
    public static func expand(_ input: JSONValue, options: Options = Options()) throws(JSONLDError) -> [JSONValue] {
        let processor = JSONLDProcessor(options: options)
        let expanded = try processor.expandDocument(input)
        try processor.throwIfUnsafe()
        return expanded
    }

    /// Converts a JSON-LD document to an RDF dataset (the JSON-LD "toRdf"
    /// operation: expansion, node map, deserialization to RDF).
    public static func toRDF(_ input: JSONValue, options: Options = Options()) throws(JSONLDError) -> RDFDataset {
        let processor = JSONLDProcessor(options: options)
        let expanded = try processor.expandDocument(input)
        let dataset = try processor.toRDF(expanded: expanded)
        try processor.throwIfUnsafe()
        return dataset
    }

    /// Everything in `input` that expansion or conversion to RDF would drop,
    /// without failing on it (the report behind safe mode).
    public static func safeModeViolations(in input: JSONValue, options: Options = Options()) throws(JSONLDError) -> [SafeModeViolation] {
        var options = options
        options.safeMode = true
        let processor = JSONLDProcessor(options: options)
        let expanded = try processor.expandDocument(input)
        _ = try processor.toRDF(expanded: expanded)
        return processor.violations
    }

    /// Converts a JSON-LD document to RDF and canonicalizes it with RDFC-1.0:
    /// the canonical N-Quads that `eddsa-rdfc-2022` hashes.
    public static func canonicalize(
        _ input: JSONValue, options: Options = Options(), canonicalization: RDFC10.Options = RDFC10.Options()
    ) throws -> RDFC10.Result {
        try RDFC10.canonicalize(toRDF(input, options: options), options: canonicalization)
    }
}

extension JSONLDProcessor {
    func throwIfUnsafe() throws(JSONLDError) {
        guard options.safeMode, !violations.isEmpty else { return }
        let listed = violations.prefix(10).map(\.description).joined(separator: "; ")
        let more = violations.count > 10 ? " and \(violations.count - 10) more" : ""
        throw JSONLDError(
            .safeModeViolation,
            "\(violations.count) item(s) would be dropped from the signed data: \(listed)\(more)",
            path: violations.first?.path, violations: violations)
    }
}
