import ErkendCore
import Foundation

/// File names of entity versions: `units/SD-B1-K1-W1.v2.yaml`.
enum BundleFileName {
    static let metadata = "catalog.yaml"
    static let fileExtension = "yaml"

    /// The file of a version, relative to the bundle folder.
    static func path(of key: VersionKey) -> String {
        "\(key.kind.plural)/\(name(of: key))"
    }

    static func name(of key: VersionKey) -> String {
        "\(key.code).v\(key.version).\(fileExtension)"
    }

    /// Reads `CODE.vN.yaml`; `nil` when the name has another form. The code
    /// itself is checked by the entity, against the name.
    static func parse(_ name: String) -> (code: String, version: Int)? {
        guard name.hasSuffix(".\(fileExtension)") else { return nil }
        let stem = name.dropLast(fileExtension.count + 1)
        guard let marker = stem.range(of: ".v", options: .backwards) else { return nil }
        let code = String(stem[..<marker.lowerBound])
        let digits = stem[marker.upperBound...]
        guard !code.isEmpty, let version = Int(digits), version >= 1, String(version) == digits else { return nil }
        return (code, version)
    }
}
