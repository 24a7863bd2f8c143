import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird

/// `GET /metrics` for Prometheus. Open to a client on the same machine (a loopback address, with no
/// proxy header saying it came from elsewhere; behind a `--trusted-proxy`, the address it forwarded) or to one that sends `Authorization: Bearer` with the
/// token of `--metrics-token` (ERKEND_METRICS_TOKEN); everyone else gets 404, as if it were not there.
struct MetricsEndpointController: Sendable {
    let metrics: ServerMetrics
    /// The token that opens /metrics to other machines; nil: loopback only.
    let token: String?

    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    func addRoutes(to router: GuardedRouter) {
        router.get("metrics", .action(.readPublished)) { request, context in
            guard allowed(request, address: context.clientAddress, viaTrustedProxy: context.viaTrustedProxy) else {
                throw ErkendError.notFound("this page")
            }
            return Response(status: .ok, headers: [.contentType: Self.contentType, .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
    }

    /// Behind a trusted proxy `address` is the client it forwarded for; from any other peer a proxy header
    /// means a proxy Erkend was not told to trust, whose clients all look local: refused.
    func allowed(_ request: Request, address: String, viaTrustedProxy: Bool = false) -> Bool {
        if let token, !token.isEmpty, let sent = request.headers[.authorization], sent.hasPrefix("Bearer ") {
            return Secrets.hash(String(sent.dropFirst(7))) == Secrets.hash(token)
        }
        let proxied = ["X-Forwarded-For", "Forwarded", "X-Real-IP"].contains { (name: String) -> Bool in
            HTTPField.Name(name).map { request.headers[$0] != nil } ?? false
        }
        return (viaTrustedProxy || !proxied) && (address == "127.0.0.1" || address == "::1" || address.hasPrefix("127."))
    }
}
