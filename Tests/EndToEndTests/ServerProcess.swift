import ErkendTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `erkend serve` running as its own process on a free loopback port.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let directory: TemporaryDirectory
    private(set) var port = 0
    private let errorPipe = Pipe()
    private let logLock = NSLock()
    private var collected = ""

    /// What the server wrote to standard error so far.
    var log: String {
        logLock.lock()
        defer { logLock.unlock() }
        return collected
    }

    /// The database the server uses: its SQLite file, or the `postgres://` URL it was given.
    let database: String

    /// Starts the server and waits until it listens. `database` names a PostgreSQL database instead of
    /// the SQLite file in `directory`; the server then runs in `directory`, where it keeps `erkend-data/`
    /// (the outbox folder and the credential keys).
    init(arguments: [String] = ["--demo"], directory: TemporaryDirectory? = nil, database: String? = nil) throws {
        self.directory = try directory ?? TemporaryDirectory("erkend-serve")
        self.database = database ?? self.directory.path("erkend.sqlite")
        process.executableURL = ErkendBinary.url
        if database != nil { process.currentDirectoryURL = self.directory.url }
        process.arguments = ["serve", "--port", "0", "--database", self.database,
                             "--catalogs", RepositoryRoot.path("Catalogs").path] + arguments
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while port == 0 {
            // A plain read(2) returns what is there; FileHandle's reads either trap or wait for a full buffer.
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(errorPipe.fileHandleForReading.fileDescriptor, &buffer, buffer.count)
            let data = count > 0 ? Data(buffer[0..<count]) : Data()
            guard !data.isEmpty else {
                if !process.isRunning { throw ServerFailed(log: log) }
                guard Date() < deadline else { throw ServerFailed(log: log) }
                continue
            }
            append(data)
            let log = self.log
            if let range = log.range(of: #"serving on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = Int(log[range].split(separator: ":").last!) ?? 0
            }
        }
        // Keep reading, so that a server that logs a lot never blocks on a full pipe.
        let handle = errorPipe.fileHandleForReading
        Thread.detachNewThread { [weak self] in
            while true {
                let data = handle.availableData
                guard !data.isEmpty, let self else { return }
                self.append(data)
            }
        }
    }

    private func append(_ data: Data) {
        logLock.lock()
        collected += String(decoding: data, as: UTF8.self)
        logLock.unlock()
    }

    struct ServerFailed: Error, CustomStringConvertible {
        var log: String
        var description: String { "erkend serve did not start: \(log)" }
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// A session that keeps no cookies: servers on other ports of 127.0.0.1 share
    /// a cookie domain, and tests send the cookies they mean to send themselves.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpMaximumConnectionsPerHost = 16
        return URLSession(configuration: configuration)
    }()

    /// Sends a request and returns status, headers and body.
    func request(_ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:]) async throws -> (status: Int, headers: [String: String], body: Data) {
        try await Self.request(base: base, method, path, body: body, headers: headers)
    }

    /// Sends a request to `base` (this server, or a proxy in front of it) and returns status, headers and body.
    static func request(base: String, _ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:]) async throws -> (status: Int, headers: [String: String], body: Data) {
        var request = URLRequest(url: URL(string: base + path)!, timeoutInterval: 30)
        request.httpMethod = method
        request.httpShouldHandleCookies = false
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        let fields = Dictionary(uniqueKeysWithValues: http.allHeaderFields.map { ("\($0.key)".lowercased(), "\($0.value)") })
        return (http.statusCode, fields, data)
    }

    func json(_ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:]) async throws -> (status: Int, json: [String: Any]) {
        let response = try await request(method, path, body: body, headers: headers)
        return (response.status, (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any]) ?? [:])
    }

    /// The folder a server without `--smtp` writes its mail to.
    var outbox: URL {
        URL(fileURLWithPath: database.hasPrefix("postgres") ? directory.path("erkend-data/outbox") : directory.path("outbox"))
    }

    /// The token of the link in the mail about sign-off request `id`, once the
    /// server's sender has written it to the outbox folder; waits up to `timeout` seconds.
    func mailedToken(request id: String, timeout: TimeInterval = 20) async -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let files = (try? FileManager.default.contentsOfDirectory(at: outbox, includingPropertiesForKeys: nil)) ?? []
            for file in files where file.pathExtension == "eml" {
                guard let mail = try? String(contentsOf: file, encoding: .utf8), mail.contains("X-Erkend-About: signoffRequest:\(id)\r\n") else { continue }
                if let token = MailText.signoffToken(in: mail) { return token }
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// Sends SIGTERM and returns at once.
    func terminate() {
        if process.isRunning { process.terminate() }
    }

    /// Waits up to `timeout` seconds for the process to end; its exit status, or nil if it still runs.
    func waitForExit(timeout: TimeInterval) async throws -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            guard Date() < deadline else { return nil }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    /// Sends SIGTERM and waits; returns the exit status.
    func stop() -> Int32 {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    /// Sends SIGKILL: no chance to clean up.
    func kill() {
        if process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { kill() }
}
