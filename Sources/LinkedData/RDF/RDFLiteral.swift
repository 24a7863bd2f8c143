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
