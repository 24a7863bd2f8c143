/// Tries several loaders in turn and returns the first document found.
///
/// Use it to add a folder of project contexts to the bundled ones.
public struct ChainedDocumentLoader: DocumentLoader {
    public let loaders: [any DocumentLoader]
    public let contextCache: ContextCache?

    public init(_ loaders: [any DocumentLoader]) {
        self.loaders = loaders
        // Each chain owns a cache: what a URL resolves to depends on the whole chain.
        contextCache = ContextCache()
    }

    public func loadDocument(_ url: String) throws -> RemoteDocument {
        var messages: [String] = []
        for loader in loaders {
            do {
                return try loader.loadDocument(url)
            } catch {
                messages.append(String(describing: error))
            }
        }
        throw DocumentLoaderError(url: url, message: messages.last ?? "\(url): no document loader configured")
    }
}
