import ErkendTestSupport
import Foundation
import Testing

/// Clients that send a large declared body one byte at a time are never idle,
/// so the idle timeout does not catch them; the body deadline does.
@Suite("Slow request bodies", .serialized)
struct SlowBodyTests {
    @Test("connections dripping a body byte by byte are closed at the body deadline and logged, while /health keeps answering")
    func drippingBodiesAreShed() async throws {
        let server = try ServerProcess(arguments: ["--demo", "--idle-timeout", "30", "--body-timeout", "3"])
        defer { _ = server.stop() }
        let connections = try (0..<60).map { _ in try RawConnection(port: server.port) }
        for connection in connections {
            connection.write("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{")
        }
        // One byte a second each, never idle long enough for the idle timeout; /health asked meanwhile.
        var healthy = 0
        let started = Date()
        for _ in 0..<2 {
            await onOwnThread { for connection in connections { connection.write(" ") } ; usleep(1_000_000) }
            if try await server.request("GET", "/health").status == 200 { healthy += 1 }
        }
        await onOwnThread { usleep(2_500_000) }
        let closed = connections.filter { $0.receive(timeout: 0.2).closed }.count
        let elapsed = Date().timeIntervalSince(started)
        #expect(healthy == 2, "/health answered while 60 bodies dripped")
        #expect(closed == connections.count, "\(closed) of \(connections.count) dripping connections closed after \(String(format: "%.1f", elapsed)) s")
        #expect(server.log.contains("closed a slow connection"), "shedding is logged: \(server.log.suffix(800))")
        #expect(try await server.request("GET", "/health").status == 200)

        // A body that arrives in time is still read.
        let steady = try RawConnection(port: server.port)
        let body = #"{"username": "nobody@example.org", "password": "not the password"}"#
        steady.write("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
        await onOwnThread { steady.write(String(body.prefix(30))); usleep(1_000_000); steady.write(String(body.dropFirst(30))) }
        let answer = String(decoding: steady.receive(timeout: 15).data, as: UTF8.self)
        #expect(answer.hasPrefix("HTTP/1.1 401"), "\(answer)")
    }
}
