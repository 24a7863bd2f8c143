/// The default loader: the contexts bundled with this module, nothing else.
///
/// It finds the bundle when first used, so a missing bundle is reported as a
/// `loading remote context failed` error rather than at start-up.
public struct BundledDocumentLoader: DocumentLoader {
    public init() {}

    public func loadDocument(_ url: String) throws -> RemoteDocument {
        try BundledContexts.loader().loadDocument(url)
    }

    public var contextCache: ContextCache? { try? BundledContexts.loader().contextCache }
}
