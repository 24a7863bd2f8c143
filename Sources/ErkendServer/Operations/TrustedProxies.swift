#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Hummingbird
import HTTPTypes

/// The reverse proxies (nginx, a load balancer) whose `X-Forwarded-For` Erkend believes: `erkend serve
/// --trusted-proxy 127.0.0.1` (repeatable) or `ERKEND_TRUSTED_PROXIES=127.0.0.1,10.0.0.0/8`. Each entry is an
/// IPv4 or IPv6 address or a range such as `10.0.0.0/8`. With none, the client is whoever the socket says.
public struct TrustedProxies: Sendable, Equatable {
    struct Range: Sendable, Equatable {
        let bytes: [UInt8]
        let prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var bits = prefix
            for index in bytes.indices where bits > 0 {
                let take = min(8, bits)
                let mask: UInt8 = take == 8 ? 0xFF : ~(0xFF >> UInt8(take))
                if address[index] & mask != bytes[index] & mask { return false }
                bits -= take
            }
            return true
        }
    }

    let ranges: [Range]

    /// No trusted proxies: `X-Forwarded-For` is ignored.
    public init() { ranges = [] }

    /// Parses addresses and ranges; an entry that is neither is an error naming it.
    public init(_ entries: [String]) throws(ProxyAddressError) {
        var ranges: [Range] = []
        for raw in entries {
            let entry = raw.trimmingCharacters(in: .whitespaces)
            if entry.isEmpty { continue }
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = Self.parse(parts[0]) else { throw ProxyAddressError(entry: entry) }
            var prefix = bytes.count * 8
            if parts.count == 2 {
                guard let bits = Int(parts[1]), (0...bytes.count * 8).contains(bits) else { throw ProxyAddressError(entry: entry) }
                prefix = bits
            }
            ranges.append(Range(bytes: bytes, prefix: prefix))
        }
        self.ranges = ranges
    }

    /// From `ERKEND_TRUSTED_PROXIES` (comma-separated) plus the `--trusted-proxy` options.
    public init(options: [String], environment: [String: String]) throws(ProxyAddressError) {
        let fromEnvironment = environment["ERKEND_TRUSTED_PROXIES"].map { $0.split(separator: ",").map(String.init) } ?? []
        try self.init(options + fromEnvironment)
    }

    public var isEmpty: Bool { ranges.isEmpty }

    /// Whether `address` (as the socket or a header spells it) is one of the trusted proxies.
    public func trusts(_ address: String) -> Bool {
        guard let bytes = Self.parse(address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }

    /// The client's address: the socket's peer, unless that peer is a trusted proxy; then the right-most
    /// address of `X-Forwarded-For` (all its lines, in order) that is not itself a trusted proxy. When every
    /// address in the header is trusted, the left-most; when the header is missing, or the address to take
    /// is not an IP address, the nearest trusted proxy's own.
    public func clientAddress(peer: String, forwardedFor: [String]) -> String {
        guard !ranges.isEmpty, trusts(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        var nearest = peer
        for hop in hops.reversed() {
            let address = Self.strip(hop)
            guard let bytes = Self.parse(address) else { return nearest }
            if !ranges.contains(where: { $0.contains(bytes) }) { return Self.normal(bytes) }
            nearest = Self.normal(bytes)
        }
        return nearest
    }

    /// `[::1]:443`, `192.0.2.1:5000` → the address alone (a port some proxies add).
    static func strip(_ hop: String) -> String {
        if hop.hasPrefix("["), let close = hop.firstIndex(of: "]") {
            return String(hop[hop.index(after: hop.startIndex)..<close])
        }
        let colons = hop.filter { $0 == ":" }.count
        if colons == 1, let colon = hop.firstIndex(of: ":") { return String(hop[..<colon]) }
        return hop
    }

    /// The address's bytes: 4 for IPv4, 16 for IPv6 (an IPv4-mapped IPv6 address counts as IPv4).
    static func parse(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return Array(bytes[12...]) }
            return bytes
        }
        return nil
    }

    /// One spelling per address, so that a rate limit counts `::ffff:192.0.2.1` and `192.0.2.1` together.
    static func normal(_ bytes: [UInt8]) -> String {
        var text = [CChar](repeating: 0, count: 64)
        var copy = bytes
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        guard inet_ntop(family, &copy, &text, socklen_t(text.count)) != nil else { return "unknown" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A `--trusted-proxy` entry (or one in ERKEND_TRUSTED_PROXIES) that is not an address or range.
public struct ProxyAddressError: Error, Sendable, Equatable {
    public let entry: String
    public var message: String {
        "a trusted proxy must be an IP address such as 127.0.0.1 or a range such as 10.0.0.0/8, not '\(entry)'"
    }
}

/// Sets the request's client address by the trusted-proxy rule, before anything counts or logs it.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = ErkendRequestContext
    let proxies: TrustedProxies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !proxies.isEmpty else { return try await next(request, context) }
        var context = context
        let forwarded = request.headers[values: .xForwardedFor]
        context.clientAddress = proxies.clientAddress(peer: context.peerAddress, forwardedFor: forwarded)
        context.viaTrustedProxy = proxies.trusts(context.peerAddress)
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
