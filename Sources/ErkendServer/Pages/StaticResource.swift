import ErkendCore
import Foundation

/// Files shipped in the server's resources folder.
enum StaticResource {
    static func load(_ path: String) throws -> Data {
        let name = (path as NSString).lastPathComponent
        let folder = (path as NSString).deletingLastPathComponent
        let url = Bundle.module.url(forResource: (name as NSString).deletingPathExtension, withExtension: (name as NSString).pathExtension, subdirectory: "Resources/\(folder)")
            ?? Bundle.module.url(forResource: (name as NSString).deletingPathExtension, withExtension: (name as NSString).pathExtension, subdirectory: folder)
        guard let url else { throw ErkendError(.storage, "\(path) is missing from the server's resources") }
        return try Data(contentsOf: url)
    }
}
