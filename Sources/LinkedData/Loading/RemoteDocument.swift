/// A JSON document fetched for a URL: a remote context or an `@import`.
public struct RemoteDocument: Sendable {
    /// The URL the document was finally loaded from (after redirects); it is
    /// the base URL for relative IRIs inside the document.
    public var documentURL: String
    /// The parsed document.
    public var document: JSONValue
    /// A context URL from an HTTP `Link` header, if the loader knows one.
    public var contextURL: String?

    public init(documentURL: String, document: JSONValue, contextURL: String? = nil) {
        self.documentURL = documentURL
        self.document = document
        self.contextURL = contextURL
    }
}
