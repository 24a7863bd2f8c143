import Foundation
import LinkedData

/// Serves the JSON-LD test suite's files for their published URLs
/// (`https://w3c.github.io/json-ld-api/tests/…`) from the test resources.
struct TestSuiteDocumentLoader: DocumentLoader {
    static let baseIRI = "https://w3c.github.io/json-ld-api/tests/"

    func loadDocument(_ url: String) throws -> RemoteDocument {
        guard url.hasPrefix(Self.baseIRI) else {
            throw DocumentLoaderError(url: url, message: "\(url) is not part of the test suite")
        }
        var relative = String(url.dropFirst(Self.baseIRI.count))
        if let hash = relative.firstIndex(of: "#") { relative = String(relative[..<hash]) }
        let data: Data
        do {
            data = try TestResources.data("jsonld-api-tests/" + relative)
        } catch {
            throw DocumentLoaderError(url: url, message: "\(url) not found in the test suite")
        }
        return RemoteDocument(documentURL: url, document: try JSONParser.parse(data))
    }
}
