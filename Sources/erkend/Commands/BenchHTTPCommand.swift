import ArgumentParser
import ErkendCore
import ErkendServer
import ErkendStore
import Foundation
import Hummingbird
import Logging

/// `erkend bench http`: requests per second for a published unit, next to a trivial route.
struct BenchHTTPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http",
        abstract: "Load GET of a published unit with wrk, next to the trivial /health route in the same run.",
        discussion: "Needs wrk (apt-get install wrk). Build with -c release first. Example: swift run -c release erkend bench http"
    )

    @Option(help: "Seconds per wrk run.")
    var duration = 10

    @Option(help: "Open connections.")
    var connections = 64

    @Option(help: "wrk threads.")
    var threads = 2

    @Option(help: ArgumentHelp("Where the shipped catalogues are.", valueName: "dir"))
    var catalogs: String?

    func run() async throws {
        guard let wrk = BenchSupport.which("wrk") else { throw CLIError("wrk is needed (apt-get install wrk)") }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("erkend-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var logger = Logger(label: "erkend-bench")
        logger.logLevel = .warning
        let store = try ErkendStore.open(path: work.appendingPathComponent("http.sqlite").path).storage
        try await DemoLoader(store: store, catalogs: try CatalogsLocator.locate(catalogs), logger: logger).loadIfEmpty()
        let unit = try await store.catalogue.list(.unit, filter: CatalogueFilter(status: .published), page: .first).items.first
        guard let unit else { throw CLIError("the demo catalogue has no published unit") }

        let server = try await BenchServer.start(store)
        defer { server.stop() }
        func load(_ path: String) throws -> BenchServer.Load {
            BenchServer.Load(wrkOutput: try BenchSupport.run(wrk, ["-t\(threads)", "-c\(connections)", "-d\(duration)s", "--latency", server.base + path]).output)
        }

        let unitPath = "/api/v1/units/\(unit.code)/versions/\(unit.version)"
        let trivial = try load("/health")
        let published = try load(unitPath)
        print("HTTP on loopback, wrk -t\(threads) -c\(connections) -d\(duration)s, server and wrk on the same \(BenchSupport.machine)")
        print("  GET /health (trivial route)      \(String(format: "%8.0f", trivial.rate)) req/s  p99 \(trivial.p99)  \(trivial.errors)")
        print("  GET \(unitPath)  \(String(format: "%8.0f", published.rate)) req/s  p99 \(published.p99)  \(published.errors)  (\(String(format: "%.0f", 100 * published.rate / max(trivial.rate, 1)))% of trivial; goal 10,000 req/s: \(published.rate >= 10_000 ? "met" : "NOT met"))")
    }
}
