import ErkendCore
public import Foundation

/// The OpenAPI 3.1 document that describes the API; kept in
/// `Sources/ErkendServer/Resources/openapi.json` (Docs/openapi.json points at it).
public enum OpenAPIDocument {
    public static func load() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources") ?? Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw ErkendError(.storage, "the OpenAPI document is missing from the server's resources")
        }
        return try Data(contentsOf: url)
    }
}
