import ArgumentParser
import ErkendCore
import ErkendServer
import Foundation
import Hummingbird
import Logging
import Metrics
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

    @Option(help: ArgumentHelp("The address people reach Erkend at, for links in mail, QR codes and pages (default: $ERKEND_PUBLIC_URL, else http://127.0.0.1:<the port it listens on>).", valueName: "url"))
    var publicURL: String?

    @Option(help: ArgumentHelp("The SMTP server that sends Erkend's mail (sign-off links): smtp://HOST:PORT, smtp://USER:PASSWORD@HOST:PORT, or smtps://HOST:465 (default: $ERKEND_SMTP). STARTTLS is used whenever the server offers it and is required for a server on another machine. Without this option, mail is written as .eml files into the outbox folder beside the database.", valueName: "url"))
    var smtp: String?

    @Option(name: .customLong("smtp-ca-file"), help: ArgumentHelp("A PEM file with the certificate(s) to trust for the SMTP server's TLS instead of the system's (default: $ERKEND_SMTP_CA_FILE).", valueName: "file"))
    var smtpCAFile: String?

    @Option(help: ArgumentHelp("The sender address of Erkend's mail (default: $ERKEND_MAIL_FROM, else erkend@localhost).", valueName: "address"))
    var mailFrom: String?

    @Option(help: ArgumentHelp("Seconds before the first retry of a mail the server did not accept; each further retry waits twice as long, at most an hour, ten attempts in all.", valueName: "seconds"))
    var mailRetryDelay = 30

    @Option(help: ArgumentHelp("The folder of the credential signing keys, made on first start with owner-only permissions (default: the database path plus .keys, such as erkend.sqlite.keys). Back it up with the database: without it, issued credentials stop verifying.", valueName: "dir"))
    var keys: String?

    @Option(help: ArgumentHelp("The institution's name as credentials show it (default: $ERKEND_INSTITUTION, else Erkend).", valueName: "name"))
    var institution: String?

    @Option(help: ArgumentHelp("How log lines look: text, or json (one JSON object a line with time, level, message, request_id and metadata) (default: $ERKEND_LOG_FORMAT, else text).", valueName: "format"))
    var logFormat: LogFormat?

    @Option(help: ArgumentHelp("A token that opens GET /metrics to other machines (Authorization: Bearer TOKEN); without it only this machine may read the metrics (default: $ERKEND_METRICS_TOKEN). Prefer the variable: an option shows in process lists.", valueName: "token"))
    var metricsToken: String?

    @Option(name: .customLong("trusted-proxy"), help: ArgumentHelp("A reverse proxy (nginx) whose X-Forwarded-For names the client: an IP address or a range such as 10.0.0.0/8; repeat for several (default and in addition: $ERKEND_TRUSTED_PROXIES, comma-separated). Only requests from these addresses have the header believed; rate limits then count the forwarded client.", valueName: "address"))
    var trustedProxies: [String] = []

    func run() async throws {
        let format = try logFormat ?? LogFormat.fromEnvironment()
        if format == .json { LoggingSystem.bootstrap { label in JSONLogHandler(label: label) } }
        let logger = {
            var logger = Logger(label: "erkend")
            logger.logLevel = logLevel.level
            return logger
        }()
        if let metricsToken { setenv("ERKEND_METRICS_TOKEN", metricsToken, 1) }
        // What libraries record through swift-metrics lands in the registry GET /metrics shows.
        MetricsSystem.bootstrap(ServerMetrics.shared.factory)
        let store = try await database.openStorage()
        if demo {
            try await reportingErrors {
                try await DemoLoader(store: store, catalogs: try CatalogsLocator.locate(catalogs), logger: logger).loadIfEmpty()
            }
        }
        let environment = ProcessInfo.processInfo.environment
        let configuredURL = (publicURL ?? environment["ERKEND_PUBLIC_URL"]).flatMap { $0.isEmpty ? nil : $0 }
        if let configuredURL {
            guard let url = URL(string: configuredURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw ValidationError("--public-url must be an http(s) address such as https://erkend.example.nl, not '\(configuredURL)'")
            }
        }
        var configured = ErkendServices(storage: store, publicURL: configuredURL ?? "http://127.0.0.1:\(port)")
        // PostgreSQL has no folder to keep the keys beside: every node must be given the same --keys folder.
        let keys = keys ?? (database.isPostgres ? database.folder("keys").path : nil)
        do {
            configured.trustedProxies = try TrustedProxies(options: trustedProxies, environment: environment)
        } catch {
            throw ValidationError("--trusted-proxy: \(error.message)")
        }
        configured.issuer = try CredentialKeys.issuer(keys: keys, storage: store, institution: institution, environment: environment)
        let mail = try mailSender(store: store, publicAddress: configured.publicAddress, environment: environment, logger: logger)
        configured.mailTransport = mail.sender.transport
        let services = configured
        let configuration = ServerConfiguration(host: host, port: port, idleTimeout: .seconds(max(1, idleTimeout)),
                                                bodyTimeout: .seconds(max(1, bodyTimeout)))
        let app = try buildApplication(services, configuration: configuration, logger: logger) { port in
            if configuredURL == nil { services.publicAddress.set("http://127.0.0.1:\(port)") }
            logger.notice("Erkend is serving on http://\(host):\(port) (database \(store.location))")
            logger.notice("\(mail.notice)")
        }
        // As Hummingbird's runService, plus a bound on how long a shutdown waits.
        var group = ServiceGroupConfiguration(services: [.init(service: app), .init(service: mail.sender)],
                                              gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = .seconds(max(0, shutdownGrace))
        try await ServiceGroup(configuration: group).run()
        await store.close()
        logger.notice("Erkend has stopped")
    }


    /// The background mail sender: over SMTP when configured, else into the outbox folder beside the database.
    private func mailSender(store: ErkendStorage, publicAddress: PublicAddress, environment: [String: String],
                            logger: Logger) throws -> (sender: MailSender, notice: String) {
        let from = (mailFrom ?? environment["ERKEND_MAIL_FROM"]).flatMap { $0.isEmpty ? nil : $0 } ?? "erkend@localhost"
        guard from.contains("@"), !from.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) else {
            throw ValidationError("--mail-from must be an e-mail address such as erkend@roc.example.nl, not '\(from)'")
        }
        let composer = try MailComposer(from: from, publicAddress: publicAddress)
        let transport: any MailTransport
        let notice: String
        if let url = (smtp ?? environment["ERKEND_SMTP"]).flatMap({ $0.isEmpty ? nil : $0 }) {
            do {
                let caFile = (smtpCAFile ?? environment["ERKEND_SMTP_CA_FILE"]).flatMap { $0.isEmpty ? nil : $0 }
                transport = SMTPTransport(configuration: try SMTPConfiguration(url: url, caFile: caFile))
            } catch let error as MailDeliveryError {
                throw ValidationError("--smtp: \(error.message)")
            }
            notice = "Mail (sign-off links) is sent through \(transport.destination) from \(from)"
        } else {
            let folder = database.folder("outbox")
            transport = FolderMailTransport(folder: folder)
            notice = "No SMTP server configured (--smtp): mail (sign-off links) is written as .eml files to \(folder.path); read it there"
        }
        let policy = MailRetryPolicy(firstDelay: TimeInterval(max(1, mailRetryDelay)))
        return (MailSender(outbox: store.progression.outbox, transport: transport, composer: composer, policy: policy,
                           interval: .milliseconds(250), logger: logger), notice)
    }
}

/// How `erkend serve` writes its log lines.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json

    static func fromEnvironment() throws -> LogFormat {
        guard let value = ProcessInfo.processInfo.environment["ERKEND_LOG_FORMAT"], !value.isEmpty else { return .text }
        guard let format = LogFormat(rawValue: value) else { throw ValidationError("ERKEND_LOG_FORMAT must be text or json, not '\(value)'") }
        return format
    }
}

/// Log levels as the command line spells them.
enum LogLevel: String, ExpressibleByArgument, CaseIterable {
    case trace, debug, info, notice, warning, error, critical

    var level: Logger.Level { Logger.Level(rawValue: rawValue) ?? .info }
}
