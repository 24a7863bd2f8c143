import ErkendCore
import Foundation
import Yams

/// A problem of a bundle, tied to its file.
struct BundleProblem: Comparable {
    /// Relative to the bundle folder.
    var file: String
    var line: Int?
    var field: String
    var message: String

    var detail: ErkendError.Detail {
        let location = line.map { "\(file):\($0)" } ?? file
        return ErkendError.Detail(location: location, message: field.isEmpty ? message : "field \(field): \(message)")
    }

    static func < (lhs: BundleProblem, rhs: BundleProblem) -> Bool {
        (lhs.file, lhs.line ?? 0, lhs.field, lhs.message) < (rhs.file, rhs.line ?? 0, rhs.field, rhs.message)
    }
}

/// Reads a bundle folder file by file, collecting every problem.
struct BundleReader {
    let folder: URL
    private(set) var problems: [BundleProblem] = []
    private(set) var metadata: CatalogueBundleMetadata?
    /// Every entity read, with the file it came from.
    private var read: [(entity: AnyCatalogueEntity, path: String)] = []

    var entities: [AnyCatalogueEntity] { read.map(\.entity) }
    var files: [VersionKey: String] {
        Dictionary(read.map { ($0.entity.key, $0.path) }, uniquingKeysWith: { first, _ in first })
    }

    init(folder: URL) {
        self.folder = folder
    }

    mutating func readAll() {
        checkTopLevel()
        readMetadata()
        for kind in CatalogueKind.allCases {
            let kindFolder = folder.appendingPathComponent(kind.plural, isDirectory: true)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: kindFolder.path) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                readEntity(kind, name: name)
            }
        }
        checkDuplicates()
    }

    private mutating func report(_ file: String, line: Int? = nil, field: String = "", _ message: String) {
        problems.append(BundleProblem(file: file, line: line, field: field, message: message))
    }

    private mutating func report(_ file: String, _ found: [YAMLProblem]) {
        for problem in found { report(file, line: problem.line, field: problem.field, problem.message) }
    }

    /// YAML files outside the four entity folders would otherwise be ignored without a word.
    private mutating func checkTopLevel() {
        let known = Set(CatalogueKind.allCases.map(\.plural))
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() where !name.hasPrefix(".") && !known.contains(name) && name != BundleFileName.metadata {
            let url = folder.appendingPathComponent(name)
            if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                report(name, "is not part of the format; entity files go in outcomes/, units/, epas/ or programmes/, bundle details in catalog.yaml")
            } else if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true,
                      let inside = try? FileManager.default.contentsOfDirectory(atPath: url.path),
                      inside.contains(where: { $0.hasSuffix(".yaml") }) {
                report(name + "/", "is not a bundle folder; entity files go in outcomes/, units/, epas/ or programmes/")
            }
        }
    }

    private mutating func readMetadata() {
        let name = BundleFileName.metadata
        let url = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        guard let root = compose(name, at: url) else { return }
        switch BundleYAML.metadata(from: root) {
        case .success(let value): metadata = value
        case .failure(let found): report(name, found.list)
        }
    }

    private mutating func readEntity(_ kind: CatalogueKind, name: String) {
        let path = "\(kind.plural)/\(name)"
        if name.hasSuffix(".yml") {
            report(path, "bundle files end in .yaml; rename it to \(name.dropLast(4)).yaml")
            return
        }
        guard name.hasSuffix(".\(BundleFileName.fileExtension)") else { return }
        guard let named = BundleFileName.parse(name) else {
            report(path, "the file name must be CODE.vVERSION.yaml, such as SD-B1-K1.v1.yaml")
            return
        }
        guard let root = compose(path, at: folder.appendingPathComponent(path)) else { return }
        switch BundleYAML.entity(kind, from: root) {
        case .failure(let found):
            report(path, found.list)
        case .success(let entity):
            let key = entity.key
            if key.code != named.code {
                report(path, line: YAMLLocator.line(of: "code", in: root), field: "code",
                       "is \(key.code), but the file name says \(named.code); rename the file to \(BundleFileName.name(of: key)) or correct the code")
            }
            if key.version != named.version {
                report(path, line: YAMLLocator.line(of: "version", in: root), field: "version",
                       "is \(key.version), but the file name says v\(named.version); rename the file to \(BundleFileName.name(of: key)) or correct the version")
            }
            read.append((entity, path))
        }
    }

    private mutating func compose(_ path: String, at url: URL) -> Node? {
        guard let data = try? Data(contentsOf: url) else {
            report(path, "cannot be read")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            report(path, "is not UTF-8 text")
            return nil
        }
        switch BundleYAML.compose(text) {
        case .success(let root): return root
        case .failure(let problem):
            report(path, [problem])
            return nil
        }
    }

    /// One version, one file. Codes that differ only in case count as the same:
    /// their files cannot live side by side on macOS or Windows.
    private mutating func checkDuplicates() {
        let groups = Dictionary(grouping: read) { "\($0.entity.kind.rawValue) \($0.entity.entity.code.lowercased())@\($0.entity.entity.version)" }
        for (_, group) in groups where group.count > 1 {
            for (entity, path) in group {
                let others = group.map(\.path).filter { $0 != path }.sorted().joined(separator: ", ")
                let key = entity.key
                report(path, field: "code", "\(key.kind.displayName) \(key.code)@\(key.version) is also defined in \(others); keep one file per version")
            }
        }
    }
}
