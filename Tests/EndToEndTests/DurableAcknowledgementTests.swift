import ErkendTestSupport
import Foundation
import Testing

/// An acknowledgement (a 2xx answer to a write) means the record is on stable
/// storage, not only handed to the operating system: a failing file system, an
/// OS crash or a power cut must not take back what Erkend confirmed.
@Suite("Durable acknowledgements", .serialized)
struct DurableAcknowledgementTests {
    @Test("observations acknowledged before the file system fails are all there after it is mounted again")
    func fileSystemFailsMidLoad() async throws {
        let mkfs = try ExternalTools.require(ExternalTools.executable(named: "mkfs.ext4", extraDirectories: ["/sbin", "/usr/sbin"]),
                                             "mkfs.ext4 (Debian package e2fsprogs)")
        let mount = try ExternalTools.require(ExternalTools.executable(named: "mount", extraDirectories: ["/bin", "/usr/bin"]),
                                              "mount (Debian package mount)")
        let umount = try ExternalTools.require(ExternalTools.executable(named: "umount", extraDirectories: ["/bin", "/usr/bin"]),
                                               "umount (Debian package mount)")
        guard getuid() == 0 else { try Test.cancel(Comment(rawValue: "mounting a loop file system needs root; the fsync test below covers this machine")) }

        let directory = try TemporaryDirectory("erkend-fs-failure")
        let image = directory.path("ext4.img")
        let point = directory.url.appendingPathComponent("mnt")
        try FileManager.default.createDirectory(at: point, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: image, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: image))
        try handle.truncate(atOffset: 256 << 20)
        try handle.close()
        try #require(Self.run(mkfs, ["-q", "-F", image]).status == 0)
        // errors=remount-ro: at a file-system error the kernel makes it read-only at once, as a failing disk does.
        let mounted = try Self.run(mount, ["-o", "loop,errors=remount-ro", image, point.path])
        guard mounted.status == 0 else { try Test.cancel(Comment(rawValue: "this machine does not allow mounting a loop file system: \(mounted.output)")) }
        var isMounted = true
        defer { if isMounted { _ = try? Self.unmount(umount, point.path) } }
        let source = try Self.run(ExternalTools.executable(named: "findmnt") ?? URL(fileURLWithPath: "/usr/bin/findmnt"),
                                  ["-n", "-o", "SOURCE", point.path]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let trigger = "/sys/fs/ext4/\(URL(fileURLWithPath: source).lastPathComponent)/trigger_fs_error"
        guard FileManager.default.fileExists(atPath: trigger) else { try Test.cancel(Comment(rawValue: "this kernel has no \(trigger) to make the file system fail")) }

        let serverDirectory = try TemporaryDirectory("erkend-serve", in: point)
        let server = try ServerProcess(directory: serverDirectory)
        let database = server.database
        let client = try await RegistryClient.signIn(server)
        var learners: [String] = []
        for index in 0..<4 { learners.append(try await client.placedLearner("Leerling \(index)").learner) }
        let acknowledged = Acknowledged()
        for learner in learners { await acknowledged.record(.learner, learner) }

        let stop = Shared(false)
        let failedAt = Shared<Int?>(nil)
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask { [learners] in
                    var turn = 0
                    while !stop.value {
                        turn += 1
                        await acknowledged.record(.observation, await client.recordObservation(learners[(writer + turn) % learners.count]))
                    }
                }
            }
            group.addTask {
                // Let observations flow, then make the file system fail in the middle of them.
                let deadline = Date().addingTimeInterval(120)
                while await acknowledged.count(.observation) < 150, Date() < deadline { try? await Task.sleep(for: .milliseconds(5)) }
                let before = await acknowledged.count(.observation)
                try? "1".write(toFile: trigger, atomically: false, encoding: .utf8)
                failedAt.value = before
                try? await Task.sleep(for: .seconds(2))
                stop.value = true
            }
        }
        server.kill()
        let afterFailure = await acknowledged.count(.observation) - (failedAt.value ?? 0)

        // Unmount what the failure left read-only, mount it again, and look.
        try Self.unmount(umount, point.path)
        isMounted = false
        let again = try Self.run(mount, ["-o", "loop", image, point.path])
        try #require(again.status == 0, "mounting again: \(again.output)")
        isMounted = true
        let inspection = try DatabaseInspection(database)
        let missing = try inspection.missing(await acknowledged.snapshot())
        let stored = try inspection.count("observation")
        let soundness = try inspection.soundnessProblems()
        try inspection.close()

        let total = await acknowledged.count(.observation)
        print("file system failed after \(failedAt.value ?? 0) acknowledged observations; \(total) acknowledged in all "
              + "(\(afterFailure) after the failure); \(stored) stored after remounting; missing \(missing.count)")
        #expect(total >= 150, "too few observations acknowledged before the failure: \(server.log.suffix(1000))")
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.count) of \(total): \(missing.prefix(10))")
        #expect(soundness.isEmpty, "\(soundness)")
    }

    // MARK: - Helpers

    static func run(_ program: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Unmounts, waiting a little for a killed process's files to close.
    static func unmount(_ umount: URL, _ point: String) throws {
        var last = ""
        for _ in 0..<50 {
            let result = try run(umount, [point])
            if result.status == 0 { return }
            last = result.output
            usleep(100_000)
        }
        throw Unmount(message: "cannot unmount \(point): \(last)")
    }

    struct Unmount: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// A value several tasks read and write, under a lock.
final class Shared<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
