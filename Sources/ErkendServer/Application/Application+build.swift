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

    public init(store: ErkendStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
        self.catalogue = CatalogueService(repository: store.catalogue, taxonomy: store.taxonomy, now: now)
    }
}

/// The router with every route of Erkend; the one place where routes are assembled.
public func buildRouter(_ services: ErkendServices) throws -> Router<ErkendRequestContext> {
    let router = Router(context: ErkendRequestContext.self)
    router.add(middleware: ProblemMiddleware())
    RootController<ErkendRequestContext>(openAPIDocument: try OpenAPIDocument.json()).addRoutes(to: router)
    TaxonomyController<ErkendRequestContext>(taxonomy: services.store.taxonomy).addRoutes(to: router)
    CatalogueAdminController<ErkendRequestContext>(service: services.catalogue).addRoutes(to: router)
    for kind in CatalogueKind.allCases {
        CatalogueController<ErkendRequestContext>(service: services.catalogue, kind: kind).addRoutes(to: router)
    }
    return router
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
