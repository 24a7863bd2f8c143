import ErkendTestSupport
import Foundation
import Testing

/// Connection limits of `erkend serve` on a real socket: stalled clients are
/// cut off, and a shutdown lets the request in flight finish.
@Suite("Serving under stress", .serialized)
struct ServeLimitsTests {
    @Test("Clients that stall — sending nothing, half a request line or half a body — are disconnected after the idle timeout")
    func stalledClientsAreDisconnected() async throws {
        let server = try ServerProcess(arguments: ["--demo", "--idle-timeout", "2"])
        defer { _ = server.stop() }
        let silent = try RawConnection(port: server.port)
        let halfHead = try RawConnection(port: server.port)
        halfHead.write("GET /api/v1 HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        let halfBody = try RawConnection(port: server.port)
        halfBody.write("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"username\": ")
        let started = Date()

        let results = [silent, halfHead, halfBody].map { $0.receive(timeout: 8) }
        let waited = Date().timeIntervalSince(started)
        let closed = results.map(\.closed)

        #expect(closed == [true, true, true])
        #expect(waited >= 1.5 && waited < 7, "closed after \(waited) s with an idle timeout of 2 s")
    }

    @Test("The request head must arrive within the idle timeout, while a body that keeps coming may take longer")
    func slowHeadsAndSteadyBodies() async throws {
        let server = try ServerProcess(arguments: ["--demo", "--idle-timeout", "2"])
        defer { _ = server.stop() }
        let drippingHead = try RawConnection(port: server.port)
        drippingHead.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        let steadyBody = try RawConnection(port: server.port)
        let body = #"{"username": "nobody@example.org", "password": "not the password"}"#
        steadyBody.write("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n")

        // Half a second between writes, on a thread of its own so that other tests cannot make them late.
        await onOwnThread {
            for index in 0..<8 {
                drippingHead.write("X-Slow-\(index): yes\r\n")
                if index % 2 == 0 { steadyBody.write(String(body.dropFirst(index / 2 * 20).prefix(20))) }
                usleep(500_000)
            }
        }
        drippingHead.write("\r\n")
        let headAnswer = drippingHead.receive(timeout: 3)
        // Generous: a loaded CI machine may take a while over the password check.
        let bodyAnswer = String(decoding: steadyBody.receive(timeout: 15).data, as: UTF8.self)

        #expect(headAnswer.closed && headAnswer.data.isEmpty, "a head dripped over 4 s is cut off")
        #expect(bodyAnswer.hasPrefix("HTTP/1.1 401"), "a body sent in pieces over 4 s is read and answered: \(bodyAnswer)")
    }

    @Test("SIGTERM stops accepting connections, finishes the catalogue import in flight with 200, and exits 0 with the import stored")
    func gracefulShutdownFinishesRequests() async throws {
        let directory = try TemporaryDirectory("erkend-graceful")
        let server = try ServerProcess(directory: directory)
        let designer = try await RegistryClient.bearer(server, "ontwikkelaar@demo.erkend.nl")
        let body = try await Self.largeImport(server, designer: designer)
        let upload = try RawConnection(port: server.port)
        upload.write("POST /api/v1/catalog/import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     + "Authorization: \(designer["Authorization"] ?? "")\r\nContent-Length: \(body.count)\r\n\r\n")
        upload.write(body.prefix(body.count / 2))
        try await Task.sleep(for: .milliseconds(300))

        server.terminate()
        var refused = false
        for _ in 0..<100 where !refused {
            refused = (try? RawConnection(port: server.port)) == nil
            if !refused { try await Task.sleep(for: .milliseconds(50)) }
        }
        upload.write(body.suffix(from: body.count / 2))
        let response = String(decoding: upload.receive(timeout: 20).data, as: UTF8.self)
        let status = try await server.waitForExit(timeout: 20)

        #expect(refused, "new connections are refused once shutdown has begun")
        #expect(response.hasPrefix("HTTP/1.1 200"), "\(response.prefix(300))")
        #expect(status == 0, "\(server.log.suffix(1000))")
        let restarted = try ServerProcess(directory: directory)
        defer { _ = restarted.stop() }
        let stored = try await restarted.request("GET", "/api/v1/outcomes/LO-BULK-00199/versions/1", headers: designer)
        #expect(stored.status == 200)
    }

    /// A catalogue import of 200 new draft outcomes (about 80 KiB), shaped like the demo's.
    static func largeImport(_ server: ServerProcess, designer: [String: String]) async throws -> Data {
        let export = try await server.json("GET", "/api/v1/catalog/export", headers: designer)
        let sample = try #require((export.json["outcomes"] as? [[String: Any]])?.first)
        let outcomes = (0..<200).map { index -> [String: Any] in
            var outcome = sample
            outcome["code"] = String(format: "LO-BULK-%05d", index)
            outcome["status"] = "draft"
            outcome["version"] = 1
            outcome.removeValue(forKey: "publishedAt")
            return outcome
        }
        return try JSONSerialization.data(withJSONObject: ["outcomes": outcomes])
    }
}
