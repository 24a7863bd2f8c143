public import Hummingbird
public import Foundation
import ErkendCore

/// What Erkend knows about a request while handling it.
public struct ErkendRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// Request bodies beyond this size are refused with 413 before they are decoded.
    public var maxUploadSize: Int { 1024 * 1024 }

    public var responseEncoder: JSONEncoder { ErkendJSON.encoder() }
    public var requestDecoder: JSONDecoder { ErkendJSON.decoder() }
}
