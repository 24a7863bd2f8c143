import ErkendServer
import ErkendStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    /// `METHOD /path/{param}` for every operation the document describes.
    static func documentedOperations() throws -> Set<String> {
        let document = try OpenAPIDocument.load()
        let paths = try #require(document["paths"] as? [String: Any])
        var operations = Set<String>()
        for (path, item) in paths {
            for method in ((item as? [String: Any]) ?? [:]).keys where ["get", "put", "post", "delete", "patch"].contains(method) {
                operations.insert("\(method.uppercased()) \(path)")
            }
        }
        return operations
    }

    @Test("Every route of the server is in the document and the document names no route that does not exist")
    func routesMatchTheDocument() async throws {
        let router = try buildRouter(ErkendServices(store: try ErkendStore.inMemory()))
        let served = Set(router.routes.map { route -> String in
            let path = route.path.description.split(separator: "/").map { segment in
                segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
            }.joined(separator: "/")
            return "\(route.method.rawValue) /\(path)"
        })
        let documented = try Self.documentedOperations()

        #expect(served.subtracting(documented).sorted() == [], "routes missing from Docs/openapi.yaml")
        #expect(documented.subtracting(served).sorted() == [], "documented routes the server does not have")
    }

    @Test("The server serves the document as JSON at /openapi.json")
    func servedAsJSON() async throws {
        let app = try await TestApplication(taxonomy: false)
        try await app.test { client in
            let response = try await client.json(.get, "/openapi.json")
            #expect(response.body["openapi"] as? String == "3.1.0")
            #expect((response.body["paths"] as? [String: Any])?["/api/v1/units"] != nil)
        }
    }
}
