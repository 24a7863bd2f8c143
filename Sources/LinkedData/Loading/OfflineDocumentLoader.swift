public import Foundation

/// Serves JSON-LD contexts from a folder, never from the network.
///
/// The folder holds an `index.json` that maps each context URL to a file name
/// in the folder (`{"https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld"}`).
/// Documents are parsed once and kept; processed contexts are cached in
/// `contextCache`, which stays valid because the files are read only once.
public final class OfflineDocumentLoader: DocumentLoader, @unchecked Sendable {
    /// The folder the documents come from.
    public let directory: URL
    /// Context URL → file name, from `index.json`.
    public let index: [String: String]
    public let contextCache: ContextCache?

    private let lock = NSLock()
    private var parsed: [String: RemoteDocument] = [:]

    /// Reads `directory/index.json`; throws if it is missing or malformed.
    public init(directory: URL, cacheProcessedContexts: Bool = true) throws {
        self.directory = directory
        let indexURL = directory.appendingPathComponent("index.json")
        let data: Data
        do {
            data = try Data(contentsOf: indexURL)
        } catch {
            throw DocumentLoaderError(url: indexURL.path, message: "cannot read context index \(indexURL.path): \(error.localizedDescription)")
        }
        guard case .object(let object) = try JSONParser.parse(data) else {
            throw DocumentLoaderError(url: indexURL.path, message: "context index \(indexURL.path) must be a JSON object of URL → file name")
        }
        var index: [String: String] = [:]
        for (url, file) in object {
            guard let name = file.stringValue else {
                throw DocumentLoaderError(url: url, message: "context index \(indexURL.path): entry for \(url) is not a file name")
            }
            index[url] = name
        }
        self.index = index
        contextCache = cacheProcessedContexts ? ContextCache() : nil
    }

    /// Whether this loader can serve `url`.
    public func canLoad(_ url: String) -> Bool { fileName(for: url) != nil }

    private func fileName(for url: String) -> String? {
        if let name = index[url] { return name }
        // A fragment never changes which document is meant.
        if let hash = url.firstIndex(of: "#") { return index[String(url[..<hash])] }
        return nil
    }

    public func loadDocument(_ url: String) throws -> RemoteDocument {
        lock.lock()
        if let cached = parsed[url] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        guard let name = fileName(for: url) else {
            throw DocumentLoaderError(
                url: url,
                message: "\(url) is not available offline (not listed in \(directory.appendingPathComponent("index.json").path)); contexts are never fetched from the network")
        }
        let fileURL = directory.appendingPathComponent(name)
        let data: Data
        do {
            data = try Data(contentsOf: fileURL)
        } catch {
            throw DocumentLoaderError(url: url, message: "cannot read \(fileURL.path) for \(url): \(error.localizedDescription)")
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(data)
        } catch {
            throw DocumentLoaderError(url: url, message: "\(fileURL.path) (for \(url)) is not valid JSON: \(error)")
        }
        let remote = RemoteDocument(documentURL: url, document: document)
        lock.lock()
        parsed[url] = remote
        lock.unlock()
        return remote
    }
}
