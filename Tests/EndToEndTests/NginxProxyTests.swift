import ErkendTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// nginx from Debian, with the configuration of Docs/examples/nginx-erkend.conf, in front of two `erkend serve`
/// nodes on one PostgreSQL database, each started with `--trusted-proxy 127.0.0.1`.
@Suite("Behind nginx", .serialized)
struct NginxProxyTests {
    /// nginx as this test's own process, with its own prefix folder, on a free loopback port.
    final class Nginx: @unchecked Sendable {
        let process = Process()
        let directory: TemporaryDirectory
        let port: Int

        init(upstreams: [Int]) throws {
            let binary = try ExternalTools.require(ExternalTools.executable(named: "nginx", extraDirectories: ["/usr/sbin"]), "nginx (Debian package nginx)")
            directory = try TemporaryDirectory("erkend-nginx")
            port = try Self.freePort()
            // The documented file, with the test's ports in place of 8081, 8082 and 80.
            var site = try String(contentsOf: RepositoryRoot.path("Docs/examples/nginx-erkend.conf"), encoding: .utf8)
            for (documented, actual) in zip([8081, 8082], upstreams) {
                site = site.replacingOccurrences(of: "server 127.0.0.1:\(documented);", with: "server 127.0.0.1:\(actual);")
            }
            site = site.replacingOccurrences(of: "listen 80;", with: "listen 127.0.0.1:\(port);")
            try directory.write("erkend.conf", site)
            let temp = directory.path("temp")
            let root = getuid() == 0 ? "user root;\n" : ""
            try directory.write("nginx.conf", """
                \(root)daemon off;
                worker_processes 1;
                pid \(directory.path("nginx.pid"));
                error_log stderr warn;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path \(temp)/body;
                    proxy_temp_path \(temp)/proxy;
                    fastcgi_temp_path \(temp)/fastcgi;
                    uwsgi_temp_path \(temp)/uwsgi;
                    scgi_temp_path \(temp)/scgi;
                    include \(directory.path("erkend.conf"));
                }

                """)
            try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
            process.executableURL = binary
            process.arguments = ["-p", directory.path(""), "-c", directory.path("nginx.conf"), "-e", "stderr"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until it accepts connections.
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if (try? Data(contentsOf: URL(fileURLWithPath: directory.path("nginx.pid")))) != nil { return }
                guard process.isRunning else { break }
                Thread.sleep(forTimeInterval: 0.05)
            }
            kill()
            throw Failed(message: "nginx did not start with the documented configuration")
        }

        /// SIGKILL to the worker, then to the master; reaped here (the test runner may never see SIGCHLD).
        func kill() {
            let master = process.processIdentifier
            if let pids = try? String(contentsOfFile: "/proc/\(master)/task/\(master)/children", encoding: .utf8) {
                for pid in pids.split(separator: " ").compactMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
                    Foundation.kill(pid, SIGKILL)
                }
            }
            Foundation.kill(master, SIGKILL)
            let deadline = Date().addingTimeInterval(5)
            while Date() < deadline, waitpid(master, nil, WNOHANG) == 0 { Thread.sleep(forTimeInterval: 0.02) }
        }

        struct Failed: Error, CustomStringConvertible {
            var message: String
            var description: String { message }
        }

        static func freePort() throws -> Int {
            let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(socketFD) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                    bind(socketFD, pointer, length) == 0 && getsockname(socketFD, pointer, &length) == 0
                }
            }
            guard bound else { throw Failed(message: "no free port for nginx") }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        /// A request through nginx.
        func request(_ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:]) async throws -> (status: Int, headers: [String: String], body: Data) {
            try await ServerProcess.request(base: "http://127.0.0.1:\(port)", method, path, body: body, headers: headers)
        }
    }

    /// How many `GET /api/v1/session` requests a node has answered, from its own /metrics (read on loopback).
    static func sessionReads(_ node: ServerProcess) async throws -> Int {
        let text = String(decoding: try await node.request("GET", "/metrics").body, as: UTF8.self)
        let prefix = #"erkend_http_requests_total{route="/api/v1/session",method="GET",status="200"} "#
        return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0
    }

    @Test("Through nginx a session works on both nodes, a sign-off link signs once, and guesses count per forwarded client")
    func twoNodesBehindNginx() async throws {
        let cluster = try PostgresCluster.shared()
        let url = try cluster.makeDatabase()
        let directory = try TemporaryDirectory("erkend-nginx-nodes")
        let keys = directory.path("keys")
        let common = ["--keys", keys, "--trusted-proxy", "127.0.0.1"]
        let a = try ServerProcess(arguments: ["--demo"] + common, directory: directory, database: url)
        defer { a.kill() }
        let b = try ServerProcess(arguments: common, directory: directory, database: url)
        defer { b.kill() }
        let nginx = try Nginx(upstreams: [a.port, b.port])
        defer { nginx.kill() }

        // A session made through nginx works whichever node answers.
        let signIn = try await nginx.request("POST", "/api/v1/session", body: #"{"username": "coach@demo.erkend.nl", "password": "erkend-demo-2026"}"#)
        #expect(signIn.status == 201, "\(String(decoding: signIn.body, as: UTF8.self))")
        let cookie = String(signIn.headers["set-cookie"]?.split(separator: ";").first ?? "")
        for _ in 0..<6 {
            #expect(try await nginx.request("GET", "/api/v1/session", headers: ["Cookie": cookie]).status == 200)
        }
        let (readsA, readsB) = (try await Self.sessionReads(a), try await Self.sessionReads(b))
        #expect(readsA > 0 && readsB > 0 && readsA + readsB == 6, "both nodes answered: \(readsA) and \(readsB)")

        // A sign-off link used through nginx signs once, though the second use reaches the other node.
        let client = try await RegistryClient.signIn(a)
        let (learner, mentor) = try await client.placedLearner("Noor Bakker")
        _ = await client.recordObservation(learner)
        let link = try #require(await client.requestSignoff(learner, mentor: mentor))
        let signature = #"{"name": "Fatima el Amrani", "organisation": "Bits & Bytes BV", "level": "3", "date": "2026-10-02", "feedback": "Zelfstandig."}"#
        let first = try await nginx.request("POST", "/api/v1/signoff/\(link.token)/sign", body: signature)
        #expect((200..<300).contains(first.status), "\(String(decoding: first.body, as: UTF8.self))")
        let second = try await nginx.request("POST", "/api/v1/signoff/\(link.token)/sign", body: signature)
        #expect(!(200..<300).contains(second.status), "a link signs once")

        // Thirty wrong links from one forwarded client use up its guesses on both nodes together; another client guesses on.
        // The bucket refills one guess every 2 seconds, so on a loaded machine a few more than thirty get through.
        let started = ContinuousClock.now
        var allowed = 0
        while allowed < 200, try await nginx.request("GET", "/signoff/not-a-link", headers: ["X-Forwarded-For": "203.0.113.5"]).status != 429 {
            allowed += 1
        }
        let refilled = Int((ContinuousClock.now - started) / .seconds(2)) + 1
        #expect(allowed >= 30 && allowed <= 30 + refilled, "\(allowed) guesses before the first refusal")
        // Refused at the other node too; a guess gets through only if the bucket refilled meanwhile (one per 2 s).
        let refusedAt = ContinuousClock.now
        let again = try await nginx.request("GET", "/signoff/not-a-link", headers: ["X-Forwarded-For": "203.0.113.5"]).status
        let refilledSince = Int(((ContinuousClock.now - refusedAt) / .seconds(2)).rounded(.up))
        #expect(again == 429 || refilledSince >= 1, "refused at the other node too: \(again)")
        #expect(try await nginx.request("GET", "/signoff/not-a-link", headers: ["X-Forwarded-For": "198.51.100.7"]).status != 429,
                "another client behind the same nginx is not locked out")
        // A stranger forwarded by nginx does not read /metrics.
        #expect(try await nginx.request("GET", "/metrics", headers: ["X-Forwarded-For": "203.0.113.5"]).status == 404)
    }
}
