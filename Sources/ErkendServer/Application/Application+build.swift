public import ErkendStore
public import Foundation
public import Hummingbird
public import Logging
public import ErkendCore

/// How to run the HTTP server.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

/// The services the routes call, built once per application.
public struct ErkendServices: Sendable {
    public let store: ErkendStore
    public let catalogue: CatalogueService
    public let now: @Sendable () -> Date
    /// bcrypt's work factor for new password hashes: 12 in production; tests pass 4.
    public let passwordCost: UInt8

    public init(store: ErkendStore, now: @escaping @Sendable () -> Date = { Date() }, passwordCost: UInt8 = 12) {
        self.store = store
        self.now = now
        self.passwordCost = passwordCost
        self.catalogue = CatalogueService(repository: store.catalogue, taxonomy: store.taxonomy, now: now)
    }

    var auth: AuthService {
        AuthService(accounts: store.accounts, passwords: LocalPasswordProvider(accounts: store.accounts, cost: passwordCost),
                    mentees: { _ in [] }, now: now)
    }
}

/// The router with every route of Erkend and the registry of what each route
/// needs; the one place where routes are assembled.
func buildGuardedRouter(_ services: ErkendServices) throws -> (Router<ErkendRequestContext>, RouteRegistry) {
    let router = Router(context: ErkendRequestContext.self)
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: AuthenticationMiddleware(auth: services.auth))
    let guarded = GuardedRouter(router: router, registry: RouteRegistry())
    RootController(openAPIDocument: try OpenAPIDocument.json()).addRoutes(to: guarded)
    AccountController(auth: services.auth, signInLimiter: RateLimiter(capacity: 10, perMinute: 10), now: services.now).addRoutes(to: guarded)
    TaxonomyController(taxonomy: services.store.taxonomy).addRoutes(to: guarded)
    CatalogueAdminController(service: services.catalogue).addRoutes(to: guarded)
    for kind in CatalogueKind.allCases {
        CatalogueController(service: services.catalogue, kind: kind).addRoutes(to: guarded)
    }
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
    Application(
        router: try buildRouter(services),
        configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "Erkend"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}
