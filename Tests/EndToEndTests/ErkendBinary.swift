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
}
