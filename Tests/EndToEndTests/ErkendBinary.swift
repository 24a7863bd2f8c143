import Foundation
import ErkendTestSupport

/// Runs the `erkend` executable that `swift test` built beside the test bundle.
struct ErkendBinary {
    static let url: URL = {
        var directory = Bundle.main.bundleURL
        // The test bundle lives in the products folder (…/debug/ErkendPackageTests.xctest); so does erkend.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("erkend")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return RepositoryRoot.path(".build/debug/erkend")
    }()

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// Runs erkend to completion with the given arguments and standard input.
    @discardableResult
    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe(), error = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self), error: String(decoding: errData, as: UTF8.self))
    }

    /// Runs erkend to completion without blocking a thread of the caller's executor while it runs.
    static func runAsync(_ arguments: [String]) async throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let output = TemporaryFileCapture(), error = TemporaryFileCapture()
        process.standardOutput = try output.handle()
        process.standardError = try error.handle()
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Result(status: status, output: try output.text(), error: try error.text())
    }
}

/// A file that collects a child process's output, so that nothing has to read a pipe while it runs.
final class TemporaryFileCapture: @unchecked Sendable {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("erkend-output-\(UUID().uuidString)")

    func handle() throws -> FileHandle {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        return try FileHandle(forWritingTo: url)
    }

    func text() throws -> String {
        String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
