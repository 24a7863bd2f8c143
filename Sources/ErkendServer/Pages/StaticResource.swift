import ErkendCore
import ErkendTemplates
import Foundation

/// Files the pages load, shipped in `Templates/Static`.
enum StaticResource {
    /// The bytes of `path` inside `Templates/` (`"Static/erkend.css"`).
    static func load(_ path: String) throws -> Data {
        do {
            return try ErkendTemplates.file(path)
        } catch {
            throw ErkendError(.storage, "\(path) is missing from Erkend's shipped files (Templates/)")
        }
    }
}
