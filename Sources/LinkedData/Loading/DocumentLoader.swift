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

/// Where JSON-LD processing gets remote contexts from.
///
/// Implementations decide what may be loaded; the ones in this module never
/// use the network. A loader that cannot provide a URL throws, and processing
/// fails with `loading remote context failed` naming that URL.
public protocol DocumentLoader: Sendable {
    /// Loads the document for an absolute URL, or throws.
    func loadDocument(_ url: String) throws -> RemoteDocument

    /// A cache of processed contexts that is valid for this loader's
    /// documents, or `nil` to process contexts afresh on every call.
    ///
    /// Return the same cache for as long as the loader returns the same
    /// documents for the same URLs.
    var contextCache: ContextCache? { get }
}

extension DocumentLoader {
    public var contextCache: ContextCache? { nil }
}

/// A loader could not provide a document.
public struct DocumentLoaderError: Error, Sendable, CustomStringConvertible {
    public let url: String
    public let message: String

    public init(url: String, message: String) {
        self.url = url
        self.message = message
    }

    public var description: String { message }
}
