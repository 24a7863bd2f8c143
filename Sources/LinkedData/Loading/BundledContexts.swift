public import Foundation

/// The JSON-LD contexts shipped inside this module (see
/// `Sources/LinkedData/Contexts/NOTICE.md`): W3C credentials v1 and v2,
/// Data Integrity, Multikey, JWK, DID, Bitstring Status List, the Ed25519 2020
/// suite, Open Badges 3.0.x, CLR 2.0.1 and the European Learning Model.
public enum BundledContexts {
    /// The names SwiftPM gives this module's resource bundle (Linux, Apple platforms).
    static let bundleNames = ["Erkend_LinkedData.resources", "Erkend_LinkedData.bundle"]

    /// The folder holding the shipped contexts and their `index.json`, looked up
    /// where SwiftPM puts resource bundles: next to the running executable, or
    /// next to a loaded bundle (a test bundle).
    ///
    /// Unlike `Bundle.module`, a missing bundle is an error, not a crash.
    public static func directory() throws -> URL {
        var folders: [URL] = [Bundle.main.bundleURL]
        if let resources = Bundle.main.resourceURL { folders.append(resources) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent())
        for bundle in Bundle.allBundles + Bundle.allFrameworks {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for folder in folders {
            for name in bundleNames {
                let bundle = folder.appendingPathComponent(name)
                for contexts in [bundle.appendingPathComponent("Contexts"), bundle.appendingPathComponent("Contents/Resources/Contexts")] {
                    if FileManager.default.fileExists(atPath: contexts.appendingPathComponent("index.json").path) { return contexts }
                }
            }
        }
        throw DocumentLoaderError(
            url: bundleNames[0],
            message: "the bundled JSON-LD contexts (\(bundleNames[0])) were not found next to the executable; install the resource bundle with it or load contexts from a folder with OfflineDocumentLoader(directory:)")
    }

    private static let shared: Result<OfflineDocumentLoader, any Error> = Result { try OfflineDocumentLoader(directory: directory()) }

    /// The shared loader over the shipped contexts (one per process, so its
    /// parsed and processed contexts are reused by every call).
    public static func loader() throws -> OfflineDocumentLoader {
        try shared.get()
    }

    /// The shipped contexts, plus the folders given (each with an `index.json`);
    /// the folders are searched first.
    public static func loader(adding directories: [URL]) throws -> any DocumentLoader {
        if directories.isEmpty { return try loader() }
        var loaders: [any DocumentLoader] = try directories.map { try OfflineDocumentLoader(directory: $0) }
        loaders.append(try loader())
        return ChainedDocumentLoader(loaders)
    }
}
