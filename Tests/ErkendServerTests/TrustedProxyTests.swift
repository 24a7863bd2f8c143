import ErkendCore
@testable import ErkendServer
import ErkendStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// Which address is the client's behind nginx: `--trusted-proxy` and X-Forwarded-For.
@Suite("Trusted proxies")
struct TrustedProxyTests {
    let proxies = try! TrustedProxies(["127.0.0.1", "10.0.0.0/8", "::1"])

    @Test("From a trusted proxy the client is the right-most forwarded address that is not itself a proxy")
    func rightMostUntrusted() {
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.5"]) == "203.0.113.5")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["198.51.100.7, 203.0.113.5, 10.1.2.3"]) == "203.0.113.5",
                "a forged left-most entry is passed over")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["198.51.100.7", "203.0.113.5"]) == "203.0.113.5",
                "several header lines are read in order")
        #expect(proxies.clientAddress(peer: "::1", forwardedFor: ["2001:db8::1"]) == "2001:db8::1")
        #expect(proxies.clientAddress(peer: "10.9.9.9", forwardedFor: ["[2001:db8::1]:4431"]) == "2001:db8::1", "a port is dropped")
    }

    @Test("From any other peer X-Forwarded-For is ignored")
    func untrustedPeer() {
        #expect(proxies.clientAddress(peer: "192.0.2.44", forwardedFor: ["203.0.113.5"]) == "192.0.2.44")
        #expect(TrustedProxies().clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.5"]) == "127.0.0.1",
                "with no trusted proxy configured, the socket decides")
    }

    @Test("A header of only proxies, none, or garbage leaves the nearest proxy's address")
    func odd() {
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["10.0.0.2, 10.0.0.3"]) == "10.0.0.2")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.5, not-an-address"]) == "127.0.0.1")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["::ffff:203.0.113.5"]) == "203.0.113.5",
                "an IPv4-mapped address is spelled as IPv4, so a limit counts both spellings together")
    }

    @Test("Proxy entries are addresses or ranges; anything else is refused by name")
    func parsing() throws {
        #expect(proxies.trusts("10.200.1.1"))
        #expect(!proxies.trusts("11.0.0.1"))
        #expect(try TrustedProxies(["192.168.1.0/24"]).trusts("192.168.1.77"))
        #expect(try !TrustedProxies(["192.168.1.0/24"]).trusts("192.168.2.77"))
        #expect(throws: ProxyAddressError(entry: "nginx.local")) { try TrustedProxies(["nginx.local"]) }
        #expect(throws: ProxyAddressError(entry: "10.0.0.0/33")) { try TrustedProxies(["10.0.0.0/33"]) }
        let both = try TrustedProxies(options: ["127.0.0.1"], environment: ["ERKEND_TRUSTED_PROXIES": "10.0.0.1, 10.0.0.2"])
        #expect(both.trusts("127.0.0.1") && both.trusts("10.0.0.2") && !both.trusts("10.0.0.3"))
    }

    /// Thirty wrong sign-off links use up one client's guesses; the answer of the next from `forwardedFor`.
    /// Also how many guesses may have refilled (one per 2 s) between the first refusal and the last `forwardedFor` answer.
    func guessing(trusted: [String], forwardedFor: [String], metricsFrom: String = "203.0.113.5") async throws -> (statuses: [HTTPResponse.Status], refilled: Int) {
        let store = try ErkendStore.inMemory()
        var services = ErkendServices(store: store, passwordCost: 4, publicURL: "https://erkend.test")
        services.trustedProxies = try TrustedProxies(trusted)
        let app = Application(router: try buildRouter(services), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let statuses = Mutex<[HTTPResponse.Status]>([])
        let refilledSince = Mutex(0)
        try await app.test(.live) { client in
            // Thirty get through; the bucket refills one every 2 seconds, so on a loaded machine a few more do.
            let started = ContinuousClock.now
            var allowed = 0
            while allowed < 200, try await client.execute(uri: "/signoff/wrong-link", method: .get, headers: [.xForwardedFor: "203.0.113.5"]).status != .tooManyRequests {
                allowed += 1
            }
            let refilled = Int((ContinuousClock.now - started) / .seconds(2)) + 1
            #expect(allowed >= 30 && allowed <= 30 + refilled, "\(allowed) guesses before the first refusal")
            let refusedAt = ContinuousClock.now
            for address in forwardedFor {
                let status = try await client.execute(uri: "/signoff/wrong-link", method: .get, headers: [.xForwardedFor: address]).status
                statuses.withLock { $0.append(status) }
            }
            refilledSince.withLock { $0 = Int(((ContinuousClock.now - refusedAt) / .seconds(2)).rounded(.up)) }
            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: [.xForwardedFor: metricsFrom])
            statuses.withLock { $0.append(metrics.status) }
        }
        return (statuses.withLock { $0 }, refilledSince.withLock { $0 })
    }

    @Test("Over HTTP behind a trusted proxy guesses count per forwarded client, and /metrics is closed to a forwarded stranger")
    func overHTTP() async throws {
        let (behindProxy, refilled) = try await guessing(trusted: ["127.0.0.1"], forwardedFor: ["203.0.113.5", "198.51.100.7"])
        #expect(behindProxy[0] == .tooManyRequests || refilled >= 1, "the client that guessed thirty times is stopped")
        #expect(behindProxy[1] != .tooManyRequests, "another client behind the same proxy guesses on")
        #expect(behindProxy[2] == .notFound, "a stranger forwarded by the proxy does not read /metrics")
        let (local, _) = try await guessing(trusted: ["127.0.0.1"], forwardedFor: ["127.0.0.1"], metricsFrom: "127.0.0.1")
        #expect(local[1] == .ok, "a client on this machine, forwarded by the proxy, reads /metrics")

        let (untrusted, refilledUntrusted) = try await guessing(trusted: [], forwardedFor: ["198.51.100.7"])
        #expect(untrusted[0] == .tooManyRequests || refilledUntrusted >= 1, "without --trusted-proxy a made-up header does not escape the limit")
        #expect(untrusted[1] == .notFound)
    }
}
