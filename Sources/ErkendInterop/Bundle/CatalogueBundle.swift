public import ErkendCore
public import Foundation
import Yams

/// A catalogue bundle: a folder of YAML files a programme designer can read,
/// edit and keep in version control. `catalog.yaml` (optional) says what the
/// bundle is; every entity version has its own file, `outcomes/CODE.vN.yaml`,
/// `units/…`, `epas/…`, `programmes/…`. Docs/catalogue-format.md describes the format.
public enum CatalogueBundle {
    /// Reads and checks every file of a bundle.
    ///
    /// Files other than `*.yaml` (a README, say) are left alone. References to
    /// entities that are not in the bundle are not read errors: they may be in
    /// the catalogue already; validation and the import plan judge them.
    ///
    /// - Throws: one `ErkendError` with code `.importFailed` listing every
    ///   problem found, each with the file (relative path), the line where
    ///   YAML gives one, the field and what is wrong.
    public static func read(from folder: URL) throws -> CatalogueBundleContents {
        let files = FileManager.default
        var isFolder: ObjCBool = false
        guard files.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ErkendError(.importFailed, "\(folder.path) is not a folder; a bundle is a folder with catalog.yaml and outcomes/, units/, epas/, programmes/")
        }
        var reader = BundleReader(folder: folder)
        reader.readAll()
        guard reader.problems.isEmpty else {
            let fileCount = Set(reader.problems.map(\.file)).count
            throw ErkendError(
                .importFailed, "the bundle at \(folder.path) has \(reader.problems.count) problem(s) in \(fileCount) file(s)",
                details: reader.problems.sorted().map(\.detail))
        }
        return CatalogueBundleContents(
            metadata: reader.metadata, entities: reader.entities.sorted { $0.key < $1.key }, files: reader.files)
    }

    /// Writes every entity version to its own file and `catalog.yaml` (when
    /// `metadata` is given), creating folders as needed. The output is
    /// deterministic: the same entities give byte-identical files.
    ///
    /// Afterwards the four entity folders hold exactly the given versions:
    /// other `*.yaml` files in them are removed. Nothing else is touched.
    ///
    /// - Throws: `ErkendError` `.invalidInput` when a version appears twice;
    ///   file-system errors as they come.
    public static func write(_ entities: [AnyCatalogueEntity], metadata: CatalogueBundleMetadata? = nil, to folder: URL) throws {
        var byPath: [String: AnyCatalogueEntity] = [:]
        for entity in entities {
            let path = BundleFileName.path(of: entity.key)
            guard byPath.updateValue(entity, forKey: path) == nil else {
                throw ErkendError.invalid(entity.key.description, "appears more than once; a bundle has one file per version")
            }
        }
        let files = FileManager.default
        try files.createDirectory(at: folder, withIntermediateDirectories: true)
        if let metadata {
            try write(BundleYAML.text(of: metadata), to: folder.appendingPathComponent(BundleFileName.metadata))
        }
        for kind in CatalogueKind.allCases {
            let kindFolder = folder.appendingPathComponent(kind.plural, isDirectory: true)
            let wanted = byPath.filter { $0.value.kind == kind }
            if !wanted.isEmpty { try files.createDirectory(at: kindFolder, withIntermediateDirectories: true) }
            for (path, entity) in wanted.sorted(by: { $0.key < $1.key }) {
                try write(BundleYAML.text(of: entity), to: folder.appendingPathComponent(path))
            }
            let present = (try? files.contentsOfDirectory(atPath: kindFolder.path)) ?? []
            for name in present where name.hasSuffix(".\(BundleFileName.fileExtension)") && wanted["\(kind.plural)/\(name)"] == nil {
                try files.removeItem(at: kindFolder.appendingPathComponent(name))
            }
        }
    }

    /// Writes only when the bytes differ, so an unchanged export leaves files untouched.
    private static func write(_ text: String, to file: URL) throws {
        let data = Data(text.utf8)
        if let existing = try? Data(contentsOf: file), existing == data { return }
        try data.write(to: file, options: .atomic)
    }
}
