import ArgumentParser
import ErkendCore
import ErkendServer
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// `erkend serve`: the registry over HTTP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the registry: the JSON API (and, later, the web pages) on one port.",
        discussion: """
        Example: erkend serve --demo --port 8080
        then open http://127.0.0.1:8080/api/v1 or http://127.0.0.1:8080/openapi.json.
        Stop with Ctrl-C or SIGTERM; requests in flight are finished first (for up to --shutdown-grace seconds).
        """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The address to listen on. Use 0.0.0.0 to accept connections from other machines.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Flag(help: "On first start (an empty database), load the ESCO subset and the demo catalogue from Catalogs/, demo learners whose progression tells a story (Docs/progression.md), and demo accounts: beheer@, ontwikkelaar@, examencommissie@, coach@, leerling@ and praktijkopleider@demo.erkend.nl, all with the password erkend-demo-2026.")
    var demo = false

    @Option(help: ArgumentHelp("Where the shipped catalogues are.", valueName: "dir"))
    var catalogs: String?

    @Option(help: "Seconds a connection may send nothing, while idle or in the middle of its request, before it is closed.")
    var idleTimeout = 30

    @Option(help: "Seconds a request body may take to arrive (after 5 s it must also keep up 1 KiB a second); a slower connection is closed and logged.")
    var bodyTimeout = 30

    @Option(help: "Seconds that SIGTERM or Ctrl-C waits for requests in flight before cancelling them.")
    var shutdownGrace = 30

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: LogLevel = .info

    func run() async throws {
        let logger = {
            var logger = Logger(label: "erkend")
            logger.logLevel = logLevel.level
            return logger
        }()
        let store = try await database.openStorage()
        if demo {
            try await reportingErrors {
                try await DemoLoader(store: store, catalogs: try CatalogsLocator.locate(catalogs), logger: logger).loadIfEmpty()
            }
        }
        let services = ErkendServices(storage: store)
        let configuration = ServerConfiguration(host: host, port: port, idleTimeout: .seconds(max(1, idleTimeout)),
                                                bodyTimeout: .seconds(max(1, bodyTimeout)))
        let app = try buildApplication(services, configuration: configuration, logger: logger) { port in
            logger.notice("Erkend is serving on http://\(host):\(port) (database \(store.location))")
        }
        // As Hummingbird's runService, plus a bound on how long a shutdown waits.
        var group = ServiceGroupConfiguration(services: [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = .seconds(max(0, shutdownGrace))
        try await ServiceGroup(configuration: group).run()
        await store.close()
        logger.notice("Erkend has stopped")
    }
}



/// Log levels as the command line spells them.
enum LogLevel: String, ExpressibleByArgument, CaseIterable {
    case trace, debug, info, notice, warning, error, critical

    var level: Logger.Level { Logger.Level(rawValue: rawValue) ?? .info }
}
