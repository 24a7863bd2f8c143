/// An RDF term: an IRI, a blank node or a literal.
public enum RDFTerm: Sendable, Hashable {
    /// An absolute IRI, without angle brackets.
    case iri(String)
    /// A blank node, by its label without the `_:` prefix.
    case blankNode(String)
    case literal(RDFLiteral)

    /// The blank node label, if this is a blank node.
    public var blankNodeLabel: String? {
        if case .blankNode(let label) = self { return label }
        return nil
    }

    public var isBlankNode: Bool { blankNodeLabel != nil }
}

/// An RDF literal: a lexical form with a datatype IRI, and a language tag when
/// the datatype is `rdf:langString`.
public struct RDFLiteral: Sendable, Hashable {
    public var lexicalForm: String
    /// Datatype IRI; `rdf:langString` whenever `language` is set.
    public var datatype: String
    /// Language tag (only with `rdf:langString`).
    public var language: String?

    /// A literal of the given datatype (default `xsd:string`).
    public init(_ lexicalForm: String, datatype: String = RDFVocabulary.xsdString) {
        self.lexicalForm = lexicalForm
        self.datatype = datatype
        self.language = nil
    }

    /// A language-tagged string (`rdf:langString`).
    public init(_ lexicalForm: String, language: String) {
        self.lexicalForm = lexicalForm
        self.datatype = RDFVocabulary.langString
        self.language = language
    }
}

/// IRIs of the RDF and XSD terms this module writes.
public enum RDFVocabulary {
    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let xsd = "http://www.w3.org/2001/XMLSchema#"
    public static let type = rdf + "type"
    public static let first = rdf + "first"
    public static let rest = rdf + "rest"
    public static let nil_ = rdf + "nil"
    public static let value = rdf + "value"
    public static let language = rdf + "language"
    public static let direction = rdf + "direction"
    public static let langString = rdf + "langString"
    public static let json = rdf + "JSON"
    public static let xsdString = xsd + "string"
    public static let xsdBoolean = xsd + "boolean"
    public static let xsdInteger = xsd + "integer"
    public static let xsdDouble = xsd + "double"
    public static let i18n = "https://www.w3.org/ns/i18n#"
}
