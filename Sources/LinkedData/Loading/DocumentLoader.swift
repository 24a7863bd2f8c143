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
