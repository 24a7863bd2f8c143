public import Foundation
public import Testing

/// Programs outside Swift that some tests need as the real counterpart of what
/// Erkend talks to: an SMTP server (aiosmtpd), a browser (Chromium through
/// Selenium), a PostgreSQL server, nginx, the Python verifiers.
///
/// On a developer's machine a missing tool cancels the test that needs it,
/// with a message that says what to install; `swift test` stays usable with
/// only Swift and SQLite. CI (`.ci/run`) installs every tool and sets
/// `ERKEND_REQUIRE_TOOLS=1`, and then a missing tool fails the test instead:
/// nothing CI runs is quietly skipped.
public enum ExternalTools {
    /// Whether a missing tool is a failure (CI) rather than a reason to skip.
    public static var required: Bool {
        ProcessInfo.processInfo.environment["ERKEND_REQUIRE_TOOLS"] == "1"
    }

    /// The Python virtual environment `Scripts/test-tools.sh` makes for the tests.
    public static var virtualEnvironment: URL { RepositoryRoot.path(".build/tools-venv") }

    /// A Python interpreter that can import `module`: `$ERKEND_PYTHON`, else the
    /// tools environment of `Scripts/test-tools.sh`, else `python3` on the PATH.
    public static func python(importing module: String) -> URL? {
        var candidates: [URL] = []
        if let configured = ProcessInfo.processInfo.environment["ERKEND_PYTHON"] { candidates.append(URL(fileURLWithPath: configured)) }
        candidates.append(virtualEnvironment.appendingPathComponent("bin/python3"))
        if let system = executable(named: "python3") { candidates.append(system) }
        return candidates.first { python in
            FileManager.default.isExecutableFile(atPath: python.path) && succeeds(python, ["-c", "import \(module)"])
        }
    }

    /// An executable found on the PATH or in one of `extraDirectories`.
    public static func executable(named name: String, extraDirectories: [String] = []) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let directories = path.split(separator: ":").map(String.init) + extraDirectories
        return directories.lazy
            .map { URL(fileURLWithPath: $0).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// `tool` when it was found; otherwise cancels the running test (or, in CI,
    /// fails it) with a message naming what is missing and how to get it.
    public static func require<Tool>(_ tool: Tool?, _ what: String, install: String = "Scripts/test-tools.sh",
                                     sourceLocation: SourceLocation = #_sourceLocation) throws -> Tool {
        if let tool { return tool }
        let message = "\(what) is not installed here (\(install) installs it)"
        if required {
            Issue.record(Comment(rawValue: message + "; ERKEND_REQUIRE_TOOLS=1 makes that a failure"), sourceLocation: sourceLocation)
            throw MissingTool(message: message)
        }
        try Test.cancel(Comment(rawValue: message + "; skipped"), sourceLocation: sourceLocation)
    }

    /// Thrown by `require` when a tool CI must have is missing.
    public struct MissingTool: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    private static func succeeds(_ program: URL, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }
}
