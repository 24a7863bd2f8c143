import Foundation

/// Finds the `Catalogs/` folder with the shipped ESCO subset and demo catalogue:
/// the `--catalogs` option, else `$ERKEND_CATALOGS`, else `./Catalogs`, else the
/// folder beside the sources this binary was built from.
enum CatalogsLocator {
    static func locate(_ option: String?) throws -> URL {
        var candidates: [String] = []
        if let option { candidates.append(option) }
        if let env = ProcessInfo.processInfo.environment["ERKEND_CATALOGS"] { candidates.append(env) }
        candidates.append("Catalogs")
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(sourceRoot.appendingPathComponent("Catalogs").path)
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
                return URL(fileURLWithPath: candidate)
            }
        }
        throw CLIError("cannot find the Catalogs folder (tried \(candidates.joined(separator: ", "))); pass --catalogs DIR")
    }
}
