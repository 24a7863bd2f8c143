public import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A throw-away PostgreSQL server for the tests: `initdb` and `pg_ctl` from
/// the installed server binaries make a cluster in a temporary folder,
/// listening on a free loopback port only; it is stopped and the folder
/// removed when the test process ends. One cluster serves the whole test run;
/// every test gets a database of its own (`makeDatabase`).
///
/// The server binaries come from Debian's `postgresql` package
/// (`/usr/lib/postgresql/NN/bin`) or the PATH. Where they are missing, the
/// test that needs them is skipped, or fails in CI (`ExternalTools.require`).
public final class PostgresCluster: @unchecked Sendable {
    /// The folder holding the cluster's data, socket and log.
    public let folder: URL
    public let port: Int
    /// The superuser the cluster was made with (trust authentication on loopback).
    public let user = "erkend"
    private let binaries: URL
    /// Runs server programs as this user when the tests run as root (PostgreSQL refuses to run as root).
    private let runAs: String?
    private let lock = NSLock()
    private var databases = 0

    /// The cluster of this test run, started on first use. Throws (or cancels
    /// the test) when the server binaries are not installed.
    public static func shared() throws -> PostgresCluster {
        let bin = try ExternalTools.require(serverBinaries(), "PostgreSQL's server programs (initdb, pg_ctl; Debian package postgresql)")
        return try start(bin)
    }

    private static let startLock = NSLock()
    nonisolated(unsafe) private static var running: PostgresCluster?
    nonisolated(unsafe) private static var failure: (any Error)?

    private static func start(_ bin: URL) throws -> PostgresCluster {
        startLock.lock()
        defer { startLock.unlock() }
        if let running { return running }
        if let failure { throw failure }
        do {
            let cluster = try PostgresCluster(binaries: bin)
            running = cluster
            atexit { PostgresCluster.stopShared() }
            return cluster
        } catch {
            failure = error
            throw error
        }
    }

    private static func stopShared() {
        running?.stop()
        running = nil
    }

    /// The folder with `initdb` and `pg_ctl`: the newest `/usr/lib/postgresql/NN/bin`, else the PATH.
    public static func serverBinaries() -> URL? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap { Int($0) }.sorted(by: >).map { "\(root)/\($0)/bin" }
        for directory in versions where FileManager.default.isExecutableFile(atPath: directory + "/pg_ctl") {
            return URL(fileURLWithPath: directory)
        }
        guard let initdb = ExternalTools.executable(named: "initdb"), ExternalTools.executable(named: "pg_ctl") != nil else { return nil }
        return initdb.resolvingSymlinksInPath().deletingLastPathComponent()
    }

    private init(binaries: URL) throws {
        self.binaries = binaries
        runAs = getuid() == 0 ? "postgres" : nil
        // As root the server runs as `postgres`, which must reach the folder: /tmp, whatever TMPDIR says.
        let parent = runAs == nil ? FileManager.default.temporaryDirectory : URL(fileURLWithPath: "/tmp")
        folder = parent.appendingPathComponent("erkend-postgres-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let runAs {
            try Self.run(URL(fileURLWithPath: "/bin/chown"), ["-R", runAs, folder.path])
        }
        port = try Self.freePort()
        let data = folder.appendingPathComponent("data").path
        do {
            try run("initdb", ["-D", data, "-U", user, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"])
            // fsync off: a test cluster is thrown away, and the tests' durability is SQLite's or PostgreSQL's own business.
            try run("pg_ctl", ["-D", data, "-l", folder.appendingPathComponent("server.log").path, "-o", serverOptions, "-w", "-t", "60", "start"])
        } catch {
            stop()
            throw error
        }
    }

    /// A cluster of the caller's own, apart from the shared one: for tests that stop and start the
    /// server (`pause`, `resume`). The caller stops it (`stop`) when done.
    public static func ownCluster() throws -> PostgresCluster {
        try PostgresCluster(binaries: try ExternalTools.require(serverBinaries(), "PostgreSQL's server programs (initdb, pg_ctl; Debian package postgresql)"))
    }

    private var serverOptions: String {
        "-c listen_addresses=127.0.0.1 -p \(port) -k \(folder.path) -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    }

    /// Stops the server (fast shutdown: connections are cut), keeping its data for `resume`.
    public func pause() throws {
        try run("pg_ctl", ["-D", folder.appendingPathComponent("data").path, "-m", "fast", "-w", "stop"])
    }

    /// Starts a paused server again on the same port.
    public func resume() throws {
        try run("pg_ctl", ["-D", folder.appendingPathComponent("data").path, "-l", folder.appendingPathComponent("server.log").path,
                           "-o", serverOptions, "-w", "-t", "60", "start"])
    }

    /// A new, empty database in the cluster; its `postgres://` URL.
    public func makeDatabase() throws -> String {
        lock.lock()
        databases += 1
        let name = "erkend_test_\(databases)"
        lock.unlock()
        try run("createdb", ["-h", "127.0.0.1", "-p", "\(port)", "-U", user, name])
        return url(database: name)
    }

    public func url(database: String) -> String { "postgres://\(user)@127.0.0.1:\(port)/\(database)" }

    /// The path of a server program of this cluster's version (psql, pg_dump, …).
    public func program(_ name: String) -> URL { binaries.appendingPathComponent(name) }

    /// Stops the server at once and removes its folder.
    public func stop() {
        let data = folder.appendingPathComponent("data").path
        if FileManager.default.fileExists(atPath: data + "/postmaster.pid") {
            try? run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"])
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs a program of the server's binaries (as the `postgres` user when the tests run as root).
    @discardableResult
    public func run(_ program: String, _ arguments: [String]) throws -> String {
        let path = binaries.appendingPathComponent(program)
        if let runAs {
            return try Self.run(URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", runAs, "--", path.path] + arguments)
        }
        return try Self.run(path, arguments)
    }

    /// Runs a program and waits for it with `waitpid`. Foundation's `Process` is not used here: its
    /// wait never returned for `pg_ctl start`, whose server lives on after pg_ctl exits.
    @discardableResult
    private static func run(_ program: URL, _ arguments: [String]) throws -> String {
        let outputFile = "/tmp/erkend-postgres-output-\(UUID().uuidString)"
        defer { unlink(outputFile) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([program.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program.path, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw ClusterError(message: "\(program.lastPathComponent) could not be started (error \(spawned))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            throw ClusterError(message: "\(program.lastPathComponent) \(arguments.joined(separator: " ")) failed (\(exited ? code : -1)): \(text)")
        }
        return text
    }

    /// A loopback port nothing listens on right now.
    private static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw ClusterError(message: "no socket for finding a free port") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) == 0 && getsockname(socketFD, $0, &length) == 0 }
        }
        guard bound else { throw ClusterError(message: "could not find a free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    public struct ClusterError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}
