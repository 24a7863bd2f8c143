import ErkendTestSupport
import Foundation
import Testing

/// With the disk full, a read of a learner's personal data cannot leave its
/// access-log entry, so it is refused — with 503 and a problem document that
/// names the cause, not a bare 500 — while reads that log nothing keep working,
/// and everything works again once space is freed, without a restart.
@Suite("Disk full", .serialized)
struct DiskFullTests {
    @Test("with the disk full a learner read answers 503 naming the full disk, /health and the catalogue still answer, and freeing space recovers")
    func diskFull() async throws {
        let mount = try ExternalTools.require(ExternalTools.executable(named: "mount", extraDirectories: ["/bin", "/usr/bin"]), "mount (Debian package mount)")
        let umount = try ExternalTools.require(ExternalTools.executable(named: "umount", extraDirectories: ["/bin", "/usr/bin"]), "umount (Debian package mount)")
        guard getuid() == 0 else { try Test.cancel(Comment(rawValue: "mounting a small tmpfs needs root")) }
        let directory = try TemporaryDirectory("erkend-disk-full")
        let point = directory.url.appendingPathComponent("mnt")
        try FileManager.default.createDirectory(at: point, withIntermediateDirectories: true)
        let mounted = try DurableAcknowledgementTests.run(mount, ["-t", "tmpfs", "-o", "size=96m", "tmpfs", point.path])
        guard mounted.status == 0 else { try Test.cancel(Comment(rawValue: "this machine does not allow mounting a tmpfs: \(mounted.output)")) }
        defer { _ = try? DurableAcknowledgementTests.unmount(umount, point.path) }

        let server = try ServerProcess(directory: try TemporaryDirectory("erkend-serve", in: point))
        defer { server.kill() }
        let client = try await RegistryClient.signIn(server)
        let learner = try #require(await client.createLearner("Vol Schijf"))
        #expect(try await server.request("GET", "/api/v1/learners/\(learner)", headers: client.coach).status == 200)

        // Fill the file system to the last byte.
        let filler = point.appendingPathComponent("filler").path
        let descriptor = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(descriptor >= 0)
        let chunk = [UInt8](repeating: 0x55, count: 64 * 1024)
        while chunk.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
        var byte: UInt8 = 0
        while write(descriptor, &byte, 1) > 0 {}
        close(descriptor)

        // The WAL reuses space it has; reads fail once a log entry needs more.
        var refused: (status: Int, headers: [String: String], body: Data)?
        for _ in 0..<3_000 {
            let response = try await server.request("GET", "/api/v1/learners/\(learner)", headers: client.coach)
            if response.status != 200 { refused = response; break }
        }
        let answer = try #require(refused, "3,000 logged reads succeeded on a full disk")
        let problem = (try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any]) ?? [:]
        #expect(answer.status == 503, "\(answer.status): \(String(decoding: answer.body, as: UTF8.self))")
        #expect(answer.headers["content-type"]?.hasPrefix("application/problem+json") == true)
        #expect((problem["detail"] as? String ?? "").contains("disk"), "\(problem)")
        let list = try await server.request("GET", "/api/v1/learners?q=Vol", headers: client.coach)
        #expect(list.status == 503, "a list of learners is logged too, so it is refused as well")

        // Reads that log nothing keep working.
        #expect(try await server.request("GET", "/health").status == 200)
        #expect(try await server.request("GET", "/api/v1/programmes").status == 200)

        // Space freed: the same read works again, without a restart.
        try FileManager.default.removeItem(atPath: filler)
        var recovered = 0
        for _ in 0..<20 where recovered == 0 {
            recovered = try await server.request("GET", "/api/v1/learners/\(learner)", headers: client.coach).status == 200 ? 1 : 0
            if recovered == 0 { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(recovered == 1, "reads did not recover after space was freed: \(server.log.suffix(1000))")
        #expect(server.process.isRunning)
    }
}
