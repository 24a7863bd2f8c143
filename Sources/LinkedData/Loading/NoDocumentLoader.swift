/// Refuses every URL: for documents that must not reference remote contexts.
public struct NoDocumentLoader: DocumentLoader {
    public init() {}

    public func loadDocument(_ url: String) throws -> RemoteDocument {
        throw DocumentLoaderError(url: url, message: "\(url): loading remote documents is disabled")
    }
}
