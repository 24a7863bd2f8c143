public import Foundation

/// The templates and static files Erkend ships: Mustache templates for pages
/// (`Pages/`), e-mails (`Mail/`) and credential displays, and the files pages
/// load (`Static/`: styles, scripts, images). A resource target of its own, so
/// that people who change how Erkend looks find it all in one top-level folder.
public enum ErkendTemplates {
    /// The shipped folder `name` (`"Pages"`, `"Static"`, …), or `nil` when the build left it out.
    public static func folder(_ name: String) -> URL? {
        Bundle.module.url(forResource: name, withExtension: nil)
    }

    /// The Mustache templates of folder `name`, by file name without `.mustache`.
    public static func templates(in name: String) throws -> [String: String] {
        guard let folder = folder(name) else { throw MissingFolder(name: name) }
        var templates: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) where file.pathExtension == "mustache" {
            templates[file.deletingPathExtension().lastPathComponent] = try String(contentsOf: file, encoding: .utf8)
        }
        return templates
    }

    /// The bytes of a shipped file, by its path inside `Templates/` (`"Static/erkend.css"`).
    public static func file(_ path: String) throws -> Data {
        let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let folder = folder(parts[0]) else { throw MissingFolder(name: path) }
        return try Data(contentsOf: folder.appendingPathComponent(parts[1]))
    }

    /// A folder the build should have copied is not there.
    public struct MissingFolder: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "\(name) is missing from Erkend's shipped templates (Templates/ in the source tree)" }
    }
}
