import ErkendCore
import Foundation
import Hummingbird

/// The entry points that are not about one resource: the API root, the
/// OpenAPI document, the health check.
struct RootController: Sendable {
    let openAPIDocument: Data

    struct RootDocument: Encodable {
        var name = "Erkend"
        var description = "Registry of stackable learning units, EPAs and learner progression for ROCs and hogescholen."
        var openAPI = "/openapi.json"
        var links: [String: String] = [
            "skills": "/api/v1/skills",
            "occupations": "/api/v1/occupations",
            "outcomes": "/api/v1/outcomes",
            "units": "/api/v1/units",
            "epas": "/api/v1/epas",
            "programmes": "/api/v1/programmes",
            "taxonomyStats": "/api/v1/taxonomy/stats",
        ]
        var attribution = "This service uses the ESCO classification of the European Commission."
    }

    struct Health: Encodable {
        var status = "ok"
    }

    func addRoutes(to router: GuardedRouter) {
        let document = openAPIDocument
        router.get("api/v1", .action(.readPublished)) { _, _ in try JSONIO.response(RootDocument()) }
        router.get("openapi.json", .action(.readPublished)) { _, _ in JSONIO.raw(document) }
        router.get("health", .action(.readPublished)) { _, _ in try JSONIO.response(Health()) }
    }
}
