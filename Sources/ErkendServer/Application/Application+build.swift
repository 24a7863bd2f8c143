public import ErkendStore
public import Foundation
public import Hummingbird
public import Logging
public import ErkendCore
import NIOCore

/// How to run the HTTP server.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// A connection that sends nothing for this long while it is idle or while
    /// its request is still being read is closed, so that a client that never
    /// finishes its request cannot hold a connection (or a shutdown) forever. A
    /// request whose handler is still working is not cut off.
    public var idleTimeout: Duration
    /// Connections waiting to be accepted; a burst of new clients beyond it waits for a retry.
    public var backlog: Int
    /// The longest a request body may take to arrive, from its request head; after its first
    /// 5 s it must also keep up 1 KiB a second. A slower connection is closed and logged
    /// (`RequestBodyDeadline`).
    public var bodyTimeout: Duration

    public init(host: String = "127.0.0.1", port: Int = 8080, idleTimeout: Duration = .seconds(30), backlog: Int = 1024,
                bodyTimeout: Duration = .seconds(30)) {
        self.host = host
        self.port = port
        self.idleTimeout = idleTimeout
        self.backlog = backlog
        self.bodyTimeout = bodyTimeout
    }
}

/// The services the routes call, built once per application.
public struct ErkendServices: Sendable {
    public let storage: ErkendStorage
    public let catalogue: CatalogueService
    public let progression: ProgressionService
    public let privacy: PrivacyService
    public let now: @Sendable () -> Date
    /// bcrypt's work factor for new password hashes: 12 in production; tests pass 4.
    public let passwordCost: UInt8
    /// The address people reach Erkend at, for links in mail, QR codes and pages.
    public let publicAddress: PublicAddress
    public var publicURL: String { publicAddress.url }
    /// Where mail goes; erasure removes the copies it keeps (the demo's `.eml` folder).
    public var mailTransport: (any MailTransport)?
    /// The credential issuer's keys and name; `erkend serve` loads the keys from the key folder.
    public var issuer = IssuerSetup()
    /// The reverse proxies whose X-Forwarded-For names the client (`--trusted-proxy`); none by default.
    public var trustedProxies = TrustedProxies()
    /// Failed sign-ins per user name and address, shared by every route that checks a password.
    var signInThrottle: SignInThrottle { SignInThrottle(store: signInAttempts) }
    /// Where the throttle counts: in memory (one node), or the database several nodes share.
    let signInAttempts: any SignInAttemptStore
    /// The key of the passwords' pre-hash (`ERKEND_PASSWORD_PEPPER`).
    let passwordPepper = PasswordHasher.Pepper.fromEnvironment()
    /// Counts credential verifications and status-list fetches per day (never who); stored in batches.
    public let credentialUse: CredentialUseRecorder

    public init(storage: ErkendStorage, now: @escaping @Sendable () -> Date = { Date() }, passwordCost: UInt8 = 12,
                publicURL: String = "http://127.0.0.1:8080", makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }) {
        self.storage = storage
        self.now = now
        self.passwordCost = passwordCost
        self.publicAddress = PublicAddress(publicURL)
        self.catalogue = CatalogueService(repository: storage.catalogue, taxonomy: storage.taxonomy, now: now)
        self.progression = ProgressionService(storage: storage.progression, catalogue: catalogue, taxonomy: storage.taxonomy, now: now, makeID: makeID)
        self.privacy = PrivacyService(progression: progression, privacy: storage.privacy, audit: storage.audit)
        self.signInAttempts = storage.signInAttempts ?? MemorySignInAttempts()
        self.credentialUse = CredentialUseRecorder(repository: storage.metrics, now: now)
    }

    /// The services on an SQLite store.
    public init(store: ErkendStore, now: @escaping @Sendable () -> Date = { Date() }, passwordCost: UInt8 = 12,
                publicURL: String = "http://127.0.0.1:8080", makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }) {
        self.init(storage: store.storage, now: now, passwordCost: passwordCost, publicURL: publicURL, makeID: makeID)
    }

    var auth: AuthService {
        let placements = storage.progression.placements
        return AuthService(accounts: storage.accounts, passwords: LocalPasswordProvider(accounts: storage.accounts, cost: passwordCost, pepper: passwordPepper,
                                                                                      throttle: signInThrottle),
                           placements: { try await placements.placements(ofMentor: $0) }, now: now)
    }
}

/// The router with every route of Erkend and the registry of what each route
/// needs; the one place where routes are assembled.
func buildGuardedRouter(_ services: ErkendServices) throws -> (Router<ErkendRequestContext>, RouteRegistry) {
    let router = Router(context: ErkendRequestContext.self)
    router.add(middleware: ClientAddressMiddleware(proxies: services.trustedProxies))
    router.add(middleware: RequestMetricsMiddleware(metrics: .shared))
    router.add(middleware: ResponseHeadersMiddleware())
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: RequestShapeMiddleware())
    router.add(middleware: AuthenticationMiddleware(auth: services.auth))
    router.add(middleware: CredentialUseMiddleware(recorder: services.credentialUse))
    let pages = try Pages(publicURL: services.publicURL)
    router.add(middleware: PageErrorMiddleware(pages: pages))
    let privacy = services.storage.privacy
    let guarded = GuardedRouter(router: router, registry: RouteRegistry(), recordAccess: { try await privacy.recordAccess($0) }, now: services.now)
    RootController(openAPIDocument: try OpenAPIDocument.json()).addRoutes(to: guarded)
    ReadinessController(readiness: services.storage.readiness).addRoutes(to: guarded)
    MetricsEndpointController(metrics: .shared, token: ProcessInfo.processInfo.environment["ERKEND_METRICS_TOKEN"]).addRoutes(to: guarded)
    let guesses = services.storage.guessLimits
    AccountController(auth: services.auth, signInLimiter: GuessLimiter(capacity: 10, perMinute: 10, store: guesses),
                      tokenLimiter: RateLimiter(capacity: 10, perMinute: 10), now: services.now).addRoutes(to: guarded)
    TaxonomyController(taxonomy: services.storage.taxonomy).addRoutes(to: guarded)
    CatalogueAdminController(service: services.catalogue).addRoutes(to: guarded)
    LearnerController(service: services.progression, privacy: services.storage.privacy).addRoutes(to: guarded)
    PrivacyController(service: services.privacy, mail: services.mailTransport).addRoutes(to: guarded)
    ProgressController(service: services.progression, accounts: services.storage.accounts, privacy: services.privacy).addRoutes(to: guarded)
    let linkLimiter = GuessLimiter(capacity: 30, perMinute: 30, store: guesses)
    SignoffController(service: services.progression, linkLimiter: linkLimiter, requestLimiter: RateLimiter(capacity: 60, perMinute: 60),
                      privacy: services.storage.privacy, publicAddress: services.publicAddress).addRoutes(to: guarded)
    SignoffPageController(service: services.progression, pages: pages, linkLimiter: linkLimiter,
                          stylesheet: try StaticResource.load("Static/erkend.css"), privacy: services.storage.privacy,
                          publicAddress: services.publicAddress).addRoutes(to: guarded)
    for kind in CatalogueKind.allCases {
        CatalogueController(service: services.catalogue, kind: kind).addRoutes(to: guarded)
    }
    SessionPagesController(pages: pages, auth: services.auth, limiter: GuessLimiter(capacity: 10, perMinute: 10, store: guesses), now: services.now).addRoutes(to: guarded)
    CataloguePagesController(pages: pages, catalogue: services.catalogue, taxonomy: services.storage.taxonomy,
                             script: try StaticResource.load("Static/erkend.js")).addRoutes(to: guarded)
    LearnerPagesController(pages: pages, service: services.progression, privacy: services.privacy).addRoutes(to: guarded)
    DesignerPagesController(pages: pages, catalogue: services.catalogue).addRoutes(to: guarded)
    ImportPagesController(pages: pages, catalogue: services.catalogue, store: services.storage.progression, now: services.now).addRoutes(to: guarded)
    let metricsService = MetricsService(metrics: services.storage.metrics, catalogue: services.storage.catalogue,
                                        taxonomy: services.storage.taxonomy, now: services.now)
    MetricsController(service: metricsService).addRoutes(to: guarded)
    DashboardController(pages: pages, service: metricsService).addRoutes(to: guarded)
    MatchController(service: SkillMatchService(progression: services.progression, taxonomy: services.storage.taxonomy, catalogue: services.storage.catalogue)).addRoutes(to: guarded)
    let credentialPublisher = CredentialPublisher(setup: services.issuer, awards: services.storage.awards,
                                                  publicAddress: services.publicAddress, now: services.now)
    CredentialsController(publisher: credentialPublisher).addRoutes(to: guarded)
    AwardsController(publisher: credentialPublisher, storage: services.storage).addRoutes(to: guarded)
    OpenID4VCIController(publisher: credentialPublisher, storage: services.storage, limiter: GuessLimiter(capacity: 60, perMinute: 60, store: guesses),
                         credentialUse: services.credentialUse).addRoutes(to: guarded)
    CredentialPagesController(pages: pages, publisher: credentialPublisher, storage: services.storage,
                              limiter: RateLimiter(capacity: 30, perMinute: 30), credentialUse: services.credentialUse).addRoutes(to: guarded)
    return (router, guarded.registry)
}

/// The router with every route of Erkend.
public func buildRouter(_ services: ErkendServices) throws -> Router<ErkendRequestContext> {
    try buildGuardedRouter(services).0
}

/// The composition root: the application that serves Erkend on the configured address.
public func buildApplication(
    _ services: ErkendServices,
    configuration: ServerConfiguration,
    logger: Logger,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let (seconds, attoseconds) = configuration.idleTimeout.components
    let (bodySeconds, bodyAttoseconds) = configuration.bodyTimeout.components
    let bodyLimit = TimeAmount.nanoseconds(bodySeconds * 1_000_000_000 + bodyAttoseconds / 1_000_000_000)
    return Application(
        router: try buildRouter(services),
        server: .http1(configuration: .init(additionalChannelHandlers: [RequestBodyDeadline(limit: bodyLimit, logger: logger)],
                                            idleTimeout: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))),
        configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "Erkend",
                                                backlog: configuration.backlog),
        services: [services.credentialUse],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}
