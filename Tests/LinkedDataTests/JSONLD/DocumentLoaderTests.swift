import Foundation
import LinkedData
import Testing

@Suite("Document loaders")
struct DocumentLoaderTests {
    static let bundledURLs = [
        "https://www.w3.org/ns/credentials/v2", "https://www.w3.org/2018/credentials/v1", "https://www.w3.org/ns/credentials/examples/v2",
        "https://w3id.org/security/data-integrity/v2", "https://w3id.org/security/data-integrity/v1", "https://w3id.org/security/multikey/v1",
        "https://w3id.org/security/jwk/v1", "https://w3id.org/security/suites/ed25519-2020/v1", "https://www.w3.org/ns/credentials/status/v1",
        "https://www.w3.org/ns/did/v1", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json", "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json", "http://data.europa.eu/snb/model/context/edc-ap",
    ]

    @Test("the bundled loader serves every shipped context", arguments: bundledURLs)
    func bundledContext(url: String) throws {
        let document = try BundledContexts.loader().loadDocument(url)
        #expect(document.document["@context"] != nil)
        #expect(document.documentURL == url)
    }

    @Test("the bundled credentials v2 context is the frozen W3C file (sha256 59955ced…2734)")
    func credentialsV2IsUnchanged() throws {
        let loader = try BundledContexts.loader()
        let data = try Data(contentsOf: loader.directory.appendingPathComponent(loader.index["https://www.w3.org/ns/credentials/v2"]!))
        let hex = SHA256Hex.digest(data)
        #expect(hex == "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734")
    }

    @Test("an unknown URL is refused, naming it")
    func unknownURL() throws {
        #expect {
            try BundledContexts.loader().loadDocument("https://example.org/not-here")
        } throws: { error in
            String(describing: error).contains("https://example.org/not-here")
        }
    }

    @Test("a folder with an index.json adds contexts to the bundled ones")
    func extraFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linkeddata-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"https://erkend.example/ctx": "ctx.json"}"#.utf8).write(to: folder.appendingPathComponent("index.json"))
        try Data(#"{"@context": {"level": "https://erkend.example/vocab#level"}}"#.utf8).write(to: folder.appendingPathComponent("ctx.json"))
        let loader = try BundledContexts.loader(adding: [folder])
        let document: JSONValue = [
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://erkend.example/ctx"],
            "id": "urn:x", "level": "3",
        ]
        let quads = try JSONLD.toRDF(document, options: JSONLD.Options(documentLoader: loader)).quads
        #expect(quads.contains { $0.predicate == .iri("https://erkend.example/vocab#level") })
    }

    @Test("processed contexts are cached across calls")
    func contextCache() throws {
        let loader = try OfflineDocumentLoader(directory: BundledContexts.directory())
        let document = try TestResources.json("examples/ob3/ob3-eddsa-rdfc-2022-testvector.signed.json")
        let first = try JSONLD.canonicalize(document, options: JSONLD.Options(documentLoader: loader))
        let cached = loader.contextCache?.count ?? 0
        #expect(cached > 0)
        let second = try JSONLD.canonicalize(document, options: JSONLD.Options(documentLoader: loader))
        #expect(first.nquads == second.nquads)
        #expect(loader.contextCache?.count == cached)
    }
}
