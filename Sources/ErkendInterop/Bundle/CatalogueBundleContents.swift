public import ErkendCore

/// What a bundle folder holds, read and checked file by file.
public struct CatalogueBundleContents: Hashable, Sendable {
    /// `nil` when the folder has no `catalog.yaml`.
    public var metadata: CatalogueBundleMetadata?
    /// Every entity version, in version-key order (kind, code, version).
    public var entities: [AnyCatalogueEntity]
    /// The file each version was read from, relative to the bundle folder.
    public var files: [VersionKey: String]

    public init(metadata: CatalogueBundleMetadata?, entities: [AnyCatalogueEntity], files: [VersionKey: String]) {
        self.metadata = metadata
        self.entities = entities
        self.files = files
    }
}
