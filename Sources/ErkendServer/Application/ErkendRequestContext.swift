public import Hummingbird
public import Foundation
public import ErkendCore
import NIOCore

/// What Erkend knows about a request while handling it: who is asking
/// (set by the authentication middleware) and from where.
public struct ErkendRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who is asking; anonymous until the authentication middleware says otherwise.
    public var principal: Principal = .anonymous
    /// The session behind the principal, when it came from a cookie (for CSRF checks).
    public var session: Session?
    /// The account behind the principal, read once with its session or token.
    public var account: Account?
    /// The client's IP address, for rate limits and the /metrics loopback rule: the socket's peer, or,
    /// when that peer is a trusted proxy (`--trusted-proxy`), the address it forwarded (ClientAddressMiddleware).
    public internal(set) var clientAddress: String
    /// The address at the other end of the socket (a proxy's, behind one).
    public let peerAddress: String
    /// Whether the socket's peer is a trusted proxy, so that its forwarding headers were believed.
    public internal(set) var viaTrustedProxy = false

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress ?? "local"
        self.clientAddress = peerAddress
    }

    /// Request bodies beyond this size are refused with 413 before they are decoded.
    public var maxUploadSize: Int { 1024 * 1024 }

    public var responseEncoder: JSONEncoder { ErkendJSON.encoder() }
    public var requestDecoder: JSONDecoder { ErkendJSON.decoder() }
}
