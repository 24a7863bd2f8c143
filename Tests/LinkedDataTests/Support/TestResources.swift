import Foundation
import LinkedData

/// The copies of the W3C suites and signed examples in `Resources/` (see
/// `Resources/NOTICE.md` for where they come from).
enum TestResources {
    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String { "test resource missing: \(path)" }
    }

    static var root: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil) else { throw Missing(path: "Resources") }
            return url
        }
    }

    static func url(_ path: String) throws -> URL {
        let url = try root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(path: path) }
        return url
    }

    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: url(path))
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try data(path), as: UTF8.self)
    }

    static func json(_ path: String) throws -> JSONValue {
        try JSONParser.parse(data(path))
    }
}
