public import Foundation
import ErkendCore
import Yams

/// The OpenAPI 3.1 document that describes the API. It is written in YAML in
/// `Sources/ErkendServer/Resources/openapi.yaml` (`Docs/openapi.yaml` links to
/// it) and served as JSON.
public enum OpenAPIDocument {
    /// The document as parsed YAML: dictionaries, arrays and scalars.
    public static func load() throws -> [String: Any] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw ErkendError(.storage, "the OpenAPI document is missing from the server's resources")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let document = try Yams.load(yaml: text) as? [String: Any] else {
            throw ErkendError(.storage, "the OpenAPI document is not a YAML mapping")
        }
        return document
    }

    /// The document as JSON, for `/openapi.json`. Converted once per process: the
    /// document does not change while the server runs.
    public static func json() throws -> Data {
        try converted.get()
    }

    private static let converted: Result<Data, any Error> = Result {
        try JSONSerialization.data(withJSONObject: try load(), options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
